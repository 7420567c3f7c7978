package load

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// counters are the live figures of a running wave, updated by the workers.
type counters struct {
	requests atomic.Int64
	errors   atomic.Int64
	throttle atomic.Int64 // 429 answers
	phase    atomic.Value // string
}

func (c *counters) setPhase(p string) { c.phase.Store(p) }

func (c *counters) phaseName() string {
	if p, ok := c.phase.Load().(string); ok {
		return p
	}
	return ""
}

// progress prints the wave's progress to w until ctx ends: a line rewritten in
// place on a terminal, plain lines at a slower pace otherwise (CI logs).
func progress(ctx context.Context, w io.Writer, c *counters, start time.Time, now func() time.Time) {
	if w == nil {
		return
	}
	tty := isTerminal(w)
	every := 5 * time.Second
	if tty {
		every = 200 * time.Millisecond
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			if tty {
				fmt.Fprintln(w)
			}
			return
		case <-tick.C:
			line := progressLine(c, now().Sub(start))
			if tty {
				fmt.Fprintf(w, "\r\033[K%s", line)
			} else {
				fmt.Fprintln(w, line)
			}
		}
	}
}

func progressLine(c *counters, elapsed time.Duration) string {
	n := c.requests.Load()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(n) / elapsed.Seconds()
	}
	return fmt.Sprintf("%-22s %8d requests  %8.0f req/s  %5d errors  %5d × 429  %6.1fs",
		c.phaseName(), n, rate, c.errors.Load(), c.throttle.Load(), elapsed.Seconds())
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
