package reference

import (
	"strings"
	"testing"
)

func TestDiscovery(t *testing.T) {
	tt := newTester(t)
	r := tt.must(200, tt.do("GET", "/scim/v2/ServiceProviderConfig", ""))
	for _, p := range []string{"patch.supported", "bulk.supported", "bulk.maxOperations", "bulk.maxPayloadSize", "filter.supported",
		"changePassword.supported", "sort.supported", "etag.supported", "authenticationSchemes.0.type", "authenticationSchemes.0.description"} {
		if r.get(p) == nil {
			t.Errorf("ServiceProviderConfig lacks %s", p)
		}
	}
	if r.str("schemas.0") != "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig" || r.num("filter.maxResults") != 100 ||
		r.get("patch.supported") != true || r.get("etag.supported") != true {
		t.Errorf("ServiceProviderConfig: %s", r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != scimMediaType {
		t.Errorf("Content-Type %q", ct)
	}
	r = tt.must(200, tt.do("GET", "/scim/v2/ResourceTypes", ""))
	if r.str("schemas.0") != listSchema || r.num("totalResults") != 4 || r.str("Resources.0.name") != "User" ||
		r.str("Resources.0.endpoint") != "/Users" || r.str("Resources.0.schema") != userSchema || r.str("Resources.1.endpoint") != "/Groups" {
		t.Errorf("ResourceTypes: %s", r.body)
	}
	tt.must(200, tt.do("GET", "/scim/v2/ResourceTypes/Group", ""))
	r = tt.must(200, tt.do("GET", "/scim/v2/Schemas", ""))
	if r.str("Resources.0.id") != userSchema || r.len("Resources.0.attributes") == 0 || r.num("totalResults") != 6 {
		t.Errorf("Schemas: %s", r.body)
	}
	r = tt.must(200, tt.do("GET", "/scim/v2/Schemas/"+groupSchema, ""))
	if r.str("name") != "Group" || r.str("attributes.0.name") != "displayName" || r.str("meta.resourceType") != "Schema" {
		t.Errorf("Schemas/Group: %s", r.body)
	}
	checkError(t, tt.do("GET", "/scim/v2/Schemas/urn:nope", ""), 404, "", "not found")
	checkError(t, tt.do("GET", "/scim/v2/ServiceProviderConfig/x", ""), 404, "", "no sub-resources")
	for _, p := range []string{"/scim/v2/ServiceProviderConfig", "/scim/v2/Schemas", "/scim/v2/ResourceTypes", "/sandbox/scim/v2/Schemas"} {
		for _, m := range []string{"POST", "PUT", "PATCH", "DELETE"} {
			token := prodToken
			if strings.HasPrefix(p, "/sandbox/") {
				token = sandboxToken
			}
			r := tt.do(m, p, "test", auth("Bearer "+token))
			checkError(t, r, 405, "", "not allowed")
			if r.header.Get("Allow") != "GET" {
				t.Errorf("%s %s: Allow %q", m, p, r.header.Get("Allow"))
			}
		}
	}
}

// TestNoPasswordIsKept: neither mode keeps a password (it is accepted and
// discarded), so /ServiceProviderConfig says changePassword is not supported
// (RFC 7643 section 5), and no answer carries a password.
func TestNoPasswordIsKept(t *testing.T) {
	for _, mode := range []string{ModePlain, ModeZinc} {
		t.Run(mode, func(t *testing.T) {
			tt := newModeTester(t, mode)
			if r := tt.must(200, tt.do("GET", "/scim/v2/ServiceProviderConfig", "")); r.get("changePassword.supported") != false {
				t.Errorf("changePassword.supported %v, want false: no password is kept", r.get("changePassword.supported"))
			}
			r := tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"carol@example.com","password":"s3cret-One"}`))
			id := r.str("id")
			r2 := tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"password","value":"s3cret-Two"}`)))
			r3 := tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
			for _, r := range []resp{r, r2, r3} {
				if strings.Contains(string(r.body), "s3cret") || r.get("password") != nil {
					t.Errorf("an answer carries the password: %s", r.body)
				}
			}
		})
	}
}
