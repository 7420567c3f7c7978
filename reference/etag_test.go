package reference

import (
	"fmt"
	"net/http"
	"testing"
)

// meta reads a resource's ETag, meta.version and meta.lastModified, and fails
// unless the ETag header and meta.version agree.
func (tt *tester) meta(path string) (etag, lastModified string) {
	tt.t.Helper()
	r := tt.must(200, tt.do("GET", path, ""))
	if r.header.Get("ETag") == "" || r.header.Get("ETag") != r.str("meta.version") {
		tt.t.Fatalf("GET %s: ETag %q, meta.version %q", path, r.header.Get("ETag"), r.str("meta.version"))
	}
	return r.header.Get("ETag"), r.str("meta.lastModified")
}

// If-Match, If-None-Match and ETag on /Groups, as on /Users (TestIfMatch).
func TestGroupConditional(t *testing.T) {
	tests := []struct {
		method, body string
		status       int
	}{
		{"PATCH", patchBodyOf(`{"op":"replace","path":"displayName","value":"Renamed"}`), 204},
		{"PATCH", patchBodyOf(`{"op":"remove","path":"members"}`), 204},
		{"PUT", `{"displayName":"Renamed","members":[]}`, 200},
		{"DELETE", "", 204},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.body, func(t *testing.T) {
			tt := newTester(t)
			a := tt.createUser("a@example.com")
			g := tt.createGroup("Eng", a)
			path := "/scim/v2/Groups/" + g
			etag, _ := tt.meta(path)
			r := tt.must(http.StatusNotModified, tt.do("GET", path, "", header("If-None-Match", etag)))
			if r.body != "" || r.header.Get("ETag") != etag {
				t.Fatalf("304: ETag %q, body %q", r.header.Get("ETag"), r.body)
			}
			tt.must(200, tt.do("GET", path, "", header("If-None-Match", `W/"999"`)))
			before := tt.do("GET", path, "").body
			checkError(t, tt.do(tc.method, path, tc.body, header("If-Match", `W/"999"`)), 412, "", "has changed")
			if after := tt.do("GET", path, "").body; after != before {
				t.Fatalf("a request refused with 412 changed the group:\n%s\n%s", before, after)
			}
			r = tt.must(tc.status, tt.do(tc.method, path, tc.body, header("If-Match", etag)))
			if tc.method == "DELETE" {
				tt.must(404, tt.do("GET", path, ""))
				return
			}
			now, _ := tt.meta(path)
			if now == etag || r.header.Get("ETag") != now {
				t.Fatalf("after %s: ETag %q, answer's %q, before %q", tc.method, now, r.header.Get("ETag"), etag)
			}
			tt.must(200, tt.do("GET", path, "", header("If-None-Match", etag)))
			tt.must(412, tt.do(tc.method, path, tc.body, header("If-Match", etag)))
			tt.must(412, tt.do("DELETE", path, "", header("If-Match", etag)))
		})
	}
}

// A resource's ETag and lastModified change whenever its representation does,
// also when the change is made through a linked resource: a group's name shows
// in its members' groups, a member's display in the group's members.
func TestLinkedChangesBumpVersions(t *testing.T) {
	type ids struct{ a, g string }
	tests := []struct {
		name   string
		change func(tt *tester, s ids)
		check  func(s ids) string // the resource whose ETag must change
	}{
		{"group renamed by PATCH: member", func(tt *tester, s ids) {
			tt.must(204, tt.do("PATCH", "/scim/v2/Groups/"+s.g, patchBodyOf(fmt.Sprintf(`{"op":"replace","value":{"id":%q,"displayName":"Renamed"}}`, s.g))))
		}, func(s ids) string { return "/scim/v2/Users/" + s.a }},
		{"group renamed by PUT: member", func(tt *tester, s ids) {
			tt.must(200, tt.do("PUT", "/scim/v2/Groups/"+s.g, fmt.Sprintf(`{"displayName":"Renamed","members":[{"value":%q}]}`, s.a)))
		}, func(s ids) string { return "/scim/v2/Users/" + s.a }},
		{"group renamed in case only: member", func(tt *tester, s ids) {
			tt.must(204, tt.do("PATCH", "/scim/v2/Groups/"+s.g, patchBodyOf(`{"op":"replace","path":"displayName","value":"ENG"}`)))
		}, func(s ids) string { return "/scim/v2/Users/" + s.a }},
		{"group unlinked: member", func(tt *tester, s ids) {
			tt.must(200, tt.do("POST", "/admin/orgs/default/groups/"+s.g+"/unlink", ""))
		}, func(s ids) string { return "/scim/v2/Users/" + s.a }},
		{"group deleted and retained: member", func(tt *tester, s ids) {
			tt.must(204, tt.do("DELETE", "/scim/v2/Groups/"+s.g, ""))
		}, func(s ids) string { return "/scim/v2/Users/" + s.a }},
		{"member renamed by PATCH: group", func(tt *tester, s ids) {
			tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+s.a, patchBodyOf(`{"op":"replace","path":"name.givenName","value":"New"}`)))
		}, func(s ids) string { return "/scim/v2/Groups/" + s.g }},
		{"member renamed by PUT: group", func(tt *tester, s ids) {
			tt.must(200, tt.do("PUT", "/scim/v2/Users/"+s.a, userBody("a@example.com", "Given", "Other")))
		}, func(s ids) string { return "/scim/v2/Groups/" + s.g }},
		{"member deactivated: group", func(tt *tester, s ids) {
			tt.must(200, tt.deactivate(s.a))
		}, func(s ids) string { return "/scim/v2/Groups/" + s.g }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := newTester(t)
			s := ids{a: tt.createUser("a@example.com")}
			s.g = tt.createGroup("Eng", s.a)
			path := tc.check(s)
			etag, modified := tt.meta(path)
			body := tt.do("GET", path, "").body
			tt.clock.Add(60)
			tc.change(tt, s)
			if tt.do("GET", path, "").body == body {
				t.Fatalf("the change did not change %s: the test proves nothing", path)
			}
			now, nowModified := tt.meta(path)
			if now == etag || nowModified == modified {
				t.Fatalf("%s changed, but ETag %q → %q, lastModified %q → %q", path, etag, now, modified, nowModified)
			}
			tt.must(200, tt.do("GET", path, "", header("If-None-Match", etag)))
			tt.must(304, tt.do("GET", path, "", header("If-None-Match", now)))
			if r := tt.do("GET", path+"?attributes=meta", ""); r.str("meta.version") != now {
				t.Fatalf("attributes=meta: %s, want version %s", r.body, now)
			}
			tt.must(412, tt.do("DELETE", path, "", header("If-Match", etag)))
			checkInvariants(t, tt.srv)
		})
	}
}

// A request that changes nothing keeps the version and lastModified.
func TestNoChangeKeepsVersion(t *testing.T) {
	type ids struct{ a, b, g string }
	groupPath := func(s ids) string { return "/scim/v2/Groups/" + s.g }
	userPath := func(s ids) string { return "/scim/v2/Users/" + s.a }
	tests := []struct {
		name, method string
		path, body   func(s ids) string
		status       int
	}{
		{"remove a non-member", "PATCH", groupPath, func(s ids) string {
			return patchBodyOf(`{"op":"remove","path":"members[value eq \"` + s.b + `\"]"}`)
		}, 204},
		{"remove an unknown id", "PATCH", groupPath, func(s ids) string {
			return patchBodyOf(`{"op":"remove","path":"members","value":[{"value":"ghost"}]}`)
		}, 204},
		{"Okta rename to the same name", "PATCH", groupPath, func(s ids) string {
			return patchBodyOf(fmt.Sprintf(`{"op":"replace","value":{"id":%q,"displayName":"Eng"}}`, s.g))
		}, 204},
		{"add a member again", "PATCH", groupPath, func(s ids) string {
			return patchBodyOf(`{"op":"add","path":"members","value":[{"value":"` + s.a + `"}]}`)
		}, 204},
		{"replace members with the same", "PATCH", groupPath, func(s ids) string {
			return patchBodyOf(`{"op":"replace","path":"members","value":[{"value":"` + s.a + `"}]}`)
		}, 204},
		{"PUT the group as it is", "PUT", groupPath, func(s ids) string {
			return `{"displayName":"Eng","members":[{"value":"` + s.a + `"}]}`
		}, 200},
		{"PUT the user as it is", "PUT", userPath, func(s ids) string { return userBody("a@example.com", "Given", "Family") }, 200},
		{"activate an active user", "PATCH", userPath, func(s ids) string {
			return patchBodyOf(`{"op":"replace","value":{"active":true}}`)
		}, 200},
		{"the same name", "PATCH", userPath, func(s ids) string {
			return patchBodyOf(`{"op":"replace","path":"name.givenName","value":"Given"}`)
		}, 200},
		{"a password (not stored)", "PATCH", userPath, func(s ids) string {
			return patchBodyOf(`{"op":"replace","value":{"password":"n3w-Passw0rd"}}`)
		}, 200},
		{"userName in another case (the stored spelling stays)", "PATCH", userPath, func(s ids) string {
			return patchBodyOf(`{"op":"replace","path":"userName","value":"A@EXAMPLE.COM"}`)
		}, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := newTester(t)
			s := ids{a: tt.createUser("a@example.com"), b: tt.createUser("b@example.com")}
			s.g = tt.createGroup("Eng", s.a)
			paths := []string{"/scim/v2/Users/" + s.a, "/scim/v2/Users/" + s.b, "/scim/v2/Groups/" + s.g}
			var before []string
			for _, p := range paths {
				before = append(before, tt.do("GET", p, "").body)
			}
			tt.clock.Add(60)
			r := tt.must(tc.status, tt.do(tc.method, tc.path(s), tc.body(s)))
			for i, p := range paths {
				if after := tt.do("GET", p, "").body; after != before[i] {
					t.Errorf("%s changed:\n%s\n%s", p, before[i], after)
				}
			}
			if etag, _ := tt.meta(tc.path(s)); r.header.Get("ETag") != etag {
				t.Errorf("the answer's ETag %q, the resource's %q", r.header.Get("ETag"), etag)
			}
		})
	}
}
