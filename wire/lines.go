package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonLine is one exchange of a JSON-lines capture: the JSON of
// reports.Exchange (what the harness attaches and records), with the
// scenario it belonged to as "session". Headers may be objects of strings
// or of lists of strings.
type jsonLine struct {
	Session         string          `json:"session"`
	Action          string          `json:"action"`
	Method          string          `json:"method"`
	URL             string          `json:"url"`
	RequestHeaders  json.RawMessage `json:"requestHeaders"`
	RequestBody     *string         `json:"requestBody"`
	Status          int             `json:"status"`
	ResponseHeaders json.RawMessage `json:"responseHeaders"`
	ResponseBody    *string         `json:"responseBody"`
	Folded          int             `json:"folded"`
}

func parseJSONLine(line []byte, lim Limits) (Exchange, error) {
	var l jsonLine
	if err := json.Unmarshal(line, &l); err != nil {
		return Exchange{}, fmt.Errorf("not a JSON object of an exchange: %w", err)
	}
	x := Exchange{Session: l.Session, Action: l.Action, Method: strings.ToUpper(l.Method), URL: l.URL, Status: l.Status, Folded: l.Folded}
	var err error
	if x.Header, err = jsonHeaders(l.RequestHeaders); err != nil {
		return x, fmt.Errorf("requestHeaders: %w", err)
	}
	if x.ResponseHeader, err = jsonHeaders(l.ResponseHeaders); err != nil {
		return x, fmt.Errorf("responseHeaders: %w", err)
	}
	if l.RequestBody != nil {
		x.Body = []byte(*l.RequestBody)
	}
	if l.ResponseBody != nil || l.Status != 0 {
		x.HasResponseBody = true
		if l.ResponseBody != nil {
			x.ResponseBody = []byte(*l.ResponseBody)
		}
	}
	return x, checkRequest(&x, lim)
}

func jsonHeaders(raw json.RawMessage) (http.Header, error) {
	h := http.Header{}
	if len(raw) == 0 || string(raw) == "null" {
		return h, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errors.New("expected an object")
	}
	for k, v := range m {
		var one string
		if json.Unmarshal(v, &one) == nil {
			h.Add(k, one)
			continue
		}
		var list []string
		if err := json.Unmarshal(v, &list); err != nil {
			return nil, fmt.Errorf("header %s: expected a string or a list of strings", truncate(k, 40))
		}
		for _, s := range list {
			h.Add(k, s)
		}
	}
	return h, nil
}

// parseLogLine reads one line of the access log format of docs/wire.md, an
// nginx log_format with escape=json:
//
//	$time_iso8601 "$request" $status "$content_type" "$http_user_agent" "$request_body" ["$resp_body"]
//
// "-" or "" is an absent body; the response body is optional (stock nginx
// cannot log it).
func parseLogLine(line []byte, lim Limits) (Exchange, error) {
	s := string(line)
	if !utf8.ValidString(s) {
		return Exchange{}, errors.New("not UTF-8 text")
	}
	sp := strings.IndexByte(s, ' ')
	if sp <= 0 {
		return Exchange{}, errors.New(`not an access-log line: expected TIME "REQUEST" STATUS "CONTENT_TYPE" "USER_AGENT" "REQUEST_BODY"`)
	}
	rest := strings.TrimLeft(s[sp:], " ")
	request, rest, err := quoted(rest)
	if err != nil {
		return Exchange{}, fmt.Errorf("the request field: %w", err)
	}
	rest = strings.TrimLeft(rest, " ")
	sp = strings.IndexByte(rest, ' ')
	if sp < 0 {
		return Exchange{}, errors.New("no status and content type after the request")
	}
	status, err := strconv.Atoi(rest[:sp])
	if err != nil {
		return Exchange{}, fmt.Errorf("status %q: not a number", truncate(rest[:sp], 10))
	}
	var fields []string
	rest = rest[sp:]
	for {
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			break
		}
		if len(fields) == 4 {
			return Exchange{}, errors.New("more fields than the format's")
		}
		var f string
		if f, rest, err = quoted(rest); err != nil {
			return Exchange{}, fmt.Errorf("field %d: %w", len(fields)+4, err)
		}
		fields = append(fields, f)
	}
	if len(fields) < 3 {
		return Exchange{}, fmt.Errorf("%d quoted fields after the status: expected content type, user agent and request body", len(fields))
	}
	parts := strings.Fields(request)
	if len(parts) < 2 {
		return Exchange{}, fmt.Errorf("request %q: expected METHOD TARGET PROTOCOL", truncate(request, 60))
	}
	x := Exchange{Method: parts[0], URL: parts[1], Status: status, Header: http.Header{}}
	if ct := fields[0]; ct != "" && ct != "-" {
		x.Header.Set("Content-Type", ct)
	}
	if ua := fields[1]; ua != "" && ua != "-" {
		x.Header.Set("User-Agent", ua)
	}
	if b := fields[2]; b != "" && b != "-" {
		x.Body = []byte(b)
	}
	if len(fields) == 4 {
		x.HasResponseBody = true
		if b := fields[3]; b != "-" {
			x.ResponseBody = []byte(b)
		}
	}
	return x, checkRequest(&x, lim)
}

// quoted reads a double-quoted field with nginx's escape=json escapes from
// the start of s and returns its value and what follows it.
func quoted(s string) (string, string, error) {
	if !strings.HasPrefix(s, `"`) {
		return "", "", errors.New("expected a double-quoted field")
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			return b.String(), s[i+1:], nil
		case '\\':
			if i+1 >= len(s) {
				return "", "", errors.New("a field ends in a backslash")
			}
			i++
			switch s[i] {
			case '"', '\\', '/':
				b.WriteByte(s[i])
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'u':
				if i+4 >= len(s) {
					return "", "", errors.New(`a \u escape is cut short`)
				}
				n, err := strconv.ParseUint(s[i+1:i+5], 16, 16)
				if err != nil {
					return "", "", fmt.Errorf(`\u%s: not a hex escape`, s[i+1:i+5])
				}
				b.WriteRune(rune(n))
				i += 4
			case 'x': // nginx's default escaping writes \xHH
				if i+2 >= len(s) {
					return "", "", errors.New(`a \x escape is cut short`)
				}
				n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
				if err != nil {
					return "", "", fmt.Errorf(`\x%s: not a hex escape`, s[i+1:i+3])
				}
				b.WriteByte(byte(n))
				i += 2
			default:
				return "", "", fmt.Errorf(`unknown escape \%c`, s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", errors.New("a quoted field is not closed")
}
