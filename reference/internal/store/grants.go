package store

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Okta's entitlement schemas (docs/okta-entitlements-and-schema.md).
const (
	EntitlementSchema = "urn:okta:scim:schemas:core:1.0:Entitlement"
	RoleSchema        = "urn:okta:scim:schemas:core:1.0:Role"
	// maxDescription is the longest description Okta's Entitlement schema takes.
	maxDescription = 1000
)

// Entitlement is a value an organization's users can be granted: an
// entitlement (Type set, such as "License") or a role (Type empty); package
// reference exports it as reference.Entitlement.
type Entitlement struct {
	ID          string `json:"id"` // empty: the server makes one
	DisplayName string `json:"displayName"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

// GrantKind is one of the two resource types Okta defines for entitlement
// management.
type GrantKind uint8

const (
	KindEntitlement GrantKind = iota
	KindRole
	NumKinds
)

func (k GrantKind) String() string {
	if k == KindRole {
		return "Role"
	}
	return "Entitlement"
}

// Schema is the URN of k's Okta schema.
func (k GrantKind) Schema() string {
	if k == KindRole {
		return RoleSchema
	}
	return EntitlementSchema
}

// Endpoint is the SCIM endpoint that lists values of k: /Entitlements or /Roles.
func (k GrantKind) Endpoint() string { return "/" + k.String() + "s" }

// grantables are an environment's values of one kind, in creation order.
type grantables struct {
	List []*Entitlement
	byID map[string]*Entitlement
}

// Get is the value id, or nil.
func (g *grantables) Get(id string) *Entitlement {
	if g.byID == nil {
		return nil
	}
	return g.byID[id]
}

// check applies Okta's Entitlement and Role schemas to a new value
// of kind k: displayName required, type required for entitlements (and absent
// for roles), description at most 1000 characters, the id unique.
func (g *grantables) check(k GrantKind, in Entitlement) error {
	switch {
	case strings.TrimSpace(in.DisplayName) == "":
		return fmt.Errorf("displayName is required")
	case k == KindEntitlement && strings.TrimSpace(in.Type) == "":
		return fmt.Errorf("type is required for an entitlement (such as \"License\")")
	case k == KindRole && in.Type != "":
		return fmt.Errorf("a role has no type (Okta's Role schema: id, displayName, description)")
	case utf8.RuneCountInString(in.Description) > maxDescription:
		return fmt.Errorf("description has %d characters; Okta's schema allows %d", utf8.RuneCountInString(in.Description), maxDescription)
	case strings.ContainsAny(in.ID, "/?#%") || strings.Contains(in.ID, ".."):
		return fmt.Errorf("id %q must not contain /, ?, #, %% or ..", in.ID)
	case in.ID != "" && g.Get(in.ID) != nil:
		return fmt.Errorf("id %q is taken", in.ID)
	}
	return nil
}

func (g *grantables) add(v *Entitlement) {
	if g.byID == nil {
		g.byID = map[string]*Entitlement{}
	}
	g.List = append(g.List, v)
	g.byID[v.ID] = v
}

// AddGrantable adds a value of kind k to e, giving it an id from newID when
// it has none. e must be locked for writing.
func (e *Env) AddGrantable(k GrantKind, in Entitlement, newID func() string) (*Entitlement, error) {
	g := &e.Grants[k]
	if err := g.check(k, in); err != nil {
		return nil, fmt.Errorf("%s %q: %w", strings.ToLower(k.String()), in.DisplayName, err)
	}
	v := in
	if v.ID == "" {
		v.ID = newID()
	}
	g.add(&v)
	return &v, nil
}
