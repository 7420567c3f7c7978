package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/internal/bodyread"
	"github.com/scimharness/scimharness/internal/bytesize"
	"github.com/scimharness/scimharness/internal/contentenc"
	"github.com/scimharness/scimharness/internal/headers"
	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/mockokta"
	"github.com/scimharness/scimharness/reports"
)

// exchange is one request the scenario made (or saw Okta make) and its
// answer: the raw bodies for assertions, and the record that is attached.
type exchange struct {
	rec      reports.Exchange
	reqBody  []byte
	respBody []byte
	// respText is respBody as a string where send made one (the
	// exchange's ResponseBody before redaction): json parses it without
	// copying a page of tens of kilobytes each time.
	respText string
	header   http.Header // response header
	status   int
}

// json returns the response body if it is valid JSON, else an error that says
// what came instead.
func (x *exchange) json() (gjson.Result, error) {
	if x.status == 0 {
		return gjson.Result{}, fmt.Errorf("no answer: %s", x.rec.Error)
	}
	text := x.respText
	if len(text) != len(x.respBody) {
		text = string(x.respBody)
	}
	if len(bytes.TrimSpace(x.respBody)) == 0 {
		return gjson.Result{}, fmt.Errorf("the response has no body")
	}
	if !gjson.Valid(text) {
		if x.rec.Error != "" {
			return gjson.Result{}, fmt.Errorf("the response body is not JSON: %s", x.rec.Error)
		}
		return gjson.Result{}, fmt.Errorf("the response body is not JSON")
	}
	return gjson.Parse(text), nil
}

// listFactor scales Limits.BodyBytes for a read of a collection (GET
// /Users, GET /Groups, with or without a query): its size is the target's
// data, not the harness's choice. Okta's SPEC 10 reads /Groups without
// paging, every group with every member: a group of about 48,000 members
// is 8 MiB in an ordinary server, which the 8 MiB bound failed falsely
// (issue 25). A collection read is bounded at 8 times BodyBytes (64 MiB by
// default); any other response at BodyBytes (docs/performance.md).
const listFactor = 8

// readCap is the bound of a response to method on rawURL.
func readCap(bodyBytes int, method, rawURL string) (int, string) {
	if method != http.MethodGet {
		return bodyBytes, "BodyBytes"
	}
	if u, err := url.Parse(rawURL); err == nil {
		p := strings.TrimSuffix(u.Path, "/")
		if strings.HasSuffix(p, "/Users") || strings.HasSuffix(p, "/Groups") {
			return bodyBytes * listFactor, "BodyBytes times 8 for a collection"
		}
	}
	return bodyBytes, "BodyBytes"
}

// maxKept caps a body kept on an exchange for the reports.
const maxKept = 64 << 10

// capBody is the body as kept for the reports: its first maxKept bytes and a
// note of how many more there were. A body that is not text (a NUL byte,
// invalid UTF-8: a decompressed bomb, an image) keeps only a quoted start:
// each NUL would be six bytes in every JSON report.
func capBody(b string) string {
	cut := min(len(b), maxKept)
	for cut > 0 && cut < len(b) && !utf8.RuneStart(b[cut]) {
		cut--
	}
	if strings.IndexByte(b, 0) >= 0 || !utf8.ValidString(b[:cut]) {
		return fmt.Sprintf("[%d bytes that are not text; they start %s]", len(b), strconv.Quote(b[:min(len(b), 64)]))
	}
	if len(b) <= maxKept {
		return b
	}
	return b[:cut] + fmt.Sprintf("\n[… %d more bytes not kept]", len(b)-maxKept)
}

// keep counts body against the run's Limits.ReportBytes and returns it, or,
// once the run's reports hold that much, a note that it was not kept: the
// reports are built in memory, several times the size of what they hold.
func (s *Suite) keep(body string) string {
	if len(body) <= 256 {
		return body
	}
	max := s.cfg.Limits.ReportBytes
	if s.kept.Add(int64(len(body))) <= int64(max) {
		return body
	}
	return fmt.Sprintf("[%d bytes not kept: the run's reports already hold %s of response bodies (bound ReportBytes, docs/reliability.md)]", len(body), bytesize.Text(max))
}

// maxShown caps a body in failure messages.
const maxShown = 4000

// render writes x as HTTP text, request then response, with secrets redacted.
func render(x reports.Exchange, red *redact.Secrets) string {
	x = reports.RedactExchangeWith(x, red)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", x.Method, x.URL)
	if x.Action != "" {
		fmt.Fprintf(&b, "  (%s)", x.Action)
	}
	b.WriteString("\n")
	headers.Write(&b, x.RequestHeaders)
	if x.RequestBody != "" {
		b.WriteString("\n" + clip(x.RequestBody) + "\n")
	}
	b.WriteString("\n")
	if x.Status == 0 {
		fmt.Fprintf(&b, "no answer: %s\n", x.Error)
		return b.String()
	}
	fmt.Fprintf(&b, "HTTP %d %s (%s)\n", x.Status, http.StatusText(x.Status), x.Duration.Round(time.Microsecond))
	if x.Error != "" {
		fmt.Fprintf(&b, "[harness: %s]\n", x.Error)
	}
	headers.Write(&b, x.ResponseHeaders)
	if x.ResponseBody != "" {
		b.WriteString("\n" + clip(x.ResponseBody) + "\n")
	}
	return b.String()
}

func clip(s string) string {
	if len(s) <= maxShown {
		return s
	}
	return s[:maxShown] + fmt.Sprintf("\n[… %d more bytes]", len(s)-maxShown)
}

// failure is a step error that shows the exchanges behind it.
func (st *scenario) failure(xs []*exchange, format string, args ...any) error {
	red := st.redactor()
	msg := reports.RedactWith(fmt.Sprintf(format, args...), red)
	if len(xs) == 0 {
		return fmt.Errorf("%s", msg)
	}
	var b strings.Builder
	b.WriteString(msg)
	for _, x := range xs {
		if x == nil {
			continue
		}
		b.WriteString("\n\n")
		b.WriteString(render(x.rec, red))
	}
	return fmt.Errorf("%s", strings.TrimRight(b.String(), "\n"))
}

func (st *scenario) failOn(x *exchange, format string, args ...any) error {
	return st.failure([]*exchange{x}, format, args...)
}

// send makes one request of kind "scim" or "admin" and records it for the
// step's attachments.
func (st *scenario) send(ctx context.Context, kind, method, url string, body []byte, h http.Header) *exchange {
	rec := reports.Exchange{Kind: kind, Method: method, URL: url, RequestHeaders: h.Clone()}
	x := &exchange{reqBody: body}
	if len(body) > 0 {
		rec.RequestBody = string(body)
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	ctx, cancel := context.WithTimeout(ctx, st.suite.cfg.RequestTimeout)
	defer cancel()
	var resent atomic.Int32
	req, err := http.NewRequestWithContext(withResends(ctx, &resent), method, url, rd)
	if err != nil {
		rec.Error = err.Error()
		x.rec = rec
		st.record(x)
		return x
	}
	req.Header = h.Clone()
	start := time.Now()
	resp, err := st.suite.client.Do(req)
	rec.Duration = time.Since(start)
	if n := resent.Load(); n > 0 {
		st.warn(reports.RedactWith(fmt.Sprintf("%s %s was sent %d times: it was written in full on a kept-alive connection that closed before any answer, and the target may have acted on it; the answer shown is to the last sending (steps/keepalive.go)", method, url, n+1), st.redactor()))
	}
	if err != nil {
		rec.Error = mockokta.HeaderBound(err).Error()
		x.rec = rec
		st.record(x)
		return x
	}
	// maxRead caps how much of a response body is read: a target that
	// answers without end cannot exhaust memory. A cut body is reported on
	// its exchange, with the bound's name.
	maxRead, bound := readCap(st.suite.cfg.Limits.BodyBytes, method, url)
	raw, err := bodyread.Read(resp.Body, resp.ContentLength, maxRead, nil)
	resp.Body.Close()
	if err != nil {
		rec.Error = "reading the body: " + err.Error()
		if ctx.Err() != nil {
			rec.Error = fmt.Sprintf("reading the body: no whole answer within the timeout of %s (the body came too slowly)", st.suite.cfg.RequestTimeout)
		}
	}
	if len(raw) > maxRead {
		raw = raw[:maxRead]
		rec.Error = fmt.Sprintf("the response body is larger than %s: only its start was read (bound %s, docs/reliability.md)", bytesize.Text(maxRead), bound)
	}
	if enc := resp.Header.Get("Content-Encoding"); enc != "" {
		raw = decode(enc, raw, maxRead, bound, &rec)
	}
	rec.Status = resp.StatusCode
	rec.ResponseHeaders = resp.Header.Clone()
	text := string(raw)
	rec.ResponseBody = text // redacted whole, then cut, by record
	x.rec, x.respBody, x.respText, x.header, x.status = rec, raw, text, resp.Header, resp.StatusCode
	st.record(x)
	return x
}

// decode undoes the Content-Encoding of a body (internal/contentenc), at most
// limit bytes of it, so that a small body that inflates without end (a gzip
// bomb) cannot exhaust memory. A body in an encoding the harness does not
// know, or whose encoding is broken from the start, is kept as it came; a
// broken one is noted on rec, and so is one cut, unless rec already says why
// (a raw body cut at maxRead).
func decode(encoding string, raw []byte, maxRead int, bound string, rec *reports.Exchange) []byte {
	un, err := contentenc.Decode(encoding, raw, maxRead)
	var tooLarge *contentenc.TooLargeError
	switch {
	case err == nil:
	case errors.Is(err, contentenc.ErrUnsupported):
		return raw
	case errors.As(err, &tooLarge):
		rec.Error = fmt.Sprintf("the decompressed response body is larger than %s: only its start was read (bound %s, docs/reliability.md)", bytesize.Text(maxRead), bound)
	case un == nil:
		if rec.Error == "" {
			rec.Error = "the body says Content-Encoding: " + encoding + " but is not " + encoding + ": " + err.Error()
		}
		return raw
	case rec.Error == "":
		rec.Error = "decompressing the body: " + err.Error()
	}
	return un
}

// record keeps x for the attachments of the current step: its secrets
// hidden where it is captured, before its response body is cut to maxKept,
// so that no secret straddles the cut half-shown.
//
// Past the first maxPendingWhole of a step, the step keeps a digest of it
// (keepPending), without bodies: they are left out of the redaction, which
// would read every page of a big collection whole, and stay in x.rec as
// they came for a failure message that cites x (render redacts them).
func (st *scenario) record(x *exchange) {
	red := st.redactor()
	st.mu.Lock()
	n := len(st.pending)
	st.mu.Unlock()
	if n >= maxPendingWhole {
		req, resp := x.rec.RequestBody, x.rec.ResponseBody
		x.rec.RequestBody, x.rec.ResponseBody = "", ""
		x.rec = reports.RedactExchangeWith(x.rec, red)
		x.rec.RequestBody, x.rec.ResponseBody = req, resp
		st.mu.Lock()
		st.pending = append(st.pending, pendingExchange{Exchange: pastWhole(x.rec, len(x.reqBody), len(x.respBody)),
			reqSize: len(x.reqBody), respSize: len(x.respBody), foldable: true})
		st.mu.Unlock()
		return
	}
	x.rec = reports.RedactExchangeWith(x.rec, red)
	x.rec.ResponseBody = st.suite.keep(capBody(x.rec.ResponseBody))
	st.mu.Lock()
	st.pending = append(st.pending, pendingExchange{Exchange: keepPending(x.rec, len(st.pending), len(x.reqBody), len(x.respBody)),
		reqSize: len(x.reqBody), respSize: len(x.respBody), foldable: true})
	st.mu.Unlock()
}

// observeOkta is mockokta's Observe: it records every attempt of Okta's.
func (st *scenario) observeOkta(_ context.Context, e *mockokta.Exchange) {
	kind := "scim"
	switch e.Kind {
	case "authorize", "consent", "token", "refresh":
		kind = "oauth"
	}
	rec := reports.Exchange{
		Action:          fmt.Sprintf("Okta %s %s (%s, attempt %d)", e.Action, e.Target, e.Kind, e.Attempt),
		Kind:            kind,
		Method:          e.Method,
		URL:             e.URL,
		RequestHeaders:  e.RequestHeader,
		RequestBody:     string(e.RequestBody),
		Status:          e.Status,
		ResponseHeaders: e.ResponseHeader,
		ResponseBody:    st.suite.keep(capBody(string(e.ResponseBody))),
		Duration:        e.Duration,
		Error:           e.Err,
	}
	if e.Brief {
		rec.ResponseBody = fmt.Sprintf("[%d bytes, not kept: a page Okta's import read without fault]", e.ResponseSize)
	}
	st.mu.Lock()
	// Only a page Okta's import read without fault folds (digestStep): the
	// last page and the one it failed on come whole, not Brief.
	st.pending = append(st.pending, pendingExchange{Exchange: keepPending(rec, len(st.pending), len(e.RequestBody), e.ResponseSize),
		reqSize: len(e.RequestBody), respSize: e.ResponseSize, foldable: e.Brief})
	if e.Status == http.StatusCreated && e.Method == http.MethodPost {
		st.noteCreated(e.URL, e.ResponseBody)
	}
	st.mu.Unlock()
}

// attachPending attaches the exchanges of the step that just ran, and its
// skip reason if it skipped: whole when failed says the step failed (or
// Config.ReportsDetail is DetailFull), a digest otherwise (digestStep).
func (st *scenario) attachPending(ctx context.Context, failed bool) context.Context {
	st.mu.Lock()
	pending, reason, warnings := st.pending, st.skipReason, st.warnings
	st.pending, st.skipReason, st.warnings = nil, "", nil
	st.mu.Unlock()
	red := st.redactor()
	var xs []reports.Exchange
	if failed || st.suite.cfg.ReportsDetail == DetailFull {
		xs = make([]reports.Exchange, len(pending))
		for i, x := range pending {
			xs[i] = reports.RedactExchangeWith(x.Exchange, red)
		}
	} else {
		xs = digestStep(pending, red)
	}
	atts := make([]godog.Attachment, 0, len(xs))
	for _, x := range xs {
		b, err := json.Marshal(x)
		if err != nil {
			continue // an Exchange of strings and headers always encodes
		}
		atts = append(atts, godog.Attachment{FileName: x.Method + " " + x.URL, MediaType: reports.MediaTypeExchange, Body: b})
	}
	if len(atts) > 0 {
		ctx = godog.Attach(ctx, atts...)
	}
	if reason != "" {
		ctx = godog.Attach(ctx, godog.Attachment{FileName: "skip reason", MediaType: reports.MediaTypeSkipReason, Body: []byte(reason)})
	}
	for _, w := range warnings {
		ctx = godog.Attach(ctx, godog.Attachment{FileName: "warning", MediaType: reports.MediaTypeWarning, Body: []byte(red.String(w))})
	}
	return ctx
}

// AnsweredByHeader is set on an answer the harness made itself (the 429 of
// a rate-limit scenario) instead of the server.
const AnsweredByHeader = "X-Scimharness-Answered-By"

// throttle is the transport of the mock Okta org: it answers the next
// requests with 429 when a scenario asks for it, and passes the others on.
type throttle struct {
	st   *scenario
	base http.RoundTripper
}

func (t throttle) RoundTrip(req *http.Request) (*http.Response, error) {
	st := t.st
	st.mu.Lock()
	n := st.throttleLeft
	if n > 0 {
		st.throttleLeft--
	}
	retry, hasRetry := st.retryAfter, st.hasRetryAfter
	race := st.raceCreate
	if race != nil && n == 0 && req.Method == http.MethodPost && strings.HasSuffix(req.URL.Path, "/Users") {
		st.raceCreate = nil
	} else {
		race = nil
	}
	st.mu.Unlock()
	if race != nil {
		// The step's own failure says what went wrong; Okta's request
		// goes on whatever the answer.
		_ = st.createUser(req.Context(), race)
	}
	st.mu.Lock()
	st.self429 = n > 0
	st.mu.Unlock()
	if n == 0 {
		return t.base.RoundTrip(req)
	}
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	// AnsweredByHeader marks the answer as the harness's own, so that a
	// recording of the run (wire.Record) is not replayed to a server that
	// never saw the request.
	h := http.Header{"Content-Type": {"application/scim+json"}, AnsweredByHeader: {"scimharness"}}
	if hasRetry {
		h.Set("Retry-After", retry)
	}
	body := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"429","detail":"Too many requests (a 429 the harness answered itself, before the request reached the server)"}`
	return &http.Response{
		StatusCode: http.StatusTooManyRequests, Status: "429 Too Many Requests",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)),
		Request: req,
	}, nil
}
