package load

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	var c counters
	c.setPhase("assign users")
	c.requests.Add(500)
	c.errors.Add(2)
	c.throttle.Add(3)
	got := progressLine(&c, 2*time.Second)
	for _, want := range []string{"assign users", "500 requests", "250 req/s", "2 errors", "3 × 429", "2.0s"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress line %q lacks %q", got, want)
		}
	}
}

func TestProgressPlainWhenNotTerminal(t *testing.T) {
	var buf bytes.Buffer
	if isTerminal(&buf) {
		t.Fatal("a buffer is not a terminal")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	progress(ctx, &buf, &counters{}, time.Now(), time.Now)
	if strings.Contains(buf.String(), "\r") {
		t.Fatalf("plain output must not rewrite lines: %q", buf.String())
	}
}
