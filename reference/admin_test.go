package reference

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/store"
)

func TestAdminOrgs(t *testing.T) {
	tt := newTester(t)
	o := tt.must(201, tt.do("POST", "/admin/orgs", `{"name":"acme"}`))
	if o.str("name") != "acme" || o.str("id") == "" || o.str("tokens.production") == "" || o.str("tokens.sandbox") == "" ||
		o.str("tokens.production") == o.str("tokens.sandbox") {
		t.Fatalf("create org: %s", o.body)
	}
	info := tt.must(200, tt.do("GET", "/admin/orgs/"+o.str("id"), ""))
	if info.get("provisioning") != true || info.get("syncUsers") != true || info.get("syncGroups") != true || info.get("tokens") != nil {
		t.Fatalf("org defaults: %s", info.body)
	}
	prod, sb := auth("Bearer "+o.str("tokens.production")), auth("Bearer "+o.str("tokens.sandbox"))
	id := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("jane@example.com", "J", "D"), prod)).str("id")
	tt.must(200, tt.do("GET", "/sandbox/scim/v2/Users", "", sb))
	// Organizations are isolated: the default one neither sees nor clashes.
	tt.must(404, tt.do("GET", "/scim/v2/Users/"+id, ""))
	tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("jane@example.com", "J", "D")))
	if r := tt.do("GET", "/admin/orgs/"+o.str("id")+"/users", ""); r.len("users") != 1 || r.str("users.0.id") != id {
		t.Fatalf("the new org's users: %s", r.body)
	}
	for _, body := range []string{`{}`, ``, " \n"} { // an empty body means all defaults
		r := tt.must(201, tt.do("POST", "/admin/orgs", body))
		if r.str("name") != r.str("id") {
			t.Fatalf("an org without a name is named by its id: %s", r.body)
		}
		info := tt.must(200, tt.do("GET", "/admin/orgs/"+r.str("id"), ""))
		if info.get("provisioning") != true || info.get("syncUsers") != true || info.get("syncGroups") != true {
			t.Fatalf("POST /admin/orgs %q: defaults %s", body, info.body)
		}
	}
	if r := tt.do("POST", "/admin/orgs/default/folders", ""); r.status != 400 {
		t.Fatalf("an empty body where a field is required: %s", r)
	}
	for body, text := range map[string]string{`{"name":1}`: "not the JSON", `{"nmae":"x"}`: "unknown field", `{`: "not the JSON"} {
		if r := tt.do("POST", "/admin/orgs", body); r.status != 400 || !strings.Contains(r.str("error"), text) {
			t.Errorf("POST /admin/orgs %s: %s", body, r)
		}
	}
}

func TestAdminRoutes(t *testing.T) {
	tt := newTester(t)
	tests := []struct {
		method, path string
		status       int
		text         string
	}{
		{"GET", "/admin/orgs/nope/users", 404, `no organization "nope"`},
		{"GET", "/admin/nope", 404, "no Admin Console endpoint"},
		{"GET", "/admin/orgs/default/nope", 404, "no Admin Console endpoint"},
		{"GET", "/admin/orgs", 405, "not allowed"},
		{"DELETE", "/admin/orgs/default/users", 405, "not allowed"},
		{"GET", "/admin/orgs/default/users?env=staging", 400, "not production or sandbox"},
		{"GET", "/admin/orgs/default/groups/nope", 404, `no group "nope"`},
		{"POST", "/admin/orgs/default/groups/nope/unlink", 404, `no group "nope"`},
	}
	for _, tc := range tests {
		r := tt.do(tc.method, tc.path, "")
		if r.status != tc.status || !strings.Contains(r.str("error"), tc.text) || int(r.num("status")) != tc.status ||
			r.header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s: %s (Content-Type %q)", tc.method, tc.path, r, r.header.Get("Content-Type"))
		}
	}
}

func TestAdminUsers(t *testing.T) {
	tt := newTester(t)
	tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"zed@example.com","name":{"givenName":"Zed","familyName":"Z"}}`))
	a := tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"Amy@example.com","name":{"givenName":"Amy","familyName":"A"}}`)).str("id")
	gone := tt.createUser("gone@example.com")
	tt.must(200, tt.deactivate(gone))
	r := tt.must(200, tt.do("GET", "/admin/orgs/default/users", ""))
	if r.len("users") != 2 || r.str("users.0.userName") != "Amy@example.com" || r.str("users.1.userName") != "zed@example.com" {
		t.Fatalf("console users (active only, by userName): %s", r.body)
	}
	want := map[string]any{"id": a, "userName": "Amy@example.com", "displayName": "Amy A", "givenName": "Amy", "familyName": "A"}
	for k, v := range want {
		if r.get("users.0."+k) != v {
			t.Errorf("users.0.%s = %v, want %v", k, r.get("users.0."+k), v)
		}
	}
}

// TestAdminUserIDs: the two app events of ids (docs/design.md, "App
// events"): a swap gives each user the other's id, a new id leaves the old
// one naming nobody, and group memberships follow the users; bad requests
// get a sentence to act on.
func TestAdminUserIDs(t *testing.T) {
	tt := newTester(t)
	a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
	g := tt.createGroup("G", a)
	r := tt.must(200, tt.do("POST", "/admin/orgs/default/users/swap-ids", `{"ids":["`+a+`","`+b+`"]}`))
	if r.str("users.0.id") != b || r.str("users.0.userName") != "a@example.com" || r.str("users.1.id") != a {
		t.Fatalf("swap: %s", r.body)
	}
	if u := tt.must(200, tt.do("GET", "/scim/v2/Users/"+a, "")); u.str("userName") != "b@example.com" {
		t.Fatalf("after the swap %s names %s", a, u.str("userName"))
	}
	if m := tt.must(200, tt.do("GET", "/scim/v2/Groups/"+g, "")); m.str("members.0.value") != b {
		t.Fatalf("the group's member after the swap: %s", m.body)
	}
	r = tt.must(200, tt.do("POST", "/admin/orgs/default/users/"+b+"/new-id", ""))
	moved := r.str("user.id")
	if r.str("previousId") != b || moved == "" || moved == b || r.str("user.userName") != "a@example.com" {
		t.Fatalf("new-id: %s", r.body)
	}
	tt.must(404, tt.do("GET", "/scim/v2/Users/"+b, ""))
	tt.must(200, tt.do("GET", "/scim/v2/Users/"+moved, ""))
	if m := tt.must(200, tt.do("GET", "/scim/v2/Groups/"+g, "")); m.str("members.0.value") != moved {
		t.Fatalf("the group's member after the move: %s", m.body)
	}
	for _, c := range []struct {
		method, path, body string
		status             int
		text               string
	}{
		{"POST", "/admin/orgs/default/users/swap-ids", `{"ids":["` + a + `"]}`, 400, "two different users"},
		{"POST", "/admin/orgs/default/users/swap-ids", `{"ids":["` + a + `","` + a + `"]}`, 400, "two different users"},
		{"POST", "/admin/orgs/default/users/swap-ids", `{"ids":["` + a + `","nobody"]}`, 404, "no user"},
		{"POST", "/admin/orgs/default/users/swap-ids", `{"idz":[]}`, 400, "unknown field"},
		{"GET", "/admin/orgs/default/users/swap-ids", "", 405, "allowed: POST"},
		{"POST", "/admin/orgs/default/users/" + b + "/new-id", "", 404, "no user"},
		{"DELETE", "/admin/orgs/default/users/" + a + "/new-id", "", 405, "allowed: POST"},
	} {
		if r := tt.do(c.method, c.path, c.body); r.status != c.status || !strings.Contains(r.str("error"), c.text) {
			t.Errorf("%s %s %s: %s, want %d saying %q", c.method, c.path, c.body, r, c.status, c.text)
		}
	}
}

func TestAdminGroups(t *testing.T) {
	tt := newTester(t)
	a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
	synced := tt.createGroup("Synced", a)
	// A console group: never seen over SCIM (ZN-20).
	cg := tt.must(201, tt.do("POST", "/admin/orgs/default/groups", `{"displayName":"Console Made"}`))
	cid := cg.str("id")
	if cg.str("origin") != "console" || cg.get("synced") != false || cg.str("folder") != store.RootFolder || cg.len("members") != 0 {
		t.Fatalf("console group: %s", cg.body)
	}
	tt.must(404, tt.do("GET", "/scim/v2/Groups/"+cid, ""))
	if r := tt.do("GET", "/scim/v2/Groups", ""); r.num("totalResults") != 1 {
		t.Fatalf("SCIM lists a console group: %s", r.body)
	}
	if r := tt.do("GET", "/scim/v2/Groups?filter=displayName%20eq%20%22Console%20Made%22", ""); r.num("totalResults") != 0 {
		t.Fatalf("SCIM finds a console group: %s", r.body)
	}
	// The console list: every group, by displayName.
	r := tt.must(200, tt.do("GET", "/admin/orgs/default/groups", ""))
	if r.len("groups") != 2 || r.str("groups.0.id") != cid || r.str("groups.1.id") != synced ||
		r.str("groups.1.origin") != "directory" || r.get("groups.1.synced") != true || r.str("groups.1.folder") != store.DefaultFolder ||
		r.str("groups.1.members.0") != a {
		t.Fatalf("console groups: %s", r.body)
	}
	// Synced groups are read-only in the console (ZN-21).
	for _, c := range []struct{ method, path, body string }{
		{"PATCH", "/admin/orgs/default/groups/" + synced, `{"displayName":"Renamed"}`},
		{"PUT", "/admin/orgs/default/groups/" + synced + "/members", `{"members":[]}`},
		{"DELETE", "/admin/orgs/default/groups/" + synced, ""},
	} {
		r := tt.do(c.method, c.path, c.body)
		if r.status != 403 || !strings.Contains(r.str("error"), "source of truth") {
			t.Errorf("%s %s on a synced group: %s", c.method, c.path, r)
		}
	}
	if g := tt.consoleGroup(synced); g.str("displayName") != "Synced" || g.len("members") != 1 {
		t.Fatalf("a refused console edit changed the group: %s", g.body)
	}
	// Console groups are editable.
	tt.must(200, tt.do("PATCH", "/admin/orgs/default/groups/"+cid, `{"displayName":"Console Renamed"}`))
	r = tt.must(200, tt.do("PUT", "/admin/orgs/default/groups/"+cid+"/members", fmt.Sprintf(`{"members":[%q,%q]}`, a, b)))
	if r.str("displayName") != "Console Renamed" || !sameSet([]string{r.str("members.0"), r.str("members.1")}, []string{a, b}) {
		t.Fatalf("edited console group: %s", r.body)
	}
	// SCIM shows the user's directory groups only.
	if u := tt.do("GET", "/scim/v2/Users/"+a, ""); u.len("groups") != 1 || u.str("groups.0.value") != synced {
		t.Fatalf("user groups over SCIM: %s", u.body)
	}
	for body, text := range map[string]string{
		fmt.Sprintf(`{"members":[%q]}`, "ghost"): "not an active user",
		`{"members":"x"}`:                        "not the JSON",
	} {
		if r := tt.do("PUT", "/admin/orgs/default/groups/"+cid+"/members", body); r.status != 400 || !strings.Contains(r.str("error"), text) {
			t.Errorf("PUT members %s: %s", body, r)
		}
	}
	for body, text := range map[string]string{
		`{"displayName":""}`:                     "displayName is required",
		`{"displayName":"X","folder":"Nowhere"}`: "no folder",
	} {
		if r := tt.do("POST", "/admin/orgs/default/groups", body); r.status != 400 || !strings.Contains(r.str("error"), text) {
			t.Errorf("POST group %s: %s", body, r)
		}
	}
	tt.must(204, tt.do("DELETE", "/admin/orgs/default/groups/"+cid, ""))
	tt.must(404, tt.consoleGroup(cid))
	checkInvariants(t, tt.srv)
}

func TestUnlinkAndNoRelink(t *testing.T) {
	tt := newTester(t)
	a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
	g := tt.createGroup("Eng", a, b)
	r := tt.must(200, tt.do("POST", "/admin/orgs/default/groups/"+g+"/unlink", ""))
	if r.get("synced") != false || r.len("members") != 2 || r.str("origin") != "directory" {
		t.Fatalf("unlink: %s", r.body)
	}
	// Gone from SCIM (ZN-22) ...
	tt.must(404, tt.do("GET", "/scim/v2/Groups/"+g, ""))
	tt.must(404, tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(`{"op":"remove","path":"members"}`)))
	if r := tt.do("GET", "/scim/v2/Groups?filter=displayName%20eq%20%22Eng%22", ""); r.num("totalResults") != 0 {
		t.Fatalf("an unlinked group is found over SCIM: %s", r.body)
	}
	// ... kept in the console with its members, and editable.
	tt.must(200, tt.do("PATCH", "/admin/orgs/default/groups/"+g, `{"displayName":"Eng (old)"}`))
	tt.must(200, tt.do("PUT", "/admin/orgs/default/groups/"+g+"/members", fmt.Sprintf(`{"members":[%q]}`, a)))
	if r := tt.do("POST", "/admin/orgs/default/groups/"+g+"/unlink", ""); r.status != 409 {
		t.Fatalf("unlinking twice: %s", r)
	}
	// No re-link (ZN-23): pushing the same group again makes a new one.
	g2 := tt.createGroup("Eng", b)
	if g2 == g {
		t.Fatal("the push re-linked the unlinked group")
	}
	if c := tt.consoleGroup(g); c.str("displayName") != "Eng (old)" || c.len("members") != 1 || c.str("members.0") != a || c.get("synced") != false {
		t.Fatalf("the new push touched the unlinked group: %s", c.body)
	}
	// A console group cannot be unlinked.
	cid := tt.must(201, tt.do("POST", "/admin/orgs/default/groups", `{"displayName":"C"}`)).str("id")
	tt.must(409, tt.do("POST", "/admin/orgs/default/groups/"+cid+"/unlink", ""))
	checkInvariants(t, tt.srv)
}

func TestSettingsAndFolders(t *testing.T) {
	tt := newTester(t)
	r := tt.must(200, tt.do("GET", "/admin/orgs/default/settings", ""))
	if r.get("retainDeletedGroups") != true || r.str("destinationFolder") != store.DefaultFolder {
		t.Fatalf("default settings: %s", r.body)
	}
	if r := tt.must(200, tt.do("GET", "/admin/orgs/default/folders", "")); r.len("folders") != 1 || r.str("folders.0") != store.DefaultFolder {
		t.Fatalf("default folders: %s", r.body)
	}
	// Pushed groups land in the destination folder (ZN-27).
	if g := tt.consoleGroup(tt.createGroup("One")); g.str("folder") != store.DefaultFolder {
		t.Fatalf("default destination: %s", g.body)
	}
	if r := tt.do("PUT", "/admin/orgs/default/settings", `{"destinationFolder":"Teams"}`); r.status != 400 || !strings.Contains(r.str("error"), "no existing folder") {
		t.Fatalf("a folder that does not exist: %s", r)
	}
	tt.must(201, tt.do("POST", "/admin/orgs/default/folders", `{"name":"Teams"}`))
	tt.must(409, tt.do("POST", "/admin/orgs/default/folders", `{"name":"Teams"}`))
	tt.must(409, tt.do("POST", "/admin/orgs/default/folders", `{"name":"Root Level Folder"}`))
	tt.must(400, tt.do("POST", "/admin/orgs/default/folders", `{"name":" "}`))
	r = tt.must(200, tt.do("PUT", "/admin/orgs/default/settings", `{"destinationFolder":"Teams"}`))
	if r.str("destinationFolder") != "Teams" || r.get("retainDeletedGroups") != true {
		t.Fatalf("settings after PUT (omitted fields keep their value): %s", r.body)
	}
	if g := tt.consoleGroup(tt.createGroup("Two")); g.str("folder") != "Teams" {
		t.Fatalf("destination Teams: %s", g.body)
	}
	tt.must(200, tt.do("PUT", "/admin/orgs/default/settings", `{"destinationFolder":"Root Level Folder","retainDeletedGroups":false}`))
	if g := tt.consoleGroup(tt.createGroup("Three")); g.str("folder") != store.RootFolder {
		t.Fatalf("destination root: %s", g.body)
	}
	if r := tt.do("GET", "/admin/orgs/default/folders", ""); r.len("folders") != 2 || r.str("folders.1") != "Teams" {
		t.Fatalf("folders: %s", r.body)
	}
	// Settings are per environment.
	if r := tt.do("GET", "/admin/orgs/default/settings?env=sandbox", ""); r.str("destinationFolder") != store.DefaultFolder {
		t.Fatalf("sandbox settings changed with production's: %s", r.body)
	}
}
