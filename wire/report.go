package wire

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/scimharness/scimharness/reports"
)

// shownPair shows the two requests as a report does: the request line, the
// headers Okta sets (each on the same line on both sides, "" where one side
// has none), and the body indented, secrets redacted
// (reports.RedactExchange).
func shownPair(x, m *Exchange, secrets []string) (left, right []string) {
	keys := []string{}
	for _, k := range comparedHeaders {
		if len(x.Header.Values(k)) > 0 || (m != nil && len(m.Header.Values(k)) > 0) {
			keys = append(keys, k)
		}
	}
	return shown(x, keys, secrets), shown(m, keys, secrets)
}

func shown(x *Exchange, keys []string, secrets []string) []string {
	if x == nil {
		return []string{"(no request)"}
	}
	h := http.Header{}
	for _, k := range keys {
		for _, v := range x.Header.Values(k) {
			h.Add(k, v)
		}
	}
	r := reports.RedactExchange(reports.Exchange{Method: x.Method, URL: x.URL, RequestHeaders: h, RequestBody: string(x.Body)}, secrets...)
	_, rest := splitURL(r.URL)
	lines := []string{r.Method + " " + rest}
	for _, k := range keys {
		if vs := r.RequestHeaders.Values(k); len(vs) > 0 {
			lines = append(lines, k+": "+strings.Join(vs, ", "))
		} else {
			lines = append(lines, "")
		}
	}
	if r.RequestBody != "" {
		lines = append(lines, "")
		var buf bytes.Buffer
		if json.Indent(&buf, []byte(r.RequestBody), "", "  ") == nil {
			lines = append(lines, strings.Split(buf.String(), "\n")...)
		} else {
			lines = append(lines, strings.Split(r.RequestBody, "\n")...)
		}
	}
	return lines
}

// WriteText writes the report for a console: one line per Okta request that
// differs or takes a variant's shape, both requests side by side and every
// difference named; then what was left out and the totals.
func (r *Report) WriteText(w io.Writer, secrets ...string) error {
	bw := bufio.NewWriter(w)
	variants := map[string]int{}
	for _, res := range r.Results {
		x := res.Request.X
		_, rest := splitURL(x.URL)
		head := fmt.Sprintf("%s  %s %s  (%s)", x.Entry, x.Method, truncate(rest, 80), res.Request.Kind)
		switch {
		case res.Mock == nil:
			fmt.Fprintf(bw, "%s: %s\n", head, res.Note)
		case res.Variant != "":
			variants[res.Variant]++
		case len(res.Differences) > 0:
			fmt.Fprintf(bw, "\n%s: %d differences from mockokta\n", head, len(res.Differences))
			l, r := shownPair(x, res.Mock, secrets)
			sideBySide(bw, l, r)
			for _, d := range res.Differences {
				fmt.Fprintf(bw, "  - %s: capture %s, mockokta %s\n", d.Field, reports.Redact(d.Capture, secrets...), reports.Redact(d.Mock, secrets...))
			}
		}
	}
	if len(variants) > 0 {
		fmt.Fprintln(bw)
		names := make([]string, 0, len(variants))
		for n := range variants {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(bw, "%d requests in the shape of the variant %s\n", variants[n], n)
		}
	}
	if len(r.NotOkta) > 0 {
		why := map[string]int{}
		for _, q := range r.NotOkta {
			why[q.NotOkta]++
		}
		keys := make([]string, 0, len(why))
		for k := range why {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(bw, "\nleft out, not Okta's: %d requests\n", len(r.NotOkta))
		for i, k := range keys {
			if i == 10 {
				fmt.Fprintf(bw, "  … and %d more kinds\n", len(keys)-10)
				break
			}
			fmt.Fprintf(bw, "  %4d  %s\n", why[k], reports.Redact(k, secrets...))
		}
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(bw, "\nleft out, unreadable: %d entries\n", len(r.Problems))
		for _, p := range r.Problems {
			fmt.Fprintf(bw, "  %s\n", reports.Redact(p.String(), secrets...))
		}
	}
	same := len(r.Results) - r.Differences() - r.NotCompared()
	fmt.Fprintf(bw, "\n%d Okta requests (%s): %d as mockokta sends them, %d different, %d not compared\n",
		len(r.Results), r.Format, same, r.Differences(), r.NotCompared())
	return bw.Flush()
}

// sideBySide writes two columns, the capture's and mockokta's.
func sideBySide(w io.Writer, left, right []string) {
	const width = 58
	fmt.Fprintf(w, "  %-*s | %s\n", width, "capture", "mockokta")
	fmt.Fprintf(w, "  %s-+-%s\n", strings.Repeat("-", width), strings.Repeat("-", width))
	for i := 0; i < max(len(left), len(right)); i++ {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		mark := " "
		if l != r {
			mark = "≠"
		}
		fmt.Fprintf(w, "  %-*s %s %s\n", width, truncate(l, width), mark, truncate(r, width))
	}
}

// WriteHTML writes the report as one HTML page: each Okta request that
// differs, both requests side by side, its differences listed.
func (r *Report) WriteHTML(w io.Writer, secrets ...string) error {
	bw := bufio.NewWriter(w)
	esc := html.EscapeString
	fmt.Fprint(bw, `<!doctype html><html><head><meta charset="utf-8"><title>scimharness wire compare</title>
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}td{vertical-align:top;border:1px solid #ccc;padding:4px}pre{margin:0;white-space:pre-wrap}li{font-family:monospace}.same{color:#2a2}.diff{color:#c22}</style></head><body>`)
	same := len(r.Results) - r.Differences() - r.NotCompared()
	fmt.Fprintf(bw, "<h1>Okta's requests against mockokta's</h1><p>%d Okta requests (%s): <span class=same>%d as mockokta sends them</span>, <span class=diff>%d different</span>, %d not compared; %d requests not Okta's and %d unreadable entries left out.</p>",
		len(r.Results), esc(r.Format), same, r.Differences(), r.NotCompared(), len(r.NotOkta), len(r.Problems))
	for _, res := range r.Results {
		if len(res.Differences) == 0 && res.Mock != nil {
			continue
		}
		x := res.Request.X
		_, rest := splitURL(x.URL)
		fmt.Fprintf(bw, "<h2>%s: %s %s (%s)</h2>", esc(x.Entry), esc(x.Method), esc(reports.Redact(rest, secrets...)), esc(res.Request.Kind))
		if res.Mock == nil {
			fmt.Fprintf(bw, "<p>%s</p>", esc(res.Note))
			continue
		}
		l, rt := shownPair(x, res.Mock, secrets)
		fmt.Fprintf(bw, "<table><tr><th>capture</th><th>mockokta</th></tr><tr><td><pre>%s</pre></td><td><pre>%s</pre></td></tr></table><ul>",
			esc(strings.Join(l, "\n")), esc(strings.Join(rt, "\n")))
		for _, d := range res.Differences {
			fmt.Fprintf(bw, "<li>%s: capture %s, mockokta %s</li>", esc(d.Field), esc(reports.Redact(d.Capture, secrets...)), esc(reports.Redact(d.Mock, secrets...)))
		}
		fmt.Fprint(bw, "</ul>")
	}
	for _, p := range r.Problems {
		fmt.Fprintf(bw, "<p>left out: %s</p>", esc(reports.Redact(p.String(), secrets...)))
	}
	fmt.Fprint(bw, "</body></html>\n")
	return bw.Flush()
}
