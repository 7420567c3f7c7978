package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// location is "uri:line", or the URI alone without a line.
func (s Scenario) location() string {
	if s.Line > 0 {
		return s.URI + ":" + strconv.Itoa(s.Line)
	}
	return s.URI
}

// failure is the first step that made the scenario fail, and its index; -1
// when none did.
func (s Scenario) failure() (Step, int) {
	for i, st := range s.Steps {
		if st.Status != "passed" && st.Status != "skipped" {
			return st, i
		}
	}
	return Step{}, -1
}

// failureMessage is what a failed step has to say: its error, or for a step
// without one (pending, undefined) its status and text.
func failureMessage(st Step) string {
	if st.Error != "" {
		return st.Error
	}
	return fmt.Sprintf("step %s: %s%s", st.Status, st.Keyword, st.Text)
}

// pretty indents a JSON body; anything else is returned as it is.
func pretty(body string) string {
	trimmed := strings.TrimSpace(body)
	if trimmed == "" || (trimmed[0] != '{' && trimmed[0] != '[') || !json.Valid([]byte(trimmed)) {
		return body
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(trimmed), "", "  "); err != nil {
		return body
	}
	return buf.String()
}

// headerLines are the header's lines, sorted by name.
func headerLines(h http.Header) []string {
	var lines []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range h {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, v := range h[k] {
			lines = append(lines, k+": "+v)
		}
	}
	return lines
}

// statusText is "201 Created", or "no response" for 0.
func statusText(code int) string {
	if code == 0 {
		return "no response"
	}
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}

// exchangeTitle is "PUT https://…/Users/1 → 200 OK".
func exchangeTitle(x Exchange) string {
	return x.Method + " " + x.URL + " → " + statusText(x.Status)
}

// exchangeText writes x the way curl -v shows an exchange: the request
// lines prefixed "> ", the response lines "< ", bodies pretty-printed.
func exchangeText(x Exchange) string {
	var b strings.Builder
	b.WriteString("--- " + exchangeTitle(x))
	if x.Duration > 0 {
		b.WriteString(" (" + formatDuration(x.Duration) + ")")
	}
	if x.Action != "" {
		b.WriteString(" [" + x.Action + "]")
	}
	b.WriteString("\n")
	block := func(prefix string, h http.Header, body string) {
		for _, l := range headerLines(h) {
			b.WriteString(prefix + l + "\n")
		}
		if body != "" {
			b.WriteString(strings.TrimRight(prefix, " ") + "\n")
			for _, l := range strings.Split(strings.TrimRight(pretty(body), "\n"), "\n") {
				b.WriteString(prefix + l + "\n")
			}
		}
	}
	block("> ", x.RequestHeaders, x.RequestBody)
	if x.Error != "" {
		b.WriteString("! " + x.Error + "\n")
	}
	if x.Status != 0 {
		block("< ", x.ResponseHeaders, x.ResponseBody)
	}
	return b.String()
}

// formatDuration is d in a unit a person reads at a glance.
func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0 ms"
	case d < time.Millisecond:
		return "<1 ms"
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
	}
	return d.Round(time.Second).String()
}

// formatTime is t in UTC, or "" for the zero time.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}
