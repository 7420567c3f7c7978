package jsonenc

import (
	"encoding/binary"
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

// TestPlainWord holds PlainWord to the bytes a JSON string holds as they are
// (jsonSafe): every byte value at every place of a word, alone and beside
// every other byte value, among several fills of such bytes (the edges of
// their range and the neighbours of the quote and the backslash).
func TestPlainWord(t *testing.T) {
	all := func(w [8]byte) bool {
		for _, c := range w {
			if c >= utf8.RuneSelf || !jsonSafe[c] {
				return false
			}
		}
		return true
	}
	for _, fill := range []byte{0x20, 0x21, 0x23, 0x5b, 0x5d, 'a', 0x7e, 0x7f} {
		for p := range 8 {
			for q := p; q < 8; q++ {
				for c := range 256 {
					for e := range 256 {
						var w [8]byte
						for i := range w {
							w[i] = fill
						}
						w[p], w[q] = byte(c), byte(e)
						if got, want := PlainWord(binary.LittleEndian.Uint64(w[:])), all(w); got != want {
							t.Fatalf("PlainWord(%q) = %v, want %v", w[:], got, want)
						}
					}
				}
			}
		}
	}
}
