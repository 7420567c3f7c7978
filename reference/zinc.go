package reference

import (
	"net/mail"
	"strings"
)

// isEmail reports whether s is a plain email address as Zinc needs it: what
// net/mail reads back unchanged (no display name, no quoting, no spaces), with a
// dot in the domain.
func isEmail(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n<>") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	dot := strings.IndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1 && !strings.HasSuffix(domain, ".")
}

// lower lower-cases s, without allocating when s has no upper-case ASCII letter
// and is all ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}
