package mockokta

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/scimharness/scimharness/internal/oauthtest"
)

// oauthRig is an org connected by OAuth 2.0 to an independent authorization
// server (internal/oauthtest) guarding a minimal SCIM API, with one clock
// for both that the test moves.
type oauthRig struct {
	t     *testing.T
	org   *Org
	as    *oauthtest.Server
	clock atomic.Int64 // nanoseconds since the start
	base  time.Time
	mu    sync.Mutex
	auth  []string // the Authorization headers the SCIM API got
}

const (
	rigClient = "okta-client-id"
	rigSecret = "okta-client-secret-1234"
)

func (r *oauthRig) now() time.Time { return r.base.Add(time.Duration(r.clock.Load())) }

func newOAuthRig(t *testing.T, opt oauthtest.Options, cfg OAuth) *oauthRig {
	t.Helper()
	r := &oauthRig{t: t, base: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	opt.ClientID, opt.ClientSecret, opt.Now = rigClient, rigSecret, r.now
	if opt.RedirectURI == "" {
		opt.RedirectURI = CallbackURI("zinc")
	}
	r.as = oauthtest.New(opt)
	scim := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Header.Get("Authorization") != "Bearer backend" {
			t.Errorf("the SCIM API got %q", req.Header.Get("Authorization"))
		}
		w.Header().Set("Content-Type", "application/scim+json")
		if req.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"id":"u1","userName":"alice@example.com","active":true}`))
			return
		}
		_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}`))
	})
	mux := http.NewServeMux()
	mux.Handle("/", r.as)
	protected := r.as.Protect(scim, "backend")
	mux.Handle("/scim/v2/", http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.auth = append(r.auth, req.Header.Get("Authorization"))
		r.mu.Unlock()
		protected.ServeHTTP(w, req)
	}))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	cfg.AuthorizeURL, cfg.TokenURL = srv.URL+"/authorize", srv.URL+"/token"
	cfg.ClientID, cfg.ClientSecret = rigClient, rigSecret
	if cfg.RedirectURI == "" {
		cfg.RedirectURI = opt.RedirectURI
	}
	org, err := NewOrg(Config{BaseURL: srv.URL + "/scim/v2", OAuth: &cfg, AppName: "Zinc", Now: r.now,
		Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	r.org = org
	if _, err := org.AddUser(User{Login: "alice@example.com", FirstName: "Alice", LastName: "Smith"}); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *oauthRig) advance(d time.Duration) { r.clock.Add(int64(d)) }

// kinds lists the transcript's request kinds.
func (r *oauthRig) kinds() []string {
	var out []string
	for _, e := range r.org.Transcript() {
		out = append(out, e.Kind)
	}
	return out
}

func TestAuthenticateThenBearer(t *testing.T) {
	tests := []struct {
		name string
		opt  oauthtest.Options
		cfg  OAuth
	}{
		{"auto-consent, client_secret_basic", oauthtest.Options{}, OAuth{Scopes: []string{"scim", "offline_access"}}},
		{"sign-in form", oauthtest.Options{Login: &[2]string{"admin@zinc.example", "hunter2-secret"}},
			OAuth{SignIn: url.Values{"username": {"admin@zinc.example"}, "password": {"hunter2-secret"}}}},
		{"client_secret_post", oauthtest.Options{PostOnly: true}, OAuth{ClientAuth: ClientSecretPost}},
		{"PKCE, no state", oauthtest.Options{}, OAuth{PKCE: true, NoState: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newOAuthRig(t, tc.opt, tc.cfg)
			ctx := context.Background()
			if err := r.org.Authenticate(ctx); err != nil {
				t.Fatalf("Authenticate: %v", err)
			}
			if err := r.org.TestCredentials(ctx); err != nil {
				t.Fatalf("TestCredentials: %v", err)
			}
			tok, _ := r.org.OAuthTokens()
			if tok.Issued != 1 || tok.AccessToken == "" {
				t.Fatalf("tokens %+v", tok)
			}
			if got := r.auth[len(r.auth)-1]; got != "Bearer "+tok.AccessToken {
				t.Errorf("SCIM Authorization %q, want the access token as Bearer", got)
			}
			tr := r.org.Transcript()
			authz, err := url.Parse(tr[0].URL)
			if err != nil || tr[0].Kind != "authorize" {
				t.Fatalf("first exchange %s %s, want the authorize request", tr[0].Kind, tr[0].URL)
			}
			q := authz.Query()
			if q.Get("response_type") != "code" || q.Get("client_id") != rigClient || q.Get("redirect_uri") != CallbackURI("zinc") {
				t.Errorf("authorize query %v", q)
			}
			if q.Get("scope") != strings.Join(tc.cfg.Scopes, " ") || (q.Get("state") == "") != tc.cfg.NoState ||
				(q.Get("code_challenge_method") == "S256") != tc.cfg.PKCE {
				t.Errorf("authorize query %v for %+v", q, tc.cfg)
			}
			if strings.Contains(authz.RawQuery, "+") {
				t.Errorf("authorize query %q: spaces must be %%20", authz.RawQuery)
			}
			last := tr[len(tr)-1]
			if last.Credential != "access token 1" {
				t.Errorf("SCIM exchange credential %q", last.Credential)
			}
			assertRedacted(t, r.org, rigSecret, "hunter2-secret")
		})
	}
}

// assertRedacted checks that no secret the org holds or was given is in
// its transcript.
func assertRedacted(t *testing.T, o *Org, given ...string) {
	t.Helper()
	b, err := json.Marshal(o.Transcript())
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	tok, _ := o.OAuthTokens()
	for _, s := range append(append(given, o.OAuthSecrets()...), tok.AccessToken, tok.RefreshToken) {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("the transcript holds the secret %q", s)
		}
		if s != "" && strings.Contains(text, url.QueryEscape(s)) {
			t.Errorf("the transcript holds the secret %q, URL-encoded", s)
		}
	}
}

func TestRefreshOnlyWhenAnOperationRuns(t *testing.T) {
	r := newOAuthRig(t, oauthtest.Options{}, OAuth{Scopes: []string{"offline_access"}})
	ctx := context.Background()
	if err := r.org.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	r.advance(3 * time.Hour)
	if n := len(r.as.TokenRequests()); n != 1 {
		t.Fatalf("%d token requests after 3 idle hours, want 1: Okta refreshes only when a SCIM operation runs", n)
	}
	if err := r.org.Assign(ctx, "alice@example.com"); err != nil {
		t.Fatalf("Assign after expiry: %v", err)
	}
	reqs := r.as.TokenRequests()
	if len(reqs) != 2 || reqs[1].Get("grant_type") != "refresh_token" {
		t.Fatalf("token requests %v, want the code then one refresh", reqs)
	}
	tok, _ := r.org.OAuthTokens()
	if tok.Issued != 2 || tok.Refreshes != 1 || !tok.Expiry.Equal(r.now().Add(time.Hour)) {
		t.Errorf("tokens after the refresh: %+v", tok)
	}
	for _, e := range r.org.Transcript() {
		if e.Kind == "lookup-user" || e.Kind == "create-user" {
			if e.Credential != "access token 2" {
				t.Errorf("%s carried %q, want the refreshed token", e.Kind, e.Credential)
			}
		}
	}
	if len(r.org.Tasks()) != 0 {
		t.Errorf("tasks: %v", r.org.Tasks())
	}
	assertRedacted(t, r.org, rigSecret)
}

func TestRefreshOn401(t *testing.T) {
	r := newOAuthRig(t, oauthtest.Options{}, OAuth{Scopes: []string{"offline_access"}, Refresh: RefreshOn401})
	ctx := context.Background()
	if err := r.org.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	r.advance(2 * time.Hour)
	if err := r.org.Assign(ctx, "alice@example.com"); err != nil {
		t.Fatalf("Assign: %v", err)
	}
	got := r.kinds()
	want := []string{"authorize", "token", "lookup-user", "refresh", "lookup-user", "create-user"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("kinds %v, want %v", got, want)
	}
}

func TestExpiredWithoutRefreshTokenIsATask(t *testing.T) {
	r := newOAuthRig(t, oauthtest.Options{}, OAuth{})
	ctx := context.Background()
	if err := r.org.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	r.advance(2 * time.Hour)
	_ = r.org.Assign(ctx, "alice@example.com")
	tasks := r.org.Tasks()
	if len(tasks) != 1 || !strings.Contains(tasks[0].Message, "Unauthorized. Errors reported by remote server: invalid or expired access token") {
		t.Fatalf("tasks %v, want the 401 as a task", tasks)
	}
	if n := len(r.as.TokenRequests()); n != 1 {
		t.Errorf("%d token requests: without a refresh token there is nothing to refresh", n)
	}
}

func TestRevokedRefreshTokenIsATask(t *testing.T) {
	r := newOAuthRig(t, oauthtest.Options{}, OAuth{Scopes: []string{"offline_access"}})
	ctx := context.Background()
	if err := r.org.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	tok, _ := r.org.OAuthTokens()
	form := url.Values{"token": {tok.RefreshToken}}
	req := httptest.NewRequest(http.MethodPost, "/revoke", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(rigClient, rigSecret)
	r.as.ServeHTTP(httptest.NewRecorder(), req)
	r.advance(2 * time.Hour)
	err := r.org.Assign(ctx, "alice@example.com")
	var te *TaskError
	if !errors.As(err, &te) {
		t.Fatalf("Assign: %v, want a task", err)
	}
	want := "Automatic provisioning of user alice@example.com to app Zinc failed: Error while verifying if user Alice Smith exists: " +
		"Unable to refresh the OAuth 2.0 access token: Bad Request. Errors reported by remote server: invalid_grant: refresh token revoked. " +
		"A new bearer token must be supplied: authenticate with Zinc again"
	if te.Task.Message != want {
		t.Errorf("task message\n%s\nwant\n%s", te.Task.Message, want)
	}
	if te.Task.Kind != "refresh" || te.Task.Status != 400 || !strings.HasSuffix(te.Task.URL, "/token") {
		t.Errorf("task %+v, want the refresh request", te.Task)
	}
	if err := r.org.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.org.Assign(ctx, "alice@example.com"); err != nil {
		t.Errorf("Assign after authenticating again: %v", err)
	}
}

func TestAuthenticateFailures(t *testing.T) {
	tests := []struct {
		name string
		cfg  OAuth
		want string
	}{
		{"redirect URI not allow-listed", OAuth{RedirectURI: "https://evil.example/callback"}, "expected a redirect to https://evil.example/callback"},
		{"wrong method", OAuth{ClientAuth: ClientSecretPost}, "invalid_client"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newOAuthRig(t, oauthtest.Options{}, tc.cfg)
			err := r.org.Authenticate(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Authenticate: %v, want an error with %q", err, tc.want)
			}
			if tok, _ := r.org.OAuthTokens(); tok.AccessToken != "" {
				t.Errorf("Okta holds an access token after a failed authentication")
			}
			if err := r.org.Assign(context.Background(), "alice@example.com"); err == nil || !strings.Contains(err.Error(), "No OAuth 2.0 access token") {
				t.Errorf("Assign without a token: %v", err)
			}
		})
	}
}

func TestOAuthConfigChecked(t *testing.T) {
	good := OAuth{AuthorizeURL: "https://a.example/authorize", TokenURL: "https://a.example/token", ClientID: "c", ClientSecret: "s"}
	bad := []OAuth{{}, {AuthorizeURL: good.AuthorizeURL, TokenURL: "ftp://x", ClientID: "c", ClientSecret: "s"}}
	b := good
	b.ClientAuth = "private_key_jwt"
	bad = append(bad, b)
	b = good
	b.Refresh = "sometimes"
	bad = append(bad, b)
	for _, c := range bad {
		if _, err := NewOrg(Config{BaseURL: "https://x.example/scim/v2", OAuth: &c}); err == nil {
			t.Errorf("NewOrg accepted %+v", c)
		}
	}
	if _, err := NewOrg(Config{BaseURL: "https://x.example/scim/v2", OAuth: &good, Auth: Bearer("t")}); err == nil {
		t.Errorf("NewOrg accepted both Auth and OAuth")
	}
}

// FuzzParseForm reads any page as the browser does: never a panic, and the
// fields it finds are inside the first form.
func FuzzParseForm(f *testing.F) {
	f.Add(`<form method="post" action="/oauth/authorize"><input type="hidden" name="state" value="a&amp;b"><button type="submit" name="consent" value="allow">Allow</button></form>`)
	f.Add(`<FORM action=/x><input name=user><input type=checkbox name=c checked><textarea name=t>hi</textarea></FORM>`)
	f.Add(`<form <input name="x`)
	f.Fuzz(func(t *testing.T, page string) {
		form, ok := parseForm(page)
		if !ok && len(form.fields) > 0 {
			t.Fatalf("no form but fields %v", form.fields)
		}
		_ = form.fill(url.Values{"user": {"u"}})
		_ = pageText([]byte(page))
	})
}

func TestParseForm(t *testing.T) {
	f, ok := parseForm(`<p>x</p><form method="post" action="/oauth/authorize"><input type="hidden" name="state" value="a&amp;b">` +
		`<input type="password" name="token" value=""><input type=checkbox name=remember><button type="submit" name="consent" value="allow">Allow</button>` +
		`<button type="submit" name="consent" value="deny">Deny</button></form><form><input name="other"></form>`)
	if !ok || f.method != http.MethodPost || f.action != "/oauth/authorize" {
		t.Fatalf("form %+v", f)
	}
	got := f.fill(url.Values{"token": {"T"}}).Encode()
	if want := "consent=allow&state=a%26b&token=T"; got != want {
		t.Errorf("submitted %s, want %s", got, want)
	}
	if _, ok := parseForm("<p>no form</p>"); ok {
		t.Errorf("a form found in a page without one")
	}
}

// FuzzParseTokenAnswer reads any token answer: never a panic, and an
// accepted answer has an access token and a sane expiry.
func FuzzParseTokenAnswer(f *testing.F) {
	f.Add([]byte(`{"access_token":"a","token_type":"Bearer","expires_in":3600,"refresh_token":"r"}`))
	f.Add([]byte(`{"access_token":"a","token_type":"bearer","expires_in":"60"}`))
	f.Add([]byte(`{"access_token":"","token_type":"mac"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := parseTokenAnswer(body)
		if err == nil && (a.accessToken == "" || a.expiresIn < 0) {
			t.Fatalf("accepted %q as %+v", body, a)
		}
		_ = oauthProblem(400, body)
	})
}

func TestParseTokenAnswer(t *testing.T) {
	tests := []struct {
		body    string
		expires time.Duration
		err     string
	}{
		{`{"access_token":"a","token_type":"Bearer","expires_in":3600}`, time.Hour, ""},
		{`{"access_token":"a","token_type":"bearer","expires_in":"60"}`, time.Minute, ""},
		{`{"access_token":"a","token_type":"Bearer"}`, 0, ""},
		{`{"token_type":"Bearer"}`, 0, "no access_token"},
		{`{"access_token":"a","token_type":"mac"}`, 0, `token_type is "mac"`},
		{`{"access_token":"a"}`, 0, "token_type is none"},
		{`{"access_token":"a","token_type":"Bearer","expires_in":"soon"}`, 0, "not a number"},
		{`<html>`, 0, "not a JSON object"},
	}
	for _, tc := range tests {
		a, err := parseTokenAnswer([]byte(tc.body))
		switch {
		case tc.err == "" && (err != nil || a.expiresIn != tc.expires):
			t.Errorf("%s: %+v, %v", tc.body, a, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want %q", tc.body, err, tc.err)
		}
	}
}

// Operations that start at once after the access token expired share one
// refresh: the first refreshes, the others wait and use its token.
func TestConcurrentOperationsShareOneRefresh(t *testing.T) {
	r := newOAuthRig(t, oauthtest.Options{}, OAuth{Scopes: []string{"offline_access"}})
	ctx := context.Background()
	logins := []string{"alice@example.com"}
	for _, n := range []string{"bob", "carol", "dave", "erin"} {
		u, err := r.org.AddUser(User{Login: n + "@example.com", FirstName: n, LastName: "X"})
		if err != nil {
			t.Fatal(err)
		}
		logins = append(logins, u.Login)
	}
	if err := r.org.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	r.advance(2 * time.Hour)
	errs := make(chan error, len(logins))
	for _, l := range logins {
		go func() { errs <- r.org.Assign(ctx, l) }()
	}
	for range logins {
		if err := <-errs; err != nil {
			t.Errorf("Assign: %v", err)
		}
	}
	if tok, _ := r.org.OAuthTokens(); tok.Refreshes != 1 || tok.Issued != 2 {
		t.Errorf("tokens %+v: want one refresh for %d operations", tok, len(logins))
	}
}
