package steps

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// Okta's entitlement management and Import User Schema
// (docs/okta-entitlements-and-schema.md): the Zinc admin's entitlements and
// roles, Okta's imports of them and of the user schema, and Okta's grants.

// entitlementState is the part of a scenario's state these steps keep.
type entitlementState struct {
	empty     mockokta.EmptyValues
	grantReq  mockokta.GrantRequest
	imp       *mockokta.EntitlementImport
	impErr    error
	schema    *mockokta.UserSchema
	schemaErr error
	// endpoints are the endpoints of the target's entitlement resource
	// types, by the Okta schema they list values in ("Entitlement",
	// "Role"), as /ResourceTypes named them (endpointOf).
	endpoints map[string]string
}

// Okta's schemas of entitlement values, by the names the steps use
// (docs/okta-entitlements-and-schema.md §2).
var valueSchemas = map[string]string{"Entitlement": mockokta.EntitlementSchema, "Role": mockokta.RoleSchema}

// endpointOf is the endpoint of the target's resource type whose values are
// in Okta's Entitlement or Role schema (kind "Entitlement", "Role"), found
// as Okta finds it: through GET /ResourceTypes, under whatever path the app
// chose (/Entitlements, /Licenses, /Profiles; §1). A target that does not
// serve /ResourceTypes, or lists no such resource type, skips the scenario:
// it offers Okta no such values.
func (st *scenario) endpointOf(ctx context.Context, kind string) (string, error) {
	if ep, ok := st.ent.endpoints[kind]; ok {
		return ep, nil
	}
	if err := st.target(ctx); err != nil {
		return "", err
	}
	x := st.send(ctx, "scim", http.MethodGet, st.scimBase()+"/ResourceTypes", nil, st.checkHeader())
	switch x.status {
	case http.StatusOK:
	case http.StatusNotFound, http.StatusNotImplemented:
		return "", st.skip(fmt.Sprintf("The target does not serve /ResourceTypes (%d), where Okta finds entitlement endpoints.", x.status))
	default:
		return "", st.failOn(x, "GET /ResourceTypes: expected 200 with a ListResponse, got %s", statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return "", st.failOn(x, "GET /ResourceTypes: %v", err)
	}
	for _, rt := range doc.Get("Resources").Array() {
		if rt.Get("schema").String() != valueSchemas[kind] {
			continue
		}
		ep := rt.Get("endpoint").String()
		if !strings.HasPrefix(ep, "/") || strings.HasPrefix(ep, "//") || strings.ContainsAny(ep, "?# ") {
			return "", st.failOn(x, "GET /ResourceTypes: resource type %q: endpoint %q: expected a path below the base URL, such as /Entitlements", rt.Get("name").String(), ep)
		}
		if st.ent.endpoints == nil {
			st.ent.endpoints = map[string]string{}
		}
		st.ent.endpoints[kind] = ep
		return ep, nil
	}
	return "", st.skip(fmt.Sprintf("The target's /ResourceTypes lists no resource type in Okta's %s schema (%s).", kind, valueSchemas[kind]))
}

// zincHasGrantable is `Zinc has the entitlement "Pro license" of type
// "License"` (or `Zinc has the role "Billing admin"`). With the Admin Console
// API it is made there; without it the target must list it already at
// /Entitlements (or /Roles), else the scenario skips: the values are the
// app's own.
func (st *scenario) zincHasGrantable(ctx context.Context, kind, name, typ string) error {
	if kind == "role" && typ != "" {
		return fmt.Errorf("a role has no type (Okta's Role schema): drop %q", `of type "`+typ+`"`)
	}
	if kind == "entitlement" && typ == "" {
		return fmt.Errorf(`an entitlement needs a type: write 'of type "License"'`)
	}
	if st.suite.HasAdmin() {
		body := map[string]any{"displayName": name}
		if typ != "" {
			body["type"] = typ
		}
		_, err := st.consoleAction(ctx, "Setting up a Zinc "+kind, http.MethodPost, "/"+kind+"s", body)
		return err
	}
	endpoint, err := st.endpointOf(ctx, map[string]string{"entitlement": "Entitlement", "role": "Role"}[kind])
	if err != nil {
		return err
	}
	doc, err := st.readValues(ctx, endpoint, 1000)
	if err != nil {
		return err
	}
	for _, r := range doc.Get("Resources").Array() {
		if r.Get("displayName").String() == name && (typ == "" || r.Get("type").String() == typ) {
			return nil
		}
	}
	what := fmt.Sprintf("%s %q", kind, name)
	if typ != "" {
		what += fmt.Sprintf(" of type %q", typ)
	}
	return st.skip(fmt.Sprintf("The target lists no %s at %s, and without the Admin Console API the harness cannot make one.", what, endpoint))
}

// oktaSendsEmpty is "Okta sends emptied values as null": how the mock Okta
// org writes an attribute emptied in Okta. It must come before Okta's first
// action.
func (st *scenario) oktaSendsEmpty(how string) error {
	if st.okta != nil {
		return fmt.Errorf("%q must come before Okta's first action", "Okta sends emptied values as "+how)
	}
	switch how {
	case "empty strings":
		st.ent.empty = mockokta.EmptyAsString
	case "null":
		st.ent.empty = mockokta.EmptyAsNull
	default:
		st.ent.empty = mockokta.EmptyOmitted
	}
	return nil
}

// oktaPushesGrantsBy is "Okta pushes grants by PATCH".
func (st *scenario) oktaPushesGrantsBy(method string) error {
	if st.okta != nil {
		return fmt.Errorf("%q must come before Okta's first action", "Okta pushes grants by "+method)
	}
	st.ent.grantReq = mockokta.GrantByPut
	if method == "PATCH" {
		st.ent.grantReq = mockokta.GrantByPatch
	}
	return nil
}

// importEntitlements is "Okta imports the entitlements".
func (st *scenario) importEntitlements(ctx context.Context) error {
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		st.ent.imp, st.ent.impErr = o.ImportEntitlements(ctx)
		return st.ent.impErr
	})
}

// importUserSchema is "Okta imports the user schema".
func (st *scenario) importUserSchema(ctx context.Context) error {
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		st.ent.schema, st.ent.schemaErr = o.ImportUserSchema(ctx)
		return st.ent.schemaErr
	})
}

// oktaGrants is `Okta grants Alice the entitlement "Pro license"` (or
// revokes it): a value that Okta's last entitlement import found, by name.
func (st *scenario) oktaGrants(ctx context.Context, verb, who, kind, name string) error {
	logins, err := st.oktaLogins(who)
	if err != nil {
		return err
	}
	if st.ent.imp == nil {
		return fmt.Errorf("Okta has not imported the entitlements in this scenario: add \"Okta imports the entitlements\" first")
	}
	i := slices.IndexFunc(st.ent.imp.Values, func(g mockokta.Grant) bool { return g.Display == name && g.Role == (kind == "role") })
	if i < 0 {
		return st.failure(st.blockExchanges(), "Okta's entitlement import found no %s %q; it found: %s", kind, name, strings.Join(orNone(grantNames(st.ent.imp)), ", "))
	}
	g := st.ent.imp.Values[i]
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		if verb == "revokes" {
			return o.Revoke(ctx, logins[0], g.ResourceType, g.Value)
		}
		return o.Grant(ctx, logins[0], g.ResourceType, g.Value)
	})
}

func grantNames(im *mockokta.EntitlementImport) []string {
	var out []string
	for _, v := range im.Values {
		kind := "entitlement"
		if v.Role {
			kind = "role"
		}
		out = append(out, fmt.Sprintf("%s %q of type %q (%s)", kind, v.Display, v.Type, v.ResourceType))
	}
	return out
}

// importFindsGrant is `Okta's entitlement import finds "Pro license"`, or
// `Okta's schema import finds "urn:…:User:officeLocation"` (an attribute's
// path, as Okta would map it).
func (st *scenario) importFindsGrant(what, verb, name string) error {
	var found []string
	if what == "entitlement" {
		if st.ent.imp == nil || st.ent.impErr != nil {
			return st.noImport("entitlements", st.ent.impErr)
		}
		for _, v := range st.ent.imp.Values {
			found = append(found, v.Display)
		}
	} else {
		if st.ent.schema == nil || st.ent.schemaErr != nil {
			return st.noImport("user schema", st.ent.schemaErr)
		}
		for _, a := range st.ent.schema.Attributes {
			found = append(found, a.Path())
		}
	}
	if slices.Contains(found, name) != (verb == "finds") {
		extra := ""
		if what == "schema" && len(st.ent.schema.Missing) > 0 {
			extra = fmt.Sprintf("; /ResourceTypes lists extensions that /Schemas does not describe: %s", strings.Join(st.ent.schema.Missing, ", "))
		}
		return st.failure(st.blockExchanges(), "expected Okta's %s import %s %q; it found: %s%s", what, verb, name, strings.Join(orNone(found), ", "), extra)
	}
	return nil
}

// importFindsExtension is `Okta's schema import finds the attributes of
// "urn:…"`: /Schemas describes the extension with at least one attribute,
// whichever the app chose (an app's enterprise extension need not have
// department or manager).
func (st *scenario) importFindsExtension(urn string) error {
	if st.ent.schema == nil || st.ent.schemaErr != nil {
		return st.noImport("user schema", st.ent.schemaErr)
	}
	var found []string
	for _, a := range st.ent.schema.Attributes {
		if a.Schema == urn {
			return nil
		}
		found = append(found, a.Path())
	}
	extra := ""
	if slices.Contains(st.ent.schema.Missing, urn) {
		extra = "; /ResourceTypes lists it under User, but /Schemas does not describe it"
	}
	return st.failure(st.blockExchanges(), "expected Okta's schema import to find attributes of %s%s; it found: %s", urn, extra, strings.Join(orNone(found), ", "))
}

// userTypeLists is `the target's User resource type lists the extension
// "urn:…"`: the scenario needs that extension, and skips on a target whose
// GET /ResourceTypes does not list it under User, or that does not serve
// /ResourceTypes (404, 501): extensions, the enterprise one included, are
// the app's own choice (docs/okta-entitlements-and-schema.md §5, §7).
func (st *scenario) userTypeLists(ctx context.Context, urn string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	x := st.send(ctx, "scim", http.MethodGet, st.scimBase()+"/ResourceTypes", nil, st.checkHeader())
	if x.status == http.StatusNotFound || x.status == http.StatusNotImplemented {
		return st.skip(fmt.Sprintf("The target does not serve /ResourceTypes (%d), so it lists no extension %s under User.", x.status, urn))
	}
	if x.status != http.StatusOK {
		return st.failOn(x, "GET /ResourceTypes: expected 200 with a ListResponse, got %s", statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return st.failOn(x, "GET /ResourceTypes: %v", err)
	}
	for _, rt := range doc.Get("Resources").Array() {
		if rt.Get("schema").String() != "urn:ietf:params:scim:schemas:core:2.0:User" {
			continue
		}
		for _, e := range rt.Get("schemaExtensions").Array() {
			if e.Get("schema").String() == urn {
				return nil
			}
		}
	}
	return st.skip(fmt.Sprintf("The target's /ResourceTypes does not list the extension %s under User.", urn))
}

// targetListsValues is "the target lists at least 2 values at the
// Entitlement endpoint" (or the Role endpoint): the endpoint is the one
// /ResourceTypes names (endpointOf), which {Entitlement.endpoint} then
// expands to. With the Admin Console API, an app admin makes that many
// values (sample licenses, sample roles); without it, the target's own
// values must be there, else the scenario skips.
func (st *scenario) targetListsValues(ctx context.Context, n int, schema string) error {
	if n < 1 {
		return fmt.Errorf("at least %d values: ask for one or more", n)
	}
	kind := strings.ToLower(schema)
	if st.suite.HasAdmin() {
		for i := 1; i <= n; i++ {
			typ := ""
			if kind == "entitlement" {
				typ = "License"
			}
			if err := st.zincHasGrantable(ctx, kind, fmt.Sprintf("Sample %s %d", kind, i), typ); err != nil {
				return err
			}
		}
		_, err := st.endpointOf(ctx, schema)
		return err
	}
	endpoint, err := st.endpointOf(ctx, schema)
	if err != nil {
		return err
	}
	doc, err := st.readValues(ctx, endpoint, n)
	if err != nil {
		return err
	}
	if got := doc.Get("totalResults").Int(); got < int64(n) {
		return st.skip(fmt.Sprintf("The target lists %d values at %s, fewer than the %d the scenario needs, and without the Admin Console API the harness cannot make more.", got, endpoint, n))
	}
	return nil
}

// readValues reads the first count values of an entitlement endpoint
// (/Entitlements, /Roles, or another that /ResourceTypes names). A target that does not serve it (404, 501) skips
// the scenario; any other answer than a JSON 200 fails it, with the exchange.
func (st *scenario) readValues(ctx context.Context, endpoint string, count int) (gjson.Result, error) {
	x := st.send(ctx, "scim", http.MethodGet, fmt.Sprintf("%s%s?startIndex=1&count=%d", st.scimBase(), endpoint, count), nil, st.checkHeader())
	switch x.status {
	case http.StatusOK:
	case http.StatusNotFound, http.StatusNotImplemented:
		return gjson.Result{}, st.skip(fmt.Sprintf("The target does not serve %s (%d): it has no entitlement management there.", endpoint, x.status))
	default:
		return gjson.Result{}, st.failOn(x, "GET %s: expected 200 with a ListResponse, got %s", endpoint, statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return gjson.Result{}, st.failOn(x, "GET %s: %v", endpoint, err)
	}
	return doc, nil
}
