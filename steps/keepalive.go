package steps

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"syscall"
)

// A keep-alive connection the target closed while it sat idle is found
// closed only when the next request is written on it: net/http sends that
// request again by itself only when it is a GET or HEAD (replayable), so a
// POST, PATCH, PUT or DELETE would fail although the target never saw it.
// That is a matter of connection reuse, not the target's answer, so the
// harness sends such a request again (each stale connection found leaves the
// pool, and a new one is dialled once the pool is empty), as an HTTP client
// with a stale-connection check does. A request that failed on a new
// connection, or after part of an answer came, is not sent again: that
// failure is the target's.
//
// A POST or PATCH written in full on a reused connection that closed before
// any answer is sent again too, although the target may have acted on it
// (the second POST then meets a 409, or creates a duplicate): net/http gives
// the same error, io.EOF, whether the target acted on it and died or dropped
// it as it closed the idle connection just as the request went out
// (TestFreshRetrySendsAgainAWrittenPOSTLeftUnanswered), and the second is a
// healthy target behind a proxy that closes its connections
// (TestRunCoreBehindSlowDeletesAndAClosingProxy), whose close can reach the
// harness before or after its next request went out. Refusing the resend
// would fail that target whenever the close came late; resending costs a
// target that acts and never answers (already a failed request in Okta) a
// misleading second answer in its report. So that the report does not
// mislead, such a resend is counted (withResends) and the step's request
// says so in a warning of the scenario (send).

// freshRetry is the transport under watch: it sends a request again when
// it failed on a reused connection closed before any answer came.
type freshRetry struct{ base http.RoundTripper }

func (f freshRetry) RoundTrip(req *http.Request) (*http.Response, error) {
	for n := 1; ; n++ {
		try := req
		if n > 1 {
			try = req.Clone(req.Context())
			if req.Body != nil && req.Body != http.NoBody {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				try.Body = body
			}
		}
		var reused, wrote bool
		trace := &httptrace.ClientTrace{
			GotConn:      func(i httptrace.GotConnInfo) { reused = i.Reused },
			WroteRequest: func(i httptrace.WroteRequestInfo) { wrote = i.Err == nil },
		}
		resp, err := f.base.RoundTrip(try.WithContext(httptrace.WithClientTrace(try.Context(), trace)))
		if err == nil || !reused || !closedBeforeAnswer(err) || req.Context().Err() != nil || n == maxStale ||
			req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
			return resp, err
		}
		if wrote && (req.Method == http.MethodPost || req.Method == http.MethodPatch) {
			if c, ok := req.Context().Value(resendsKey{}).(*atomic.Int32); ok {
				c.Add(1)
			}
		}
	}
}

// resendsKey is the context key of withResends' counter.
type resendsKey struct{}

// withResends returns ctx with a counter to which freshRetry adds one each
// time it sends again a POST or PATCH that was written in full: the
// target may have acted on the first, so the caller should say so.
func withResends(ctx context.Context, n *atomic.Int32) context.Context {
	return context.WithValue(ctx, resendsKey{}, n)
}

// maxStale bounds the attempts of one request: each stale connection found
// leaves the pool, so a few attempts reach a fresh one.
const maxStale = 8

// closedBeforeAnswer reports whether err says the connection was closed
// or reset before any byte of an answer.
func closedBeforeAnswer(err error) bool {
	return isClosedIdle(err) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// isClosedIdle reports net/http's error for a request written on a
// connection the server had closed ("http: server closed idle connection").
func isClosedIdle(err error) bool {
	return err != nil && strings.Contains(err.Error(), "server closed idle connection")
}
