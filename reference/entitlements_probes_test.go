package reference

import "fmt"

// entitlementProbes check the behaviours of Okta's entitlement management and
// of extension attributes (OK-23..OK-30); init adds them to probes.
var entitlementProbes = map[string]probe{
	"resource-types-without-entitlements": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/ResourceTypes", ""), 200, func(r resp) bool {
			return r.num("totalResults") == 4 && r.str("Resources.2.endpoint") == "/Entitlements" && r.str("Resources.3.endpoint") == "/Roles"
		})
	},
	"entitlements-without-type": func(tt *tester) error {
		tt.seedGrants()
		return expect(tt.do("GET", "/scim/v2/Entitlements", ""), 200, func(r resp) bool { return r.str("Resources.0.type") == "License" })
	},
	"entitlement-paging-ignored": func(tt *tester) error {
		tt.seedGrants()
		return expect(tt.do("GET", "/scim/v2/Entitlements?count=1&startIndex=1", ""), 200, func(r resp) bool {
			return r.num("itemsPerPage") == 1 && r.len("Resources") == 1
		})
	},
	"user-entitlements-dropped": func(tt *tester) error {
		tt.seedGrants()
		id := tt.createUser("a@example.com")
		tt.do("PUT", "/scim/v2/Users/"+id, grantsBody(`{"value":"pro"}`, `{"value":"billing"}`))
		return expect(tt.do("GET", "/scim/v2/Users/"+id, ""), 200, func(r resp) bool {
			return r.str("entitlements.0.value") == "pro" && r.str("roles.0.value") == "billing"
		})
	},
	"enterprise-extension-dropped": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Users", extBody(`"R&D"`, `"Paris"`)), 201, func(r resp) bool {
			return r.ext(enterpriseSchema, "department") == "R&D" && r.hasSchema(enterpriseSchema)
		})
	},
	"custom-extension-dropped": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Users", extBody(`"R&D"`, `"Paris"`)), 201, func(r resp) bool {
			return r.ext(customSchema, "officeLocation") == "Paris" && r.hasSchema(customSchema)
		})
	},
	"clear-ignored": func(tt *tester) error {
		r := tt.do("POST", "/scim/v2/Users", extBody(`"R&D"`, `"Paris"`))
		id := r.str("id")
		tt.do("PUT", "/scim/v2/Users/"+id, extBody(`""`, `""`))
		return expect(tt.do("GET", "/scim/v2/Users/"+id, ""), 200, func(r resp) bool {
			return r.ext(enterpriseSchema, "department") == "" && r.ext(customSchema, "officeLocation") == ""
		})
	},
	"schemas-omit-extension": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Schemas/"+customSchema, ""), 200, nil)
	},
}

func init() {
	for name, p := range entitlementProbes {
		if probes[name] != nil {
			panic(fmt.Sprintf("probe %s defined twice", name))
		}
		probes[name] = p
	}
}
