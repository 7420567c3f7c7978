package sleep

import (
	"context"
	"errors"
	"testing"
	"time"
)

// An ended context ends the wait at once, with its error; nothing here
// waits on the clock for a result.
func TestForEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := For(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("For with a cancelled context: %v, want context.Canceled", err)
	}
	if err := For(context.Background(), 0); err != nil {
		t.Fatalf("For 0: %v", err)
	}
}
