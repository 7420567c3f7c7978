package jsonenc

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAppendString(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":          {"alice@example.com", `"alice@example.com"`},
		"quote and back": {`a"b\c`, `"a\"b\\c"`},
		"controls":       {"a\nb\tc\rd\x01", `"a\nb\tc\rd\u0001"`},
		"no html escape": {"<a&b>", `"<a&b>"`},
		"utf8":           {"café", `"café"`},
		"line separator": {"a\u2028b", `"a\u2028b"`},
		"invalid utf8":   {"a\xffb", `"a\ufffdb"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := string(AppendString([]byte("x"), tc.in)); got != "x"+tc.want {
				t.Errorf("AppendString(%q) = %s, want x%s", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzAppendString: whatever the input, the output is valid JSON that reads
// back as the input (invalid UTF-8 as U+FFFD, as encoding/json does).
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "alice@example.com", `a"b\c`, "a\u2028b", "a\xffb", "\x00\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := AppendString(nil, s)
		var back string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("AppendString(%q) = %s: not JSON: %v", s, out, err)
		}
		want := s
		if !utf8.ValidString(s) {
			// encoding/json replaces each invalid byte, not each run of them.
			var b strings.Builder
			for i := 0; i < len(s); {
				r, size := utf8.DecodeRuneInString(s[i:])
				b.WriteRune(r)
				i += size
			}
			want = b.String()
		}
		if back != want {
			t.Fatalf("AppendString(%q) reads back as %q, want %q", s, back, want)
		}
	})
}
