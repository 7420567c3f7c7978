package reference

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Okta's entitlement schemas and the reference server's custom User
// extension (docs/okta-entitlements-and-schema.md).
const (
	entitlementSchema = "urn:okta:scim:schemas:core:1.0:Entitlement"
	roleSchema        = "urn:okta:scim:schemas:core:1.0:Role"
	// customSchema is Zinc's custom User extension: attributes an Okta admin
	// maps with this external namespace.
	customSchema = "urn:scimharness:schemas:extension:zinc:1.0:User"
	// maxDescription is the longest description Okta's Entitlement schema takes.
	maxDescription = 1000
)

// Entitlement is a value an organization's users can be granted: an
// entitlement (Type set, such as "License") or a role (Type empty). Config
// seeds the default organization with them; the Admin Console API adds them to
// any organization.
type Entitlement struct {
	ID          string `json:"id"` // empty: the server makes one
	DisplayName string `json:"displayName"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

// grantKind is one of the two resource types Okta defines for entitlement
// management.
type grantKind uint8

const (
	kindEntitlement grantKind = iota
	kindRole
	numKinds
)

func (k grantKind) String() string {
	if k == kindRole {
		return "Role"
	}
	return "Entitlement"
}

func (k grantKind) schema() string {
	if k == kindRole {
		return roleSchema
	}
	return entitlementSchema
}

func (k grantKind) endpoint() string { return "/" + k.String() + "s" }

// grantables are an environment's values of one kind, in creation order.
type grantables struct {
	list []*Entitlement
	byID map[string]*Entitlement
}

func (g *grantables) get(id string) *Entitlement {
	if g.byID == nil {
		return nil
	}
	return g.byID[id]
}

// check applies Okta's Entitlement and Role schemas to a new value
// of kind k: displayName required, type required for entitlements (and absent
// for roles), description at most 1000 characters, the id unique.
func (g *grantables) check(k grantKind, in Entitlement) error {
	switch {
	case strings.TrimSpace(in.DisplayName) == "":
		return fmt.Errorf("displayName is required")
	case k == kindEntitlement && strings.TrimSpace(in.Type) == "":
		return fmt.Errorf("type is required for an entitlement (such as \"License\")")
	case k == kindRole && in.Type != "":
		return fmt.Errorf("a role has no type (Okta's Role schema: id, displayName, description)")
	case utf8.RuneCountInString(in.Description) > maxDescription:
		return fmt.Errorf("description has %d characters; Okta's schema allows %d", utf8.RuneCountInString(in.Description), maxDescription)
	case strings.ContainsAny(in.ID, "/?#%") || strings.Contains(in.ID, ".."):
		return fmt.Errorf("id %q must not contain /, ?, #, %% or ..", in.ID)
	case in.ID != "" && g.get(in.ID) != nil:
		return fmt.Errorf("id %q is taken", in.ID)
	}
	return nil
}

func (g *grantables) add(v *Entitlement) {
	if g.byID == nil {
		g.byID = map[string]*Entitlement{}
	}
	g.list = append(g.list, v)
	g.byID[v.ID] = v
}

// addGrantable adds a value of kind k to e, giving it an id when it has none.
func (s *Server) addGrantable(e *envStore, k grantKind, in Entitlement) (*Entitlement, error) {
	g := &e.grants[k]
	if err := g.check(k, in); err != nil {
		return nil, fmt.Errorf("%s %q: %w", strings.ToLower(k.String()), in.DisplayName, err)
	}
	v := in
	if v.ID == "" {
		v.ID = s.cfg.NewID()
	}
	g.add(&v)
	return &v, nil
}

// grantEndpoint serves /Entitlements and /Roles: read-only, GET by id or a
// paged ListResponse (startIndex, count), as Okta's entitlement import reads
// them.
func (c *call) grantEndpoint(k grantKind, id string) {
	m := c.r.Method
	if m != http.MethodGet && m != http.MethodHead {
		c.methodNotAllowed("GET")
		return
	}
	if strings.Contains(id, "/") {
		c.fail(errorf(http.StatusNotFound, "", "no SCIM endpoint %q", c.r.URL.Path))
		return
	}
	pg, err := parsePage(c.q, c.s.cfg.MaxResults)
	if err != nil {
		c.fail(err)
		return
	}
	rule := &c.s.rules
	e := c.env
	e.mu.RLock()
	var res result
	g := &e.grants[k]
	switch {
	case id != "":
		if v := g.get(id); v != nil {
			b := getBuf()
			b.b = c.appendGrantable(b.b, k, v)
			res = result{status: http.StatusOK, body: b}
		} else {
			res = failed(notFound(k.String(), id))
		}
	default:
		if !rule.Entitlements.Paging {
			pg = page{start: 1, count: len(g.list)}
		}
		from, to := pg.window(len(g.list))
		res = result{status: http.StatusOK, body: buildList(c, len(g.list), pg, g.list[from:to],
			func(b []byte, v *Entitlement) []byte { return c.appendGrantable(b, k, v) })}
	}
	e.mu.RUnlock()
	c.send(res)
}

// appendGrantable appends v as a resource of Okta's Entitlement or Role schema.
func (c *call) appendGrantable(b []byte, k grantKind, v *Entitlement) []byte {
	b = append(b, `{"schemas":["`...)
	b = append(b, k.schema()...)
	b = append(b, `"]`...)
	b = appendField(b, "id", v.ID)
	b = appendField(b, "displayName", v.DisplayName)
	if k == kindEntitlement && c.s.rules.Entitlements.Type {
		b = appendField(b, "type", v.Type)
	}
	if v.Description != "" {
		b = appendField(b, "description", v.Description)
	}
	b = append(b, `,"meta":{"resourceType":"`...)
	b = append(b, k.String()...)
	b = append(b, `","location":"`...)
	b = appendRaw(b, c.base)
	b = append(b, k.endpoint()...)
	b = append(b, '/')
	b = appendRaw(b, v.ID)
	return append(b, `"}}`...)
}
