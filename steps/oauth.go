package steps

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/mockokta"
)

// OAuthConfig is Okta's OAuth 2.0 connection to the target, for the
// scenarios tagged @oauth (docs/okta-oauth.md): they skip without it.
// AuthorizeURL, TokenURL, ClientID and ClientSecret are required.
type OAuthConfig struct {
	AuthorizeURL string
	TokenURL     string
	// RevokeURL is the target's RFC 7009 revocation endpoint, which the
	// harness calls as the app's admin; "" skips the scenarios that revoke.
	RevokeURL    string
	ClientID     string
	ClientSecret string
	// Scopes are asked for on every authorization; scenarios add
	// offline_access where they need a refresh token.
	Scopes []string
	// RedirectURI is Okta's redirect URI in use; "" means Okta's callback
	// for AppInstance (mockokta.CallbackURI).
	RedirectURI string
	// AppInstance is the {appName} of Okta's callback URIs; "" means
	// "zinc".
	AppInstance string
	// SignIn are the fields the admin fills on the target's sign-in and
	// consent pages; the value OrgToken stands for the scenario
	// organization's Production API token (the reference server's
	// sign-in). They are redacted from the reports.
	SignIn map[string]string
}

// OrgToken in an OAuthConfig.SignIn value is replaced by the scenario
// organization's Production API token.
const OrgToken = "{organization token}"

func (c *OAuthConfig) check() error {
	if c == nil {
		return nil
	}
	for _, u := range []struct{ name, v string }{{"authorize URL", c.AuthorizeURL}, {"token URL", c.TokenURL}} {
		if err := checkOAuthURL(u.name, u.v); err != nil {
			return err
		}
	}
	if c.RevokeURL != "" {
		if err := checkOAuthURL("revocation URL", c.RevokeURL); err != nil {
			return err
		}
	}
	if c.ClientID == "" || c.ClientSecret == "" {
		return fmt.Errorf("steps: OAuth needs a client id and a client secret")
	}
	return nil
}

func checkOAuthURL(what, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("steps: OAuth %s %q: expected an http(s) URL", what, raw)
	}
	return nil
}

func (c *OAuthConfig) appInstance() string {
	if c.AppInstance == "" {
		return "zinc"
	}
	return c.AppInstance
}

// oauthState is a scenario's OAuth settings and what its steps saw.
type oauthState struct {
	scopes      []string
	redirectURI string
	wrongSecret bool
	refresh     mockokta.RefreshTrigger
	tried       bool  // the admin clicked "Authenticate with Zinc"
	err         error // the last authentication's error
	first       string
}

// needOAuth skips the scenario when the target has no OAuth settings.
func (st *scenario) needOAuth() error {
	if st.suite.cfg.OAuth == nil {
		return st.skip(oauthReason)
	}
	if st.oauth == nil {
		st.oauth = &oauthState{}
	}
	return nil
}

// oauthSettings is "Okta's OAuth 2.0 settings are:" with a table of
// | setting | value | rows: scopes, redirect URI ({appName} is the app
// instance), client secret (only "wrong"), refresh (when the access token
// expires | when the SCIM API answers 401).
func (st *scenario) oauthSettings(ctx context.Context, table *godog.Table) error {
	if err := st.needOAuth(); err != nil {
		return err
	}
	if st.okta != nil {
		return fmt.Errorf("Okta's OAuth 2.0 settings must come before Okta's first action")
	}
	for _, row := range table.Rows {
		if len(row.Cells) != 2 {
			return fmt.Errorf("OAuth 2.0 settings: rows are | setting | value |, got %d cells", len(row.Cells))
		}
		k, v := row.Cells[0].Value, row.Cells[1].Value
		switch k {
		case "scopes":
			st.oauth.scopes = strings.Fields(v)
		case "redirect URI":
			st.oauth.redirectURI = strings.ReplaceAll(v, "{appName}", st.suite.cfg.OAuth.appInstance())
		case "client secret":
			if v != "wrong" {
				return fmt.Errorf(`OAuth 2.0 settings: client secret %q: only "wrong" (the right one is the configured one)`, v)
			}
			st.oauth.wrongSecret = true
		case "refresh":
			switch v {
			case "when the access token expires":
				st.oauth.refresh = mockokta.RefreshOnExpiry
			case "when the SCIM API answers 401":
				st.oauth.refresh = mockokta.RefreshOn401
			default:
				return fmt.Errorf("OAuth 2.0 settings: refresh %q: expected \"when the access token expires\" or \"when the SCIM API answers 401\"", v)
			}
		default:
			return fmt.Errorf("OAuth 2.0 settings: unknown setting %q (scopes, redirect URI, client secret, refresh)", k)
		}
	}
	return nil
}

// oauthFor is the mockokta OAuth settings of the scenario, or nil when it
// does not use OAuth.
func (st *scenario) oauthFor() *mockokta.OAuth {
	c := st.suite.cfg.OAuth
	if c == nil || st.oauth == nil {
		return nil
	}
	o := &mockokta.OAuth{
		AuthorizeURL: c.AuthorizeURL, TokenURL: c.TokenURL, ClientID: c.ClientID, ClientSecret: c.ClientSecret,
		Scopes: append(append([]string(nil), c.Scopes...), st.oauth.scopes...), RedirectURI: c.RedirectURI,
		AppInstance: c.appInstance(), Refresh: st.oauth.refresh, SignIn: url.Values{},
	}
	if st.oauth.redirectURI != "" {
		o.RedirectURI = st.oauth.redirectURI
	}
	if st.oauth.wrongSecret {
		o.ClientSecret = "wrong-" + c.ClientSecret
	}
	for k, v := range c.SignIn {
		v = strings.ReplaceAll(v, OrgToken, st.prodToken)
		o.SignIn.Set(k, v)
		st.addSecret(v)
	}
	return o
}

// authenticate is `the admin clicks "Authenticate with Zinc"`. In a Given
// step a failure fails the step; in a When step a Then checks it.
func (st *scenario) authenticate(ctx context.Context) error {
	if err := st.needOAuth(); err != nil {
		return err
	}
	if st.okta != nil {
		if _, ok := st.okta.OAuthTokens(); !ok {
			return fmt.Errorf("Okta acted before the OAuth 2.0 connection was set up: the OAuth settings step or the authentication must come before Okta's first action")
		}
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		err := o.Authenticate(ctx)
		for _, s := range o.OAuthSecrets() {
			st.addSecret(s)
		}
		st.oauth.tried, st.oauth.err = true, err
		if err == nil && st.oauth.first == "" {
			tok, _ := o.OAuthTokens()
			st.oauth.first = tok.AccessToken
		}
		if err != nil && st.inGiven() {
			return st.failure(nil, "the admin's \"Authenticate with Zinc\" failed: %v", err)
		}
		return nil
	})
}

// authenticationIs is "Okta's authentication with Zinc succeeds|fails".
func (st *scenario) authenticationIs(ctx context.Context, outcome string) error {
	if err := st.needOAuth(); err != nil {
		return err
	}
	if !st.oauth.tried {
		return fmt.Errorf("no authentication yet: a step must click \"Authenticate with Zinc\" first")
	}
	var tok mockokta.OAuthTokens
	if st.okta != nil {
		tok, _ = st.okta.OAuthTokens()
	}
	switch {
	case outcome == "succeeds" && st.oauth.err != nil:
		return st.failure(nil, "expected Okta to get an access token, but the authentication failed: %v", st.oauth.err)
	case outcome == "succeeds" && tok.AccessToken == "":
		return st.failure(nil, "expected Okta to hold an access token after authenticating, it holds none")
	case outcome == "fails" && st.oauth.err == nil:
		return st.failure(nil, "expected the authentication to fail (redirect URI %s, wrong client secret: %v), but Okta got an access token",
			orDefault(st.oauth.redirectURI, "Okta's callback"), st.oauth.wrongSecret)
	}
	return nil
}

// timePasses is "2 hours pass": Okta's clock moves and, with an Admin
// Console API, the organization's clock at Zinc (POST
// /admin/orgs/{org}/clock), so that tokens expire on both sides without
// waiting.
func (st *scenario) timePasses(ctx context.Context, n int, unit string) error {
	d := map[string]time.Duration{"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour}[unit] * time.Duration(n)
	if d <= 0 {
		return fmt.Errorf("%d %ss: expected a positive duration", n, unit)
	}
	if err := st.target(ctx); err != nil {
		return err
	}
	st.clock.Add(int64(d))
	if !st.ownOrg {
		return nil
	}
	b, _ := json.Marshal(map[string]int64{"seconds": int64(d / time.Second)})
	x := st.send(ctx, "admin", http.MethodPost, st.suite.cfg.AdminURL+"/orgs/"+url.PathEscape(st.orgID)+"/clock", b, st.adminHeader(true))
	if x.status != http.StatusOK {
		return st.failOn(x, "POST /admin/orgs/%s/clock: expected 200 with the organization's clock moved %s, got %s", st.orgID, d, statusText(x))
	}
	return nil
}

// now is the scenario's clock for Okta: the real time moved by timePasses.
func (st *scenario) now() time.Time { return time.Now().Add(time.Duration(st.clock.Load())) }

// revokeRefreshToken is "Zinc revokes Okta's refresh token": the harness, as
// the app's admin, revokes it at the RFC 7009 endpoint.
func (st *scenario) revokeRefreshToken(ctx context.Context) error {
	if err := st.needOAuth(); err != nil {
		return err
	}
	c := st.suite.cfg.OAuth
	if c.RevokeURL == "" {
		return st.skip(needsRevokeURL(st.suite, nil))
	}
	var tok mockokta.OAuthTokens
	if st.okta != nil {
		tok, _ = st.okta.OAuthTokens()
	}
	if tok.RefreshToken == "" {
		return fmt.Errorf("Okta holds no refresh token to revoke: the token answers carried none (scopes asked for: %q)", strings.Join(st.oauth.scopes, " "))
	}
	form := url.Values{"token": {tok.RefreshToken}, "token_type_hint": {"refresh_token"}}
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Accept": {"application/json"}, "User-Agent": {"scimharness"},
		"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(c.ClientID)+":"+url.QueryEscape(c.ClientSecret)))}}
	x := st.send(ctx, "oauth", http.MethodPost, c.RevokeURL, []byte(form.Encode()), h)
	if x.status != http.StatusOK {
		return st.failOn(x, "POST %s (RFC 7009 revocation of Okta's refresh token): expected 200, got %s", c.RevokeURL, statusText(x))
	}
	return nil
}

// sentWithToken is "Okta sent its SCIM requests with its first|a refreshed
// access token": every SCIM request Okta sent carried an OAuth access token
// as Bearer; with "its first", the first one it got and no refresh; with "a
// refreshed", a refresh succeeded and every request after the last one
// carried the newest token.
func (st *scenario) sentWithToken(ctx context.Context, which string) error {
	if err := st.needOAuth(); err != nil {
		return err
	}
	if st.okta == nil {
		return fmt.Errorf("Okta has sent nothing yet")
	}
	tok, _ := st.okta.OAuthTokens()
	var scim []mockokta.Exchange
	after := -1 // index in scim of the first request after the last successful refresh
	for _, e := range st.okta.Transcript() {
		switch e.Kind {
		case "authorize", "consent", "token":
		case "refresh":
			if e.Status == http.StatusOK {
				after = len(scim)
			}
		default:
			scim = append(scim, e)
		}
	}
	if len(scim) == 0 {
		return fmt.Errorf("Okta sent no SCIM request")
	}
	want, from := "access token 1", 0
	switch {
	case which == "its first" && tok.Refreshes > 0:
		return fmt.Errorf("expected no refresh, but Okta sent %d refresh requests", tok.Refreshes)
	case which == "a refreshed" && after < 0:
		return fmt.Errorf("expected Okta to refresh its access token, but no refresh succeeded (%d refresh requests sent; Okta holds a refresh token: %v)", tok.Refreshes, tok.RefreshToken != "")
	case which == "a refreshed" && after >= len(scim):
		return fmt.Errorf("Okta refreshed its access token but sent no SCIM request with the new one")
	case which == "a refreshed":
		want, from = "access token "+strconv.Itoa(tok.Issued), after
	}
	for i, e := range scim {
		if e.Credential == "" {
			return st.failure(nil, "Okta's %s %s carried no OAuth access token", e.Method, e.URL)
		}
		if i >= from && e.Credential != want {
			return st.failure(nil, "Okta's %s %s carried its %s, expected its %s", e.Method, e.URL, e.Credential, want)
		}
	}
	return nil
}

// firstTokenRefused is "Okta's first access token no longer opens the SCIM
// API": GET /Users with it answers 401.
func (st *scenario) firstTokenRefused(ctx context.Context) error {
	if err := st.needOAuth(); err != nil {
		return err
	}
	if err := st.needAdmin("checking that an expired access token is refused (Zinc's clock moves through the Admin Console API)"); err != nil {
		return err
	}
	if st.oauth.first == "" {
		return fmt.Errorf("Okta got no access token in this scenario")
	}
	h := http.Header{"Accept": {"application/scim+json"}, "User-Agent": {"scimharness"}, "Authorization": {"Bearer " + st.oauth.first}}
	x := st.send(ctx, "scim", http.MethodGet, st.scimBase()+"/Users?startIndex=1&count=1", nil, h)
	if x.status != http.StatusUnauthorized {
		return st.failOn(x, "GET /Users with Okta's first access token, now expired: expected 401, got %s", statusText(x))
	}
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// oauthReason is the skip reason of an OAuth scenario on a target without
// OAuth settings.
const oauthReason = "OAuth 2.0 scenarios need the target's authorization server (--oauth-authorize-url, --oauth-token-url, --client-id and --client-secret)."

// needsOAuth: the OAuth steps need the target's OAuth settings.
func needsOAuth(s *Suite, _ []string) string {
	if s.cfg.OAuth == nil {
		return oauthReason
	}
	return ""
}

// needsRevokeURL: revoking needs the target's revocation endpoint too.
func needsRevokeURL(s *Suite, args []string) string {
	if r := needsOAuth(s, args); r != "" {
		return r
	}
	if s.cfg.OAuth.RevokeURL == "" {
		return "Revoking Okta's refresh token needs the target's revocation endpoint (--oauth-revoke-url)."
	}
	return ""
}
