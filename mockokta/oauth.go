package mockokta

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// OAuth is Okta's OAuth 2.0 connection to the app (Config.OAuth): the
// authorization-code grant an admin starts with "Authenticate with {app}",
// then a Bearer access token on every SCIM request, refreshed when a SCIM
// operation finds it expired (docs/okta-oauth.md §1). AuthorizeURL, TokenURL,
// ClientID and ClientSecret are required. The fields after SignIn are what
// Okta does not document; their zero values are the project's inferences
// (docs/okta-oauth.md §2).
type OAuth struct {
	AuthorizeURL string
	TokenURL     string
	ClientID     string
	ClientSecret string
	// Scopes go on the authorize URL, separated by spaces; "offline_access"
	// asks for a refresh token (docs/okta-oauth.md §1.5).
	Scopes []string
	// RedirectURI is where the app's authorization server sends the admin
	// back; "" means Okta's callback, CallbackURI(AppInstance).
	RedirectURI string
	// AppInstance is the {appName} of Okta's callback URI; "" means "zinc".
	AppInstance string
	// SignIn are the form fields the admin fills on the app's sign-in and
	// consent pages, by name (such as the user name and password). They
	// are secrets: the transcript redacts them.
	SignIn url.Values

	// NoState leaves state off the authorize URL (the default sends a
	// random one and checks it on the way back).
	NoState bool
	// PKCE adds an S256 code challenge (RFC 7636); off by default, as Okta
	// is a confidential client.
	PKCE bool
	// ClientAuth is how Okta authenticates at the token endpoint; ""
	// means ClientSecretBasic.
	ClientAuth ClientAuthMethod
	// Refresh is what makes Okta refresh; "" means RefreshOnExpiry.
	Refresh RefreshTrigger
}

// ClientAuthMethod is a client authentication method at the token endpoint
// (RFC 6749 §2.3.1).
type ClientAuthMethod string

// The client authentication methods.
const (
	ClientSecretBasic ClientAuthMethod = "client_secret_basic" // HTTP Basic with the client id and secret
	ClientSecretPost  ClientAuthMethod = "client_secret_post"  // client_id and client_secret in the body
)

// RefreshTrigger is what makes Okta use its refresh token.
type RefreshTrigger string

// The refresh triggers.
const (
	// RefreshOnExpiry refreshes when a SCIM operation starts and the access
	// token's expires_in has run out ("Tokens will be refreshed only if a
	// SCIM operation is performed").
	RefreshOnExpiry RefreshTrigger = "expiry"
	// RefreshOn401 refreshes when the SCIM API answers 401, then sends the
	// request once more.
	RefreshOn401 RefreshTrigger = "401"
)

// CallbackURI is Okta's redirect URI for the app instance appName in the
// production cell: https://system-admin.okta.com/admin/app/cpc/{appName}/oauth/callback
// (docs/okta-oauth.md §1.3).
func CallbackURI(appName string) string {
	return "https://system-admin.okta.com/admin/app/cpc/" + appName + "/oauth/callback"
}

func (c *OAuth) check() error {
	for _, f := range []struct{ name, v string }{{"AuthorizeURL", c.AuthorizeURL}, {"TokenURL", c.TokenURL}} {
		u, err := url.Parse(f.v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("OAuth.%s %q: expected an http(s) URL", f.name, f.v)
		}
	}
	if c.ClientID == "" || c.ClientSecret == "" {
		return errors.New("OAuth needs a ClientID and a ClientSecret")
	}
	switch c.ClientAuth {
	case "", ClientSecretBasic, ClientSecretPost:
	default:
		return fmt.Errorf("OAuth.ClientAuth %q: expected %s or %s", c.ClientAuth, ClientSecretBasic, ClientSecretPost)
	}
	switch c.Refresh {
	case "", RefreshOnExpiry, RefreshOn401:
	default:
		return fmt.Errorf("OAuth.Refresh %q: expected %s or %s", c.Refresh, RefreshOnExpiry, RefreshOn401)
	}
	return nil
}

func (c *OAuth) redirectURI() string {
	if c.RedirectURI != "" {
		return c.RedirectURI
	}
	app := c.AppInstance
	if app == "" {
		app = "zinc"
	}
	return CallbackURI(app)
}

// oauthConn is the org's OAuth state: the tokens Okta keeps.
type oauthConn struct {
	cfg OAuth

	mu        sync.Mutex // held during a refresh, so that one refresh serves all
	access    string
	refresh   string
	expiry    time.Time // zero: no expires_in
	issued    int       // access tokens received
	refreshes int
	secrets   []string // every token and code received, for redaction
}

// OAuthTokens are the tokens Okta holds. They are secrets: callers that show
// them must redact them.
type OAuthTokens struct {
	AccessToken  string
	RefreshToken string    // "" when the app issued none
	Expiry       time.Time // when the access token expires by its expires_in; zero when none came
	Issued       int       // access tokens received so far: 1 after Authenticate, one more per refresh
	Refreshes    int       // refresh requests sent, successful or not
}

// OAuthTokens returns the tokens Okta holds; ok is false without
// Config.OAuth.
func (o *Org) OAuthTokens() (t OAuthTokens, ok bool) {
	if o.oauth == nil {
		return OAuthTokens{}, false
	}
	c := o.oauth
	c.mu.Lock()
	defer c.mu.Unlock()
	return OAuthTokens{AccessToken: c.access, RefreshToken: c.refresh, Expiry: c.expiry, Issued: c.issued, Refreshes: c.refreshes}, true
}

// OAuthSecrets returns every token and code Okta received so far, for
// redaction.
func (o *Org) OAuthSecrets() []string {
	if o.oauth == nil {
		return nil
	}
	o.oauth.mu.Lock()
	defer o.oauth.mu.Unlock()
	return append([]string(nil), o.oauth.secrets...)
}

// Authenticate is the admin's "Authenticate with {app}" (docs/okta-oauth.md
// §1.2): the browser goes to the authorize URL with response_type=code,
// client_id, redirect_uri and scope, signs in and consents (see OAuth.SignIn),
// and comes back to the redirect URI with a code, which Okta exchanges at the
// token endpoint with its client id and secret. The tokens it gets replace
// any it held. A failure is returned, not made a task: Okta shows it on the
// Provisioning page. It needs Config.OAuth.
func (o *Org) Authenticate(ctx context.Context) error {
	const action = "authenticate"
	if o.oauth == nil {
		return fmt.Errorf("%s: the org has no OAuth settings (Config.OAuth)", action)
	}
	c := o.oauth
	q := "response_type=code&client_id=" + queryEscape(c.cfg.ClientID) + "&redirect_uri=" + queryEscape(c.cfg.redirectURI())
	if len(c.cfg.Scopes) > 0 {
		q += "&scope=" + queryEscape(strings.Join(c.cfg.Scopes, " "))
	}
	state, verifier := "", ""
	if !c.cfg.NoState {
		state = rand.Text()
		q += "&state=" + state
	}
	if c.cfg.PKCE {
		verifier = rand.Text() + rand.Text()
		sum := sha256.Sum256([]byte(verifier))
		q += "&code_challenge=" + base64.RawURLEncoding.EncodeToString(sum[:]) + "&code_challenge_method=S256"
	}
	sep := "?"
	if strings.Contains(c.cfg.AuthorizeURL, "?") {
		sep = "&"
	}
	back, err := o.browse(ctx, action, c.cfg.AuthorizeURL+sep+q)
	if err != nil {
		return fmt.Errorf("%s with %s: %w", action, o.app, err)
	}
	v := back.Query()
	if got := v.Get("state"); state != "" && got != state {
		return fmt.Errorf("%s with %s: the redirect to %s carries state %q, not the %q Okta sent", action, o.app, c.cfg.redirectURI(), got, state)
	}
	if e := v.Get("error"); e != "" {
		return fmt.Errorf("%s with %s: the authorization server refused: %s: %s", action, o.app, e, v.Get("error_description"))
	}
	code := v.Get("code")
	if code == "" {
		return fmt.Errorf("%s with %s: the redirect to %s carries no code", action, o.app, c.cfg.redirectURI())
	}
	c.mu.Lock()
	c.secrets = append(c.secrets, code)
	c.mu.Unlock()
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {c.cfg.redirectURI()}}
	if verifier != "" {
		form.Set("code_verifier", verifier)
	}
	ans, status, body, err := o.tokenRequest(ctx, action, "token", form)
	if err != nil {
		return fmt.Errorf("%s with %s: %w", action, o.app, err)
	}
	if status != http.StatusOK {
		return fmt.Errorf("%s with %s: POST %s: expected 200 with an access token, got %s", action, o.app, c.cfg.TokenURL, oauthProblem(status, body))
	}
	c.mu.Lock()
	c.store(ans, o.now(), true)
	c.mu.Unlock()
	return nil
}

// store keeps a token answer. c.mu is held.
func (c *oauthConn) store(a tokenAnswer, now time.Time, fresh bool) {
	c.access = a.accessToken
	c.secrets = append(c.secrets, a.accessToken)
	if a.refreshToken != "" {
		c.refresh = a.refreshToken
		c.secrets = append(c.secrets, a.refreshToken)
	} else if fresh {
		c.refresh = ""
	}
	c.expiry = time.Time{}
	if a.expiresIn > 0 {
		c.expiry = now.Add(a.expiresIn)
	}
	c.issued++
}

// authorization is the Authorization header of a SCIM attempt and which
// access token it carries. When the token has expired and a refresh token
// is held, it refreshes first (RefreshOnExpiry); without a refresh token
// Okta sends the expired token and the app's 401 becomes the task (an
// inference, docs/okta-oauth.md §2).
func (c *oauthConn) authorization(ctx context.Context, o *Org) (string, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.access == "" {
		return "", 0, &refreshError{problem: "No OAuth 2.0 access token: authenticate with " + o.app + " first"}
	}
	if c.cfg.Refresh != RefreshOn401 && !c.expiry.IsZero() && !o.now().Before(c.expiry) && c.refresh != "" {
		if err := c.refreshLocked(ctx, o); err != nil {
			return "", 0, err
		}
	}
	return "Bearer " + c.access, c.issued, nil
}

// refreshAfter401 refreshes once the SCIM API refused the access token
// number used (RefreshOn401); it reports whether the request should be
// sent again. Another request's refresh in the meantime counts.
func (c *oauthConn) refreshAfter401(ctx context.Context, o *Org, used int) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.issued != used {
		return true, nil
	}
	if c.refresh == "" {
		return false, nil
	}
	if err := c.refreshLocked(ctx, o); err != nil {
		return false, err
	}
	return true, nil
}

// refreshLocked sends the refresh_token grant (RFC 6749 §6). c.mu is held.
func (c *oauthConn) refreshLocked(ctx context.Context, o *Org) error {
	c.refreshes++
	ans, status, body, err := o.tokenRequest(ctx, "refresh", "refresh", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {c.refresh}})
	if err != nil {
		return &refreshError{url: c.cfg.TokenURL, problem: "Unable to refresh the OAuth 2.0 access token: " + err.Error()}
	}
	if status != http.StatusOK {
		return &refreshError{url: c.cfg.TokenURL, status: status,
			problem: "Unable to refresh the OAuth 2.0 access token: " + oauthProblem(status, body) +
				". A new bearer token must be supplied: authenticate with " + o.app + " again"}
	}
	c.store(ans, o.now(), false)
	return nil
}

// refreshError is a SCIM request Okta could not send for want of a valid
// access token; the operation becomes a task (docs/okta-oauth.md §2).
type refreshError struct {
	url     string // the token endpoint; "" when no request was sent
	status  int    // its answer's status; 0 when none came
	problem string // Okta's wording
}

func (e *refreshError) Error() string { return e.problem }

// oauthProblem words an OAuth error answer in Okta's usual form: the reason
// phrase, then "Errors reported by remote server:" and the error code and
// description (RFC 6749 §5.2).
func oauthProblem(status int, body []byte) string {
	reason := http.StatusText(status)
	if reason == "" {
		reason = fmt.Sprintf("HTTP %d", status)
	}
	e, desc, ok := parseOAuthError(body)
	if !ok {
		return remoteProblem(status, body)
	}
	if desc != "" {
		e += ": " + desc
	}
	return reason + ". Errors reported by remote server: " + e
}

// credential labels e with the access token it carried.
func credential(e *Exchange, issued int) *Exchange {
	if e != nil && issued > 0 {
		e.Credential = fmt.Sprintf("access token %d", issued)
	}
	return e
}

// failRefresh records the task of an operation Okta had no valid access
// token for. The task names the token request when one failed.
func (o *Org) failRefresh(f flow, c *call, re *refreshError, expected, while string) error {
	tc := *c
	r := &reply{status: re.status, attempts: 1}
	got := re.problem
	if re.url != "" {
		tc.kind, tc.method, tc.url, tc.query = "refresh", http.MethodPost, re.url, ""
	}
	return o.fail(f, &tc, r, expected, got, while+": "+re.problem)
}
