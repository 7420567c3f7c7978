package reference

import (
	"fmt"
	"testing"
)

// ZN-04, ZN-05, ZN-24: deactivation removes the user from the organization and
// every group; reactivation keeps the id and restores no group.
func TestLifecycle(t *testing.T) {
	deactivations := map[string]func(tt *tester, id string) resp{
		"OIN PATCH": func(tt *tester, id string) resp { return tt.deactivate(id) },
		"AIW PUT": func(tt *tester, id string) resp {
			return tt.do("PUT", "/scim/v2/Users/"+id, `{"userName":"jane@example.com","name":{"givenName":"Jane","familyName":"Doe"},"active":false}`)
		},
	}
	reactivations := map[string]func(tt *tester, id string) resp{
		"OIN PATCH": func(tt *tester, id string) resp { return tt.reactivate(id) },
		"AIW PUT": func(tt *tester, id string) resp {
			return tt.do("PUT", "/scim/v2/Users/"+id, `{"userName":"jane@example.com","name":{"givenName":"Jane","familyName":"Doe"},"active":true}`)
		},
	}
	for dname, deact := range deactivations {
		for rname, react := range reactivations {
			t.Run(dname+" then "+rname, func(t *testing.T) {
				tt := newTester(t)
				id := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("jane@example.com", "Jane", "Doe"))).str("id")
				other := tt.createUser("other@example.com")
				g1, g2 := tt.createGroup("One", id, other), tt.createGroup("Two", id)
				cg := tt.must(201, tt.do("POST", "/admin/orgs/default/groups", `{"displayName":"Console"}`)).str("id")
				tt.must(200, tt.do("PUT", "/admin/orgs/default/groups/"+cg+"/members", fmt.Sprintf(`{"members":[%q]}`, id)))

				r := tt.must(200, deact(tt, id))
				if r.str("id") != id || r.get("active") != false || r.len("groups") != 0 {
					t.Fatalf("deactivation answer: %s", r.body)
				}
				// Okta's CRUD test reads it back: 200, active false, same id.
				r = tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
				if r.str("id") != id || r.get("active") != false {
					t.Fatalf("GET after deactivation: %s", r.body)
				}
				if m := tt.members(g1); !sameSet(m, []string{other}) {
					t.Fatalf("group One still lists the user: %v", m)
				}
				if m := tt.members(g2); len(m) != 0 {
					t.Fatalf("group Two still lists the user: %v", m)
				}
				if c := tt.consoleGroup(cg); c.len("members") != 0 {
					t.Fatalf("the console group still lists the user: %s", c.body)
				}
				if u := tt.do("GET", "/admin/orgs/default/users", ""); u.len("users") != 1 || u.str("users.0.id") != other {
					t.Fatalf("the console lists a deactivated user: %s", u.body)
				}
				// Okta's lookup still finds it, to reactivate it.
				if f := tt.do("GET", "/scim/v2/Users?filter=userName%20eq%20%22jane%40example.com%22", ""); f.num("totalResults") != 1 || f.get("Resources.0.active") != false {
					t.Fatalf("lookup of a deactivated user: %s", f.body)
				}
				// A membership push for the deactivated user is skipped.
				tt.must(204, tt.addMembers(g2, id))
				if m := tt.members(g2); len(m) != 0 {
					t.Fatalf("a deactivated user was added to a group: %v", m)
				}

				r = tt.must(200, react(tt, id))
				if r.str("id") != id || r.get("active") != true || r.len("groups") != 0 {
					t.Fatalf("reactivation answer: %s", r.body)
				}
				for _, g := range []string{g1, g2} {
					for _, m := range tt.members(g) {
						if m == id {
							t.Fatalf("reactivation restored group %s", g)
						}
					}
				}
				if c := tt.consoleGroup(cg); c.len("members") != 0 {
					t.Fatalf("reactivation restored the console group: %s", c.body)
				}
				if u := tt.do("GET", "/admin/orgs/default/users", ""); u.len("users") != 2 {
					t.Fatalf("the console does not list the reactivated user: %s", u.body)
				}
				tt.must(204, tt.addMembers(g1, id))
				if m := tt.members(g1); !sameSet(m, []string{other, id}) {
					t.Fatalf("a reactivated user cannot be added again: %v", m)
				}
				checkInvariants(t, tt.srv)
			})
		}
	}
}

// ZN-19: displayName follows the names, whatever the request says.
func TestDisplayNameDerived(t *testing.T) {
	tt := newTester(t)
	r := tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"a@example.com","displayName":"Boss","name":{"givenName":"Ann"}}`))
	if r.str("displayName") != "Ann" {
		t.Fatalf("only a first name: %s", r.body)
	}
	r = tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"b@example.com","displayName":"Boss"}`))
	if r.get("displayName") != nil {
		t.Fatalf("no names: displayName %v, want none", r.get("displayName"))
	}
	r = tt.must(200, tt.do("PUT", "/scim/v2/Users/"+r.str("id"), `{"userName":"b@example.com","displayName":"Boss","name":{"givenName":"Bo","familyName":"Bee"}}`))
	if r.str("displayName") != "Bo Bee" {
		t.Fatalf("after PUT: %s", r.body)
	}
}
