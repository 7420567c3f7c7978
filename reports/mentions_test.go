package reports

import (
	"strings"
	"testing"
)

// mentionsPasswordByLowering is mentionsPassword as it was: the text
// lowered whole, then searched.
func mentionsPasswordByLowering(s string) bool {
	return strings.Contains(strings.ToLower(s), "password") || strings.ContainsRune(s, '\u017f')
}

func TestMentionsPassword(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"password", true},
		{`{"PassWord":"x"}`, true},
		{"PASSWORD", true},
		{"passwor", false},
		{"pass word", false},
		{"ppassword", true},
		{"pa\u017fsword", true},
		{"\u212aelvin", false},
		{"p\xffassword", false},
		{"xpasswordx\xff", true},
		{"Pqssword", false},
	} {
		if got := mentionsPassword(c.s); got != c.want {
			t.Errorf("mentionsPassword(%q) = %v, want %v", c.s, got, c.want)
		}
		if got := mentionsPasswordByLowering(c.s); got != c.want {
			t.Errorf("lowering %q = %v, want %v", c.s, got, c.want)
		}
	}
}

// FuzzMentionsPassword holds mentionsPassword and mentionsHeaderWords to
// lowering the text whole.
func FuzzMentionsPassword(f *testing.F) {
	for _, s := range []string{"password", "PaSsWoRd", "pa\u017fsword", "\u0130password", "pass\xffword",
		"Authorization: x", "COOKIE", "coo\u212aie", "author\u0130zation", "cook\u0130e", "cooki\u0130"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := mentionsPassword(s), mentionsPasswordByLowering(s); got != want {
			t.Fatalf("mentionsPassword(%q) = %v, lowering the text gives %v", s, got, want)
		}
		lower := strings.ToLower(s)
		if got, want := mentionsHeaderWords(s), strings.Contains(lower, "authorization") || strings.Contains(lower, "cookie"); got != want {
			t.Fatalf("mentionsHeaderWords(%q) = %v, lowering the text gives %v", s, got, want)
		}
	})
}
