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
	"time"

	"github.com/scimharness/scimharness/reports"
)

// Whether the target still answers, over the whole run: a target that
// deadlocks or drops its connections would otherwise give one timeout per
// request of every scenario, and no root cause.
//
// A request the target leaves unanswered (a timeout, a reset, a refused or
// closed connection) is that request's failure. Only when DefaultStopAfter
// requests in a row go unanswered does health ask whether the target is
// silent to everything: it sends once more the last GET the target answered
// (the probe). An answer to the probe means the target is alive, and the run
// goes on; no answer stops the run: it says once which request the target
// left unanswered first, in the order the requests were sent (not the order
// they failed in, which --concurrency shuffles), sends nothing more, fails
// the scenario that sent that request, and reports the scenarios not yet run
// as not run.
//
// The harness's own deadlines are never the target's silence: a request cut
// by a context the harness cancelled (Ctrl-C, a scenario's end) or whose
// deadline is the harness's (the clean-up's budget, errHarnessDeadline) is
// not counted.

// DefaultStopAfter is how many requests in a row may go without an answer
// before the run asks the target once more (the probe) and, without an
// answer to it, stops sending (Config.StopAfter).
const DefaultStopAfter = 3

// errStopped is the error of a request not sent because the target stopped
// answering.
var errStopped = errors.New("not sent: the target stopped answering")

// errHarnessDeadline is the cause of a deadline the harness sets for its own
// work (context.WithTimeoutCause), such as the clean-up's budget: a request
// it cuts was not left unanswered by the target.
var errHarnessDeadline = errors.New("the harness's own deadline")

// unanswered is a request the target left without an answer.
type unanswered struct {
	seq  uint64 // its place in the order requests were sent
	what string // "PATCH /Groups/{id}"
	kind string // "timeout", "connection reset", …
	by   *sender
}

// sender says which scenario sent a request, and whether as its clean-up:
// a context value (withSender) that health reads off the request.
type sender struct {
	st      *scenario
	cleanup bool
}

type senderKey struct{}

// withSender marks ctx as the context of st's requests.
func withSender(ctx context.Context, st *scenario, cleanup bool) context.Context {
	return context.WithValue(ctx, senderKey{}, &sender{st: st, cleanup: cleanup})
}

func senderOf(ctx context.Context) *sender {
	s, _ := ctx.Value(senderKey{}).(*sender)
	return s
}

// health is the run's watch over the target. Its methods are safe for
// concurrent use; it is the Suite's only mutable state.
type health struct {
	limit   int // 0: never stop
	prefix  []string
	timeout time.Duration                               // the probe's, the requests' own
	probe   func(*http.Request) (*http.Response, error) // sends the probe; the transport under watch

	mu      sync.Mutex
	seq     uint64
	streak  []unanswered  // since the last answer
	lastGET *http.Request // the last GET answered: the probe
	probing bool
	probes  int    // probes sent
	stopped string // why the run stopped sending; "" while it goes on
	first   unanswered
}

// StoppedPrefix starts the reason of the scenarios not run because the
// target stopped answering.
const StoppedPrefix = reports.NotRunPrefix

// reason is why the run stopped sending, or "".
func (h *health) reason() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stopped
}

// culprit is the scenario that sent the first request the target left
// unanswered before it stopped answering, and whether that request was its
// clean-up; nil if the run did not stop or the request carried no sender.
func (h *health) culprit() *sender {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stopped == "" {
		return nil
	}
	return h.first.by
}

// begin numbers a request in the order it is sent.
func (h *health) begin() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	return h.seq
}

// observe counts the outcome of the request numbered seq, and probes the
// target when the streak reaches the limit.
func (h *health) observe(seq uint64, req *http.Request, resp *http.Response, err error) {
	kind := noAnswer(req.Context(), err)
	if resp == nil && err != nil && kind == "" {
		return // cut by the harness, or an error of ours: the target is not to blame
	}
	what := h.template(req)
	h.mu.Lock()
	if h.stopped != "" {
		h.mu.Unlock()
		return
	}
	if kind == "" {
		h.streak = nil
		if req.Method == http.MethodGet && (req.Body == nil || req.Body == http.NoBody) {
			h.lastGET = req
		}
		h.mu.Unlock()
		return
	}
	h.streak = append(h.streak, unanswered{seq: seq, what: what, kind: kind, by: senderOf(req.Context())})
	if h.limit == 0 || len(h.streak) < h.limit || h.probing {
		h.mu.Unlock()
		return
	}
	h.probing = true
	probe := h.lastGET
	h.probes++
	h.mu.Unlock()

	alive, how := h.ask(probe)

	h.mu.Lock()
	defer h.mu.Unlock()
	h.probing = false
	if h.stopped != "" {
		return
	}
	if alive {
		h.streak = nil // the target answers: each failure stays its request's own
		return
	}
	first := h.streak[0]
	for _, u := range h.streak[1:] {
		if u.seq < first.seq {
			first = u
		}
	}
	h.first = first
	by := ""
	if first.by != nil && first.by.st != nil {
		by = fmt.Sprintf(" (sent by the scenario %q", first.by.st.name)
		if first.by.cleanup {
			by += ", in its clean-up"
		}
		by += ")"
	}
	h.stopped = fmt.Sprintf("the target stopped answering: %s%s was the first request it left unanswered (%s); %d requests in a row got no answer, %s",
		first.what, by, first.kind, len(h.streak), how)
}

// ask sends the probe: the last GET the target answered, once more. It
// reports whether an answer came, and says what was asked.
func (h *health) ask(probe *http.Request) (bool, string) {
	if probe == nil || h.probe == nil {
		return false, "and it had answered no GET the harness could send again to ask"
	}
	what := h.template(probe)
	timeout := h.timeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(probe.Context()), timeout)
	defer cancel()
	req := probe.Clone(ctx)
	req.Body = nil
	resp, err := h.probe(req)
	if err != nil {
		return false, fmt.Sprintf("nor did %s, which it had answered before (%v)", what, noAnswerText(ctx, err))
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return true, ""
}

func noAnswerText(ctx context.Context, err error) string {
	if k := noAnswer(ctx, err); k != "" {
		return k
	}
	return err.Error()
}

// noAnswer says what kind of failure err is when the target gave no
// answer: "timeout", "connection reset", …; "" for none, for a request the
// harness cut (a cancelled context, errHarnessDeadline) or another error.
func noAnswer(ctx context.Context, err error) string {
	var ne net.Error
	switch {
	case err == nil, errors.Is(err, context.Canceled), errors.Is(err, errStopped):
		return ""
	case errors.Is(context.Cause(ctx), errHarnessDeadline), errors.Is(ctx.Err(), context.Canceled):
		return ""
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout(),
		// An http.Client's Timeout cancels the request as its deadline
		// comes: "net/http: request canceled" (its own deadline, not the
		// harness's, which the cases above rule out).
		err.Error() == "net/http: request canceled":
		return "timeout"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), isClosedIdle(err):
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
	seq := w.h.begin()
	resp, err := w.base.RoundTrip(req)
	if err != nil || resp.Body == nil || resp.Body == http.NoBody {
		w.h.observe(seq, req, resp, err)
		return resp, err
	}
	// The answer counts once its body came: a body dripped until the
	// request's timeout is no answer, as a silence before the headers is.
	resp.Body = &watchedBody{ReadCloser: resp.Body, done: func(err error) { w.h.observe(seq, req, resp, err) }}
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
// answering: PATCH /Groups/{id} … was the first request it left
// unanswered …", or "" if it did not. Call it when the run is over, for the
// top of the reports.
func (s *Suite) Stopped() string { return s.health.reason() }
