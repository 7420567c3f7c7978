package reference

import (
	"crypto/rand"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// OAuthConfig registers Okta as the OAuth 2.0 client of the server's
// authorization server (docs/okta-oauth.md §3): one client id and secret for
// every Okta tenant (§1.1). Set Config.OAuth to serve /oauth/authorize,
// /oauth/token and /oauth/revoke; the zero value of every field but the
// client's picks the default documented on it.
type OAuthConfig struct {
	// ClientID and ClientSecret are Okta's client credentials; both are
	// required.
	ClientID     string
	ClientSecret string
	// AppName is the {appName} of Okta's callback URIs; "" means "zinc".
	AppName string
	// RedirectURIs is the allow-list of redirect URIs; nil means Okta's five
	// callback URIs with AppName (docs/okta-oauth.md §1.3).
	RedirectURIs []string
	// AccessTokenTTL is how long an access token opens the SCIM API; 0 means
	// one hour.
	AccessTokenTTL time.Duration
	// RefreshTokenTTL is how long a refresh token works; 0 means 90 days.
	RefreshTokenTTL time.Duration
}

// OAuth defaults.
const (
	DefaultOAuthApp        = "zinc"
	DefaultAccessTokenTTL  = time.Hour
	DefaultRefreshTokenTTL = 90 * 24 * time.Hour
	codeTTL                = 10 * time.Minute // RFC 6749 §4.1.2: "maximum … of 10 minutes"
)

// OktaCallbackURIs are the redirect URIs an OIN app must accept for the app
// instance appName (docs/okta-oauth.md §1.3).
func OktaCallbackURIs(appName string) []string {
	path := "/admin/app/cpc/" + appName + "/oauth/callback"
	return []string{
		"https://system-admin.okta.com" + path,
		"https://system-admin.okta-emea.com" + path,
		"https://system-admin.oktapreview.com" + path,
		"https://system-admin.trexcloud.com" + path,
		"http://system-admin.okta1.com:1802" + path,
	}
}

func (c *OAuthConfig) fill() {
	if c.AppName == "" {
		c.AppName = DefaultOAuthApp
	}
	if c.RedirectURIs == nil {
		c.RedirectURIs = OktaCallbackURIs(c.AppName)
	}
	if c.AccessTokenTTL <= 0 {
		c.AccessTokenTTL = DefaultAccessTokenTTL
	}
	if c.RefreshTokenTTL <= 0 {
		c.RefreshTokenTTL = DefaultRefreshTokenTTL
	}
}

// authServer is the OAuth 2.0 authorization server of the SCIM API. Tokens
// and codes are kept by their hashes only, as SCIM tokens are.
type authServer struct {
	cfg OAuthConfig
	s   *Server

	mu      sync.Mutex
	codes   map[tokenKey]*authCode
	access  map[tokenKey]*accessToken
	refresh map[tokenKey]*grant
	// skew is how far each organization's clock is ahead of the server's,
	// moved by the Admin Console API's POST /admin/orgs/{org}/clock so that
	// expiry is tested without waiting.
	skew map[*org]time.Duration
}

// authCode is an authorization code, single use (RFC 6749 §4.1.2).
type authCode struct {
	org                   *org
	clientID, redirectURI string
	scope                 string
	challenge, method     string // PKCE (RFC 7636), "" when not sent
	expires               time.Time
}

// grant is what one consent gave: its current refresh token and the access
// tokens issued under it, all revoked together (RFC 7009 §2.1).
type grant struct {
	org            *org
	scope          string
	refresh        tokenKey // the current refresh token; zero when none was issued
	refreshExpires time.Time
	access         []tokenKey
	revoked        bool
}

type accessToken struct {
	g       *grant
	expires time.Time
}

func newAuthServer(s *Server, cfg OAuthConfig) *authServer {
	cfg.fill()
	return &authServer{cfg: cfg, s: s, codes: map[tokenKey]*authCode{}, access: map[tokenKey]*accessToken{},
		refresh: map[tokenKey]*grant{}, skew: map[*org]time.Duration{}}
}

// nowLocked is the organization's clock. a.mu is held.
func (a *authServer) nowLocked(o *org) time.Time { return a.s.cfg.Now().Add(a.skew[o]) }

// advance moves the organization's clock forward by d.
func (a *authServer) advance(o *org, d time.Duration) {
	a.mu.Lock()
	a.skew[o] += d
	a.mu.Unlock()
}

// serveOAuth routes /oauth/… requests.
func (a *authServer) serveOAuth(w http.ResponseWriter, r *http.Request, rest string) {
	switch rest {
	case "/authorize":
		a.authorize(w, r)
	case "/token":
		a.token(w, r)
	case "/revoke":
		a.revoke(w, r)
	default:
		writeOAuthError(w, http.StatusNotFound, "not_found", "no OAuth endpoint /oauth"+rest+": the endpoints are /oauth/authorize, /oauth/token and /oauth/revoke")
	}
}

// allowedRedirect reports whether uri is on the allow-list: an exact match,
// as RFC 6749 §3.1.2 and Okta's case C21902 want (docs/okta-oauth.md §1.4).
func (a *authServer) allowedRedirect(uri string) bool {
	if !a.s.rules.OAuth.CheckRedirect {
		return uri != ""
	}
	return slices.Contains(a.cfg.RedirectURIs, uri)
}

// accessOrg is the organization an access token opens, or why it opens none.
func (a *authServer) accessOrg(token string) (*org, bool, string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t, ok := a.access[keyOf(token)]
	if !ok {
		return nil, false, ""
	}
	if t.g.revoked {
		return nil, true, "the OAuth access token was revoked: authenticate with Zinc again"
	}
	if !a.nowLocked(t.g.org).Before(t.expires) && a.s.rules.OAuth.Expiry {
		return nil, true, "the OAuth access token has expired: refresh it at /oauth/token"
	}
	return t.g.org, true, ""
}

// newSecret returns an unguessable token or code.
func newSecret() string { return rand.Text() }

// hasScope reports whether the space-separated scope list has s.
func hasScope(scope, s string) bool { return slices.Contains(strings.Fields(scope), s) }

// writeOAuthError answers an OAuth error body (RFC 6749 §5.2).
func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

func writeOAuthJSON(w http.ResponseWriter, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(v)
}

// oauthToken is the SCIM access of an OAuth access token: its organization's
// Production environment. ok reports a token the server issued; a known one
// that opens nothing (expired, revoked) has a nil org and says why.
func (s *Server) oauthToken(token string) (tokenRef, bool) {
	o, known, problem := s.oauth.accessOrg(token)
	if !known {
		return tokenRef{}, false
	}
	if o == nil {
		return tokenRef{problem: problem}, true
	}
	return tokenRef{org: o, env: production}, true
}
