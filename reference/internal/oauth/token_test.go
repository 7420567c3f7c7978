package oauth

import (
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/reference/internal/rules"
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

// Both client endpoints begin alike (clientPost): POST only, a form body, the
// client authenticated, each refusal answered in OAuth's error form.
func TestClientPost(t *testing.T) {
	a := New(Config{ClientID: "okta", ClientSecret: "s3cret"}, rules.Zinc().OAuth, time.Now,
		func(string) (string, bool) { return "", false })
	form := "application/x-www-form-urlencoded"
	tests := []struct {
		name, method, path, ctype, auth string
		status                          int
		error, detail                   string
	}{
		{"token GET", "GET", "/token", "", "", 405, "invalid_request", "the token endpoint takes POST only"},
		{"revoke GET", "GET", "/revoke", "", "", 405, "invalid_request", "the revocation endpoint takes POST only"},
		{"token JSON", "POST", "/token", "application/json", "", 400, "invalid_request", "must be application/x-www-form-urlencoded"},
		{"revoke JSON", "POST", "/revoke", "application/json", "", 400, "invalid_request", "must be application/x-www-form-urlencoded"},
		{"token no client", "POST", "/token", form, "", 401, "invalid_client", "no client authentication"},
		{"revoke no client", "POST", "/revoke", form, "", 401, "invalid_client", "no client authentication"},
		{"revoke wrong secret", "POST", "/revoke", form, "Basic " + base64.StdEncoding.EncodeToString([]byte("okta:nope")), 401, "invalid_client", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/oauth"+tc.path, strings.NewReader("token=x"))
			if tc.ctype != "" {
				r.Header.Set("Content-Type", tc.ctype)
			}
			if tc.auth != "" {
				r.Header.Set("Authorization", tc.auth)
			}
			w := httptest.NewRecorder()
			a.Serve(w, r, tc.path)
			var body struct {
				Error       string `json:"error"`
				Description string `json:"error_description"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("%s %s: status %d, body %q: %v", tc.method, tc.path, w.Code, w.Body, err)
			}
			if w.Code != tc.status || body.Error != tc.error || !strings.Contains(body.Description, tc.detail) {
				t.Errorf("%s %s: %d %q %q; want %d %q containing %q", tc.method, tc.path, w.Code, body.Error, body.Description, tc.status, tc.error, tc.detail)
			}
			if tc.status == 405 && w.Header().Get("Allow") != "POST" {
				t.Errorf("%s %s: Allow %q, want POST", tc.method, tc.path, w.Header().Get("Allow"))
			}
		})
	}
}
