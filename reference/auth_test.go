package reference

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	tt := newTester(t)
	basic := func(user, pass string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
	}
	tests := []struct {
		name, path, authz string
		status            int
		detail            string
	}{
		{"bearer", "/scim/v2/Users", "Bearer " + prodToken, 200, ""},
		{"bearer lower case", "/scim/v2/Users", "bearer " + prodToken, 200, ""},
		{"raw token", "/scim/v2/Users", prodToken, 200, ""},
		{"basic", "/scim/v2/Users", basic("okta", prodToken), 200, ""},
		{"basic empty user", "/scim/v2/Users", basic("", prodToken), 200, ""},
		{"no header", "/scim/v2/Users", "", 401, "no Authorization header"},
		{"wrong token", "/scim/v2/Users", "Bearer nope", 401, "not valid"},
		{"runscope non-token", "/scim/v2/Users", "non-token", 401, "not valid"},
		{"basic wrong password", "/scim/v2/Users", basic("okta", "nope"), 401, "not valid"},
		{"basic garbage", "/scim/v2/Users", "Basic !!!", 401, "no token"},
		{"admin token", "/scim/v2/Users", "Bearer " + adminToken, 401, "Admin Console token"},
		{"sandbox token at production", "/scim/v2/Users", "Bearer " + sandboxToken, 401, "/sandbox/scim/v2"},
		{"production token at sandbox", "/sandbox/scim/v2/Users", "Bearer " + prodToken, 401, "Production environment"},
		{"sandbox token at sandbox", "/sandbox/scim/v2/Users", "Bearer " + sandboxToken, 200, ""},
		{"discovery needs a token", "/scim/v2/ServiceProviderConfig", "", 401, "no Authorization header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tt.do("GET", tc.path, "", auth(tc.authz))
			if tc.status == 200 {
				tt.must(200, r)
				return
			}
			checkError(t, r, tc.status, "", tc.detail)
			if r.header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestAdminAuth(t *testing.T) {
	tt := newTester(t)
	for authz, text := range map[string]string{
		"":                     "needs the admin token",
		"Bearer " + prodToken:  "SCIM API token does not open",
		"Bearer wrong":         "not valid",
		"Bearer " + adminToken: "",
	} {
		r := tt.do("GET", "/admin/orgs/default/settings", "", auth(authz))
		if text == "" {
			tt.must(200, r)
			continue
		}
		if r.status != 401 || !strings.Contains(r.str("error"), text) || r.num("status") != 401 {
			t.Errorf("admin with %q: %s", authz, r)
		}
	}
	s, err := New(Config{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	tt.srv = s
	if r := tt.do("GET", "/admin/orgs/default/settings", ""); r.status != 404 || !strings.Contains(r.str("error"), "not enabled") {
		t.Errorf("admin API without an admin token: %s", r)
	}
}

func TestEnvironmentsAreSeparate(t *testing.T) {
	tt := newTester(t)
	sb := auth("Bearer " + sandboxToken)
	prod := tt.createUser("jane@example.com")
	tt.must(404, tt.do("GET", "/sandbox/scim/v2/Users/"+prod, "", sb))
	if r := tt.do("GET", "/sandbox/scim/v2/Users?filter=userName%20eq%20%22jane%40example.com%22", "", sb); r.num("totalResults") != 0 {
		t.Fatalf("the Production user is found in the Sandbox: %s", r.body)
	}
	r := tt.must(201, tt.do("POST", "/sandbox/scim/v2/Users", userBody("jane@example.com", "J", "D"), sb))
	if r.str("id") == prod || !strings.HasPrefix(r.str("meta.location"), "http://example.com/sandbox/scim/v2/Users/") {
		t.Fatalf("sandbox create: %s", r.body)
	}
	tt.must(404, tt.do("GET", "/scim/v2/Users/"+r.str("id"), ""))
	if r := tt.do("GET", "/admin/orgs/default/users?env=sandbox", ""); r.len("users") != 1 || r.str("users.0.id") == prod {
		t.Fatalf("sandbox console users: %s", r.body)
	}
}

func TestOrganizationsRefused(t *testing.T) {
	tests := map[string]struct {
		body, detail string
	}{
		"no provisioning": {`{"name":"acme","provisioning":false}`, "provisioning is not enabled"},
		"no groups":       {`{"name":"acme","syncGroups":false}`, "not allowed to sync groups"},
		"no users":        {`{"name":"acme","syncUsers":false}`, "not allowed to sync users"},
		"neither":         {`{"name":"acme","syncUsers":false,"syncGroups":false}`, "not allowed to sync users and groups"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tt := newTester(t)
			o := tt.must(201, tt.do("POST", "/admin/orgs", tc.body))
			a := auth("Bearer " + o.str("tokens.production"))
			for _, p := range []string{"/scim/v2/Users?startIndex=1&count=2", "/scim/v2/Groups?startIndex=1&count=100"} {
				checkError(t, tt.do("GET", p, "", a), 403, "", tc.detail)
			}
			checkError(t, tt.do("POST", "/scim/v2/Users", userBody("a@example.com", "A", "B"), a), 403, "", tc.detail)
			tt.must(200, tt.do("GET", "/scim/v2/ServiceProviderConfig", "", a))
		})
	}
}

func TestNewConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"no token":        {},
		"sandbox = token": {Token: "a", SandboxToken: "a"},
		"admin = token":   {Token: "a", AdminToken: "a"},
		"admin = sandbox": {Token: "a", SandboxToken: "b", AdminToken: "b"},
		"unknown fault":   {Token: "a", Faults: []string{"no-such-fault"}},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: New accepted %+v", name, cfg)
		}
	}
	if _, err := New(Config{Token: "a", Faults: []string{"MUTABLE-USERNAME"}}); err != nil {
		t.Errorf("fault names are case-insensitive: %v", err)
	}
}
