package reference

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/store"
)

func TestCreateGroup(t *testing.T) {
	tt := newTester(t)
	u := tt.createUser("a@example.com")
	r := tt.must(201, tt.do("POST", "/scim/v2/Groups",
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","externalId":"00g1","members":[{"value":"`+u+`","display":"a@example.com"}]}`))
	for path, want := range map[string]any{
		"displayName": "Test SCIMv2", "externalId": "00g1", "schemas.0": groupSchema, "meta.resourceType": "Group",
		"members.0.value": u, "members.0.display": "Given Family", "members.0.type": "User",
		"members.0.$ref": nil, // optional (RFC 7643 section 4.2); Okta does not read it
	} {
		if g := r.get(path); !reflect.DeepEqual(g, want) {
			t.Errorf("%s = %#v, want %#v", path, g, want)
		}
	}
	if r.header.Get("Location") != r.str("meta.location") || r.header.Get("ETag") != r.str("meta.version") {
		t.Errorf("Location %q / ETag %q vs meta %v", r.header.Get("Location"), r.header.Get("ETag"), r.get("meta"))
	}
	uu := tt.must(200, tt.do("GET", "/scim/v2/Users/"+u, ""))
	if uu.str("groups.0.value") != r.str("id") || uu.str("groups.0.display") != "Test SCIMv2" {
		t.Errorf("the user's groups: %v", uu.get("groups"))
	}
	errs := map[string]struct {
		body           string
		status         int
		scimType, text string
	}{
		"no displayName":  {`{"members":[]}`, 400, typeInvalidValue, "displayName is required"},
		"taken name":      {`{"displayName":"test scimv2"}`, 409, typeUniqueness, "already exists"},
		"group as member": {`{"displayName":"X","members":[{"value":"` + r.str("id") + `","type":"Group"}]}`, 400, typeInvalidValue, "users only"},
		"members object":  {`{"displayName":"X","members":{"value":"x"}}`, 400, typeInvalidSyntax, `"members" must be an array`},
	}
	for name, tc := range errs {
		t.Run(name, func(t *testing.T) {
			checkError(t, tt.do("POST", "/scim/v2/Groups", tc.body), tc.status, tc.scimType, tc.text)
		})
	}
	if n := len(tt.srv.orgs.Get(DefaultOrg).Envs[store.Production].Groups); n != 1 {
		t.Errorf("%d groups after refused creates, want 1", n)
	}
}

func TestGroupLookupAndList(t *testing.T) {
	tt := newTester(t)
	g := tt.createGroup("Test SCIMv2")
	tt.createGroup("Other")
	r := tt.must(200, tt.do("GET", `/scim/v2/Groups?filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100`, ""))
	if r.num("totalResults") != 1 || r.str("Resources.0.id") != g {
		t.Fatalf("displayName lookup: %s", r.body)
	}
	r = tt.must(200, tt.do("GET", `/scim/v2/Groups?filter=displayName+eq+%22test+scimv2%22`, ""))
	if r.num("totalResults") != 1 {
		t.Fatalf("displayName lookup is case-insensitive (caseExact false): %s", r.body)
	}
	r = tt.must(200, tt.do("GET", `/scim/v2/Groups?filter=displayName%20eq%20%22Nope%22`, ""))
	if r.num("totalResults") != 0 || r.len("Resources") != 0 {
		t.Fatalf("miss: %s", r.body)
	}
	r = tt.must(200, tt.do("GET", `/scim/v2/Groups?excludedAttributes=members`, ""))
	if r.num("totalResults") != 2 || r.get("Resources.0.members") != nil {
		t.Fatalf("excludedAttributes=members: %s", r.body)
	}
	r = tt.must(200, tt.do("GET", `/scim/v2/Groups?startIndex=1&count=100`, ""))
	if r.str("Resources.0.id") != g || r.get("Resources.0.members") == nil {
		t.Fatalf("list: %s", r.body)
	}
}

func TestGroupPatchOkta(t *testing.T) {
	tt := newTester(t)
	a, b, c := tt.createUser("a@example.com"), tt.createUser("b@example.com"), tt.createUser("c@example.com")
	g := tt.createGroup("Eng", a, b)
	// Okta's membership update: remove by value filter, add with value+display
	// only, and the rename that comes with it.
	r := tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(
		fmt.Sprintf(`{"op":"remove","path":"members[value eq \"%s\"]"}`, a),
		fmt.Sprintf(`{"op":"add","path":"members","value":[{"value":"%s","display":"c@example.com"}]}`, c)))
	if r.status != http.StatusNoContent || r.body != "" {
		t.Fatalf("membership PATCH: %s, want 204 without a body", r)
	}
	if m := tt.members(g); !sameSet(m, []string{b, c}) {
		t.Fatalf("members %v, want [%s %s]", m, b, c)
	}
	tt.must(204, tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(
		fmt.Sprintf(`{"op":"replace","value":{"id":"%s","displayName":"Engineering"}}`, g))))
	if r := tt.do("GET", "/scim/v2/Groups/"+g, ""); r.str("displayName") != "Engineering" {
		t.Fatalf("rename: %s", r.body)
	}
	if r := tt.do("GET", `/scim/v2/Groups?filter=displayName%20eq%20%22Eng%22`, ""); r.num("totalResults") != 0 {
		t.Fatalf("the old name still finds the group: %s", r.body)
	}
	// Asking for attributes gets 200 with the group.
	r = tt.must(200, tt.do("PATCH", "/scim/v2/Groups/"+g+"?attributes=displayName", patchBodyOf(`{"op":"replace","path":"displayName","value":"Eng2"}`)))
	if r.str("displayName") != "Eng2" || r.get("members") != nil || r.str("id") != g {
		t.Fatalf("PATCH with attributes: %s", r.body)
	}
	r = tt.must(200, tt.do("PATCH", "/scim/v2/Groups/"+g+"?excludedAttributes=members", patchBodyOf(`{"op":"replace","path":"displayName","value":"Eng3"}`)))
	if r.str("displayName") != "Eng3" {
		t.Fatalf("PATCH with excludedAttributes: %s", r.body)
	}
	// Push Now: replace the whole membership.
	tt.must(204, tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(fmt.Sprintf(`{"op":"replace","path":"members","value":[{"value":"%s"}]}`, a))))
	if m := tt.members(g); !sameSet(m, []string{a}) {
		t.Fatalf("after replace: %v", m)
	}
	tt.must(204, tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(`{"op":"replace","path":"members","value":[]}`)))
	if m := tt.members(g); len(m) != 0 {
		t.Fatalf("after replace with []: %v", m)
	}
	checkInvariants(t, tt.srv)
}

func TestGroupPatchForms(t *testing.T) {
	type setup struct{ a, b, c, g string }
	tests := map[string]struct {
		ops  func(s setup) []string
		want func(s setup) []string
	}{
		"add one": {func(s setup) []string {
			return []string{`{"op":"add","path":"members","value":[{"value":"` + s.c + `"}]}`}
		}, func(s setup) []string { return []string{s.a, s.b, s.c} }},
		"add single object": {func(s setup) []string {
			return []string{`{"op":"Add","path":"members","value":{"value":"` + s.c + `"}}`}
		}, func(s setup) []string { return []string{s.a, s.b, s.c} }},
		"add existing": {func(s setup) []string {
			return []string{`{"op":"add","path":"members","value":[{"value":"` + s.a + `"}]}`}
		}, func(s setup) []string { return []string{s.a, s.b} }},
		"no-path add":           {func(s setup) []string { return []string{`{"op":"add","value":{"members":[{"value":"` + s.c + `"}]}}`} }, func(s setup) []string { return []string{s.a, s.b, s.c} }},
		"remove filter":         {func(s setup) []string { return []string{`{"op":"remove","path":"members[value eq \"` + s.a + `\"]"}`} }, func(s setup) []string { return []string{s.b} }},
		"remove filter op case": {func(s setup) []string { return []string{`{"op":"REMOVE","path":"members[value eq \"` + s.a + `\"]"}`} }, func(s setup) []string { return []string{s.b} }},
		"remove or filter": {func(s setup) []string {
			return []string{`{"op":"remove","path":"members[value eq \"` + s.a + `\" or value eq \"` + s.b + `\"]"}`}
		}, func(s setup) []string { return nil }},
		"remove non-member": {func(s setup) []string { return []string{`{"op":"remove","path":"members[value eq \"` + s.c + `\"]"}`} }, func(s setup) []string { return []string{s.a, s.b} }},
		"remove unknown id": {func(s setup) []string { return []string{`{"op":"remove","path":"members[value eq \"nobody\"]"}`} }, func(s setup) []string { return []string{s.a, s.b} }},
		"remove display filter": {func(s setup) []string {
			return []string{`{"op":"remove","path":"members[display eq \"Given Family\"]"}`}
		}, func(s setup) []string { return nil }},
		"remove all": {func(s setup) []string { return []string{`{"op":"remove","path":"members"}`} }, func(s setup) []string { return nil }},
		"remove listed": {func(s setup) []string {
			return []string{`{"op":"remove","path":"members","value":[{"value":"` + s.b + `"}]}`}
		}, func(s setup) []string { return []string{s.a} }},
		"add then remove": {func(s setup) []string {
			return []string{`{"op":"add","path":"members","value":[{"value":"` + s.c + `"}]}`, `{"op":"remove","path":"members[value eq \"` + s.c + `\"]"}`}
		}, func(s setup) []string { return []string{s.a, s.b} }},
		"remove listed unknown id": {func(s setup) []string {
			return []string{`{"op":"remove","path":"members","value":[{"value":"ghost"}]}`}
		}, func(s setup) []string { return []string{s.a, s.b} }},
		"remove listed non-member and member": {func(s setup) []string {
			return []string{`{"op":"remove","path":"members","value":[{"value":"ghost"},{"value":"` + s.c + `"},{"value":"` + s.a + `"}]}`}
		}, func(s setup) []string { return []string{s.b} }},
		// RFC 7644 section 3.5.2: operations apply in order, whatever the filter.
		"add then remove by display": {func(s setup) []string {
			return []string{`{"op":"add","path":"members","value":[{"value":"` + s.c + `"}]}`, `{"op":"remove","path":"members[display eq \"C Family\"]"}`}
		}, func(s setup) []string { return []string{s.a, s.b} }},
		"remove by display then add": {func(s setup) []string {
			return []string{`{"op":"remove","path":"members[display eq \"Given Family\"]"}`, `{"op":"add","path":"members","value":[{"value":"` + s.a + `"}]}`}
		}, func(s setup) []string { return []string{s.a} }},
		"clear then remove by display": {func(s setup) []string {
			return []string{`{"op":"replace","path":"members","value":[{"value":"` + s.c + `"}]}`, `{"op":"remove","path":"members[display co \"Given\"]"}`}
		}, func(s setup) []string { return []string{s.c} }},
		"replace no-path members": {func(s setup) []string {
			return []string{`{"op":"replace","value":{"members":[{"value":"` + s.c + `"}]}}`}
		}, func(s setup) []string { return []string{s.c} }},
		"ignored no-path extras": {func(s setup) []string {
			return []string{`{"op":"replace","value":{"id":"` + s.g + `","schemas":[],"meta":{},"unknownAttr":1}}`}
		}, func(s setup) []string { return []string{s.a, s.b} }},
		"externalId then members": {func(s setup) []string {
			return []string{`{"op":"replace","path":"externalId","value":"x"}`, `{"op":"remove","path":"members"}`}
		}, func(s setup) []string { return nil }},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tt := newTester(t)
			var s setup
			s.a, s.b = tt.createUser("a@example.com"), tt.createUser("b@example.com")
			s.c = tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("c@example.com", "C", "Family"))).str("id")
			s.g = tt.createGroup("Eng", s.a, s.b)
			tt.must(204, tt.do("PATCH", "/scim/v2/Groups/"+s.g, patchBodyOf(tc.ops(s)...)))
			if got, want := tt.members(s.g), tc.want(s); !sameSet(got, want) {
				t.Fatalf("members %v, want %v", got, want)
			}
			checkInvariants(t, tt.srv)
		})
	}
}

func TestGroupPatchErrors(t *testing.T) {
	tests := map[string]struct {
		body           string
		status         int
		scimType, text string
	}{
		"remove displayName":   {patchBodyOf(`{"op":"remove","path":"displayName"}`), 400, typeMutability, "cannot be removed"},
		"empty displayName":    {patchBodyOf(`{"op":"replace","path":"displayName","value":" "}`), 400, typeInvalidValue, "cannot be empty"},
		"taken name":           {patchBodyOf(`{"op":"replace","value":{"displayName":"OTHER"}}`), 409, typeUniqueness, "already exists"},
		"unknown path":         {patchBodyOf(`{"op":"replace","path":"owner","value":"x"}`), 400, typeInvalidPath, "not an attribute"},
		"bad path":             {patchBodyOf(`{"op":"remove","path":"members[value eq ]"}`), 400, typeInvalidPath, "not valid"},
		"add with filter":      {patchBodyOf(`{"op":"add","path":"members[value eq \"x\"]","value":{}}`), 400, typeInvalidPath, "can only be removed"},
		"remove without path":  {patchBodyOf(`{"op":"remove","value":{"members":[]}}`), 400, typeNoTarget, "without a path"},
		"bad op":               {patchBodyOf(`{"op":"delete","path":"members"}`), 400, typeInvalidSyntax, "not add, remove or replace"},
		"no operations":        {`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}`, 400, typeInvalidSyntax, "no Operations"},
		"wrong schema":         {`{"schemas":["urn:x"],"Operations":[{"op":"remove","path":"members"}]}`, 400, typeInvalidSyntax, "must include"},
		"no-path not object":   {patchBodyOf(`{"op":"replace","value":[1]}`), 400, typeInvalidValue, "must be a JSON object"},
		"add without value":    {patchBodyOf(`{"op":"add","path":"members"}`), 400, typeInvalidValue, "has no value"},
		"id path":              {patchBodyOf(`{"op":"replace","path":"id","value":"x"}`), 400, typeMutability, "read-only"},
		"second op fails":      {patchBodyOf(`{"op":"remove","path":"members"}`, `{"op":"add","path":"members","value":[{"value":"x","type":"Group"}]}`), 400, typeInvalidValue, "users only"},
		"displayName a number": {patchBodyOf(`{"op":"replace","path":"displayName","value":5}`), 400, typeInvalidValue, "must be a string"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tt := newTester(t)
			a := tt.createUser("a@example.com")
			g := tt.createGroup("Eng", a)
			tt.createGroup("Other")
			before := tt.do("GET", "/scim/v2/Groups/"+g, "").body
			checkError(t, tt.do("PATCH", "/scim/v2/Groups/"+g, tc.body), tc.status, tc.scimType, tc.text)
			if after := tt.do("GET", "/scim/v2/Groups/"+g, "").body; after != before {
				t.Fatalf("a refused PATCH changed the group:\n%s\n%s", before, after)
			}
		})
	}
	tt := newTester(t)
	checkError(t, tt.do("PATCH", "/scim/v2/Groups/nope", patchBodyOf(`{"op":"remove","path":"members"}`)), 404, "", "not found")
}

func TestPutGroup(t *testing.T) {
	tt := newTester(t)
	a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
	g := tt.createGroup("Eng", a)
	got := tt.do("GET", "/scim/v2/Groups/"+g, "")
	// AIW: GET, then PUT the group back with the full membership and a new name.
	r := tt.must(200, tt.do("PUT", "/scim/v2/Groups/"+g, fmt.Sprintf(
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":%q,"meta":%s,"displayName":"Engineering","members":[{"value":%q},{"value":%q}]}`,
		g, jsonMarshal(got.get("meta")), b, a)))
	if r.str("displayName") != "Engineering" || !sameSet(tt.members(g), []string{a, b}) {
		t.Fatalf("PUT: %s", r.body)
	}
	tt.must(200, tt.do("PUT", "/scim/v2/Groups/"+g, `{"displayName":"Engineering","members":[]}`))
	if m := tt.members(g); len(m) != 0 {
		t.Fatalf("PUT with members []: %v", m)
	}
	tt.createGroup("Other")
	checkError(t, tt.do("PUT", "/scim/v2/Groups/"+g, `{"displayName":"other"}`), 409, typeUniqueness, "already exists")
	checkError(t, tt.do("PUT", "/scim/v2/Groups/"+g, `{"members":[]}`), 400, typeInvalidValue, "displayName is required")
	checkError(t, tt.do("PUT", "/scim/v2/Groups/nope", `{"displayName":"x"}`), 404, "", "not found")
}

func TestDeleteGroup(t *testing.T) {
	for _, retain := range []bool{true, false} {
		t.Run(fmt.Sprintf("retain=%v", retain), func(t *testing.T) {
			tt := newTester(t)
			tt.must(200, tt.do("PUT", "/admin/orgs/default/settings", fmt.Sprintf(`{"retainDeletedGroups":%v}`, retain)))
			a := tt.createUser("a@example.com")
			g := tt.createGroup("Eng", a)
			tt.must(204, tt.do("DELETE", "/scim/v2/Groups/"+g, ""))
			tt.must(404, tt.do("GET", "/scim/v2/Groups/"+g, ""))
			tt.must(404, tt.do("DELETE", "/scim/v2/Groups/"+g, ""))
			if r := tt.do("GET", "/scim/v2/Groups?filter=displayName%20eq%20%22Eng%22", ""); r.num("totalResults") != 0 {
				t.Fatalf("a deleted group is found: %s", r.body)
			}
			if r := tt.do("GET", "/scim/v2/Users/"+a, ""); r.len("groups") != 0 {
				t.Fatalf("the user still shows the deleted group: %s", r.body)
			}
			c := tt.consoleGroup(g)
			if !retain {
				if c.status != 404 {
					t.Fatalf("without retention the console still has the group: %s", c)
				}
			} else if c.status != 200 || c.get("deletedInDirectory") != true || c.get("synced") != false || c.len("members") != 1 {
				t.Fatalf("retained group in the console: %s", c)
			}
			// A new push of the same name is a new group.
			g2 := tt.createGroup("Eng")
			if g2 == g {
				t.Fatal("the new push reused the deleted group's id")
			}
			if retain {
				tt.must(204, tt.do("DELETE", "/admin/orgs/default/groups/"+g, ""))
				tt.must(404, tt.consoleGroup(g))
			}
			checkInvariants(t, tt.srv)
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
