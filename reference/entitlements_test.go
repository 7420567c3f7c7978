package reference

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/store"
)

const (
	entPath  = "/admin/orgs/default/entitlements"
	rolePath = "/admin/orgs/default/roles"
	// testEnterprise and testCustom are the extension URNs with gjson-free
	// keys for resp.get, which splits on dots: read them with ext.
	testEnterprise = enterpriseSchema
	testCustom     = customSchema
)

// seedGrants adds two entitlements and one role to the default organization's
// Production environment through the Admin Console API.
func (tt *tester) seedGrants() {
	tt.t.Helper()
	tt.must(201, tt.do("POST", entPath, `{"id":"pro","displayName":"Pro license","type":"License","description":"Every feature"}`))
	tt.must(201, tt.do("POST", entPath, `{"id":"basic","displayName":"Basic license","type":"License"}`))
	tt.must(201, tt.do("POST", rolePath, `{"id":"billing","displayName":"Billing admin"}`))
}

// ext reads an attribute of an extension object of a user answer.
func (r resp) ext(urn, attr string) string {
	m, _ := r.json.(map[string]any)
	x, _ := m[urn].(map[string]any)
	s, _ := x[attr].(string)
	return s
}

func (r resp) hasSchema(urn string) bool {
	list, _ := r.get("schemas").([]any)
	for _, s := range list {
		if s == urn {
			return true
		}
	}
	return false
}

func TestEntitlementEndpoints(t *testing.T) {
	tt := newTester(t)
	tt.seedGrants()
	tests := []struct {
		name, path string
		status     int
		check      func(r resp) bool
	}{
		{"Okta's Entitlements test on /Entitlements", "/scim/v2/Entitlements?count=1&startIndex=1", 200, func(r resp) bool {
			return r.str("schemas.0") == listSchema && r.num("totalResults") == 2 && r.num("itemsPerPage") == 1 &&
				r.num("startIndex") == 1 && r.str("Resources.0.id") == "pro" && r.str("Resources.0.type") == "License" &&
				r.str("Resources.0.schemas.0") == store.EntitlementSchema && r.str("Resources.0.description") == "Every feature"
		}},
		{"second page", "/scim/v2/Entitlements?count=1&startIndex=2", 200, func(r resp) bool {
			return r.num("itemsPerPage") == 1 && r.str("Resources.0.id") == "basic"
		}},
		{"past the end", "/scim/v2/Entitlements?count=1&startIndex=3", 200, func(r resp) bool {
			return r.num("itemsPerPage") == 0 && r.len("Resources") == 0 && r.num("totalResults") == 2
		}},
		{"Okta's Entitlements test on /Roles", "/scim/v2/Roles?count=1&startIndex=1", 200, func(r resp) bool {
			return r.num("itemsPerPage") == 1 && r.str("Resources.0.displayName") == "Billing admin" &&
				r.str("Resources.0.schemas.0") == store.RoleSchema && r.get("Resources.0.type") == nil
		}},
		{"one entitlement", "/scim/v2/Entitlements/basic", 200, func(r resp) bool {
			return r.str("displayName") == "Basic license" && r.str("meta.resourceType") == "Entitlement" &&
				r.str("meta.location") == "http://example.com/scim/v2/Entitlements/basic"
		}},
		{"unknown entitlement", "/scim/v2/Entitlements/nope", 404, nil},
		{"bad count", "/scim/v2/Roles?count=x", 400, nil},
		{"the Sandbox has none", "/sandbox/scim/v2/Entitlements", 200, func(r resp) bool { return r.num("totalResults") == 0 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r resp
			if strings.HasPrefix(tc.path, "/sandbox/") {
				r = tt.do("GET", tc.path, "", auth("Bearer "+sandboxToken))
			} else {
				r = tt.do("GET", tc.path, "")
			}
			if err := expect(r, tc.status, tc.check); err != nil {
				t.Error(err)
			}
		})
	}
	r := tt.do("POST", "/scim/v2/Entitlements", `{}`)
	checkError(t, r, 405, "", "not allowed")
}

func TestAdminGrants(t *testing.T) {
	tests := []struct {
		name, path, body string
		status           int
		errWord          string
	}{
		{"entitlement", entPath, `{"displayName":"Pro","type":"License"}`, 201, ""},
		{"role", rolePath, `{"displayName":"Admin","description":"Can do anything"}`, 201, ""},
		{"no displayName", entPath, `{"type":"License"}`, 400, "displayName is required"},
		{"entitlement without type", entPath, `{"displayName":"Pro"}`, 400, "type is required"},
		{"role with a type", rolePath, `{"displayName":"Admin","type":"x"}`, 400, "no type"},
		{"long description", entPath, `{"displayName":"Pro","type":"License","description":"` + strings.Repeat("é", 1001) + `"}`, 400, "1000"},
		{"id with a slash", entPath, `{"id":"a/b","displayName":"Pro","type":"License"}`, 400, "must not contain"},
		{"unknown field", entPath, `{"displayName":"Pro","type":"License","colour":"red"}`, 400, "unknown field"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := newTester(t)
			r := tt.do("POST", tc.path, tc.body)
			if r.status != tc.status || !strings.Contains(r.str("error"), tc.errWord) {
				t.Fatalf("POST %s %s: got %s, want %d with error containing %q", tc.path, tc.body, r, tc.status, tc.errWord)
			}
			if tc.status == 201 && r.str("id") == "" {
				t.Errorf("no id: %s", r)
			}
		})
	}
	tt := newTester(t)
	tt.seedGrants()
	r := tt.do("POST", entPath, `{"id":"pro","displayName":"Again","type":"License"}`)
	if r.status != 409 {
		t.Errorf("duplicate id: %s", r)
	}
	r = tt.must(200, tt.do("GET", entPath, ""))
	if r.len("entitlements") != 2 || r.str("entitlements.1.id") != "basic" {
		t.Errorf("GET %s: %s", entPath, r)
	}
	r = tt.must(200, tt.do("GET", rolePath, ""))
	if r.len("roles") != 1 {
		t.Errorf("GET %s: %s", rolePath, r)
	}
}

func TestConfigSeedsGrants(t *testing.T) {
	srv, err := New(Config{Token: "t", SandboxToken: "s",
		Entitlements: []store.Entitlement{{ID: "pro", DisplayName: "Pro", Type: "License"}},
		Roles:        []store.Entitlement{{DisplayName: "Admin"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, env := range srv.orgs.Get(DefaultOrg).Envs {
		if len(env.Grants[store.KindEntitlement].List) != 1 || len(env.Grants[store.KindRole].List) != 1 {
			t.Errorf("environment not seeded: %+v", env.Grants)
		}
	}
	_, err = New(Config{Token: "t", Entitlements: []store.Entitlement{{DisplayName: "Pro"}}})
	if err == nil || !strings.Contains(err.Error(), "type is required") {
		t.Errorf("an entitlement without type: err %v", err)
	}
}

// grantsBody is a user body with entitlements and roles, as Okta's PUT
// carries them.
func grantsBody(ents, roles string) string {
	return `{"schemas":["` + userSchema + `"],"userName":"a@example.com","name":{"givenName":"A","familyName":"B"},` +
		`"entitlements":[` + ents + `],"roles":[` + roles + `]}`
}

func TestUserGrants(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		body     string
		status   int
		wantEnts []string
		wantRole []string
	}{
		{"PUT sets both", "PUT", grantsBody(`{"value":"pro","display":"whatever"},{"value":"basic"}`, `{"value":"billing"}`), 200, []string{"pro", "basic"}, []string{"billing"}},
		{"PUT repeats once", "PUT", grantsBody(`{"value":"pro"},{"value":"pro"}`, ``), 200, []string{"pro"}, nil},
		{"PUT of an unknown value", "PUT", grantsBody(`{"value":"gold"}`, ``), 400, []string{"basic"}, nil},
		{"PUT of a role as an entitlement", "PUT", grantsBody(`{"value":"billing"}`, ``), 400, []string{"basic"}, nil},
		{"PUT without them clears", "PUT", grantsBody(``, ``), 200, nil, nil},
		{"PATCH add", "PATCH", patchBodyOf(`{"op":"add","path":"entitlements","value":[{"value":"pro"}]}`), 200, []string{"basic", "pro"}, nil},
		{"PATCH replace", "PATCH", patchBodyOf(`{"op":"replace","path":"roles","value":[{"value":"billing"}]}`), 200, []string{"basic"}, []string{"billing"}},
		{"PATCH remove by value", "PATCH", patchBodyOf(`{"op":"remove","path":"entitlements[value eq \"basic\"]"}`), 200, nil, nil},
		{"PATCH no path", "PATCH", patchBodyOf(`{"op":"replace","value":{"entitlements":[{"value":"pro"}]}}`), 200, []string{"pro"}, nil},
		{"PATCH add unknown", "PATCH", patchBodyOf(`{"op":"add","path":"roles","value":[{"value":"ceo"}]}`), 400, []string{"basic"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := newTester(t)
			tt.seedGrants()
			r := tt.must(201, tt.do("POST", "/scim/v2/Users", grantsBody(`{"value":"basic"}`, ``)))
			id := r.str("id")
			if r.str("entitlements.0.value") != "basic" || r.str("entitlements.0.display") != "Basic license" || r.str("entitlements.0.type") != "License" {
				t.Fatalf("POST answer: %s", r)
			}
			r = tt.do(tc.method, "/scim/v2/Users/"+id, tc.body)
			if r.status != tc.status {
				t.Fatalf("%s: %s, want %d", tc.method, r, tc.status)
			}
			if tc.status == 400 && r.str("scimType") != typeInvalidValue {
				t.Errorf("scimType: %s", r)
			}
			r = tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
			for attr, want := range map[string][]string{"entitlements": tc.wantEnts, "roles": tc.wantRole} {
				var got []string
				for i := range r.len(attr) {
					got = append(got, r.str(fmt.Sprintf("%s.%d.value", attr, i)))
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s %v, want %v: %s", attr, got, want, r)
				}
			}
			if len(tc.wantRole) > 0 && (r.str("roles.0.display") != "Billing admin" || r.get("roles.0.type") != nil) {
				t.Errorf("roles: %s", r)
			}
		})
	}
}

// extBody is a user body with the enterprise and custom extensions.
func extBody(dept, office string) string {
	return `{"schemas":["` + userSchema + `","` + enterpriseSchema + `","` + customSchema + `"],"userName":"a@example.com",` +
		`"name":{"givenName":"A","familyName":"B"},"` + enterpriseSchema + `":{"department":` + dept + `,"employeeNumber":"42"},` +
		`"` + customSchema + `":{"officeLocation":` + office + `,"badgeNumber":"B-7"}}`
}

func TestUserExtensions(t *testing.T) {
	tests := []struct {
		name             string
		method, body     string
		dept, office     string // after the request; "" is absent
		listsEnt, listsC bool
	}{
		{"PUT changes both", "PUT", extBody(`"Sales"`, `"Oslo"`), "Sales", "Oslo", true, true},
		{"PUT clears with an empty string", "PUT", extBody(`""`, `""`), "", "", true, true},
		{"PUT clears with null", "PUT", extBody(`null`, `null`), "", "", true, true},
		{"PUT without the extensions clears them", "PUT", `{"userName":"a@example.com"}`, "", "", false, false},
		{"PATCH a custom attribute", "PATCH", patchBodyOf(`{"op":"replace","path":"` + customSchema + `:officeLocation","value":"Rome"}`), "R&D", "Rome", true, true},
		{"PATCH removes a custom attribute", "PATCH", patchBodyOf(`{"op":"remove","path":"` + customSchema + `:officeLocation"}`), "R&D", "", true, true},
		{"PATCH the whole custom extension", "PATCH", patchBodyOf(`{"op":"replace","value":{"` + customSchema + `":{"officeLocation":"Lima"}}}`), "R&D", "Lima", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := newTester(t)
			r := tt.must(201, tt.do("POST", "/scim/v2/Users", extBody(`"R&D"`, `"Paris"`)))
			if r.ext(testEnterprise, "department") != "R&D" || r.ext(testCustom, "officeLocation") != "Paris" ||
				r.ext(testCustom, "badgeNumber") != "B-7" || !r.hasSchema(customSchema) || !r.hasSchema(enterpriseSchema) {
				t.Fatalf("POST answer: %s", r)
			}
			id := r.str("id")
			tt.must(200, tt.do(tc.method, "/scim/v2/Users/"+id, tc.body))
			r = tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
			if got := r.ext(testEnterprise, "department"); got != tc.dept {
				t.Errorf("department %q, want %q: %s", got, tc.dept, r)
			}
			if got := r.ext(testCustom, "officeLocation"); got != tc.office {
				t.Errorf("officeLocation %q, want %q: %s", got, tc.office, r)
			}
			if r.hasSchema(enterpriseSchema) != tc.listsEnt || r.hasSchema(customSchema) != tc.listsC {
				t.Errorf("schemas %v, want enterprise %v, custom %v", r.get("schemas"), tc.listsEnt, tc.listsC)
			}
		})
	}
}

func TestResourceTypesAndSchemasDescribeExtensions(t *testing.T) {
	tt := newTester(t)
	r := tt.must(200, tt.do("GET", "/scim/v2/ResourceTypes/User", ""))
	if r.str("schemaExtensions.1.schema") != customSchema {
		t.Errorf("User resource type: %s", r)
	}
	for _, id := range []string{"Entitlement", "Role"} {
		r := tt.must(200, tt.do("GET", "/scim/v2/ResourceTypes/"+id, ""))
		if r.str("endpoint") != "/"+id+"s" || !strings.HasPrefix(r.str("schema"), "urn:okta:scim:schemas:core:1.0:") {
			t.Errorf("%s resource type: %s", id, r)
		}
	}
	r = tt.must(200, tt.do("GET", "/scim/v2/Schemas/"+customSchema, ""))
	if r.str("attributes.0.name") != "officeLocation" || r.str("attributes.0.type") != "string" || r.str("attributes.1.name") != "badgeNumber" {
		t.Errorf("custom schema: %s", r)
	}
	r = tt.must(200, tt.do("GET", "/scim/v2/Schemas/"+store.EntitlementSchema, ""))
	if r.len("attributes") != 4 || r.get("attributes.2.required") != true {
		t.Errorf("Entitlement schema: %s", r)
	}
}
