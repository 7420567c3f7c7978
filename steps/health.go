package steps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
)

// Whether the target still answers, over the whole run: a target that
// deadlocks or drops its connections would otherwise give one timeout per
// request of every scenario, and no root cause. After DefaultStopAfter
// consecutive requests without an answer (a timeout, a reset, a refused or
// closed connection), the run says once which request the target stopped
// at, sends nothing more, and the scenarios not yet run are skipped with
// that reason.

// DefaultStopAfter is how many requests in a row may go without an answer
// before the run stops sending (Config.StopAfter).
const DefaultStopAfter = 3

// errStopped is the error of a request not sent because the target stopped
// answering.
var errStopped = errors.New("not sent: the target stopped answering")

// health is the run's watch over the target. Its methods are safe for
// concurrent use; it is the Suite's only mutable state.
type health struct {
	limit   int // 0: never stop
	prefix  []string
	mu      sync.Mutex
	streak  int
	lastOK  string // the last request answered, as a template
	first   string // the first request of the streak
	kind    string // what went wrong with it
	stopped string // why the run stopped sending; "" while it goes on
}

// StoppedPrefix starts the skip reason of the scenarios not run because the
// target stopped answering.
const StoppedPrefix = "not run: "

// reason is why the run stopped sending, or "".
func (h *health) reason() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stopped
}

// observe counts one request's outcome.
func (h *health) observe(req *http.Request, resp *http.Response, err error) {
	kind := noAnswer(err)
	if resp == nil && err != nil && kind == "" {
		return // cancelled by the run or the step: the target is not to blame
	}
	what := h.template(req)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stopped != "" {
		return
	}
	if kind == "" {
		h.streak, h.lastOK = 0, what
		return
	}
	if h.streak == 0 {
		h.first, h.kind = what, kind
	}
	h.streak++
	if h.limit > 0 && h.streak >= h.limit {
		after := "after " + h.lastOK
		if h.lastOK == "" {
			after = "at its first request"
		}
		h.stopped = fmt.Sprintf("the target stopped answering %s: %d requests in a row from %s on got no answer (%s)", after, h.streak, h.first, h.kind)
	}
}

// noAnswer says what kind of failure err is when the target gave no
// answer: "timeout", "connection reset", …; "" for none or another error.
func noAnswer(err error) string {
	var ne net.Error
	switch {
	case err == nil, errors.Is(err, context.Canceled), errors.Is(err, errStopped):
		return ""
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed without an answer"
	}
	return ""
}

// template names a request without its ids: "PATCH /Groups/{id}".
func (h *health) template(req *http.Request) string {
	p := req.URL.Path
	for _, pre := range h.prefix {
		if pre != "" && strings.HasPrefix(p, pre+"/") {
			p = strings.TrimPrefix(p, pre)
			break
		}
	}
	segs := strings.Split(p, "/")
	for i := 1; i < len(segs); i++ {
		switch strings.ToLower(segs[i-1]) {
		case "users", "groups":
			segs[i] = "{id}"
		case "orgs":
			segs[i] = "{org}"
		}
	}
	return req.Method + " " + strings.Join(segs, "/")
}

// watch is the transport of every request the suite sends, its own and the
// mock Okta org's: it sends nothing once the target stopped answering, and
// tells health how each request went.
type watch struct {
	base http.RoundTripper
	h    *health
}

func (w watch) RoundTrip(req *http.Request) (*http.Response, error) {
	if r := w.h.reason(); r != "" {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, fmt.Errorf("%w (%s)", errStopped, r)
	}
	resp, err := w.base.RoundTrip(req)
	if err != nil || resp.Body == nil || resp.Body == http.NoBody {
		w.h.observe(req, resp, err)
		return resp, err
	}
	// The answer counts once its body came: a body dripped until the
	// request's timeout is no answer, as a silence before the headers is.
	resp.Body = &watchedBody{ReadCloser: resp.Body, done: func(err error) { w.h.observe(req, resp, err) }}
	return resp, err
}

// watchedBody reports how the reading of a body ended, once: nil at its end
// or when it is closed early, the error when reading it failed.
type watchedBody struct {
	io.ReadCloser
	once sync.Once
	done func(error)
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		if err == io.EOF {
			b.once.Do(func() { b.done(nil) })
		} else {
			b.once.Do(func() { b.done(err) })
		}
	}
	return n, err
}

func (b *watchedBody) Close() error {
	b.once.Do(func() { b.done(nil) })
	return b.ReadCloser.Close()
}

// Stopped reports why the run stopped sending requests: "the target stopped
// answering after PATCH /Groups/{id}: …", or "" if it did not. Call it when
// the run is over, for the top of the reports.
func (s *Suite) Stopped() string { return s.health.reason() }
