// Package wire reads captures of what Okta sent to a SCIM server (a HAR file
// from a proxy, JSON lines, or an nginx access log with bodies), compares
// each Okta request with what mockokta sends for the same action
// ([Compare]), and replays the captured requests against a server ([Replay]).
//
// A capture is untrusted input: [Read] bounds its size, the number of
// exchanges and each body, never panics, and names every entry it cannot use
// (Capture.Problems) rather than dropping it. The formats are described in
// docs/wire.md.
package wire

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Exchange is one request of a capture and, when the capture has it, its
// answer.
type Exchange struct {
	// Entry is where the exchange is in the capture: "entry 3" of a HAR
	// file, "line 12" of JSON lines or an access log.
	Entry string
	// Session groups the exchanges of one recorded scenario ("" for a
	// capture of one Okta org): a replay starts each session afresh.
	Session string
	// Action is the Okta action a recording of the harness names ("" in
	// other captures).
	Action string

	Method string
	URL    string // absolute, or a path with its query (access logs)
	Header http.Header
	Body   []byte

	// Status is the answer's status, 0 when the capture has no answer.
	Status         int
	ResponseHeader http.Header
	ResponseBody   []byte
	// HasResponseBody reports whether the capture kept the answer's body
	// (an access log may not).
	HasResponseBody bool
	// Folded, in a recording of the harness, is how many requests alike
	// the entry stands for (reports.Exchange.Folded: a digest of a step
	// that passed): not one request, so neither compared nor replayed.
	Folded int
}

// Problem is an entry of a capture that could not be used, and why.
type Problem struct {
	Entry  string
	Reason string
}

func (p Problem) String() string { return p.Entry + ": " + p.Reason }

// Capture is a parsed capture.
type Capture struct {
	Format    string // "har", "jsonl" or "access-log"
	Exchanges []Exchange
	// Problems are the entries left out, each named: nothing is dropped
	// silently.
	Problems []Problem
}

// Limits bound what Read accepts. The zero value means the defaults.
type Limits struct {
	MaxBytes     int64 // the whole capture; 0 means 256 MiB
	MaxExchanges int   // 0 means 100000
	MaxBody      int   // one request or answer body; 0 means 8 MiB
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = 256 << 20
	}
	if l.MaxExchanges <= 0 {
		l.MaxExchanges = 100000
	}
	if l.MaxBody <= 0 {
		l.MaxBody = 8 << 20
	}
	return l
}

// TooLargeError is a capture beyond Limits.
type TooLargeError struct{ What string }

func (e *TooLargeError) Error() string { return "capture too large: " + e.What }

// Read parses a capture, telling its format from its content: a JSON
// object with "log" is HAR, lines of JSON objects are JSON lines, other
// lines are an access log. An error means the capture as a whole is
// unreadable (truncated HAR, too large, no known format); entries that
// cannot be used are listed in Capture.Problems.
func Read(r io.Reader, lim Limits) (*Capture, error) {
	lim = lim.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the capture: %w", err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, &TooLargeError{What: fmt.Sprintf("more than %d bytes", lim.MaxBytes)}
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	trimmed = bytes.TrimPrefix(trimmed, []byte("\ufeff"))
	if len(trimmed) == 0 {
		return nil, errors.New("the capture is empty")
	}
	var c *Capture
	switch {
	case trimmed[0] == '{' && looksLikeHAR(trimmed):
		c, err = readHAR(trimmed, lim)
	case trimmed[0] == '{':
		c, err = readLines(trimmed, lim, "jsonl", parseJSONLine)
	default:
		c, err = readLines(trimmed, lim, "access-log", parseLogLine)
	}
	if err != nil {
		return nil, err
	}
	if len(c.Exchanges) == 0 && len(c.Problems) == 0 {
		return nil, fmt.Errorf("the %s capture holds no request", c.Format)
	}
	return c, nil
}

// looksLikeHAR reports whether the first member of the top-level object is
// "log", or "log" comes in the first KiB (HAR writers put it first).
func looksLikeHAR(b []byte) bool {
	head := b[:min(len(b), 1024)]
	i := bytes.IndexByte(head, '"')
	if i < 0 {
		return false
	}
	return bytes.HasPrefix(head[i:], []byte(`"log"`))
}

// readLines splits data into lines and parses each non-empty one with
// parse. A line that fails is a problem, not an error, unless no line at
// all parses.
func readLines(data []byte, lim Limits, format string, parse func([]byte, Limits) (Exchange, error)) (*Capture, error) {
	c := &Capture{Format: format}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 2*lim.MaxBody+64<<10)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		entry := fmt.Sprintf("line %d", n)
		x, err := parse(line, lim)
		if err != nil {
			c.Problems = append(c.Problems, Problem{Entry: entry, Reason: err.Error()})
			continue
		}
		if len(c.Exchanges) >= lim.MaxExchanges {
			return nil, &TooLargeError{What: fmt.Sprintf("more than %d exchanges", lim.MaxExchanges)}
		}
		x.Entry = entry
		c.Exchanges = append(c.Exchanges, x)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &TooLargeError{What: fmt.Sprintf("line %d is longer than %d bytes", n+1, 2*lim.MaxBody+64<<10)}
		}
		return nil, fmt.Errorf("reading line %d: %w", n+1, err)
	}
	if len(c.Exchanges) == 0 && len(c.Problems) > 0 {
		p := c.Problems[0]
		return nil, fmt.Errorf("not a capture in a known format (HAR, JSON lines, or the access log of docs/wire.md): %s", p)
	}
	return c, nil
}

// checkRequest checks what every format needs of a request.
func checkRequest(x *Exchange, lim Limits) error {
	if !validMethod(x.Method) {
		return fmt.Errorf("method %q: not an HTTP method", truncate(x.Method, 20))
	}
	if x.URL == "" {
		return errors.New("no URL")
	}
	u, err := url.Parse(x.URL)
	if err != nil {
		return fmt.Errorf("URL %q: %w", truncate(x.URL, 80), err)
	}
	if u.Path == "" {
		return fmt.Errorf("URL %q: no path", truncate(x.URL, 80))
	}
	if len(x.Body) > lim.MaxBody || len(x.ResponseBody) > lim.MaxBody {
		return fmt.Errorf("a body larger than %d bytes", lim.MaxBody)
	}
	if x.Status != 0 && (x.Status < 100 || x.Status > 599) {
		return fmt.Errorf("status %d: not an HTTP status", x.Status)
	}
	if x.Header == nil {
		x.Header = http.Header{}
	}
	if x.ResponseHeader == nil {
		x.ResponseHeader = http.Header{}
	}
	return nil
}

func validMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead, http.MethodOptions:
		return true
	}
	return false
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// splitURL returns the SCIM base (scheme, host and path up to the resource
// type) and the rest ("/Users/abc?x=y") of a captured URL.
func splitURL(raw string) (base, rest string) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", raw
	}
	p := u.EscapedPath()
	i := lastResource(p)
	if i < 0 {
		i = len(p)
	}
	prefix := ""
	if u.Host != "" {
		prefix = u.Scheme + "://" + u.Host
	}
	rest = p[i:]
	if u.RawQuery != "" {
		rest += "?" + u.RawQuery
	}
	return prefix + p[:i], rest
}

// lastResource is the index of the last "/Users" or "/Groups" segment of
// path, or -1.
func lastResource(p string) int {
	best := -1
	for _, r := range []string{"/Users", "/Groups"} {
		for from := 0; ; {
			j := strings.Index(p[from:], r)
			if j < 0 {
				break
			}
			k := from + j
			end := k + len(r)
			if end == len(p) || p[end] == '/' || p[end] == '?' {
				best = max(best, k)
			}
			from = k + 1
		}
	}
	return best
}
