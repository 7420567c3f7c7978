package reference

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/tokens"
)

// orgTokens is an organization made through the Admin Console API.
type orgTokens struct{ id, prod, sandbox string }

func (tt *tester) newOrg(name string) orgTokens {
	tt.t.Helper()
	r := tt.must(201, tt.do("POST", "/admin/orgs", fmt.Sprintf(`{"name":%q}`, name)))
	return orgTokens{r.str("id"), r.str("tokens.production"), r.str("tokens.sandbox")}
}

// orgSnapshot reads everything of one organization, over SCIM and the console.
func (tt *tester) orgSnapshot(o orgTokens) string {
	tt.t.Helper()
	var b strings.Builder
	for _, p := range []struct{ path, token string }{
		{"/scim/v2/Users?count=100", o.prod}, {"/scim/v2/Groups?count=100", o.prod},
		{"/sandbox/scim/v2/Users?count=100", o.sandbox}, {"/sandbox/scim/v2/Groups?count=100", o.sandbox},
		{"/admin/orgs/" + o.id + "/users", adminToken}, {"/admin/orgs/" + o.id + "/groups", adminToken},
		{"/admin/orgs/" + o.id + "/groups?env=sandbox", adminToken},
		{"/admin/orgs/" + o.id + "/settings", adminToken}, {"/admin/orgs/" + o.id + "/folders", adminToken},
	} {
		r := tt.must(200, tt.do("GET", p.path, "", auth("Bearer "+p.token)))
		fmt.Fprintf(&b, "%s\n%s\n", p.path, r.body)
	}
	return b.String()
}

// One organization's token never reads or writes another's users and groups,
// whatever the request names.
func TestOrganizationIsolation(t *testing.T) {
	tt := newTester(t)
	orgA := orgTokens{DefaultOrg, prodToken, sandboxToken}
	orgB := tt.newOrg("other")
	type res struct{ user, user2, group string }
	seed := func(o orgTokens, base, token, prefix string) res {
		mk := func(body, path string) string {
			r := tt.must(201, tt.do("POST", base+path, body, auth("Bearer "+token)))
			return r.str("id")
		}
		u := mk(userBody(prefix+"@example.com", "A", "B"), "/Users")
		u2 := mk(userBody(prefix+"2@example.com", "A", "B"), "/Users")
		g := mk(fmt.Sprintf(`{"displayName":%q,"members":[{"value":%q}]}`, prefix+" group", u), "/Groups")
		return res{u, u2, g}
	}
	data := map[string]map[string]res{ // org → base → ids
		"A": {"/scim/v2": seed(orgA, "/scim/v2", prodToken, "a"), "/sandbox/scim/v2": seed(orgA, "/sandbox/scim/v2", sandboxToken, "asb")},
		"B": {"/scim/v2": seed(orgB, "/scim/v2", orgB.prod, "b"), "/sandbox/scim/v2": seed(orgB, "/sandbox/scim/v2", orgB.sandbox, "bsb")},
	}
	tokens := map[string]map[string]string{
		"A": {"/scim/v2": prodToken, "/sandbox/scim/v2": sandboxToken},
		"B": {"/scim/v2": orgB.prod, "/sandbox/scim/v2": orgB.sandbox},
	}
	beforeA, beforeB := tt.orgSnapshot(orgA), tt.orgSnapshot(orgB)
	for owner, other := range map[string]string{"A": "B", "B": "A"} {
		for base, ids := range data[owner] {
			token := tokens[other][base] // the other organization's token, same environment
			for _, c := range []struct{ method, path, body string }{
				{"GET", "/Users/" + ids.user, ""},
				{"HEAD", "/Users/" + ids.user, ""},
				{"PUT", "/Users/" + ids.user, userBody(owner+"@example.com", "X", "Y")},
				{"PATCH", "/Users/" + ids.user, patchBodyOf(`{"op":"replace","value":{"active":false}}`)},
				{"DELETE", "/Users/" + ids.user, ""},
				{"GET", "/Groups/" + ids.group, ""},
				{"PUT", "/Groups/" + ids.group, `{"displayName":"Taken","members":[]}`},
				{"PATCH", "/Groups/" + ids.group, patchBodyOf(`{"op":"remove","path":"members"}`)},
				{"PATCH", "/Groups/" + ids.group, patchBodyOf(fmt.Sprintf(`{"op":"add","path":"members","value":[{"value":%q}]}`, data[other][base].user2))},
				{"DELETE", "/Groups/" + ids.group, ""},
			} {
				r := tt.do(c.method, base+c.path, c.body, auth("Bearer "+token))
				if r.status != 404 {
					t.Errorf("org %s's token, %s %s%s (org %s's): %d, want 404: %s", other, c.method, base, c.path, owner, r.status, r.body)
				}
			}
			// The other organization's ids as members of its own group: ids
			// this organization does not know, skipped (Zinc, OK-34).
			own := data[other][base].group
			before := tt.do("GET", base+"/Groups/"+own, "", auth("Bearer "+token)).body
			r := tt.do("PATCH", base+"/Groups/"+own, patchBodyOf(fmt.Sprintf(`{"op":"add","path":"members","value":[{"value":%q}]}`, ids.user)), auth("Bearer "+token))
			if after := tt.do("GET", base+"/Groups/"+own, "", auth("Bearer "+token)).body; r.status != 204 || after != before {
				t.Errorf("org %s adds org %s's user to its group: %s\nbefore: %s\nafter: %s", other, owner, r, before, after)
			}
			// Filters and lists find nothing of the other organization.
			for _, f := range []string{
				`id eq "` + ids.user + `"`, `userName eq "` + strings.ToLower(owner) + `@example.com"`, `userName co "@"`,
			} {
				r := tt.must(200, tt.do("GET", base+"/Users?filter="+url.QueryEscape(f), "", auth("Bearer "+token)))
				for i := 0; i < r.len("Resources"); i++ {
					if id := r.str(fmt.Sprintf("Resources.%d.id", i)); id == ids.user || id == ids.user2 {
						t.Errorf("org %s's filter %s found org %s's user %s", other, f, owner, id)
					}
				}
			}
			r = tt.must(200, tt.do("GET", base+"/Groups?filter="+url.QueryEscape(`id eq "`+ids.group+`"`), "", auth("Bearer "+token)))
			if r.num("totalResults") != 0 {
				t.Errorf("org %s found org %s's group: %s", other, owner, r.body)
			}
		}
	}
	// The console of one organization does not reach the other's groups.
	r := tt.do("GET", "/admin/orgs/"+orgB.id+"/groups/"+data["A"]["/scim/v2"].group, "")
	if r.status != 404 {
		t.Errorf("org B's console shows org A's group: %s", r)
	}
	r = tt.do("PUT", "/admin/orgs/"+orgB.id+"/groups/"+data["B"]["/scim/v2"].group+"/members", fmt.Sprintf(`{"members":[%q]}`, data["A"]["/scim/v2"].user))
	if r.status < 400 || r.status >= 500 {
		t.Errorf("org B's console put org A's user in a group: %s", r)
	}
	if a, b := tt.orgSnapshot(orgA), tt.orgSnapshot(orgB); a != beforeA || b != beforeB {
		t.Fatalf("another organization's requests changed the state:\nA before:\n%s\nA after:\n%s\nB before:\n%s\nB after:\n%s", beforeA, a, beforeB, b)
	}
	checkInvariants(t, tt.srv)
}

// A SCIM token never opens the Admin Console API and the admin token never
// opens SCIM; near-misses of every token (prefixes, extensions, other cases,
// other lengths) open nothing.
func TestTokenSeparation(t *testing.T) {
	tt := newTester(t)
	orgB := tt.newOrg("other")
	scimTokens := []string{prodToken, sandboxToken, orgB.prod, orgB.sandbox}
	adminPaths := []struct{ method, path, body string }{
		{"GET", "/admin/orgs/default/users", ""}, {"GET", "/admin/orgs/default/groups", ""},
		{"POST", "/admin/orgs", `{"name":"x"}`}, {"PUT", "/admin/orgs/default/settings", `{"retainDeletedGroups":false}`},
		{"POST", "/admin/orgs/default/folders", `{"name":"f"}`}, {"GET", "/admin/orgs/" + orgB.id + "/settings", ""},
	}
	scimPaths := []struct{ method, path, body string }{
		{"GET", "/scim/v2/Users", ""}, {"GET", "/sandbox/scim/v2/Groups", ""}, {"GET", "/scim/v2/ServiceProviderConfig", ""},
		{"POST", "/scim/v2/Users", userBody("x@example.com", "X", "Y")}, {"POST", "/sandbox/scim/v2/Groups", `{"displayName":"X"}`},
	}
	before := tt.snapshotAll(orgB)
	for _, tok := range scimTokens {
		for _, p := range adminPaths {
			for _, authz := range []string{"Bearer " + tok, tok, "Basic " + basicOf("admin", tok)} {
				r := tt.do(p.method, p.path, p.body, auth(authz))
				if r.status != 401 || r.header.Get("WWW-Authenticate") == "" || !strings.Contains(r.str("error"), "SCIM API token does not open") {
					t.Errorf("SCIM token on %s %s: %s, want 401 saying a SCIM token does not open the console", p.method, p.path, r)
				}
			}
		}
	}
	var nearMisses []string
	for _, tok := range append(scimTokens, adminToken) {
		other := strings.ToUpper(tok)
		if other == tok {
			other = strings.ToLower(tok)
		}
		nearMisses = append(nearMisses, tok[:1], tok[:len(tok)-1], tok+"x", "x"+tok, other,
			tok+"\x00", tok+tok, strings.Repeat("a", len(tok)), strings.Repeat(tok, 100))
	}
	for _, p := range scimPaths {
		r := tt.do(p.method, p.path, p.body, auth("Bearer "+adminToken))
		checkError(t, r, 401, "", "Admin Console token does not open the SCIM API")
		for _, m := range nearMisses {
			r := tt.do(p.method, p.path, p.body, auth("Bearer "+m))
			if r.status != 401 {
				t.Errorf("near-miss %q on %s %s: %s", m, p.method, p.path, r)
			}
			checkError(t, r, 401, "", "not valid")
		}
	}
	for _, p := range adminPaths {
		for _, m := range nearMisses {
			if r := tt.do(p.method, p.path, p.body, auth("Bearer "+m)); r.status != 401 {
				t.Errorf("near-miss token %q on %s %s: %s", m, p.method, p.path, r)
			}
		}
	}
	if after := tt.snapshotAll(orgB); after != before {
		t.Fatalf("refused requests changed the state")
	}
	for _, c := range []struct {
		a, b string
		same bool
	}{{"t", "t", true}, {"t", "tt", false}, {"", "", true}, {"", "t", false}, {"abc", "abd", false}, {prodToken, prodToken, true}} {
		if tokens.Same(c.a, c.b) != c.same {
			t.Errorf("tokens.Same(%q, %q) = %v", c.a, c.b, !c.same)
		}
	}
}

func (tt *tester) snapshotAll(others ...orgTokens) string {
	s := tt.orgSnapshot(orgTokens{DefaultOrg, prodToken, sandboxToken})
	for _, o := range others {
		s += tt.orgSnapshot(o)
	}
	r := tt.must(200, tt.do("GET", "/admin/orgs/default/groups", ""))
	return s + r.body
}

func basicOf(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}

// The console refuses ambiguous and empty credentials as SCIM does.
func TestAdminAuthorizationHeaders(t *testing.T) {
	tt := newTester(t)
	before := tt.snapshotAll()
	for name, set := range map[string]func(*http.Request){
		"two headers": func(r *http.Request) {
			r.Header["Authorization"] = []string{"Bearer " + adminToken, "Bearer " + adminToken}
		},
		"Bearer alone":  func(r *http.Request) { r.Header.Set("Authorization", "Bearer") },
		"Basic garbage": func(r *http.Request) { r.Header.Set("Authorization", "Basic !!!") },
		"admin prefix":  func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+adminToken[:3]) },
	} {
		r := tt.do("POST", "/admin/orgs/default/folders", `{"name":"f"}`, set)
		if r.status != 401 || r.header.Get("WWW-Authenticate") == "" || r.str("error") == "" || r.num("status") != 401 {
			t.Errorf("%s: %s, want 401 with an error body", name, r)
		}
		if name == "two headers" && !strings.Contains(r.str("error"), "exactly one") {
			t.Errorf("two headers: %q does not say to send exactly one", r.str("error"))
		}
	}
	if after := tt.snapshotAll(); after != before {
		t.Fatal("a refused console request changed the state")
	}
}
