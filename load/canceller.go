package load

import (
	"context"
	"net"
	"sync"
	"time"
)

// canceller interrupts the request a worker has in flight when the worker's
// context ends: one context.AfterFunc for the worker instead of one for each
// request, which costs the transport an allocation and two registrations
// per request. The transport finds it in the request's context and then
// relies on the connection's deadline for the request's own deadline, so
// a context between the worker's and the request's may add a deadline but
// must not be cancelled otherwise while the request is in flight (mockokta's
// per-attempt timeout is such a context).
type canceller struct {
	mu   sync.Mutex
	conn net.Conn // the in-flight request's connection, or nil
	done bool     // the worker's context has ended
}

type cancellerKey struct{}

// withCanceller returns ctx carrying a canceller, and the function that
// stops it watching ctx.
func withCanceller(ctx context.Context) (context.Context, func() bool) {
	c := &canceller{}
	stop := context.AfterFunc(ctx, func() {
		c.mu.Lock()
		c.done = true
		if c.conn != nil {
			c.conn.SetDeadline(time.Unix(1, 0))
		}
		c.mu.Unlock()
	})
	return context.WithValue(ctx, cancellerKey{}, c), stop
}

// watch makes conn the one interrupted when the context ends; false if it
// has ended already.
func (c *canceller) watch(conn net.Conn) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		return false
	}
	c.conn = conn
	return true
}

// unwatch ends the watch of the in-flight connection; false if the context
// ended during it (the connection's deadline is then spoilt).
func (c *canceller) unwatch() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.conn = nil
	return !c.done
}
