// Package framing refuses a request whose length is framed twice, by both
// Content-Length and Transfer-Encoding (RFC 9112 section 6.1: such a
// message "might indicate an attempt to perform request smuggling"; the
// server must at least close the connection after answering it). net/http
// serves such a request by its Transfer-Encoding and removes the
// Content-Length header before a handler could see it, so the check reads
// each request's header block on the connection itself.
package framing

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"sync/atomic"
)

// Guard makes srv answer a request with both Content-Length and
// Transfer-Encoding with 400 and close its connection, and returns ln
// wrapped for srv.Serve. Call it before Serve; it sets srv.ConnContext
// (keeping one already set) and wraps srv.Handler.
func Guard(srv *http.Server, ln net.Listener) net.Listener {
	next := srv.ConnContext
	srv.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		if next != nil {
			ctx = next(ctx, c)
		}
		if gc, ok := c.(*conn); ok {
			ctx = context.WithValue(ctx, connKey{}, gc)
		}
		return ctx
	}
	h := srv.Handler
	if h == nil {
		h = http.DefaultServeMux
	}
	srv.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gc, ok := r.Context().Value(connKey{}).(*conn); ok && gc.both.Load() {
			w.Header().Set("Connection", "close")
			w.Header().Set("Content-Type", "application/scim+json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidSyntax","detail":"the request has both Content-Length and Transfer-Encoding, which frames its body twice (RFC 9112 section 6.1): send one; the connection is closed"}`))
			return
		}
		h.ServeHTTP(w, r)
	})
	return listener{ln}
}

type connKey struct{}

type listener struct{ net.Listener }

func (l listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &conn{Conn: c}, nil
}

// conn reads the header lines of each request as they pass. Once a header
// block held both framing headers, every later answer on the connection is
// a 400 that closes it: with pipelined requests the block read may be ahead
// of the request being answered, and closing early is the safe side. A line
// of a body that looks like a header can only close a connection early.
type conn struct {
	net.Conn
	line     []byte // the current line, up to maxLine bytes
	long     bool   // the current line is longer than maxLine
	cl, te   bool   // seen in the current header block
	inHeader bool   // between a request line and the blank line
	both     atomic.Bool
}

const maxLine = 64

func (c *conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	for _, b := range p[:n] {
		if b != '\n' {
			if len(c.line) < maxLine {
				c.line = append(c.line, b)
			} else {
				c.long = true
			}
			continue
		}
		c.endLine()
	}
	return n, err
}

func (c *conn) endLine() {
	line := bytes.TrimSuffix(c.line, []byte("\r"))
	long := c.long
	c.line, c.long = c.line[:0], false
	switch {
	case len(line) == 0 && !long:
		if c.inHeader && c.cl && c.te {
			c.both.Store(true)
		}
		c.inHeader, c.cl, c.te = false, false, false
	case !c.inHeader:
		c.inHeader = true // a request line (or a body line: see conn)
	case hasFold(line, "content-length:"):
		c.cl = true
	case hasFold(line, "transfer-encoding:"):
		c.te = true
	}
}

// hasFold reports whether line starts with the lower-case prefix, in any
// letter case.
func hasFold(line []byte, prefix string) bool {
	return len(line) >= len(prefix) && bytes.EqualFold(line[:len(prefix)], []byte(prefix))
}
