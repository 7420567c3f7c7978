package redact

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strings"
	"text/template"
)

// MinLen is the length from which a secret is hidden wherever it occurs,
// inside other text too. A shorter secret (a test token such as "T") is
// hidden only where it stands as a whole value, between characters that
// cannot be part of a credential; hiding it as a substring would blank every
// capital T of a report. Short(s) reports such a secret, so that a command
// can warn about it.
const MinLen = 8

// Short reports whether s is a non-empty secret shorter than MinLen, which
// Secrets hides only where it stands as a whole value.
func Short(s string) bool { return s != "" && len(s) < MinLen }

// Secrets hides a run's secrets in every encoding a target or a writer can
// give them: as given, URL-escaped (query and path), form-escaped,
// JSON-escaped (also with "\/", PHP's default, and with <, >, & as \u003c),
// HTML- and XML-escaped, JavaScript-escaped, and base64 (standard and URL
// alphanumerics, so that a Basic credential "user:password" given as a
// secret is hidden as its header carries it). Each occurrence is replaced by
// Marker in one pass over the text, whatever the number of secrets: the cost
// is linear in the text's length. A nil *Secrets hides nothing. It is safe
// for concurrent use.
type Secrets struct {
	pats  []pattern
	first [256][]int32 // indexes into pats by first byte, longest first
}

type pattern struct {
	s     string
	whole bool // only as a whole value: the secret is Short
}

// NewSecrets returns the redactor of values; empty values are ignored, and
// it returns nil when none is left.
func NewSecrets(values ...string) *Secrets {
	seen := map[string]bool{}
	var pats []pattern
	for _, v := range values {
		if v == "" {
			continue
		}
		for _, e := range encodings(v) {
			if e == "" || seen[e] {
				continue
			}
			seen[e] = true
			pats = append(pats, pattern{s: e, whole: Short(v)})
		}
	}
	if len(pats) == 0 {
		return nil
	}
	// Longest first, so that a secret containing another is hidden whole.
	slices.SortStableFunc(pats, func(a, b pattern) int { return cmp.Compare(len(b.s), len(a.s)) })
	s := &Secrets{pats: pats}
	for i, p := range pats {
		s.first[p.s[0]] = append(s.first[p.s[0]], int32(i))
	}
	return s
}

// encodings are the forms in which v can reach a body, a header or a
// report.
func encodings(v string) []string {
	out := []string{v, url.QueryEscape(v), url.PathEscape(v), html.EscapeString(v),
		template.HTMLEscapeString(v), template.JSEscapeString(v), xmlEscape(v),
		base64.StdEncoding.EncodeToString([]byte(v)), base64.RawStdEncoding.EncodeToString([]byte(v)),
		base64.URLEncoding.EncodeToString([]byte(v)), base64.RawURLEncoding.EncodeToString([]byte(v))}
	for _, htmlSafe := range []bool{true, false} {
		j := jsonEscape(v, htmlSafe)
		// Also with "\/" (PHP's default), and escaped twice: a JSON body
		// quoted inside a JSON string (an exchange in cucumber.json, an
		// error detail that quotes a body).
		out = append(out, j, strings.ReplaceAll(j, "/", `\/`), jsonEscape(j, htmlSafe))
	}
	// html/template's escaping of text (+ as &#43;) and of an unquoted
	// attribute (= and ` too), as report.html writes them.
	out = append(out, htmlText.Replace(v), htmlAttr.Replace(v))
	return out
}

var (
	htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")
	htmlAttr = strings.NewReplacer("\x00", "&#xfffd;", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
		"=", "&#61;", "`", "&#96;", " ", "&#32;", "\t", "&#9;", "\n", "&#10;", "\r", "&#13;")
)

// jsonEscape is v as the inside of a JSON string, with <, > and & as
// \u003c, \u003e and \u0026 if htmlSafe (Go's default).
func jsonEscape(v string, htmlSafe bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(htmlSafe)
	_ = enc.Encode(v) // a string always encodes
	j := strings.TrimSuffix(b.String(), "\n")
	return j[1 : len(j)-1]
}

// xmlEscape is encoding/xml's EscapeText of v.
func xmlEscape(v string) string { return xmlText.Replace(v) }

// xmlText is built once (a strings.Replacer is safe for concurrent use):
// one built per call was nearly half of NewSecrets' time.
var xmlText = strings.NewReplacer(`"`, "&#34;", `'`, "&#39;", "&", "&amp;", "<", "&lt;", ">", "&gt;",
	"\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")

// String returns s with every secret replaced by Marker; s itself when
// there is none.
func (r *Secrets) String(s string) string {
	if r == nil {
		return s
	}
	out, changed := replace(r, s)
	if !changed {
		return s
	}
	return out
}

// Bytes is String for a byte slice; it returns b itself when there is
// nothing to hide, else a new slice.
func (r *Secrets) Bytes(b []byte) []byte {
	if r == nil || len(b) == 0 {
		return b
	}
	if !has(r, b) {
		return b
	}
	out, _ := replace(r, b)
	return []byte(out)
}

// Contains reports whether s holds a secret that String would hide.
func (r *Secrets) Contains(s string) bool {
	if r == nil {
		return false
	}
	return has(r, s)
}

func has[T string | []byte](r *Secrets, b T) bool {
	for i := 0; i < len(b); i++ {
		// Most bytes begin no pattern: no call for them.
		if len(r.first[b[i]]) != 0 && match(r, b, i) >= 0 {
			return true
		}
	}
	return false
}

// match returns the index of r's longest pattern at text[i:], or -1.
func match[T string | []byte](r *Secrets, text T, i int) int {
	for _, k := range r.first[text[i]] {
		p := r.pats[k]
		if len(text)-i < len(p.s) || string(text[i:i+len(p.s)]) != p.s {
			continue
		}
		if p.whole && !(i == 0 || !valueByte(text[i-1])) {
			continue
		}
		if p.whole && !(i+len(p.s) == len(text) || !valueByte(text[i+len(p.s)])) {
			continue
		}
		return int(k)
	}
	return -1
}

func replace[T string | []byte](r *Secrets, text T) (string, bool) {
	b := text
	var out strings.Builder
	last, changed := 0, false
	for i := 0; i < len(b); {
		if len(r.first[b[i]]) == 0 { // most bytes begin no pattern
			i++
			continue
		}
		k := match(r, b, i)
		if k < 0 {
			i++
			continue
		}
		if !changed {
			out.Grow(len(b))
			changed = true
		}
		out.WriteString(string(b[last:i]))
		out.WriteString(Marker)
		i += len(r.pats[k].s)
		last = i
	}
	if !changed {
		return "", false
	}
	out.WriteString(string(b[last:]))
	return out.String(), true
}

// valueByte reports whether c can be part of a credential: a short secret
// next to one is part of a longer word, not the secret.
func valueByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 ||
		strings.IndexByte("-_.~+/%", c) >= 0
}
