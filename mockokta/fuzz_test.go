package mockokta

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRedactPasswords: any bytes, never a panic; valid JSON stays valid;
// bodies without "password" come back untouched; a password value never
// survives. Seeds: testdata/fuzz/FuzzRedactPasswords.
func FuzzRedactPasswords(f *testing.F) {
	f.Add([]byte(`{"userName":"a","password":"s3cret"}`), "s3cret")
	f.Add([]byte(`{"Operations":[{"op":"replace","value":{"password":"x\"y"}}]}`), `x"y`)
	f.Add([]byte(`{"password":"abc`), "abc")
	f.Fuzz(func(t *testing.T, body []byte, secret string) {
		out := redactPasswords(body)
		if json.Valid(body) && !json.Valid(out) {
			t.Fatalf("valid %q became invalid %q", body, out)
		}
		if !bytes.Contains(bytes.ToLower(body), []byte("password")) && !bytes.Equal(out, body) {
			t.Fatalf("%q changed to %q without a password", body, out)
		}
		if !utf8.ValidString(secret) {
			return
		}
		s, _ := json.Marshal(secret)
		doc := []byte(`{"a":` + string(s) + `,"password": ` + string(s) + `}`)
		var back struct{ A, Password string }
		if err := json.Unmarshal(redactPasswords(doc), &back); err != nil || back.Password != redacted || back.A != secret {
			t.Fatalf("%s redacted to %+v (%v)", doc, back, err)
		}
	})
}

// FuzzParseList: a ListResponse from an untrusted server never panics, and
// what it accepts has an integer count. Seeds: testdata/fuzz/FuzzParseList.
func FuzzParseList(f *testing.F) {
	f.Add([]byte(emptyList))
	f.Add([]byte(aliceList))
	f.Add([]byte(`{"totalResults":"1","Resources":[{"id":1}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := parseList(body)
		if err != nil {
			return
		}
		if page.total < 0 || !json.Valid(body) {
			t.Fatalf("accepted %q as %+v", body, page)
		}
	})
}

// FuzzRemoteProblem: an error answer from an untrusted server always words
// into a message that starts with the reason phrase. Seeds:
// testdata/fuzz/FuzzRemoteProblem.
func FuzzRemoteProblem(f *testing.F) {
	f.Add(409, []byte(`{"detail":"User already exists"}`))
	f.Add(502, []byte("error code: 502"))
	f.Add(503, []byte("<html>"))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		got := remoteProblem(status, body)
		if got == "" || (strings.TrimSpace(string(body)) != "" && !strings.Contains(got, ". Errors reported by remote server: ")) {
			t.Fatalf("remoteProblem(%d, %q) = %q", status, body, got)
		}
	})
}
