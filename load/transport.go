package load

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// transport is the wave's HTTP/1.1 client transport. Each request is written
// and its answer read on the calling goroutine, over keep-alive connections
// pooled per host, instead of net/http's two goroutines per connection and
// the hand-offs between them. That costs about a third less CPU per request,
// which on a small machine shared with the target is what keeps the harness
// from being the bottleneck (README, performance). The bytes on the wire are
// those of net/http's client: the request is written by [http.Request.Write]
// and the answer read by readResponse, which FuzzReadResponse holds to
// [http.ReadResponse].
//
// It speaks HTTP/1.1 only (as Okta's client does), to the target directly;
// [newTransport] keeps net/http's transport for targets behind a proxy.
type transport struct {
	tls  *tls.Config // for https targets; nil: the system's defaults
	dial func(ctx context.Context, network, addr string) (net.Conn, error)

	mu   sync.Mutex
	idle map[string][]*conn // by scheme://host:port, most recently used last
}

// maxIdlePerHost bounds the pooled connections of one host; a wave keeps at
// most one per worker busy.
const maxIdlePerHost = 256

// dialTimeout bounds connecting to the target, as net/http's default does.
const dialTimeout = 10 * time.Second

// conn is one pooled connection.
type conn struct {
	nc net.Conn
	br *bufio.Reader
	bw *bufio.Writer
}

// newTransport returns the wave's transport for a client whose transport is
// base: a *http.Transport (or nil, net/http's default) is replaced by the lean
// transport with the same TLS configuration, unless it sends requests through
// a proxy; any other RoundTripper (a test's, say) is kept as it is.
func newTransport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	std, ok := base.(*http.Transport)
	if !ok {
		return base
	}
	d := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	t := &transport{dial: d.DialContext, idle: map[string][]*conn{}}
	if std.TLSClientConfig != nil {
		t.tls = std.TLSClientConfig.Clone()
	}
	if std.Proxy == nil {
		return t
	}
	return &proxySplit{lean: t, std: std}
}

// proxySplit sends requests that the environment proxies through net/http's
// transport, and the others through the lean one.
type proxySplit struct {
	lean *transport
	std  *http.Transport
}

func (p *proxySplit) RoundTrip(r *http.Request) (*http.Response, error) {
	if u, err := p.std.Proxy(r); err != nil || u != nil {
		return p.std.RoundTrip(r)
	}
	return p.lean.RoundTrip(r)
}

// RoundTrip sends r and reads the answer's head; the body is read from the
// connection as the caller reads it, and the connection goes back to the pool
// once the body has been read to its end. The context's deadline and
// cancellation apply to connecting, writing and reading.
func (t *transport) RoundTrip(r *http.Request) (*http.Response, error) {
	key, addr, err := hostKey(r)
	if err != nil {
		closeBody(r)
		return nil, err
	}
	ctx := r.Context()
	for retried := false; ; retried = true {
		c, reused, err := t.get(ctx, key, addr, r.URL.Scheme == "https", r.URL.Hostname())
		if err != nil {
			closeBody(r)
			return nil, err
		}
		resp, err := t.exchange(ctx, c, r, key)
		if err == nil {
			return resp, nil
		}
		c.nc.Close()
		// A pooled connection the server had closed fails before any of
		// the answer arrives; send the request once more on a new one, as
		// net/http does, when its body can be sent again.
		if !reused || retried || !staleConn(err) {
			closeBody(r)
			return nil, err
		}
		again, ok := rewound(r)
		if !ok {
			closeBody(r)
			return nil, err
		}
		r = again
	}
}

// exchange writes r on c and reads the answer's head.
func (t *transport) exchange(ctx context.Context, c *conn, r *http.Request, key string) (*http.Response, error) {
	if dl, ok := ctx.Deadline(); ok {
		c.nc.SetDeadline(dl)
	} else {
		c.nc.SetDeadline(time.Time{})
	}
	// The context's end interrupts the request through the worker's
	// canceller if it carries one, else through an AfterFunc of its own.
	var w watch
	if w.cw, _ = ctx.Value(cancellerKey{}).(*canceller); w.cw == nil {
		w.stop = context.AfterFunc(ctx, func() { c.nc.SetDeadline(time.Unix(1, 0)) })
	} else if !w.cw.watch(c.nc) {
		return nil, fmt.Errorf("%s %s: %w", r.Method, r.URL.Redacted(), context.Cause(ctx))
	}
	fail := func(err error) (*http.Response, error) {
		w.end()
		// The socket's deadline is the context's: its timeout comes a
		// moment before the context's own timer, which is then due.
		var ne net.Error
		if _, ok := ctx.Deadline(); ok && errors.As(err, &ne) && ne.Timeout() {
			<-ctx.Done()
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s %s: %w", r.Method, r.URL.Redacted(), context.Cause(ctx))
		}
		return nil, err
	}
	if err := r.Write(c.bw); err != nil {
		return fail(err)
	}
	if err := c.bw.Flush(); err != nil {
		return fail(err)
	}
	var resp *http.Response
	for {
		var err error
		if resp, err = readResponse(c.br, r); err != nil {
			return fail(err)
		}
		// Informational answers (100 Continue, 103 Early Hints) precede
		// the real one.
		if resp.StatusCode >= 200 || resp.StatusCode == http.StatusSwitchingProtocols {
			break
		}
		resp.Body.Close()
	}
	resp.Body = &body{t: t, c: c, r: resp.Body, keep: !resp.Close && !r.Close, w: w, key: key}
	return resp, nil
}

// get returns a pooled connection to key, or dials addr.
func (t *transport) get(ctx context.Context, key, addr string, useTLS bool, server string) (*conn, bool, error) {
	t.mu.Lock()
	if cs := t.idle[key]; len(cs) > 0 {
		c := cs[len(cs)-1]
		t.idle[key] = cs[:len(cs)-1]
		t.mu.Unlock()
		return c, true, nil
	}
	t.mu.Unlock()
	nc, err := t.dial(ctx, "tcp", addr)
	if err != nil {
		return nil, false, err
	}
	if useTLS {
		cfg := &tls.Config{}
		if t.tls != nil {
			cfg = t.tls.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName = server
		}
		cfg.NextProtos = []string{"http/1.1"}
		tc := tls.Client(nc, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			nc.Close()
			return nil, false, err
		}
		nc = tc
	}
	return &conn{nc: nc, br: bufio.NewReaderSize(nc, 16<<10), bw: bufio.NewWriterSize(nc, 8<<10)}, false, nil
}

// put returns c to the pool, or closes it when the pool is full.
func (t *transport) put(key string, c *conn) {
	t.mu.Lock()
	if len(t.idle[key]) < maxIdlePerHost {
		t.idle[key] = append(t.idle[key], c)
		c = nil
	}
	t.mu.Unlock()
	if c != nil {
		c.nc.Close()
	}
}

// CloseIdleConnections closes the pooled connections (http.Client calls it).
func (t *transport) CloseIdleConnections() {
	t.mu.Lock()
	idle := t.idle
	t.idle = map[string][]*conn{}
	t.mu.Unlock()
	for _, cs := range idle {
		for _, c := range cs {
			c.nc.Close()
		}
	}
}

// watch is how a request's context reaches into its connection: the
// worker's canceller, or an AfterFunc of the request's own.
type watch struct {
	cw   *canceller
	stop func() bool
}

// end ends the watch; false if the context ended first (the connection's
// deadline is then spoilt).
func (w watch) end() bool {
	if w.cw != nil {
		return w.cw.unwatch()
	}
	return w.stop()
}

// body is an answer's body on a pooled connection.
type body struct {
	t    *transport
	c    *conn
	r    io.ReadCloser
	key  string
	keep bool // the connection may serve another request after this one
	w    watch
	done bool
}

func (b *body) Read(p []byte) (int, error) {
	if b.done {
		return 0, io.EOF
	}
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.finish(b.keep)
	} else if err != nil {
		b.finish(false)
	}
	return n, err
}

// Close before the end of the body closes the connection: what is left of
// the answer would otherwise be read as the next one.
func (b *body) Close() error {
	b.finish(false)
	return nil
}

func (b *body) finish(keep bool) {
	if b.done {
		return
	}
	b.done = true
	// The context must not reach into the connection once another request
	// has it.
	if !b.w.end() {
		keep = false
	}
	if keep {
		b.t.put(b.key, b.c)
		return
	}
	b.c.nc.Close()
}

func hostKey(r *http.Request) (key, addr string, err error) {
	u := r.URL
	port := u.Port()
	switch u.Scheme {
	case "http":
		if port == "" {
			port = "80"
		}
	case "https":
		if port == "" {
			port = "443"
		}
	default:
		return "", "", fmt.Errorf("%s %s: unsupported scheme %q", r.Method, u.Redacted(), u.Scheme)
	}
	if u.Hostname() == "" {
		return "", "", fmt.Errorf("%s %s: no host", r.Method, u.Redacted())
	}
	addr = net.JoinHostPort(u.Hostname(), port)
	return u.Scheme + "://" + addr, addr, nil
}

// staleConn reports whether err is what writing to or reading from a
// connection the server has closed gives before any answer arrived.
func staleConn(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// rewound returns a copy of r whose body can be sent again; false if it
// cannot be (the caller's request is not modified).
func rewound(r *http.Request) (*http.Request, bool) {
	if r.Body == nil || r.Body == http.NoBody {
		return r, true
	}
	if r.GetBody == nil {
		return nil, false
	}
	b, err := r.GetBody()
	if err != nil {
		return nil, false
	}
	again := r.Clone(r.Context())
	again.Body = b
	return again, true
}

func closeBody(r *http.Request) {
	if r.Body != nil {
		r.Body.Close()
	}
}
