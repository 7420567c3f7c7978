package load

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(n ...int) []time.Duration {
		out := make([]time.Duration, len(n))
		for i, v := range n {
			out[i] = time.Duration(v) * time.Millisecond
		}
		return out
	}
	tests := map[string]struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		"empty":         {nil, 50, 0},
		"one":           {ms(7), 99, 7 * time.Millisecond},
		"p50 of 4":      {ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		"p90 of 10":     {ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Millisecond},
		"p99 of 10":     {ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		"max":           {ms(1, 5, 9), 100, 9 * time.Millisecond},
		"p0 is minimum": {ms(3, 4), 0, 3 * time.Millisecond},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := percentile(tc.sorted, tc.p); got != tc.want {
				t.Errorf("percentile(%v, %v) = %v, want %v", tc.sorted, tc.p, got, tc.want)
			}
		})
	}
}

func TestRecorderMergesShards(t *testing.T) {
	var r Recorder
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		sh := r.Shard()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1; i <= 100; i++ {
				sh.Record("create-user", 201, time.Duration(i)*time.Millisecond)
			}
			sh.Record("lookup-user", 0, time.Second)
			sh.Record("lookup-user", 429, time.Millisecond)
		}()
	}
	wg.Wait()
	stats := r.Stats(2 * time.Second)
	if len(stats) != 2 || stats[0].Kind != "create-user" || stats[1].Kind != "lookup-user" {
		t.Fatalf("kinds = %+v, want create-user then lookup-user", stats)
	}
	c := stats[0]
	if c.Requests != 400 || c.Statuses[201] != 400 || c.PerSec != 200 {
		t.Errorf("create-user = %+v, want 400 requests, 400 × 201, 200/s", c)
	}
	if time.Duration(c.P50) != 50*time.Millisecond || time.Duration(c.P99) != 99*time.Millisecond || time.Duration(c.Max) != 100*time.Millisecond {
		t.Errorf("create-user latencies p50=%v p99=%v max=%v, want 50ms 99ms 100ms", time.Duration(c.P50), time.Duration(c.P99), time.Duration(c.Max))
	}
	l := stats[1]
	if l.NoAnswer != 4 || l.Statuses[429] != 4 {
		t.Errorf("lookup-user = %+v, want 4 without answer and 4 × 429", l)
	}
	b, err := json.Marshal(c.P50)
	if err != nil || string(b) != "50" {
		t.Errorf("Millis JSON = %s, %v; want 50", b, err)
	}
}

func TestLimiterSpacesRequests(t *testing.T) {
	now := time.Unix(0, 0)
	var slept []time.Duration
	l := newLimiter(4, func() time.Time { return now }, func(_ context.Context, d time.Duration) error {
		slept = append(slept, d)
		return nil
	})
	for i := 0; i < 4; i++ {
		if err := l.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	want := []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, 750 * time.Millisecond}
	if len(slept) != len(want) {
		t.Fatalf("slept %v, want %v", slept, want)
	}
	for i := range want {
		if slept[i] != want[i] {
			t.Fatalf("slept %v, want %v", slept, want)
		}
	}
}

func TestLimiterUnlimited(t *testing.T) {
	l := newLimiter(0, time.Now, func(context.Context, time.Duration) error {
		t.Fatal("an unlimited limiter must not sleep")
		return nil
	})
	for i := 0; i < 100; i++ {
		if err := l.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.wait(ctx); err == nil {
		t.Fatal("wait on a cancelled context: want an error")
	}
}
