package mockokta

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// entitlementGoldenSources are the sources of the golden requests of
// entitlement management, extension attributes and Import User Schema
// (docs/okta-entitlements-and-schema.md); init adds them to goldenSources.
var entitlementGoldenSources = map[string]string{
	"list-resource-types.entitlements": "entitlements §1: discovery, GET /ResourceTypes (Okta-doc S17)",
	"list-schemas.entitlements":        "entitlements §1: GET /Schemas for a resource type whose schema Okta does not know (Okta-doc S17)",
	"list-entitlement.import":          "entitlements §1: every value of /Entitlements, paged as a user import (Okta-doc S17; the query is an inference)",
	"list-role.import":                 "entitlements §1: every value of /Roles (Okta-doc S17; the query is an inference)",
	"list-license.import":              "entitlements §1: an app's own entitlement endpoint, /Licenses (Okta-doc S17)",
	"create-user.grants":               "entitlements §2, §4: a create carries the user's entitlements and roles (Okta-doc S17; inference)",
	"put-user.grants":                  "entitlements §4: a grant pushed as a profile, GET then PUT with entitlements and roles (inference)",
	"patch-user.grants":                "entitlements §4: GrantByPatch, replace of entitlements and of roles (inference)",
	"create-user.custom":               "entitlements §5: enterprise and custom extension attributes under their URNs, listed in schemas (Okta-doc S15, S22b; Observed S25)",
	"put-user.clear-string":            "entitlements §6: an emptied attribute sent as \"\" (Okta-doc S14 C9337; the form is an inference)",
	"put-user.clear-null":              "entitlements §6: EmptyAsNull, an emptied attribute sent as null (inference)",
	"put-user.clear-omitted":           "entitlements §6: EmptyOmitted, an emptied attribute left out of the PUT (inference)",
	"list-resource-types.schema":       "entitlements §7: Import User Schema reads /ResourceTypes (Okta-doc S15)",
	"list-schemas.import":              "entitlements §7: then /Schemas (Okta-doc S15)",
}

func init() {
	for k, v := range entitlementGoldenSources {
		if _, dup := goldenSources[k]; dup {
			panic("golden source " + k + " listed twice")
		}
		goldenSources[k] = v
	}
}

const (
	customURN     = "urn:scimharness:schemas:extension:zinc:1.0:User"
	enterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	resourceTypes = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":4,"Resources":[` +
		`{"id":"User","name":"User","endpoint":"/Users","schema":"urn:ietf:params:scim:schemas:core:2.0:User","schemaExtensions":[{"schema":"` + enterpriseURN + `"},{"schema":"` + customURN + `"}]},` +
		`{"id":"Group","name":"Group","endpoint":"/Groups","schema":"urn:ietf:params:scim:schemas:core:2.0:Group"},` +
		`{"id":"Entitlement","name":"Entitlement","endpoint":"/Entitlements","schema":"urn:okta:scim:schemas:core:1.0:Entitlement"},` +
		`{"id":"Role","name":"Role","endpoint":"/Roles","schema":"urn:okta:scim:schemas:core:1.0:Role"}]}`
	entitlementList = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[` +
		`{"schemas":["urn:okta:scim:schemas:core:1.0:Entitlement"],"id":"pro","displayName":"Pro license","type":"License","description":"Every feature"}]}`
	roleList = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[` +
		`{"schemas":["urn:okta:scim:schemas:core:1.0:Role"],"id":"billing","displayName":"Billing admin"}]}`
	schemaList = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":2,"Resources":[` +
		`{"id":"urn:ietf:params:scim:schemas:core:2.0:User","attributes":[{"name":"userName","type":"string","required":true},` +
		`{"name":"name","type":"complex","subAttributes":[{"name":"givenName","type":"string"}]}]},` +
		`{"id":"` + customURN + `","attributes":[{"name":"officeLocation","type":"string","mutability":"readWrite"}]}]}`
)

// importGrants runs an entitlement import of one entitlement and one role
// and forgets its requests.
func importGrants(t *testing.T, o *testOrg) {
	t.Helper()
	o.fake.queue(ok(resourceTypes), ok(entitlementList), ok(roleList))
	if _, err := o.ImportEntitlements(context.Background()); err != nil {
		t.Fatalf("ImportEntitlements: %v", err)
	}
	o.fake.requests()
}

func grantAlice(ctx context.Context, o *testOrg) error {
	if err := o.Grant(ctx, alice.Login, "Entitlement", "pro"); err != nil {
		return err
	}
	return o.Grant(ctx, alice.Login, "Role", "billing")
}

// grantAliceLicense provisions Alice, imports the entitlements, grants her
// the Pro license and forgets the requests.
func grantAliceLicense(t *testing.T, o *testOrg) {
	t.Helper()
	provisionAlice(t, o)
	importGrants(t, o)
	o.fake.queue(ok(aliceSCIM))
	if o.grantReq == GrantByPut {
		o.fake.queue(ok(aliceSCIM))
	}
	if err := o.Grant(context.Background(), alice.Login, "Entitlement", "pro"); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
}

func clearDepartment(ctx context.Context, o *testOrg) error {
	return o.UpdateUser(ctx, alice.Login, func(u *User) {
		u.Attributes = map[string]any{enterpriseURN + ":department": "", customURN + ":officeLocation": "Oslo"}
	})
}

// TestEntitlementRequests compares the requests of entitlement import,
// grants, extension attributes and Import User Schema with their golden files.
func TestEntitlementRequests(t *testing.T) {
	aliceWithDept := strings.Replace(aliceSCIM, `"groups":[]`, `"groups":[],"`+enterpriseURN+`":{"department":"R&D"}`, 1)
	tests := []struct {
		name    string
		profile Profile
		edit    func(*Config)
		setup   func(t *testing.T, o *testOrg)
		answers []answer
		act     func(ctx context.Context, o *testOrg) error
		golden  []string
	}{
		{
			name:    "entitlement import",
			answers: []answer{ok(resourceTypes), ok(entitlementList), ok(roleList)},
			act: func(ctx context.Context, o *testOrg) error {
				im, err := o.ImportEntitlements(ctx)
				if err == nil && (len(im.ResourceTypes) != 2 || len(im.Values) != 2 || im.Values[0].Type != "License" || !im.Values[1].Role) {
					err = errors.New("unexpected import: " + strings.Join([]string{im.Values[0].Type}, ","))
				}
				return err
			},
			golden: []string{"list-resource-types.entitlements", "list-entitlement.import", "list-role.import"},
		},
		{
			name: "entitlement import of an app's own resource type",
			answers: []answer{ok(`{"Resources":[{"name":"License","endpoint":"/Licenses","schema":"urn:example:License"}]}`), ok(schemaList),
				ok(`{"totalResults":1,"Resources":[{"id":"l1","displayName":"Seat"}]}`)},
			act: func(ctx context.Context, o *testOrg) error {
				_, err := o.ImportEntitlements(ctx)
				return err
			},
			golden: []string{"list-resource-types.entitlements", "list-schemas.entitlements", "list-license.import"},
		},
		{
			name:    "grants of a provisioned user",
			setup:   grantAliceLicense,
			answers: []answer{ok(aliceSCIM), ok(aliceSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Grant(ctx, alice.Login, "Role", "billing") },
			golden:  []string{"get-user", "put-user.grants"},
		},
		{
			name:    "grants by PATCH",
			edit:    func(c *Config) { c.GrantRequest = GrantByPatch },
			setup:   grantAliceLicense,
			answers: []answer{ok(aliceSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Grant(ctx, alice.Login, "Role", "billing") },
			golden:  []string{"patch-user.grants"},
		},
		{
			name:    "a create carries the grants",
			profile: AIW,
			setup: func(t *testing.T, o *testOrg) {
				mustAddUser(t, o, alice)
				importGrants(t, o)
				if err := grantAlice(context.Background(), o); err != nil {
					t.Fatal(err)
				}
			},
			answers: []answer{ok(emptyList), created(aliceCreated)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "create-user.grants"},
		},
		{
			name: "a create with enterprise and custom attributes",
			setup: func(t *testing.T, o *testOrg) {
				u := alice
				u.Attributes = map[string]any{enterpriseURN + ":department": "R&D", customURN + ":officeLocation": "Paris", customURN + ":badgeNumber": ""}
				mustAddUser(t, o, u)
			},
			answers: []answer{ok(emptyList), created(aliceCreated)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "create-user.custom"},
		},
		{
			name:    "clearing as an empty string",
			setup:   provisionAlice,
			answers: []answer{ok(aliceWithDept), ok(aliceSCIM)},
			act:     clearDepartment,
			golden:  []string{"get-user", "put-user.clear-string"},
		},
		{
			name:    "clearing as null",
			edit:    func(c *Config) { c.EmptyValues = EmptyAsNull },
			setup:   provisionAlice,
			answers: []answer{ok(aliceWithDept), ok(aliceSCIM)},
			act:     clearDepartment,
			golden:  []string{"get-user", "put-user.clear-null"},
		},
		{
			name:    "clearing by leaving it out",
			profile: AIW,
			edit:    func(c *Config) { c.EmptyValues = EmptyOmitted },
			setup:   provisionAlice,
			answers: []answer{ok(aliceWithDept), ok(aliceSCIM)},
			act:     clearDepartment,
			golden:  []string{"get-user", "put-user.clear-omitted"},
		},
		{
			name:    "import user schema",
			answers: []answer{ok(resourceTypes), ok(schemaList)},
			act: func(ctx context.Context, o *testOrg) error {
				_, err := o.ImportUserSchema(ctx)
				return err
			},
			golden: []string{"list-resource-types.schema", "list-schemas.import"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var edits []func(*Config)
			if tt.edit != nil {
				edits = append(edits, tt.edit)
			}
			o := newTestOrg(t, tt.profile, edits...)
			if tt.setup != nil {
				tt.setup(t, o)
			}
			o.fake.queue(tt.answers...)
			if err := tt.act(context.Background(), o); err != nil {
				t.Fatalf("action: %v", err)
			}
			got := o.fake.requests()
			if len(got) != len(tt.golden) {
				for _, s := range got {
					t.Logf("sent %s %s?%s", s.Method, s.Path, s.Query)
				}
				t.Fatalf("sent %d requests, want %d (%v)", len(got), len(tt.golden), tt.golden)
			}
			for i, name := range tt.golden {
				checkGolden(t, name, got[i])
			}
			if len(o.Tasks()) != 0 {
				t.Errorf("tasks: %+v", o.Tasks())
			}
		})
	}
}

func TestImportUserSchema(t *testing.T) {
	tests := []struct {
		name        string
		answers     []answer
		wantPaths   []string
		wantMissing []string
		wantTask    string
	}{
		{"core and custom, enterprise missing", []answer{ok(resourceTypes), ok(schemaList)},
			[]string{"userName", "name", "name.givenName", customURN + ":officeLocation"}, []string{enterpriseURN}, ""},
		{"no User resource type", []answer{ok(`{"Resources":[{"name":"Group","endpoint":"/Groups","schema":"urn:ietf:params:scim:schemas:core:2.0:Group"}]}`)},
			nil, nil, "no User resource type"},
		{"no core User schema", []answer{ok(resourceTypes), ok(`{"Resources":[]}`)}, nil, nil, "does not describe urn:ietf:params:scim:schemas:core:2.0:User"},
		{"an attribute without a type", []answer{ok(resourceTypes), ok(`{"Resources":[{"id":"urn:ietf:params:scim:schemas:core:2.0:User","attributes":[{"name":"userName"}]}]}`)},
			nil, nil, "name and type are required"},
		{"404 on /Schemas", []answer{ok(resourceTypes), withBody(404, `{"detail":"no such endpoint"}`)}, nil, nil, "no such endpoint"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newTestOrg(t, OIN)
			o.fake.queue(tc.answers...)
			us, err := o.ImportUserSchema(context.Background())
			if tc.wantTask != "" {
				var te *TaskError
				if !errors.As(err, &te) || !strings.Contains(te.Task.Message, tc.wantTask) {
					t.Fatalf("err %v, want a task saying %q", err, tc.wantTask)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var paths []string
			for _, a := range us.Attributes {
				paths = append(paths, a.Path())
			}
			if strings.Join(paths, " ") != strings.Join(tc.wantPaths, " ") || strings.Join(us.Missing, " ") != strings.Join(tc.wantMissing, " ") {
				t.Errorf("paths %v missing %v, want %v and %v", paths, us.Missing, tc.wantPaths, tc.wantMissing)
			}
		})
	}
}

func TestGrantErrors(t *testing.T) {
	o := newTestOrg(t, OIN)
	mustAddUser(t, o, alice)
	ctx := context.Background()
	if err := o.Grant(ctx, alice.Login, "Entitlement", "pro"); err == nil || !strings.Contains(err.Error(), "not found by the last entitlement import") {
		t.Errorf("grant before an import: %v", err)
	}
	importGrants(t, o)
	if err := o.Grant(ctx, "nobody@example.com", "Entitlement", "pro"); err == nil {
		t.Error("grant to an unknown user: no error")
	}
	// Not provisioned: the grant is kept and sent nothing.
	if err := o.Grant(ctx, alice.Login, "Entitlement", "pro"); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("a grant of an unprovisioned user sent %d requests", len(got))
	}
	u, _ := o.User(alice.Login)
	if len(u.Grants) != 1 || u.Grants[0].Display != "Pro license" {
		t.Errorf("grants %+v", u.Grants)
	}
	if err := o.Revoke(ctx, alice.Login, "Entitlement", "pro"); err != nil {
		t.Fatal(err)
	}
	if u, _ := o.User(alice.Login); len(u.Grants) != 0 || u.Grants == nil {
		t.Errorf("grants after revoke %#v", u.Grants)
	}
	// A hostile endpoint is refused before anything is sent to it.
	o.fake.queue(ok(`{"Resources":[{"name":"X","endpoint":"https://evil.example/steal","schema":"urn:okta:scim:schemas:core:1.0:Role"}]}`))
	_, err := o.ImportEntitlements(ctx)
	var te *TaskError
	if !errors.As(err, &te) || !strings.Contains(te.Task.Message, "expected a path") {
		t.Errorf("absolute endpoint: %v", err)
	}
}

func FuzzParseSchemas(f *testing.F) {
	f.Add([]byte(schemaList))
	f.Add([]byte(`{"Resources":[{"id":"x","attributes":[{"name":"a","type":"complex","subAttributes":[{"name":"b"}]}]}]}`))
	f.Add([]byte(`{"Resources":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := parseSchemas(body)
		if err != nil {
			return
		}
		for id, attrs := range m {
			for _, a := range attrs {
				if a.Schema != id || a.Name == "" || a.Type == "" {
					t.Fatalf("attribute %+v of %s", a, id)
				}
			}
		}
	})
}

func FuzzParseResourceTypes(f *testing.F) {
	f.Add([]byte(resourceTypes))
	f.Add([]byte(`{"Resources":[{"name":"","endpoint":"/x","schema":"y"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		types, err := parseResourceTypes(body)
		if err != nil {
			return
		}
		for _, rt := range types {
			if rt.Name == "" || rt.Endpoint == "" || rt.Schema == "" {
				t.Fatalf("resource type %+v", rt)
			}
			_ = checkEndpoint(rt.Endpoint)
		}
	})
}

func TestImportEntitlementsFailures(t *testing.T) {
	tests := []struct {
		name     string
		answers  []answer
		wantTask string
	}{
		{"no /ResourceTypes", []answer{withBody(404, `{"detail":"no such endpoint"}`)}, "no such endpoint"},
		{"resource types without endpoints", []answer{ok(`{"Resources":[{"name":"Role","schema":"urn:okta:scim:schemas:core:1.0:Role"}]}`)}, "name, endpoint and schema are required"},
		{"totalResults as a string", []answer{ok(resourceTypes), ok(`{"totalResults":"1","Resources":[{"id":"pro","displayName":"Pro"}]}`)}, "totalResults"},
		{"a 500 on /Roles", []answer{ok(resourceTypes), ok(entitlementList), withBody(500, `{"detail":"boom"}`)}, "boom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newTestOrg(t, OIN)
			o.fake.queue(tc.answers...)
			_, err := o.ImportEntitlements(context.Background())
			var te *TaskError
			if !errors.As(err, &te) || !strings.Contains(te.Task.Message, tc.wantTask) || !strings.Contains(te.Task.Message, "Error while importing") {
				t.Fatalf("err %v, want a task saying %q", err, tc.wantTask)
			}
			mustAddUser(t, o, alice)
			if err := o.Grant(context.Background(), alice.Login, "Entitlement", "pro"); err == nil {
				t.Error("a failed import left values to grant")
			}
		})
	}
}
