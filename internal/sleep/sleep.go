// Package sleep waits as the harness's clients wait between attempts: for a
// time, or until the caller gives up.
package sleep

import (
	"context"
	"time"
)

// For waits d, or until ctx ends: then it returns ctx's error.
func For(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
