package reference

import (
	"time"

	"github.com/scimharness/scimharness/reference/internal/oauth"
	"github.com/scimharness/scimharness/reference/internal/store"
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

// newOAuth is the authorization server of cfg for s's organizations: the
// admin signs in on its consent page with an organization's Production SCIM
// token.
func newOAuth(s *Server, cfg OAuthConfig) *oauth.Server[*store.Org] {
	cfg.fill()
	return oauth.New(oauth.Config(cfg), s.rules.OAuth, s.cfg.Now, func(token string) (*store.Org, bool) {
		acc, ok := s.orgs.ByToken(token)
		return acc.Org, ok && token != "" && acc.Env == store.Production
	})
}

// oauthToken is the SCIM access of an OAuth access token: its organization's
// Production environment. ok reports a token the server issued; a known one
// that opens nothing (expired, revoked) has a nil org and says why.
func (s *Server) oauthToken(token string) (tokenRef, bool) {
	o, known, ok, problem := s.oauth.AccessOrg(token)
	if !known {
		return tokenRef{}, false
	}
	if !ok {
		return tokenRef{problem: problem}, true
	}
	return tokenRef{org: o, env: store.Production}, true
}
