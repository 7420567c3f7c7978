package oauth

import (
	"encoding/base64"
	"net/url"
	"testing"
)

// FuzzClientBasic reads arbitrary Authorization headers as client_secret_basic
// credentials: never a panic, and what a client encodes comes back.
func FuzzClientBasic(f *testing.F) {
	f.Add("okta-client", "s3cr:et%")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, id, secret string) {
		h := "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(secret)))
		gid, gsecret, ok := clientBasic(h)
		if !ok || gid != id || gsecret != secret {
			t.Fatalf("clientBasic(%q) = %q, %q, %v; want %q, %q", h, gid, gsecret, ok, id, secret)
		}
		_, _, _ = clientBasic(id + " " + secret)
	})
}
