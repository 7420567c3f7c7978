package reference

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/oauth"
)

const (
	oauthClient = "okta-client"
	oauthSecret = "okta-client-secret"
)

var oktaCallback = OktaCallbackURIs(DefaultOAuthApp)[0]

func authorizeQuery(redirect, scope string) string {
	v := url.Values{"response_type": {"code"}, "client_id": {oauthClient}, "redirect_uri": {redirect}, "state": {"st4te"}}
	if scope != "" {
		v.Set("scope", scope)
	}
	return v.Encode()
}

func basicClient(id, secret string) req {
	return auth("Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(secret))))
}

// oauthPost posts a form to an OAuth endpoint.
func (tt *tester) oauthPost(path string, form url.Values, opts ...req) resp {
	tt.t.Helper()
	opts = append([]req{header("Content-Type", "application/x-www-form-urlencoded"), auth("")}, opts...)
	return tt.do("POST", path, form.Encode(), opts...)
}

// oauthCode consents as the default organization's admin and returns the
// code the redirect carries.
func (tt *tester) oauthCode(redirect, scope string, extra ...string) string {
	tt.t.Helper()
	q, _ := url.ParseQuery(authorizeQuery(redirect, scope))
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	q.Set("token", prodToken)
	q.Set("consent", "allow")
	r := tt.oauthPost("/oauth/authorize", q)
	if r.status != http.StatusFound {
		tt.t.Fatalf("consent: status %d, want 302: %s", r.status, r.body)
	}
	loc, err := url.Parse(r.header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.String(), redirect+"?") {
		tt.t.Fatalf("consent: Location %q, want %s?code=…", r.header.Get("Location"), redirect)
	}
	if loc.Query().Get("state") != "st4te" {
		tt.t.Fatalf("consent: state %q, want st4te", loc.Query().Get("state"))
	}
	return loc.Query().Get("code")
}

// oauthGrant runs the whole grant and returns the token answer.
func (tt *tester) oauthGrant(redirect, scope string) resp {
	tt.t.Helper()
	code := tt.oauthCode(redirect, scope)
	return tt.must(200, tt.oauthPost("/oauth/token", url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {redirect}}, basicClient(oauthClient, oauthSecret)))
}

func TestOAuthGrantOpensSCIM(t *testing.T) {
	for _, redirect := range OktaCallbackURIs(DefaultOAuthApp) {
		t.Run(redirect, func(t *testing.T) {
			tt := newTester(t)
			page := tt.do("GET", "/oauth/authorize?"+authorizeQuery(redirect, "offline_access"), "", auth(""))
			if page.status != 200 || !strings.Contains(page.body, `name="token"`) || !strings.Contains(page.body, `value="`+redirect+`"`) {
				t.Fatalf("consent page: %s", page)
			}
			tok := tt.oauthGrant(redirect, "offline_access")
			if tok.str("token_type") != "Bearer" || tok.num("expires_in") != 3600 || tok.str("refresh_token") == "" || tok.str("scope") != "offline_access" {
				t.Fatalf("token answer: %s", tok)
			}
			if tok.header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", tok.header.Get("Cache-Control"))
			}
			tt.must(200, tt.do("GET", "/scim/v2/Users", "", auth("Bearer "+tok.str("access_token"))))
			tt.must(401, tt.do("GET", "/sandbox/scim/v2/Users", "", auth("Bearer "+tok.str("access_token"))))
		})
	}
}

func TestOAuthAuthorizeRefusals(t *testing.T) {
	tests := []struct {
		name, query string
		status      int
		redirectErr string // the error the redirect carries; "" when no redirect
	}{
		{"redirect URI not allow-listed (C21902)", authorizeQuery("https://evil.example/callback", ""), 400, ""},
		{"another app's callback", authorizeQuery(OktaCallbackURIs("other")[0], ""), 400, ""},
		{"callback with a suffix", authorizeQuery(oktaCallback+"/x", ""), 400, ""},
		{"no redirect URI", "response_type=code&client_id=" + oauthClient, 400, ""},
		{"unknown client", strings.Replace(authorizeQuery(oktaCallback, ""), oauthClient, "someone", 1), 400, ""},
		{"implicit grant", strings.Replace(authorizeQuery(oktaCallback, ""), "response_type=code", "response_type=token", 1), 302, "unsupported_response_type"},
		{"bad PKCE method", authorizeQuery(oktaCallback, "") + "&code_challenge=x&code_challenge_method=MD5", 302, "invalid_request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := newTester(t)
			r := tt.do("GET", "/oauth/authorize?"+tc.query, "", auth(""))
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			loc := r.header.Get("Location")
			if tc.redirectErr == "" {
				if loc != "" {
					t.Fatalf("redirected to %s; an invalid client or redirect URI must not be redirected to", loc)
				}
				return
			}
			u, _ := url.Parse(loc)
			if got := u.Query().Get("error"); got != tc.redirectErr {
				t.Errorf("redirect error %q, want %q (%s)", got, tc.redirectErr, loc)
			}
		})
	}
}

func TestOAuthConsent(t *testing.T) {
	tt := newTester(t)
	q, _ := url.ParseQuery(authorizeQuery(oktaCallback, ""))
	q.Set("consent", "allow")
	q.Set("token", "not-a-token")
	if r := tt.oauthPost("/oauth/authorize", q); r.status != 401 || r.header.Get("Location") != "" {
		t.Errorf("a wrong sign-in: %s, want 401 and the page again", r)
	}
	q.Set("token", sandboxToken)
	if r := tt.oauthPost("/oauth/authorize", q); r.status != 401 {
		t.Errorf("a Sandbox token as sign-in: %s, want 401", r)
	}
	q.Set("token", prodToken)
	q.Set("consent", "deny")
	r := tt.oauthPost("/oauth/authorize", q)
	if u, _ := url.Parse(r.header.Get("Location")); r.status != 302 || u.Query().Get("error") != "access_denied" {
		t.Errorf("deny: %s %s, want a redirect with access_denied", r, r.header.Get("Location"))
	}
}

func TestOAuthTokenEndpoint(t *testing.T) {
	good := basicClient(oauthClient, oauthSecret)
	tests := []struct {
		name   string
		form   func(code string) url.Values
		opts   []req
		status int
		err    string
	}{
		{"client_secret_basic", func(c string) url.Values { return codeForm(c) }, []req{good}, 200, ""},
		{"client_secret_post", func(c string) url.Values {
			f := codeForm(c)
			f.Set("client_id", oauthClient)
			f.Set("client_secret", oauthSecret)
			return f
		}, nil, 200, ""},
		{"both methods", func(c string) url.Values { f := codeForm(c); f.Set("client_secret", oauthSecret); return f }, []req{good}, 400, "invalid_request"},
		{"no client authentication", func(c string) url.Values { return codeForm(c) }, nil, 401, "invalid_client"},
		{"wrong secret", func(c string) url.Values { return codeForm(c) }, []req{basicClient(oauthClient, "nope")}, 401, "invalid_client"},
		{"other redirect URI", func(c string) url.Values {
			f := codeForm(c)
			f.Set("redirect_uri", OktaCallbackURIs(DefaultOAuthApp)[1])
			return f
		}, []req{good}, 400, "invalid_grant"},
		{"unknown code", func(string) url.Values { return codeForm("nope") }, []req{good}, 400, "invalid_grant"},
		{"unknown grant type", func(c string) url.Values { f := codeForm(c); f.Set("grant_type", "password"); return f }, []req{good}, 400, "unsupported_grant_type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := newTester(t)
			code := tt.oauthCode(oktaCallback, "offline_access")
			r := tt.oauthPost("/oauth/token", tc.form(code), tc.opts...)
			if r.status != tc.status || r.str("error") != tc.err {
				t.Fatalf("got %s, want %d %q", r, tc.status, tc.err)
			}
			if tc.status == 401 && r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
		})
	}
	t.Run("json body refused", func(t *testing.T) {
		tt := newTester(t)
		r := tt.do("POST", "/oauth/token", `{"grant_type":"authorization_code"}`, good, header("Content-Type", "application/json"))
		if r.status != 400 || r.str("error") != "invalid_request" {
			t.Errorf("got %s", r)
		}
	})
}

func codeForm(code string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {oktaCallback}}
}

func TestOAuthCodeSingleUseAndExpiry(t *testing.T) {
	tt := newTester(t)
	good := basicClient(oauthClient, oauthSecret)
	code := tt.oauthCode(oktaCallback, "")
	tt.must(200, tt.oauthPost("/oauth/token", codeForm(code), good))
	if r := tt.oauthPost("/oauth/token", codeForm(code), good); r.status != 400 || r.str("error") != "invalid_grant" {
		t.Errorf("a code used twice: %s", r)
	}
	code = tt.oauthCode(oktaCallback, "")
	tt.clock.Add(int64(oauth.CodeTTL.Seconds()))
	if r := tt.oauthPost("/oauth/token", codeForm(code), good); r.status != 400 || r.str("error") != "invalid_grant" {
		t.Errorf("an expired code: %s", r)
	}
}

func TestOAuthPKCE(t *testing.T) {
	tt := newTester(t)
	good := basicClient(oauthClient, oauthSecret)
	verifier := "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	sum := sha256.Sum256([]byte(verifier))
	challenge := base64.RawURLEncoding.EncodeToString(sum[:])
	code := tt.oauthCode(oktaCallback, "", "code_challenge", challenge, "code_challenge_method", "S256")
	f := codeForm(code)
	f.Set("code_verifier", "wrong-verifier")
	if r := tt.oauthPost("/oauth/token", f, good); r.status != 400 || r.str("error") != "invalid_grant" {
		t.Errorf("a wrong verifier: %s", r)
	}
	code = tt.oauthCode(oktaCallback, "", "code_challenge", challenge, "code_challenge_method", "S256")
	f = codeForm(code)
	f.Set("code_verifier", verifier)
	tt.must(200, tt.oauthPost("/oauth/token", f, good))
}

func TestOAuthRefreshRotatesAndExpiry(t *testing.T) {
	tt := newTester(t)
	good := basicClient(oauthClient, oauthSecret)
	tok := tt.oauthGrant(oktaCallback, "offline_access")
	at, rt := tok.str("access_token"), tok.str("refresh_token")
	tt.must(200, tt.do("POST", "/admin/orgs/default/clock", `{"seconds":3600}`))
	if r := tt.do("GET", "/scim/v2/Users", "", auth("Bearer "+at)); r.status != 401 || !strings.Contains(r.str("detail"), "expired") {
		t.Fatalf("an expired access token: %s, want 401 saying it expired", r)
	}
	refreshed := tt.must(200, tt.oauthPost("/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, good))
	if refreshed.str("refresh_token") == "" || refreshed.str("refresh_token") == rt {
		t.Errorf("refresh: %s, want a new refresh token", refreshed)
	}
	tt.must(200, tt.do("GET", "/scim/v2/Users", "", auth("Bearer "+refreshed.str("access_token"))))
	if r := tt.oauthPost("/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, good); r.str("error") != "invalid_grant" {
		t.Errorf("the rotated refresh token again: %s, want invalid_grant", r)
	}
	if r := tt.oauthPost("/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshed.str("refresh_token")}, "scope": {"admin"}}, good); r.str("error") != "invalid_scope" {
		t.Errorf("a wider scope: %s, want invalid_scope", r)
	}
	tt.clock.Add(int64(DefaultRefreshTokenTTL.Seconds()))
	if r := tt.oauthPost("/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshed.str("refresh_token")}}, good); r.str("error") != "invalid_grant" {
		t.Errorf("an expired refresh token: %s, want invalid_grant", r)
	}
	if tok := tt.oauthGrant(oktaCallback, "scim"); tok.str("refresh_token") != "" {
		t.Errorf("a grant without offline_access got a refresh token: %s", tok)
	}
}

func TestOAuthRevocation(t *testing.T) {
	tt := newTester(t)
	good := basicClient(oauthClient, oauthSecret)
	tok := tt.oauthGrant(oktaCallback, "offline_access")
	at, rt := tok.str("access_token"), tok.str("refresh_token")
	if r := tt.oauthPost("/oauth/revoke", url.Values{"token": {rt}}); r.status != 401 {
		t.Errorf("revocation without client authentication: %s, want 401", r)
	}
	tt.must(200, tt.oauthPost("/oauth/revoke", url.Values{"token": {rt}, "token_type_hint": {"refresh_token"}}, good))
	if r := tt.do("GET", "/scim/v2/Users", "", auth("Bearer "+at)); r.status != 401 {
		t.Errorf("an access token of a revoked grant: %s, want 401", r)
	}
	if r := tt.oauthPost("/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, good); r.str("error") != "invalid_grant" {
		t.Errorf("a revoked refresh token: %s, want invalid_grant", r)
	}
	tt.must(200, tt.oauthPost("/oauth/revoke", url.Values{"token": {"unknown"}}, good))
	other := tt.oauthGrant(oktaCallback, "").str("access_token")
	tt.must(200, tt.oauthPost("/oauth/revoke", url.Values{"token": {other}}, good))
	if r := tt.do("GET", "/scim/v2/Users", "", auth("Bearer "+other)); r.status != 401 {
		t.Errorf("a revoked access token: %s, want 401", r)
	}
}

func TestOAuthClockNeedsAdmin(t *testing.T) {
	tt := newTester(t)
	if r := tt.do("POST", "/admin/orgs/default/clock", `{"seconds":0}`); r.status != 400 {
		t.Errorf("zero seconds: %s, want 400", r)
	}
	if r := tt.do("POST", "/admin/orgs/default/clock", `{"seconds":60}`, auth("Bearer "+prodToken)); r.status != 401 {
		t.Errorf("a SCIM token on the clock: %s, want 401", r)
	}
	srv, err := New(Config{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	w := httptestRecorder(srv, "GET", "/oauth/authorize")
	if w != 404 {
		t.Errorf("/oauth/ without OAuth configured: %d, want 404", w)
	}
	if _, err := New(Config{Token: "t", OAuth: &OAuthConfig{ClientID: "c"}}); err == nil {
		t.Errorf("OAuth without a client secret: no error")
	}
}

func httptestRecorder(h http.Handler, method, path string) int {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, path, nil))
	return w.Code
}

func TestFaultOAuth(t *testing.T) {
	n := 0
	for _, f := range Faults() {
		inAS := f.Behaviour >= "OK-19" && f.Behaviour <= "OK-22"
		if f.OAuth() != inAS {
			t.Errorf("%s (%s): OAuth() = %v", f.Name, f.Behaviour, f.OAuth())
		}
		if f.OAuth() {
			n++
		}
	}
	if n != 5 {
		t.Errorf("%d OAuth faults, want 5", n)
	}
}
