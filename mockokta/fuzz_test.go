package mockokta

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzParseList: a ListResponse from an untrusted server never panics, and
// what it accepts has an integer count. Seeds: testdata/fuzz/FuzzParseList.
func FuzzParseList(f *testing.F) {
	f.Add([]byte(emptyList))
	f.Add([]byte(aliceList))
	f.Add([]byte(`{"totalResults":"1","Resources":[{"id":1}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := parseList(body, DefaultPageResources)
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
