package oauth

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/scimharness/scimharness/reference/internal/rules"
	"github.com/scimharness/scimharness/reference/internal/tokens"
)

// Config is Okta's registration at the authorization server, with its
// defaults filled in (reference.OAuthConfig).
type Config struct {
	ClientID, ClientSecret string
	AppName                string
	RedirectURIs           []string
	AccessTokenTTL         time.Duration
	RefreshTokenTTL        time.Duration
}

// CodeTTL is how long an authorization code works: RFC 6749 §4.1.2, "maximum
// … of 10 minutes".
const CodeTTL = 10 * time.Minute

// Server is the OAuth 2.0 authorization server of the SCIM API, for
// organizations O (the reference server's *org). Tokens and codes are kept
// by their hashes only, as SCIM tokens are. It is safe for concurrent use.
type Server[O comparable] struct {
	cfg    Config
	rules  rules.OAuth
	now    func() time.Time
	signIn func(token string) (O, bool)

	mu      sync.Mutex
	codes   map[tokens.Key]*authCode[O]
	access  map[tokens.Key]*accessToken[O]
	refresh map[tokens.Key]*grant[O]
	// skew is how far each organization's clock is ahead of the server's,
	// moved by the Admin Console API's POST /admin/orgs/{org}/clock so that
	// expiry is tested without waiting.
	skew map[O]time.Duration
}

// authCode is an authorization code, single use (RFC 6749 §4.1.2).
type authCode[O comparable] struct {
	org                   O
	clientID, redirectURI string
	scope                 string
	challenge, method     string // PKCE (RFC 7636), "" when not sent
	expires               time.Time
}

// grant is what one consent gave: its current refresh token and the access
// tokens issued under it, all revoked together (RFC 7009 §2.1).
type grant[O comparable] struct {
	org            O
	scope          string
	refresh        tokens.Key // the current refresh token; zero when none was issued
	refreshExpires time.Time
	access         []tokens.Key
	revoked        bool
}

type accessToken[O comparable] struct {
	g       *grant[O]
	expires time.Time
}

// New returns the authorization server of cfg, whose seams are r. now is
// the server's clock; signIn finds the organization whose Production SCIM
// token the admin gave on the consent page (the reference server has no
// console users: the token stands in for the admin's sign-in,
// docs/okta-oauth.md §3).
func New[O comparable](cfg Config, r rules.OAuth, now func() time.Time, signIn func(token string) (O, bool)) *Server[O] {
	return &Server[O]{cfg: cfg, rules: r, now: now, signIn: signIn,
		codes: map[tokens.Key]*authCode[O]{}, access: map[tokens.Key]*accessToken[O]{},
		refresh: map[tokens.Key]*grant[O]{}, skew: map[O]time.Duration{}}
}

// nowLocked is the organization's clock. a.mu is held.
func (a *Server[O]) nowLocked(o O) time.Time { return a.now().Add(a.skew[o]) }

// Advance moves the organization's clock forward by d and answers how far
// it is now ahead of the server's.
func (a *Server[O]) Advance(o O, d time.Duration) time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.skew[o] += d
	return a.skew[o]
}

// Serve answers a request for /oauth/rest.
func (a *Server[O]) Serve(w http.ResponseWriter, r *http.Request, rest string) {
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
func (a *Server[O]) allowedRedirect(uri string) bool {
	if !a.rules.CheckRedirect {
		return uri != ""
	}
	return slices.Contains(a.cfg.RedirectURIs, uri)
}

// AccessOrg is the organization an access token opens. known reports a
// token the server issued; a known one that opens nothing (expired, revoked)
// has ok false and problem says why.
func (a *Server[O]) AccessOrg(token string) (o O, known, ok bool, problem string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t, found := a.access[tokens.KeyOf(token)]
	switch {
	case !found:
		return o, false, false, ""
	case t.g.revoked:
		return o, true, false, "the OAuth access token was revoked: authenticate with Zinc again"
	case !a.nowLocked(t.g.org).Before(t.expires) && a.rules.Expiry:
		return o, true, false, "the OAuth access token has expired: refresh it at /oauth/token"
	}
	return t.g.org, true, true, ""
}

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
