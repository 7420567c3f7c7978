package reference

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// call is one SCIM request on its way through the handlers.
type call struct {
	s    *Server
	w    http.ResponseWriter
	r    *http.Request
	org  *store.Org
	env  *store.Env
	base string     // absolute SCIM base URL, for meta.location and $ref
	q    url.Values // the query parameters
}

func (c *call) fail(e *scimError) { c.s.writeError(c.w, e) }

func (s *Server) serveSCIM(w http.ResponseWriter, r *http.Request, env store.Environment, rest string) {
	o, env, aerr := s.authenticate(r, env)
	if aerr != nil {
		if s.rules.Auth.Explain401 {
			w.Header().Set("WWW-Authenticate", wwwAuthenticate)
		}
		s.writeError(w, aerr)
		return
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		s.writeError(w, errorf(http.StatusBadRequest, typeInvalidValue,
			"the query string is not valid URL encoding (%v): encode spaces as %%20 or +, and %% as %%25", err))
		return
	}
	c := &call{s: s, w: w, r: r, org: o, env: o.Envs[env], base: baseURL(r, env), q: q}
	rest = strings.TrimPrefix(rest, "/")
	seg, id, _ := strings.Cut(rest, "/")
	id = strings.TrimSuffix(id, "/")
	switch strings.ToLower(seg) {
	case "users":
		if c.orgRefuses() {
			return
		}
		c.route(id, usersHandlers)
	case "groups":
		if c.orgRefuses() {
			return
		}
		c.route(id, groupsHandlers)
	case "entitlements", "roles":
		if c.orgRefuses() {
			return
		}
		k := store.KindEntitlement
		if strings.EqualFold(seg, "roles") {
			k = store.KindRole
		}
		c.grantEndpoint(k, id)
	case "serviceproviderconfig", "schemas", "resourcetypes":
		c.discovery(strings.ToLower(seg), id)
	case "bulk", "me":
		c.fail(errorf(http.StatusNotImplemented, "", "/%s is not supported by this server", seg))
	case ".search":
		if c.r.Method == http.MethodPost && id == "" {
			if !c.s.rules.Lists.PostSearch {
				c.fail(searchNotSupported())
				return
			}
			if c.orgRefuses() {
				return
			}
			if err := c.searchQuery(); err != nil {
				c.fail(err)
				return
			}
			c.listRoot()
			return
		}
		c.fail(errorf(http.StatusNotFound, "", "no SCIM endpoint %q: POST /.search is the only method on it", "/"+rest))
	case "":
		if (c.r.Method == http.MethodGet || c.r.Method == http.MethodHead) && c.s.rules.Lists.PostSearch {
			if !c.orgRefuses() {
				c.listRoot() // a query of the server root (RFC 7644 section 3.4.2)
			}
			return
		}
		fallthrough
	default:
		c.fail(errorf(http.StatusNotFound, "", "no SCIM endpoint %q: the endpoints are /Users, /Groups, /Entitlements, /Roles, /ServiceProviderConfig, /Schemas and /ResourceTypes", "/"+rest))
	}
}

// handlers are a resource type's endpoints.
type handlers struct {
	list, create              func(*call)
	get, replace, patch, drop func(*call, string)
}

func (c *call) route(id string, h handlers) {
	m := c.r.Method
	if id == "" {
		switch m {
		case http.MethodGet, http.MethodHead:
			h.list(c)
		case http.MethodPost:
			h.create(c)
		default:
			c.methodNotAllowed("GET, POST")
		}
		return
	}
	if strings.Contains(id, "/") {
		c.fail(errorf(http.StatusNotFound, "", "no SCIM endpoint %q", c.r.URL.Path))
		return
	}
	switch m {
	case http.MethodGet, http.MethodHead:
		h.get(c, id)
	case http.MethodPut:
		h.replace(c, id)
	case http.MethodPatch:
		h.patch(c, id)
	case http.MethodDelete:
		h.drop(c, id)
	case http.MethodPost:
		if id != ".search" {
			c.methodNotAllowed("GET, PUT, PATCH, DELETE")
			return
		}
		if !c.s.rules.Lists.PostSearch {
			c.fail(searchNotSupported())
			return
		}
		if err := c.searchQuery(); err != nil {
			c.fail(err)
			return
		}
		h.list(c)
	default:
		c.methodNotAllowed("GET, PUT, PATCH, DELETE")
	}
}

// searchNotSupported is the answer to POST .search, at the root and on a
// resource type alike (RFC 7644 section 3.4.3).
func searchNotSupported() *scimError {
	return errorf(http.StatusNotImplemented, "", "POST .search is not supported: use GET with the filter query parameter")
}

func (c *call) methodNotAllowed(allow string) {
	c.w.Header().Set("Allow", allow)
	c.fail(errorf(http.StatusMethodNotAllowed, "", "%s is not allowed on %s; allowed: %s", c.r.Method, c.r.URL.Path, allow))
}

// orgRefuses answers for organizations that may not provision (ZN-16) or may not
// sync both users and groups (ZN-15), and reports whether it did.
func (c *call) orgRefuses() bool {
	o := c.org
	if !o.Provisioning && c.s.rules.Orgs.CheckProvisioning {
		c.fail(errorf(http.StatusForbidden, "",
			"provisioning is not enabled for the Zinc organization %q: contact Zinc Customer Support to enable user and group provisioning", o.Name))
		return true
	}
	if (!o.SyncUsers || !o.SyncGroups) && c.s.rules.Orgs.CheckSyncScope {
		var missing string
		switch {
		case !o.SyncUsers && !o.SyncGroups:
			missing = "users and groups"
		case !o.SyncUsers:
			missing = "users"
		default:
			missing = "groups"
		}
		c.fail(errorf(http.StatusForbidden, "",
			"the Zinc organization %q is not allowed to sync %s from a directory; it must be allowed to sync both users and groups: contact Zinc Customer Support",
			o.Name, missing))
		return true
	}
	return false
}

// baseURL is the absolute SCIM base URL the client used.
func baseURL(r *http.Request, env store.Environment) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	} else if p := r.Header.Get("X-Forwarded-Proto"); p == "https" {
		scheme = p
	}
	return scheme + "://" + r.Host + basePath(env)
}

// basePath is the SCIM base path of env.
func basePath(env store.Environment) string {
	if env == store.Sandbox {
		return "/sandbox/scim/v2"
	}
	return "/scim/v2"
}
