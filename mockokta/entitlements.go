package mockokta

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Okta's entitlement management over SCIM
// (docs/okta-entitlements-and-schema.md §1–§4).

// The schemas Okta defines for entitlement values (§2).
const (
	EntitlementSchema = "urn:okta:scim:schemas:core:1.0:Entitlement"
	RoleSchema        = "urn:okta:scim:schemas:core:1.0:Role"
	resourceTypeList  = "/ResourceTypes"
)

// EmptyValues is how Okta sends an attribute emptied in Okta (§6: Okta's test
// plan pushes empty values; the form is an inference).
type EmptyValues uint8

const (
	EmptyAsString EmptyValues = iota // "attr": ""
	EmptyAsNull                      // "attr": null
	EmptyOmitted                     // left out of the create and of the PUT
)

// GrantRequest is how Okta pushes a user's entitlements and roles (§4, an
// inference).
type GrantRequest uint8

const (
	GrantByPut   GrantRequest = iota // GET /Users/{id}, then PUT with entitlements and roles replaced
	GrantByPatch                     // PATCH replace of entitlements and of roles, with paths
)

// Grant is an entitlement or role value, as an entitlement import found it
// and as it is granted to a user.
type Grant struct {
	// ResourceType names the resource type that lists the value
	// ("Entitlement", "Role", "License").
	ResourceType string
	Value        string // the value's id
	Display      string // its displayName
	Type         string // its type; empty for roles
	Description  string
	// Role reports that the resource type has Okta's Role schema: the value
	// goes in the user's roles, else in its entitlements.
	Role bool
}

type grantKey struct{ resourceType, value string }

// ResourceType is a resource type of /ResourceTypes.
type ResourceType struct {
	ID, Name, Endpoint, Schema string
	Extensions                 []string // the schemaExtensions' schemas
}

// EntitlementImport is the outcome of ImportEntitlements.
type EntitlementImport struct {
	// ResourceTypes are the entitlement resource types found: every
	// resource type but User and Group.
	ResourceTypes []ResourceType
	// Values are the values read from their endpoints, in the order read.
	Values []Grant
}

// ImportEntitlements is Okta's entitlement import (§1): GET /ResourceTypes;
// GET /Schemas when a resource type has a schema other than Okta's
// Entitlement and Role schemas; then each entitlement resource type's
// endpoint, paged as an import of users (startIndex and count=100, an
// inference). The values found replace those of the last import: they are
// what Grant may give. A failure is a task, as a failed import's.
func (o *Org) ImportEntitlements(ctx context.Context) (*EntitlementImport, error) {
	const action = "import-entitlements"
	f := o.importFlow(action)
	types, err := o.readResourceTypes(ctx, f, action, "Error while importing entitlements")
	if err != nil {
		return nil, err
	}
	im := &EntitlementImport{}
	unknown := false
	for _, rt := range types {
		if isUserOrGroup(rt.Schema) {
			continue
		}
		im.ResourceTypes = append(im.ResourceTypes, rt)
		unknown = unknown || (rt.Schema != EntitlementSchema && rt.Schema != RoleSchema)
	}
	if unknown {
		if _, err := o.readDiscovery(ctx, f, &call{action: action, target: o.app, kind: "list-schemas",
			method: http.MethodGet, path: "/Schemas"}, "Error while importing entitlements"); err != nil {
			return nil, err
		}
	}
	for _, rt := range im.ResourceTypes {
		if err := checkEndpoint(rt.Endpoint); err != nil {
			c := &call{action: action, target: o.app, kind: "list-resource-types", method: http.MethodGet, path: resourceTypeList}
			return nil, o.fail(f, c, &reply{status: http.StatusOK}, "resource types with endpoints below the base URL",
				"resource type "+rt.Name+": "+err.Error(), "Error while importing entitlements: resource type "+rt.Name+": "+err.Error())
		}
		err := o.readAll(ctx, action, "list-"+strings.ToLower(rt.Name), rt.Endpoint, strings.ToLower(rt.Name)+" values", nil,
			func(r resource, raw json.RawMessage) {
				var v struct {
					Type        string `json:"type"`
					Description string `json:"description"`
				}
				_ = json.Unmarshal(raw, &v) // parseList has read it as an object already
				im.Values = append(im.Values, Grant{ResourceType: rt.Name, Value: r.ID, Display: r.DisplayName,
					Type: v.Type, Description: v.Description, Role: rt.Schema == RoleSchema})
			})
		if err != nil {
			return nil, err
		}
	}
	o.mu.Lock()
	o.imported = make(map[grantKey]Grant, len(im.Values))
	for _, v := range im.Values {
		o.imported[grantKey{v.ResourceType, v.Value}] = v
	}
	o.mu.Unlock()
	return im, nil
}

func isUserOrGroup(schema string) bool { return schema == userSchema || schema == groupSchema }

// checkEndpoint refuses an endpoint that is not a path below the base URL.
func checkEndpoint(ep string) error {
	u, err := url.Parse(ep)
	if err != nil || !strings.HasPrefix(ep, "/") || strings.HasPrefix(ep, "//") || u.RawQuery != "" || u.Fragment != "" || strings.Contains(ep, "..") {
		return fmt.Errorf("endpoint %q: expected a path such as /Entitlements", truncate(ep, 60))
	}
	return nil
}

// readResourceTypes is GET /ResourceTypes, read as Okta needs it.
func (o *Org) readResourceTypes(ctx context.Context, f flow, action, while string) ([]ResourceType, error) {
	c := &call{action: action, target: o.app, kind: "list-resource-types", method: http.MethodGet, path: resourceTypeList}
	r, err := o.readDiscovery(ctx, f, c, while)
	if err != nil {
		return nil, err
	}
	types, err := parseResourceTypes(r.body)
	if err != nil {
		return nil, o.failBody(f, c, r, "200 with a ListResponse of resource types", bodyProblem(r.body, err), while)
	}
	return types, nil
}

// readDiscovery sends a GET to a discovery endpoint: it must answer 200.
func (o *Org) readDiscovery(ctx context.Context, f flow, c *call, while string) (*reply, error) {
	const expected = "200 with a ListResponse"
	r, err := o.send(ctx, c)
	if err != nil {
		return nil, o.sendFailed(f, c, err, expected, while)
	}
	if r.status != http.StatusOK {
		return nil, o.failStatus(f, c, r, expected, while)
	}
	return r, nil
}

// Grant grants the user a value of the last entitlement import and, if the
// user is provisioned, pushes its grants (GrantRequest). Revoke takes one
// away the same way.
func (o *Org) Grant(ctx context.Context, login, resourceType, value string) error {
	return o.changeGrants(ctx, "grant", login, resourceType, value, true)
}

// Revoke takes a granted value away from the user and pushes its grants.
func (o *Org) Revoke(ctx context.Context, login, resourceType, value string) error {
	return o.changeGrants(ctx, "revoke", login, resourceType, value, false)
}

func (o *Org) changeGrants(ctx context.Context, action, login, resourceType, value string, grant bool) error {
	o.mu.Lock()
	u := o.userByLogin(login)
	if u == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: user %q: not in the org", action, login)
	}
	g, ok := o.imported[grantKey{resourceType, value}]
	if !ok && grant {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: %s %q: not found by the last entitlement import", action, login, resourceType, value)
	}
	nu := u.p.copyUser()
	i := slices.IndexFunc(nu.Grants, func(x Grant) bool { return x.ResourceType == resourceType && x.Value == value })
	switch {
	case grant && i < 0:
		nu.Grants = append(nu.Grants, g)
	case !grant && i >= 0:
		nu.Grants = slices.Delete(nu.Grants, i, i+1)
	}
	if nu.Grants == nil {
		nu.Grants = []Grant{}
	}
	p, err := prepareProfile(nu, o.empty)
	if err != nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: %w", action, err)
	}
	u.p = p
	s := o.snapshot(u)
	run := u.assigned() && u.active && s.scimID != ""
	o.mu.Unlock()
	if !run {
		return nil
	}
	f := o.profileFlow(action, p.Login)
	while := "Error while updating the entitlements of user " + p.taskName()
	if o.grantReq == GrantByPatch {
		c := &call{action: f.action, target: f.target, kind: "patch-user", method: http.MethodPatch,
			path: "/Users/" + url.PathEscape(s.scimID), body: appendGrantPatch(make([]byte, 0, 256), p)}
		return o.write(ctx, f, c, "200 with the user or 204", while)
	}
	return o.putUser(ctx, f, s.scimID, p, true, "", while)
}

// grantLists are a profile's grants as SCIM attributes: entitlements
// [{value, display, type}] and roles [{value, display}] (§2).
func grantLists(p *profile) (ents, roles []any) {
	ents, roles = []any{}, []any{}
	for _, g := range p.Grants {
		if g.Role {
			roles = append(roles, map[string]any{"value": g.Value, "display": g.Display})
			continue
		}
		ents = append(ents, map[string]any{"value": g.Value, "display": g.Display, "type": g.Type})
	}
	return ents, roles
}

// appendGrants appends ,"entitlements":[…],"roles":[…] for a create: only the
// lists that hold values.
func appendGrants(b []byte, p *profile) []byte {
	ents, roles := grantLists(p)
	if len(ents) > 0 {
		b = append(b, `,"entitlements":`...)
		b = append(b, encodeJSON(ents)...)
	}
	if len(roles) > 0 {
		b = append(b, `,"roles":`...)
		b = append(b, encodeJSON(roles)...)
	}
	return b
}

// appendGrantPatch is GrantByPatch's body: replace of entitlements and of
// roles, with paths.
func appendGrantPatch(b []byte, p *profile) []byte {
	ents, roles := grantLists(p)
	b = append(b, `{"schemas":["`+patchSchema+`"],"Operations":[{"op":"replace","path":"entitlements","value":`...)
	b = append(b, encodeJSON(ents)...)
	b = append(b, `},{"op":"replace","path":"roles","value":`...)
	b = append(b, encodeJSON(roles)...)
	return append(b, `}]}`...)
}

// parseResourceTypes reads a /ResourceTypes ListResponse (RFC 7644 §4): each
// resource needs a name, an endpoint and a schema.
func parseResourceTypes(body []byte) ([]ResourceType, error) {
	var raw struct {
		Resources []struct {
			ID               string `json:"id"`
			Name             string `json:"name"`
			Endpoint         string `json:"endpoint"`
			Schema           string `json:"schema"`
			SchemaExtensions []struct {
				Schema string `json:"schema"`
			} `json:"schemaExtensions"`
		} `json:"Resources"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("resource types: %w", err)
	}
	if raw.Resources == nil {
		return nil, errors.New("resource types: no Resources")
	}
	out := make([]ResourceType, 0, len(raw.Resources))
	for i, r := range raw.Resources {
		if r.Name == "" || r.Endpoint == "" || r.Schema == "" {
			return nil, fmt.Errorf("resource types: Resources[%d]: name, endpoint and schema are required", i)
		}
		rt := ResourceType{ID: r.ID, Name: r.Name, Endpoint: r.Endpoint, Schema: r.Schema}
		for _, e := range r.SchemaExtensions {
			if e.Schema != "" {
				rt.Extensions = append(rt.Extensions, e.Schema)
			}
		}
		out = append(out, rt)
	}
	return out, nil
}
