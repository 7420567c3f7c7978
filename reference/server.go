package reference

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/scimharness/scimharness/reference/internal/admin"
	"github.com/scimharness/scimharness/reference/internal/faults"
	"github.com/scimharness/scimharness/reference/internal/oauth"
	"github.com/scimharness/scimharness/reference/internal/rules"
	"github.com/scimharness/scimharness/reference/internal/store"
)

// Server is the reference SCIM server: an http.Handler serving SCIM 2.0 at
// /scim/v2 (Production) and /sandbox/scim/v2 (Sandbox), and the Admin Console API
// at /admin/. Mount it with httptest.NewServer or an http.Server. It is safe for
// concurrent use.
type Server struct {
	cfg   Config
	rules rules.Rules // the seams: the mode's rules, broken by cfg.Faults
	mode  rules.Rules // the mode's rules, which discovery describes

	orgs *store.Orgs // the organizations and their SCIM tokens

	listSeq atomic.Uint64             // counts user list requests, for rules.Lists.StableUserOrder off
	oauth   *oauth.Server[*store.Org] // nil without Config.OAuth
	admin   *admin.API                // the Admin Console API under /admin/
}

type tokenRef struct {
	org *store.Org
	env store.Environment
	// problem says why a known OAuth access token opens nothing (org nil).
	problem string
}

// New returns a Server with one organization, "default", whose tokens are
// cfg.Token (Production) and cfg.SandboxToken (Sandbox). It fails when cfg.Token is
// empty, when two tokens are equal, when cfg.Faults names an unknown fault or
// cfg.Mode an unknown mode, or
// when an entry of cfg.Entitlements or cfg.Roles breaks Okta's schema.
func New(cfg Config) (*Server, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	var rs rules.Rules
	switch cfg.Mode {
	case "", ModeZinc:
		rs = rules.Zinc()
	case ModePlain:
		rs = rules.Plain()
	default:
		return nil, fmt.Errorf("reference: mode %q: expected %q or %q", cfg.Mode, ModeZinc, ModePlain)
	}
	mode := rs
	if err := faults.Apply(&rs, cfg.Faults); err != nil {
		return nil, fmt.Errorf("reference: %w", err)
	}
	s := &Server{cfg: cfg, rules: rs, mode: mode, orgs: store.NewOrgs()}
	acfg := admin.Config{Token: cfg.AdminToken, Orgs: s.orgs, Rules: rs.Console, MaxBodyBytes: cfg.MaxBodyBytes, Now: cfg.Now, NewID: cfg.NewID}
	if cfg.OAuth != nil {
		s.oauth = newOAuth(s, *cfg.OAuth)
		acfg.Clock = s.oauth
	}
	s.admin = admin.New(acfg)
	def := &store.Org{ID: DefaultOrg, Name: DefaultOrg, Provisioning: true, SyncUsers: true, SyncGroups: true,
		Tokens: [store.NumEnvs]string{cfg.Token, cfg.SandboxToken}}
	s.orgs.Add(def)
	for _, e := range def.Envs {
		for k, list := range [store.NumKinds][]store.Entitlement{cfg.Entitlements, cfg.Roles} {
			for _, v := range list {
				if _, err := e.AddGrantable(store.GrantKind(k), v, cfg.NewID); err != nil {
					return nil, fmt.Errorf("reference: Config: %w", err)
				}
			}
		}
	}
	return s, nil
}

// ServeHTTP routes a request to SCIM or to the Admin Console API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/admin" || strings.HasPrefix(p, "/admin/"):
		s.admin.Serve(w, r, strings.TrimPrefix(p, "/admin"))
	case underBase(p, "/oauth") && s.oauth != nil:
		s.oauth.Serve(w, r, p[len("/oauth"):])
	case underBase(p, "/sandbox/scim/v2"):
		s.serveSCIM(w, r, store.Sandbox, p[len("/sandbox/scim/v2"):])
	case underBase(p, "/scim/v2"):
		s.serveSCIM(w, r, store.Production, p[len("/scim/v2"):])
	default:
		s.writeError(w, errorf(http.StatusNotFound, "",
			"no endpoint at %s: SCIM is at /scim/v2 (Production) and /sandbox/scim/v2 (Sandbox), the Admin Console API at /admin/", p))
	}
}

func underBase(p, base string) bool {
	return strings.HasPrefix(p, base) && (len(p) == len(base) || p[len(base)] == '/')
}
