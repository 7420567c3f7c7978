package reports

import (
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/redact"
)

// ungated is redactor.text as it was before its patterns were gated on the
// words they need: every pattern on every string.
func (r redactor) ungated(s string) string {
	if s == "" {
		return s
	}
	s = r.secrets.String(s)
	s = headerText.ReplaceAllStringFunc(s, func(m string) string {
		p := headerText.FindStringSubmatch(m)
		out := p[1] + p[2]
		if p[3] != "" {
			out += p[3] + " "
		}
		return out + redacted
	})
	if strings.Contains(strings.ToLower(s), "password") {
		s = string(redact.Passwords([]byte(s)))
	}
	s = passwordEscapedJSON.ReplaceAllString(s, `$1\"`+redacted+`\"`)
	s = passwordForm.ReplaceAllString(s, `${1}`+redacted)
	s = userinfo.ReplaceAllString(s, `${1}`+redacted+`@`)
	return s
}

// The gates skip a pattern only where it cannot match: the text is what
// every pattern on every string gives, case and Unicode folding included.
func TestRedactGatesChangeNothing(t *testing.T) {
	r := newRedactor([]string{"s3cret-token"})
	for _, s := range gateSeeds {
		if got, want := r.text(s), r.ungated(s); got != want {
			t.Errorf("text(%q) = %q, want %q as ungated", s, got, want)
		}
	}
}

// FuzzRedactGates holds the gated redaction to the ungated one on any text.
func FuzzRedactGates(f *testing.F) {
	for _, s := range gateSeeds {
		f.Add(s)
	}
	r := newRedactor([]string{"s3cret-token"})
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := r.text(s), r.ungated(s); got != want {
			t.Errorf("text(%q) = %q, want %q as ungated", s, got, want)
		}
	})
}

var gateSeeds = []string{
	"",
	"nothing to hide here",
	"Authorization: Bearer abc.def",
	"AUTHORIZATION: basic b2t0YTpwdw==",
	"Set-Cookie: sid=1; Path=/",
	"coo\u212aie: sid=2", // the Kelvin sign, which (?i) matches as k
	`{"password":"hunter2"}`,
	`{"PassWord": "hunter2", "x": 1}`,
	`{"pa\u017f\u017fword":"hunter2"}`, // the long s, which (?i) matches as s
	`{\"password\":\"hunter2\"}`,
	"grant_type=password&password=hunter2&user_password=x",
	"pa\u017fsword=hunter2",
	"https://okta:hunter2@app.example/scim/v2",
	"HTTPS://OKTA:PW@APP.EXAMPLE/",
	"mailto:alice@example.com and ftp://u:p@h/",
	"http://x/Users/1 then https://u:p:q@h and ://a:b@",
	"https://host:8443/scim/v2 and a@b https://u@h/ and https://:p@h and https://u:@h",
	"http://a\tb:c@h x://u:p\"@h x://u:p/@h x://u:p",
	`{"meta":{"location":"http://127.0.0.1:8080/scim/v2/Users/1"},"emails":[{"value":"a@x"}]}`,
	"the token s3cret-token in a URL https://x/?t=s3cret-token",
	`{"headers":{"Authorization":["Bearer abc"],"Cookie":["a=b"]},"body":"{\"password\":\"p\"}"}`,
}
