package reference

import (
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/tokens"
)

// credential extracts the token from an Authorization header: "Bearer T", Basic
// with T as the password (any user name), or the raw token T. basic reports the
// Basic form.
func credential(h string) (token string, basic bool) {
	h = strings.TrimSpace(h)
	scheme, rest, ok := strings.Cut(h, " ")
	if !ok {
		if strings.EqualFold(h, "Bearer") || strings.EqualFold(h, "Basic") {
			return "", strings.EqualFold(h, "Basic") // a scheme without its token
		}
		return h, false
	}
	rest = strings.TrimSpace(rest)
	switch {
	case strings.EqualFold(scheme, "Bearer"):
		return rest, false
	case strings.EqualFold(scheme, "Basic"):
		raw, err := base64.StdEncoding.DecodeString(rest)
		if err != nil {
			return "", true
		}
		_, pass, _ := strings.Cut(string(raw), ":")
		return pass, true
	}
	return h, false
}

const wwwAuthenticate = `Bearer realm="Zinc SCIM API", Basic realm="Zinc SCIM API"`

// authenticate finds the organization a SCIM request's token opens, for the
// environment env of the URL.
func (s *Server) authenticate(r *http.Request, env Environment) (*Org, Environment, *scimError) {
	if !s.rules.Auth.RequireAuthorization && r.Header.Get("Authorization") == "" {
		return s.org(DefaultOrg), env, nil
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

// oneAuthorization is the request's Authorization header; ok is false when
// there are several, which the server refuses rather than pick one.
func oneAuthorization(r *http.Request) (h string, n int) {
	v := r.Header.Values("Authorization")
	if len(v) == 0 {
		return "", 0
	}
	return v[0], len(v)
}

func (s *Server) lookupToken(r *http.Request, env Environment) (tokenRef, *scimError) {
	h, n := oneAuthorization(r)
	if n > 1 {
		return tokenRef{}, errorf(http.StatusUnauthorized, "",
			"the request has %d Authorization headers: send exactly one, 'Authorization: Bearer <token>'", n)
	}
	if h == "" {
		return tokenRef{}, errorf(http.StatusUnauthorized, "",
			"the request has no Authorization header: send your Zinc API token as 'Authorization: Bearer <token>'")
	}
	token, basic := credential(h)
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
	s.mu.RLock()
	ref, ok := s.tokens[tokens.KeyOf(token)]
	s.mu.RUnlock()
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
