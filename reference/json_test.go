package reference

import (
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"
)

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func jsonMarshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uote`, `back\slash`, "tab\tnl\ncr\r", "\x00\x1f", "café ☕", "bad\xffutf8", "\u2028\u2029", "<&>"} {
		var got string
		out := appendString(nil, s)
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("appendString(%q) = %s: not JSON: %v", s, out, err)
		}
		want := s
		if !utf8.ValidString(s) {
			want = "bad\ufffdutf8"
		}
		if got != want {
			t.Errorf("appendString(%q) reads back %q", s, got)
		}
	}
}

func TestAppendTime(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Unix(0, 0),
	} {
		want := `"` + tm.UTC().Format(timeLayout) + `"`
		if got := string(appendTime(nil, tm.UnixNano())); got != want {
			t.Errorf("appendTime(%v) = %s, want %s", tm, got, want)
		}
	}
}

// TestGrowAndPool: grow keeps what b holds and makes room in one step, with a
// pooled big buffer or a new one; a big buffer put back serves a later answer
// whatever it held before.
func TestGrowAndPool(t *testing.T) {
	for _, tt := range []struct{ have, more int }{{10, 100}, {10, 3 << 20}, {2 << 20, 2 << 20}, {0, smallBuf + 1}} {
		b := make([]byte, tt.have, tt.have+1)
		for i := range b {
			b[i] = byte('a' + i%26)
		}
		want := string(b)
		for round := range 3 { // the later rounds may take the buffer put back
			g := grow(append([]byte(nil), want...), tt.more)
			if string(g) != want || cap(g)-len(g) < tt.more {
				t.Fatalf("grow(%d bytes, %d), round %d: %d bytes (same %v), room %d", tt.have, tt.more, round, len(g), string(g) == want, cap(g)-len(g))
			}
			g = append(g, make([]byte, tt.more)...) // fill it, as an answer does
			putBuf(&buf{b: g})
		}
	}
	nb := getBuf()
	if len(nb.b) != 0 {
		t.Errorf("getBuf after big buffers: %d bytes already in it", len(nb.b))
	}
	putBuf(nb)
}
