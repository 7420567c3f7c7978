package wire

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/scimharness/scimharness/internal/redact"
)

// Difference is one field in which a captured request and mockokta's
// differ.
type Difference struct {
	// Field names it: "method", "query", "header Accept", "body
	// Operations[0].op", "body locale".
	Field string
	// Capture and Mock are the two values, JSON or text, "(absent)" when
	// one side has none; secrets redacted.
	Capture, Mock string
}

func (d Difference) String() string {
	return fmt.Sprintf("%s: capture %s, mockokta %s", d.Field, d.Capture, d.Mock)
}

const absent = "(absent)"

// comparedHeaders are the request headers Okta sets (docs/okta-protocol.md
// §1.3); others (Host, Content-Length, a proxy's X-Forwarded-For) are the
// transport's and are not compared.
var comparedHeaders = []string{"Accept", "Accept-Charset", "Accept-Encoding", "Authorization", "Content-Type", "User-Agent"}

// diffRequests lists every difference between the captured request x and
// mockokta's m for the same action.
func diffRequests(x *Exchange, m sent) []Difference {
	var ds []Difference
	if x.Method != m.Method {
		ds = append(ds, Difference{"method", x.Method, m.Method})
	}
	_, xr := splitURL(x.URL)
	_, mr := splitURL(m.URL)
	xp, xq, _ := strings.Cut(xr, "?")
	mp, mq, _ := strings.Cut(mr, "?")
	if xp != mp {
		ds = append(ds, Difference{"path", xp, mp})
	}
	if xq != mq {
		ds = append(ds, Difference{"query", orAbsent(xq), orAbsent(mq)})
	}
	for _, h := range comparedHeaders {
		xv, mv := headerValue(x.Header, h), headerValue(m.Header, h)
		if h == "Authorization" {
			// Only the scheme: the credential is the capture's own.
			xv, mv = authScheme(xv), authScheme(mv)
		}
		if xv != mv {
			ds = append(ds, Difference{"header " + h, xv, mv})
		}
	}
	xb, mb := x.Body, m.Body
	switch {
	case len(xb) == 0 && len(mb) == 0:
	case len(xb) == 0 || len(mb) == 0:
		ds = append(ds, Difference{"body", bodyText(xb), bodyText(mb)})
	default:
		var xv, mv any
		xerr, merr := json.Unmarshal(xb, &xv), json.Unmarshal(mb, &mv)
		if xerr != nil || merr != nil {
			if string(xb) != string(mb) {
				ds = append(ds, Difference{"body", bodyText(xb), bodyText(mb)})
			}
			break
		}
		ds = diffJSON(ds, "body", xv, mv)
	}
	return ds
}

func orAbsent(s string) string {
	if s == "" {
		return absent
	}
	return s
}

func headerValue(h http.Header, k string) string {
	vs := h.Values(k)
	if len(vs) == 0 {
		return absent
	}
	return strings.Join(vs, ", ")
}

func authScheme(v string) string {
	if v == absent {
		return v
	}
	scheme, _, found := strings.Cut(v, " ")
	if !found {
		return "(a raw token)"
	}
	return scheme + " …"
}

func bodyText(b []byte) string {
	if len(b) == 0 {
		return absent
	}
	return truncate(string(redact.Passwords(b)), 200)
}

// diffJSON compares two decoded JSON values member by member; arrays
// element by element.
func diffJSON(ds []Difference, path string, x, m any) []Difference {
	switch xv := x.(type) {
	case map[string]any:
		mv, ok := m.(map[string]any)
		if !ok {
			break
		}
		keys := map[string]bool{}
		for k := range xv {
			keys[k] = true
		}
		for k := range mv {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			p := path + "." + k
			if path == "body" {
				p = "body " + k
			}
			a, aok := xv[k]
			b, bok := mv[k]
			switch {
			case !aok:
				ds = append(ds, Difference{p, absent, jsonText(k, b)})
			case !bok:
				ds = append(ds, Difference{p, jsonText(k, a), absent})
			default:
				ds = diffJSON(ds, p, a, b)
			}
		}
		return ds
	case []any:
		mv, ok := m.([]any)
		if !ok {
			break
		}
		for i := 0; i < max(len(xv), len(mv)); i++ {
			p := fmt.Sprintf("%s[%d]", path, i)
			switch {
			case i >= len(xv):
				ds = append(ds, Difference{p, absent, jsonText("", mv[i])})
			case i >= len(mv):
				ds = append(ds, Difference{p, jsonText("", xv[i]), absent})
			default:
				ds = diffJSON(ds, p, xv[i], mv[i])
			}
		}
		return ds
	}
	a, b := jsonText("", x), jsonText("", m)
	if a != b {
		ds = append(ds, Difference{path, a, b})
	}
	return ds
}

// jsonText is v as compact JSON, a password's value redacted.
func jsonText(key string, v any) string {
	if redact.IsPasswordKey(key) {
		if _, ok := v.(string); ok {
			return `"` + redact.Marker + `"`
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return truncate(string(redact.Passwords(b)), 200)
}
