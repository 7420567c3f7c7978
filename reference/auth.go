package reference

import (
	"net/http"

	"github.com/scimharness/scimharness/reference/internal/store"
	"github.com/scimharness/scimharness/reference/internal/tokens"
)

const wwwAuthenticate = `Bearer realm="Zinc SCIM API", Basic realm="Zinc SCIM API"`

// authenticate finds the organization a SCIM request's token opens, for the
// environment env of the URL.
func (s *Server) authenticate(r *http.Request, env store.Environment) (*store.Org, store.Environment, *scimError) {
	if !s.rules.Auth.RequireAuthorization && r.Header.Get("Authorization") == "" {
		return s.orgs.Get(DefaultOrg), env, nil
	}
	ref, err := s.lookupToken(r, env)
	if err != nil {
		return nil, env, err
	}
	if ref.env != env && !s.rules.Auth.TokenPerEnvironment {
		return ref.org, env, nil
	}
	return ref.org, ref.env, nil
}

func (s *Server) lookupToken(r *http.Request, env store.Environment) (tokenRef, *scimError) {
	h, n := tokens.Authorization(r)
	if n > 1 {
		return tokenRef{}, errorf(http.StatusUnauthorized, "",
			"the request has %d Authorization headers: send exactly one, 'Authorization: Bearer <token>'", n)
	}
	if h == "" {
		return tokenRef{}, errorf(http.StatusUnauthorized, "",
			"the request has no Authorization header: send your Zinc API token as 'Authorization: Bearer <token>'")
	}
	token, basic := tokens.Credential(h)
	if basic && !s.rules.Auth.AcceptBasic {
		return tokenRef{}, errorf(http.StatusUnauthorized, "", "Basic authentication is not supported: send 'Authorization: Bearer <token>'")
	}
	if token == "" {
		return tokenRef{}, errorf(http.StatusUnauthorized, "",
			"the Authorization header carries no token: send your Zinc API token as 'Authorization: Bearer <token>'")
	}
	if s.cfg.AdminToken != "" && tokens.Same(token, s.cfg.AdminToken) {
		return tokenRef{}, errorf(http.StatusUnauthorized, "",
			"the Admin Console token does not open the SCIM API: use the organization's Zinc API token")
	}
	acc, ok := s.orgs.ByToken(token)
	ref := tokenRef{org: acc.Org, env: acc.Env}
	if !ok && s.oauth != nil {
		ref, ok = s.oauthToken(token)
		if ref.org == nil && ok {
			return tokenRef{}, errorf(http.StatusUnauthorized, "", "%s", ref.problem)
		}
	}
	if !ok {
		return tokenRef{}, errorf(http.StatusUnauthorized, "",
			"the API token is not valid: check the Zinc API token configured in Okta, or ask Zinc Customer Support for one")
	}
	if ref.env != env && s.rules.Auth.TokenPerEnvironment {
		return tokenRef{}, errorf(http.StatusUnauthorized, "",
			"this API token belongs to the %s environment, whose base URL is %s; it does not open %s",
			ref.env, basePath(ref.env), basePath(env))
	}
	return ref, nil
}
