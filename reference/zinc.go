package reference

import (
	"net/mail"
	"strings"
)

// maxEmailOctets is the longest email address there is: RFC 5321 section
// 4.5.3.1.3 caps a path at 256 octets, angle brackets included.
const maxEmailOctets = 254

// isEmail reports whether s is a plain email address as Zinc needs it: at most
// maxEmailOctets long, what net/mail reads back unchanged (no display name, no
// quoting, no spaces), with a dot in the domain.
func isEmail(s string) bool {
	if s == "" || len(s) > maxEmailOctets || strings.ContainsAny(s, " \t\r\n<>") {
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
