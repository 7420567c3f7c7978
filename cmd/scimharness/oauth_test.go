package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/oauthtest"
	"github.com/scimharness/scimharness/reference"
)

// TestRunWithOwnAuthorizationServer runs the OAuth scenarios through
// --oauth-* against an authorization server that is not the reference
// server's (internal/oauthtest, auto-consenting) guarding the reference
// server's SCIM API, as an integrator's own would: the grant, the refresh,
// the revocation and the redirect URIs pass; the scenarios that move Zinc's
// clock skip without an Admin Console API.
func TestRunWithOwnAuthorizationServer(t *testing.T) {
	t.Parallel()
	const (
		prod   = "PRODTOKEN-own-as-7f6e5d"
		id     = "okta-own-as"
		secret = "CLIENTSECRET-own-as-1a2b3c"
	)
	ref, err := reference.New(reference.Config{Token: prod})
	if err != nil {
		t.Fatal(err)
	}
	okta := reference.OktaCallbackURIs("zinc")
	as := oauthtest.New(oauthtest.Options{ClientID: id, ClientSecret: secret, RedirectURI: okta[0], Also: okta[1:]})
	mux := http.NewServeMux()
	mux.Handle("/scim/v2/", as.Protect(ref, prod))
	mux.Handle("/", as)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "reports")
	code, out, errOut := invoke("run", "--reports", dir, "--format", "none", "--tags", "@oauth",
		"--target", srv.URL+"/scim/v2", "--token", prod,
		"--oauth-authorize-url", srv.URL+"/authorize", "--oauth-token-url", srv.URL+"/token", "--oauth-revoke-url", srv.URL+"/revoke",
		"--client-id", id, "--client-secret", secret, "--oauth-scopes", "scim")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	s := readSummary(t, dir)
	bs := s["behaviours"].(map[string]any)
	for _, id := range []string{"OK-19", "OK-20", "OK-21", "OK-22"} {
		if st := bs[id].(map[string]any)["status"]; st != "passed" {
			t.Errorf("%s: %v, want passed", id, st)
		}
	}
	counts := s["counts"].(map[string]any)
	if counts["passed"].(float64) < 10 || counts["skipped"].(float64) != 2 || counts["failed"].(float64) != 0 {
		t.Errorf("counts %v: want every OAuth scenario passed but the two that move Zinc's clock", counts)
	}
	reqs := as.TokenRequests()
	refreshes := 0
	for _, f := range reqs {
		if f.Get("grant_type") == "refresh_token" {
			refreshes++
		}
	}
	if refreshes == 0 {
		t.Errorf("no refresh_token grant among %d token requests", len(reqs))
	}
}

func TestOAuthFlagsValidate(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--oauth-authorize-url", "https://a.example/authorize"}, "need --target"},
		{[]string{"--target", "https://a.example/scim/v2", "--token", "t", "--oauth-authorize-url", "https://a.example/authorize"}, "needs --oauth-token-url"},
		{[]string{"--target", "https://a.example/scim/v2", "--token", "t", "--oauth-authorize-url", "a.example", "--oauth-token-url", "https://a.example/t", "--client-id", "c", "--client-secret", "s"}, "want an http:// or https:// URL"},
		{[]string{"--target", "https://a.example/scim/v2", "--token", "t", "--oauth-authorize-url", "https://a.example/a", "--oauth-token-url", "https://a.example/t"}, "needs --client-id and --client-secret"},
		{[]string{"--target", "https://a.example/scim/v2", "--token", "t", "--oauth-authorize-url", "https://a.example/a", "--oauth-token-url", "https://a.example/t", "--client-id", "c", "--client-secret", "s", "--oauth-sign-in", "novalue"}, "want name=value"},
	}
	for _, tc := range tests {
		code, _, errOut := invoke(append([]string{"run", "--reports", t.TempDir()}, tc.args...)...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("run %v: exit %d, %q; want exit 2 saying %q", tc.args, code, errOut, tc.want)
		}
	}
}
