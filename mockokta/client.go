package mockokta

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/scimharness/scimharness/internal/bodyread"
	"github.com/scimharness/scimharness/internal/bytesize"
	"github.com/scimharness/scimharness/internal/contentenc"
)

// call is one Okta request before it is sent.
type call struct {
	action, target string
	kind           string
	method         string
	path           string // below the base URL, escaped: "/Users/abc"
	query          string // encoded, in Okta's order
	body           []byte
	url            string // the whole URL of a request outside the base URL (the token endpoint); "" for SCIM
	// once sends the call a single time, 429 or not: Okta's 429 policy
	// covers provisioning, Group Push and import (docs/okta-protocol.md §8.3),
	// not the credential test an admin runs from the settings page.
	once bool
	// page marks a page of an import (readAll): its answer, if 200, is
	// captured by settle once the import has read it. brief captures it
	// without its response body.
	page, brief bool
	// room is a buffer the answer may be read into, the first attempt's
	// only: the body of an import's page read before and settled brief,
	// which nothing holds any more (readAll).
	room []byte
}

// reply is the answer to a call, after any 429 retries.
type reply struct {
	status   int
	header   http.Header
	body     []byte // decompressed
	attempts int
	issued   int // the OAuth access token sent (see Exchange.Credential); 0 for none
	// unsettled is the capture of a page's 200 answer, left to settle.
	unsettled *unsettled
}

// unsettled is what capture needs of an attempt whose capture waits.
type unsettled struct {
	c         *call
	n, issued int
	url       string
	h         http.Header
	start     time.Time
	d         time.Duration
}

// Okta's request headers (docs/okta-protocol.md §1.3). The slices are shared by
// every request and never modified.
var (
	hdrUserAgent      = []string{"Okta SCIM Client 1.0.0"}
	hdrAccept         = []string{"application/scim+json"}
	hdrAcceptCharset  = []string{"utf-8"}
	hdrAcceptEncoding = []string{"gzip,deflate"}
	hdrContentType    = []string{"application/scim+json; charset=utf-8"}
)

// Okta's 429 policy (docs/okta-protocol.md §8.3).
const (
	defaultRetryWait   = 5 * time.Minute
	defaultMaxAttempts = 10
	defaultTimeout     = 60 * time.Second // docs/okta-protocol.md §8.4
)

// send sends c and follows Okta's 429 policy: the first wait is Retry-After
// seconds (5 minutes when absent or not an integer), each further wait double
// the previous one, whatever Retry-After says then; after MaxAttempts
// attempts the last 429 is returned. No other status is retried. The error is
// a *noAnswerError when no answer came, or the context's error.
func (o *Org) send(ctx context.Context, c *call) (*reply, error) {
	var wait time.Duration
	retried := false
	for attempt := 1; ; attempt++ {
		r, err := o.attempt(ctx, c, attempt)
		if err != nil {
			return nil, err
		}
		r.attempts = attempt
		if r.status == http.StatusUnauthorized && o.oauth != nil && o.oauth.cfg.Refresh == RefreshOn401 && !retried {
			// RefreshOn401 (docs/okta-oauth.md §2): refresh, then send
			// once more, not counted against the 429 attempts.
			retried = true
			again, err := o.oauth.refreshAfter401(ctx, o, r.issued)
			if err != nil {
				return nil, err
			}
			if again {
				attempt--
				continue
			}
		}
		if r.status != http.StatusTooManyRequests || attempt >= o.maxAttempts || c.once {
			return r, nil
		}
		if attempt == 1 {
			wait = retryAfter(r.header.Get("Retry-After"))
		} else {
			wait = double(wait)
		}
		if err := o.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%s %s: waiting %s after 429 (attempt %d): %w", c.method, o.base.Join(c.path, c.query), wait, attempt, err)
		}
	}
}

// retryAfter reads a Retry-After header as Okta does: an integer number of
// seconds, anything else (absent, an HTTP date, a fraction) 5 minutes.
func retryAfter(v string) time.Duration {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return defaultRetryWait
	}
	if n > int64(maxWait/time.Second) {
		return maxWait
	}
	return time.Duration(n) * time.Second
}

const maxWait = time.Duration(1<<63 - 1)

func double(d time.Duration) time.Duration {
	if d > maxWait/2 {
		return maxWait
	}
	return 2 * d
}

// attempt sends c once, with Okta's timeout.
func (o *Org) attempt(ctx context.Context, c *call, n int) (*reply, error) {
	auth, issued := "", 0
	if o.oauth != nil {
		var err error
		if auth, issued, err = o.oauth.authorization(ctx, o); err != nil {
			return nil, err
		}
	} else if o.auth != nil {
		var err error
		if auth, err = o.auth.Authorization(ctx); err != nil {
			return nil, fmt.Errorf("%s %s: authorization: %w", c.method, o.base.Join(c.path, c.query), err)
		}
	}
	url := o.base.Join(c.path, c.query)
	actx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	req, err := newRequest(actx, c, url, auth)
	if err != nil {
		return nil, err
	}
	h := req.Header

	room := c.room
	c.room = nil
	start := o.now()
	r, err := o.roundTrip(req, room)
	d := o.now().Sub(start)
	if err != nil {
		if ctx.Err() != nil {
			// The caller gave up: not Okta's timeout, and no task.
			o.record(ctx, credential(o.capture(c, n, url, h, nil, start, d, ctx.Err().Error()), issued))
			return nil, fmt.Errorf("%s %s: %w", c.method, url, ctx.Err())
		}
		na := &noAnswerError{method: c.method, url: url, err: err, timeout: isTimeout(err), after: o.timeout, attempt: n}
		o.record(ctx, credential(o.capture(c, n, url, h, nil, start, d, na.short()), issued))
		return nil, na
	}
	r.issued = issued
	if c.page && r.status == http.StatusOK {
		r.unsettled = &unsettled{c: c, n: n, issued: issued, url: url, h: h, start: start, d: d}
		return r, nil
	}
	o.record(ctx, credential(o.capture(c, n, url, h, r, start, d, ""), issued))
	return r, nil
}

// settle captures the answer of an import's page once the import has read
// it: whole, or brief (no response body, Exchange.Brief).
func (o *Org) settle(ctx context.Context, r *reply, whole bool) {
	u := r.unsettled
	if u == nil {
		return
	}
	r.unsettled = nil
	c := *u.c
	c.brief = !whole
	o.record(ctx, credential(o.capture(&c, u.n, u.url, u.h, r, u.start, u.d, ""), u.issued))
}

// newRequest builds the request of c with Okta's headers (docs/okta-protocol.md
// §1.3): Content-Type only with a body.
func newRequest(ctx context.Context, c *call, url, auth string) (*http.Request, error) {
	var body io.Reader
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, url, body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", c.method, url, err)
	}
	h := req.Header
	h["User-Agent"] = hdrUserAgent
	h["Accept"] = hdrAccept
	h["Accept-Charset"] = hdrAcceptCharset
	h["Accept-Encoding"] = hdrAcceptEncoding
	if auth != "" {
		h["Authorization"] = []string{auth}
	}
	if c.body != nil {
		h["Content-Type"] = hdrContentType
	}
	return req, nil
}

// roundTrip sends req and reads the whole answer, decompressing it; room,
// if not nil, is a buffer the answer may be read into (readAnswer).
func (o *Org) roundTrip(req *http.Request, room []byte) (*reply, error) {
	var resp *http.Response
	var err error
	if o.transport != nil {
		resp, err = o.transport.RoundTrip(req)
	} else {
		resp, err = o.client.Do(req)
	}
	if err != nil {
		return nil, HeaderBound(err)
	}
	defer resp.Body.Close()
	max := o.limits.BodyBytes
	raw, err := readAnswer(resp, max, room)
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	if len(raw) > max {
		return nil, &LimitError{Bound: "BodyBytes", What: "the answer's body is larger than " + bytesize.Text(max)}
	}
	body, err := decompress(resp.Header.Get("Content-Encoding"), raw, max)
	if err != nil {
		return nil, fmt.Errorf("decoding the answer (Content-Encoding %s): %w", resp.Header.Get("Content-Encoding"), err)
	}
	return &reply{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// readAnswer reads at most max+1 bytes of resp's body (internal/bodyread),
// into room when it has the capacity: an import reads a thousand pages of
// one size. A body shorter than its Content-Length is an error
// (io.ErrUnexpectedEOF), as net/http's reader of such a body makes it.
func readAnswer(resp *http.Response, max int, room []byte) ([]byte, error) {
	raw, err := bodyread.Read(resp.Body, resp.ContentLength, max, room)
	if n := resp.ContentLength; err == nil && n >= 0 && n <= int64(max) && int64(len(raw)) < n {
		err = io.ErrUnexpectedEOF
	}
	return raw, err
}

// decompress undoes the encodings Okta asks for with Accept-Encoding:
// gzip,deflate (internal/contentenc). Setting Accept-Encoding turns off
// net/http's own gzip handling, so this is the org's job.
func decompress(encoding string, raw []byte, max int) ([]byte, error) {
	out, err := contentenc.Decode(encoding, raw, max)
	var tooLarge *contentenc.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, &LimitError{Bound: "BodyBytes", What: "the answer's body is larger than " + bytesize.Text(max) + " once decompressed"}
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// record keeps e in the transcript and hands it to the observer.
func (o *Org) record(ctx context.Context, e *Exchange) {
	if e == nil {
		return
	}
	if o.keep {
		o.tmu.Lock()
		o.transcript = append(o.transcript, e)
		o.tmu.Unlock()
	}
	if o.observe != nil {
		o.observe(ctx, e)
	}
}

// noAnswerError is a request that got no answer: a timeout or a transport
// failure.
type noAnswerError struct {
	method, url string
	err         error
	timeout     bool
	after       time.Duration
	attempt     int
}

func (e *noAnswerError) Error() string { return e.method + " " + e.url + ": " + e.short() }

// short says what happened without naming the request.
func (e *noAnswerError) short() string {
	if e.timeout {
		return "timeout after " + e.after.String()
	}
	return e.err.Error()
}

func (e *noAnswerError) Unwrap() error { return e.err }

// oktaText is the task message part for a request without an answer. Okta
// runs on Java, where a socket timeout reads "Read timed out" (an
// inference); other failures keep Go's wording.
func (e *noAnswerError) oktaText() string {
	if e.timeout {
		return "Read timed out"
	}
	return e.err.Error()
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
