package redact

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestSecrets(t *testing.T) {
	const tok = `tok/9F+c<&>"=DISTINCT`
	basic := base64.StdEncoding.EncodeToString([]byte("okta:" + "hunter2-pass-word"))
	r := NewSecrets(tok, "hunter2-pass-word", "okta:hunter2-pass-word", "T", "")
	tests := []struct{ name, in, want string }{
		{"raw", "Bearer " + tok + "!", "Bearer [redacted]!"},
		{"query-escaped", "?access_token=tok%2F9F%2Bc%3C%26%3E%22%3DDISTINCT&x=1", "?access_token=[redacted]&x=1"},
		{"path-escaped", "/t/tok%2F9F+c%3C&%3E%22=DISTINCT/x", "/t/[redacted]/x"},
		{"JSON-escaped", `{"detail":"token tok/9F+c\u003c\u0026\u003e\"=DISTINCT"}`, `{"detail":"token [redacted]"}`},
		{"JSON-escaped without HTML escapes", `{"detail":"tok/9F+c<&>\"=DISTINCT"}`, `{"detail":"[redacted]"}`},
		{`JSON-escaped with \/ (PHP)`, `{"detail":"tok\/9F+c<&>\"=DISTINCT"}`, `{"detail":"[redacted]"}`},
		{"JSON-escaped twice", `"{\"d\":\"tok/9F+c<&>\\\"=DISTINCT\"}"`, `"{\"d\":\"[redacted]\"}"`},
		{"HTML-escaped", "<p>tok/9F+c&lt;&amp;&gt;&#34;=DISTINCT</p>", "<p>[redacted]</p>"},
		{"html/template-escaped", "tok/9F&#43;c&lt;&amp;&gt;&#34;=DISTINCT", "[redacted]"},
		{"html/template-escaped attribute", "tok/9F&#43;c&lt;&amp;&gt;&#34;&#61;DISTINCT", "[redacted]"},
		{"Basic credential in base64", "Authorization: Basic " + basic, "Authorization: Basic [redacted]"},
		{"password inside a word", "xhunter2-pass-wordx", "x[redacted]x"},
		{"short secret as a whole value", `Bearer T; {"token":"T"} T`, `Bearer [redacted]; {"token":"[redacted]"} [redacted]`},
		{"short secret inside words is kept", "The HTTP/1.1 TOKEN T-1 aTb", "The HTTP/1.1 TOKEN T-1 aTb"},
		{"nothing", "nothing to hide", "nothing to hide"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := string(r.Bytes([]byte(tt.in))); got != tt.want {
				t.Errorf("Bytes(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got, want := r.Contains(tt.in), tt.in != tt.want; got != want {
				t.Errorf("Contains(%q) = %v, want %v", tt.in, got, want)
			}
		})
	}
	var none *Secrets
	if none.String(tok) != tok || NewSecrets("", "") != nil {
		t.Error("a nil or empty Secrets hides something")
	}
}

// The longest secret wins where one contains another.
func TestSecretsLongestFirst(t *testing.T) {
	r := NewSecrets("abcdefgh", "abcdefgh-ijklmnop")
	if got := r.String("x abcdefgh-ijklmnop y abcdefgh"); got != "x [redacted] y [redacted]" {
		t.Errorf("got %q", got)
	}
}

func TestShort(t *testing.T) {
	for s, want := range map[string]bool{"": false, "T": true, "1234567": true, "12345678": false} {
		if Short(s) != want {
			t.Errorf("Short(%q) = %v", s, !want)
		}
	}
}

// FuzzSecrets: whatever surrounds a long secret, none of its encodings is
// left in the text.
func FuzzSecrets(f *testing.F) {
	f.Add("before ", " after", "s3cret/+token==")
	f.Add(`{"detail":"`, `"}`, `a"b\c/d`)
	f.Fuzz(func(t *testing.T, pre, post, secret string) {
		if len(secret) < MinLen || strings.ContainsAny(secret, "[]") {
			return // a bracket could join the Marker to the text beside it into the secret
		}
		r := NewSecrets(secret)
		for _, e := range encodings(secret) {
			if len(e) < MinLen {
				continue
			}
			got := r.String(pre + e + post)
			if strings.Contains(got, secret) && !strings.Contains(pre+post, secret) {
				t.Errorf("String(%q) = %q still holds %q", pre+e+post, got, secret)
			}
		}
	})
}

func BenchmarkSecrets(b *testing.B) {
	r := NewSecrets("tok-9F3c-DISTINCTIVE-secret", "hunter2-correct-horse", "okta:hunter2-correct-horse")
	body := []byte(strings.Repeat(`{"userName":"ada@example.com","name":{"givenName":"Ada"}},`, 20000))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r.Bytes(body)
	}
}
