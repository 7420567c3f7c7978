package reports

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scimharness/scimharness/internal/redact"
)

// redacted replaces what is hidden: the marker of internal/redact, which the
// transcript and the steps' failure messages use too.
const redacted = redact.Marker

// sensitiveHeaders are the headers whose values never reach a report.
var sensitiveHeaders = []string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"}

var (
	// headerText finds a sensitive header written as text: "Authorization: Bearer x",
	// or in JSON, also inside a JSON string: "Authorization":["Bearer x"].
	headerText = regexp.MustCompile(`(?i)\b(proxy-authorization|authorization|set-cookie|cookie)(\\?"?\s*[:=]\s*(?:\[\s*\\?")?\\?"?)(?:(basic|bearer|ssws|token|digest|negotiate|dpop)\s+)?(\[redacted\]|[^"\\\r\n\]]+)`)
	// passwordEscapedJSON is passwordJSON inside a JSON or Go-quoted string.
	passwordEscapedJSON = regexp.MustCompile(`(?i)(\\"[a-z_]*password\\"\s*:\s*)\\"(?:[^"\\]|\\[^"])*\\"`)
	// passwordForm finds password=value in a query or form body.
	passwordForm = regexp.MustCompile(`(?i)\b([a-z_]*password=)[^&\s"]+`)
	// userinfo finds credentials in a URL: scheme://user:password@.
	userinfo = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@"]+:[^/\s@"]+@`)
)

// Redact returns s with secrets removed: every occurrence of each non-empty
// secret in every encoding (internal/redact.Secrets; a secret shorter than
// redact.MinLen only as a whole value), the value of an Authorization,
// Proxy-Authorization, Cookie or Set-Cookie header written as text (its
// scheme kept, as in "Bearer [redacted]"), every JSON string value of a key
// ending in "password" (internal/redact, also inside a JSON string), password=… in forms and user:password@ in URLs.
// Every report writer applies it to everything it writes.
func Redact(s string, secrets ...string) string {
	return newRedactor(secrets).text(s)
}

// RedactExchange returns a copy of x with the values of sensitive headers
// replaced and Redact applied to its URL, bodies, header values and error.
// Steps call it before they attach x; the writers call it again.
func RedactExchange(x Exchange, secrets ...string) Exchange {
	return newRedactor(secrets).exchange(x)
}

// RedactWith is Redact with the secrets of r, built once
// (redact.NewSecrets) for many calls.
func RedactWith(s string, r *redact.Secrets) string { return redactor{secrets: r}.text(s) }

// RedactExchangeWith is RedactExchange with the secrets of r.
func RedactExchangeWith(x Exchange, r *redact.Secrets) Exchange {
	return redactor{secrets: r}.exchange(x)
}

type redactor struct {
	secrets *redact.Secrets // nil without secrets
}

func newRedactor(secrets []string) redactor {
	return redactor{secrets: redact.NewSecrets(secrets...)}
}

func (r redactor) text(s string) string {
	if s == "" {
		return s
	}
	s = r.secrets.String(s)
	// Each pattern runs only where the words it needs are: the patterns are
	// most of a run's redaction time. The words are checked case-folded as
	// (?i) matches them: strings.ToLower folds the Kelvin sign K to k, and a
	// long s (ſ), which (?i) matches as s, makes "password" count as present.
	if mentionsHeaderWords(s) {
		s = headerText.ReplaceAllStringFunc(s, func(m string) string {
			p := headerText.FindStringSubmatch(m)
			out := p[1] + p[2]
			if p[3] != "" {
				out += p[3] + " "
			}
			return out + redacted
		})
	}
	if mentionsPassword(s) {
		s = string(redact.Passwords([]byte(s)))
	}
	if mentionsPassword(s) {
		s = passwordEscapedJSON.ReplaceAllString(s, `$1\"`+redacted+`\"`)
		s = passwordForm.ReplaceAllString(s, `${1}`+redacted)
	}
	if mayHoldUserinfo(s) {
		s = userinfo.ReplaceAllString(s, `${1}`+redacted+`@`)
	}
	return s
}

// mayHoldUserinfo reports whether userinfo can match s: some "://" is
// followed by user:password@ as the pattern reads them. Every page of a
// list holds URLs (meta.location), none with credentials: the pattern ran
// over each whole page.
func mayHoldUserinfo(s string) bool {
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			return false
		}
		s = s[i+3:]
		j := 0
		for j < len(s) && !userinfoStop(s[j]) && s[j] != ':' {
			j++
		}
		if j == 0 || j == len(s) || s[j] != ':' {
			continue
		}
		k := j + 1
		for k < len(s) && !userinfoStop(s[k]) {
			k++
		}
		if k > j+1 && k < len(s) && s[k] == '@' {
			return true
		}
	}
}

// userinfoStop are the bytes neither part of user:password@ holds in
// userinfo: '/', '"', '@' and \s.
func userinfoStop(c byte) bool {
	switch c {
	case '/', '"', '@', ' ', '\t', '\n', '\f', '\r':
		return true
	}
	return false
}

// mentionsPassword reports whether s may hold "password" as (?i) matches it:
// in ASCII letters of either case, or with the long s (U+017F), which (?i)
// folds to s. No other rune folds to a letter of "password". It reads s
// once without copying it (a list page is tens of kilobytes).
func mentionsPassword(s string) bool {
	return containsFold(s, "password") || strings.ContainsRune(s, '\u017f')
}

// mentionsHeaderWords reports whether s holds "authorization" or "cookie"
// as strings.ToLower(s) would: in ASCII letters of either case, or, where s
// holds the dotted capital I (U+0130, lowered to i) or the Kelvin sign
// (U+212A, lowered to k), the only runes beyond ASCII that lower into it,
// as strings.ToLower has it.
func mentionsHeaderWords(s string) bool {
	if containsFold(s, "authorization") || containsFold(s, "cookie") {
		return true
	}
	if !strings.ContainsRune(s, '\u0130') && !strings.ContainsRune(s, '\u212a') {
		return false
	}
	lower := strings.ToLower(s)
	return strings.Contains(lower, "authorization") || strings.Contains(lower, "cookie")
}

// containsFold reports whether s holds word, a lower-case ASCII word, in
// ASCII letters of either case, reading s once without copying it.
func containsFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 != word[0] {
			continue
		}
		j := 1
		for j < len(word) && s[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// headerValue keeps the scheme of a credential ("Bearer", "Basic") and hides the rest.
func headerValue(v string) string {
	if scheme, _, ok := strings.Cut(strings.TrimSpace(v), " "); ok && scheme != "" && isToken(scheme) {
		return scheme + " " + redacted
	}
	return redacted
}

func isToken(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (r redactor) header(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for k, vs := range h {
		sensitive := slices.ContainsFunc(sensitiveHeaders, func(s string) bool { return strings.EqualFold(s, k) })
		nv := make([]string, len(vs))
		for i, v := range vs {
			if sensitive {
				nv[i] = headerValue(v)
			} else {
				nv[i] = r.text(v)
			}
		}
		out[k] = nv
	}
	return out
}

func (r redactor) exchange(x Exchange) Exchange {
	x.Action = r.text(x.Action)
	x.URL = r.text(x.URL)
	x.RequestHeaders = r.header(x.RequestHeaders)
	x.RequestBody = r.text(x.RequestBody)
	x.ResponseHeaders = r.header(x.ResponseHeaders)
	x.ResponseBody = r.text(x.ResponseBody)
	x.Error = r.text(x.Error)
	return x
}

// run returns a deep copy of run with every string redacted and the
// target's credentials, if any, dropped.
func (r redactor) run(run Run) Run {
	run.Harness = r.text(run.Harness)
	run.HarnessRevision = r.text(run.HarnessRevision)
	run.Target = r.text(withoutUserinfo(run.Target))
	run.TargetDescription = r.text(withoutUserinfo(run.TargetDescription))
	run.Profile = r.text(run.Profile)
	run.Behaviours = slices.Clone(run.Behaviours)
	for i := range run.Behaviours {
		b := &run.Behaviours[i]
		b.ID, b.Title, b.Provenance, b.Sentence = r.text(b.ID), r.text(b.Title), r.text(b.Provenance), r.text(b.Sentence)
	}
	run.Scenarios = slices.Clone(run.Scenarios)
	for i := range run.Scenarios {
		s := &run.Scenarios[i]
		s.Feature, s.Name, s.URI, s.Reason = r.text(s.Feature), r.text(s.Name), r.text(s.URI), r.text(s.Reason)
		s.Tags = slices.Clone(s.Tags)
		for j := range s.Tags {
			s.Tags[j] = r.text(s.Tags[j])
		}
		s.Steps = slices.Clone(s.Steps)
		for j := range s.Steps {
			st := &s.Steps[j]
			st.Text, st.Error = r.text(st.Text), r.text(st.Error)
			st.Exchanges = slices.Clone(st.Exchanges)
			for k := range st.Exchanges {
				st.Exchanges[k] = r.exchange(st.Exchanges[k])
			}
			st.Attachments = slices.Clone(st.Attachments)
			for k := range st.Attachments {
				a := &st.Attachments[k]
				a.Name = r.text(a.Name)
				if utf8.Valid(a.Data) {
					a.Data = []byte(r.text(string(a.Data)))
				} // binary data is never written out, only its size
			}
		}
	}
	run.Logs = slices.Clone(run.Logs)
	for i := range run.Logs {
		run.Logs[i].Name, run.Logs[i].Text = r.text(run.Logs[i].Name), r.text(run.Logs[i].Text)
	}
	run.Secrets = slices.Clone(run.Secrets)
	return run
}

// withoutUserinfo drops user:password@ from a URL.
func withoutUserinfo(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	u.User = nil
	return u.String()
}
