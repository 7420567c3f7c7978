package reference

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// Okta's request bodies (docs/okta-protocol.md) and the shapes
// other clients send, as seeds.
var (
	userSeeds = []string{
		userBody("test.user@okta.local", "Test", "User"),
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jane.doe@example.com","name":{"givenName":"Jane","familyName":"Doe","middleName":"Q"},"emails":[{"primary":true,"value":"jane.doe@example.com","type":"work","display":"jane"}],"active":true,"groups":[],"meta":{"resourceType":"User"},"locale":"en_US","password":"TkdFNVdIVkxhM2c9"}`,
		`{"userName":"a@example.com","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D","manager":{"value":"x"}},"phoneNumbers":[{"value":"415.123.4567","type":"work","primary":"true"}]}`,
		`{"username":"A@EXAMPLE.COM","ACTIVE":"False","name":null,"emails":null}`,
		`{"userName":"a@example.com","name":{"givenName":"\u00e9\u2028","familyName":"\"quoted\""}}`,
		`{"userName":5}`, `[]`, `null`, `{"userName":"not an email"}`,
	}
	userPatchSeeds = []string{
		patchBodyOf(`{"op":"replace","value":{"active":false}}`),
		patchBodyOf(`{"op":"replace","value":{"active":true}}`),
		patchBodyOf(`{"op":"replace","value":{"password":"n3w"}}`),
		patchBodyOf(`{"op":"replace","path":"active","value":"False"}`),
		patchBodyOf(`{"op":"replace","path":"userName","value":"other@example.com"}`),
		patchBodyOf(`{"op":"replace","path":"emails[type eq \"work\"].value","value":"a@example.com"}`),
		patchBodyOf(`{"op":"add","path":"name.givenName","value":"Z"}`, `{"op":"remove","path":"name.familyName"}`),
		patchBodyOf(`{"op":"replace","value":{"name":{"familyName":"Roe"},"title":"CTO","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"division":"d"}}}`),
		patchBodyOf(`{"op":"remove","path":"phoneNumbers[type eq \"home\"]"}`),
		`{"Operations":[{"op":"replace","value":[]}]}`, `{"Operations":{}}`, `{}`,
	}
	groupPatchSeeds = []string{
		patchBodyOf(`{"op":"remove","path":"members[value eq \"id-0001\"]"}`, `{"op":"add","path":"members","value":[{"value":"id-0003","display":"c@example.com"}]}`),
		patchBodyOf(`{"op":"replace","value":{"id":"id-0004","displayName":"Test SCIMv2"}}`),
		patchBodyOf(`{"op":"replace","path":"members","value":[{"value":"id-0002"}]}`),
		patchBodyOf(`{"op":"remove","path":"members[value eq \"id-0001\" or value eq \"id-0002\"]"}`),
		patchBodyOf(`{"op":"remove","path":"members[display co \"Given\"]"}`),
		patchBodyOf(`{"op":"remove","path":"members"}`),
		patchBodyOf(`{"op":"add","path":"members","value":{"value":"id-0003"}}`),
		patchBodyOf(`{"op":"replace","path":"displayName","value":"Other"}`),
	}
	filterSeeds = []string{
		`userName eq "test.user@okta.local"`, `userName eq "ABCDEFGH@atko.com"`, `displayName eq "Test SCIMv2"`,
		`emails[type eq "work" and value co "@"]`, `meta.lastModified gt "2011-05-13T04:42:34Z"`,
		`not (active eq true) or title pr`, `name.givenName sw "J" and (userName ew ".com" or externalId eq "00u1")`,
		`groups[value eq "x"]`, `userName eq "caf\u00e9"`, `id eq "` + strings.Repeat("a", 40) + `"`,
	}
)

// fuzzServer is a server with two users in a group, ids id-0001…id-0004.
func fuzzServer(t *testing.T) *tester {
	tt := newTester(t)
	a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
	tt.createUser("c@example.com")
	tt.createGroup("Eng", a, b)
	tt.createGroup("Other")
	return tt
}

func checkServerAnswer(t *testing.T, r resp) {
	t.Helper()
	if r.status >= 500 {
		t.Fatalf("server error: %s", r)
	}
	if r.body != "" && !json.Valid([]byte(r.body)) {
		t.Fatalf("answer is not JSON: %s", r)
	}
	if r.status >= 400 && (r.str("detail") == "" || r.str("status") == "") {
		t.Fatalf("error without detail or status: %s", r)
	}
}

// checkZincUser asserts ZN-17, ZN-18 and ZN-19 on a User answer.
func checkZincUser(t *testing.T, r resp, userName string) {
	t.Helper()
	if userName != "" && r.str("userName") != userName {
		t.Fatalf("userName %q, want %q: %s", r.str("userName"), userName, r.body)
	}
	if !isEmail(r.str("userName")) {
		t.Fatalf("userName %q is not an email", r.str("userName"))
	}
	if r.len("emails") != 1 || r.str("emails.0.value") != r.str("userName") || r.get("emails.0.primary") != true {
		t.Fatalf("emails %v, want exactly the userName, primary", r.get("emails"))
	}
	if got, want := r.str("displayName"), store.JoinName(r.str("name.givenName"), r.str("name.familyName")); got != want {
		t.Fatalf("displayName %q, want %q", got, want)
	}
	if r.get("password") != nil {
		t.Fatalf("password returned: %s", r.body)
	}
}

func FuzzCreateUser(f *testing.F) {
	for _, s := range userSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		tt := fuzzServer(t)
		before := tt.do("GET", "/scim/v2/Users?count=100", "")
		r := tt.do("POST", "/scim/v2/Users", body)
		checkServerAnswer(t, r)
		switch {
		case r.status == 201:
			checkZincUser(t, r, "")
			if g := tt.do("GET", "/scim/v2/Users/"+r.str("id"), ""); g.body != r.body {
				t.Fatalf("GET differs from the create answer:\n%s\n%s", r.body, g.body)
			}
		case r.status >= 400:
			if after := tt.do("GET", "/scim/v2/Users?count=100", ""); after.body != before.body {
				t.Fatalf("a refused create (%s) changed the users:\nbefore %s\nafter  %s", r, before.body, after.body)
			}
		default:
			t.Fatalf("user create: %s", r)
		}
		checkInvariants(t, tt.srv)
	})
}

func FuzzCreateGroup(f *testing.F) {
	for _, s := range groupSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		tt := fuzzServer(t)
		before := tt.do("GET", "/scim/v2/Groups?count=100", "")
		r := tt.do("POST", "/scim/v2/Groups", body)
		checkServerAnswer(t, r)
		switch {
		case r.status == 201:
			if g := tt.do("GET", "/scim/v2/Groups/"+r.str("id"), ""); g.body != r.body {
				t.Fatalf("GET differs from the create answer:\n%s\n%s", r.body, g.body)
			}
			if r.str("displayName") == "" {
				t.Fatalf("a group without displayName: %s", r.body)
			}
		case r.status >= 400:
			if after := tt.do("GET", "/scim/v2/Groups?count=100", ""); after.body != before.body {
				t.Fatalf("a refused create (%s) changed the groups", r)
			}
		default:
			t.Fatalf("group create: %s", r)
		}
		checkInvariants(t, tt.srv)
	})
}

func FuzzPatchUser(f *testing.F) {
	for _, s := range userPatchSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		tt := fuzzServer(t)
		before := tt.do("GET", "/scim/v2/Users/id-0001", "")
		r := tt.do("PATCH", "/scim/v2/Users/id-0001", body)
		checkServerAnswer(t, r)
		switch {
		case r.status == 200:
			checkZincUser(t, r, "a@example.com")
			if r.get("active") == false && r.len("groups") != 0 {
				t.Fatalf("a deactivated user is in groups: %s", r.body)
			}
		case r.status >= 400:
			if after := tt.do("GET", "/scim/v2/Users/id-0001", ""); after.body != before.body {
				t.Fatalf("a refused PATCH (%s) changed the user", r)
			}
		}
		checkInvariants(t, tt.srv)
	})
}

func FuzzPatchGroup(f *testing.F) {
	for _, s := range groupPatchSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		tt := fuzzServer(t)
		before := tt.do("GET", "/scim/v2/Groups/id-0004", "")
		r := tt.do("PATCH", "/scim/v2/Groups/id-0004", body)
		checkServerAnswer(t, r)
		if r.status >= 400 {
			if after := tt.do("GET", "/scim/v2/Groups/id-0004", ""); after.body != before.body {
				t.Fatalf("a refused PATCH (%s) changed the group", r)
			}
		} else if r.status != 204 {
			t.Fatalf("group PATCH without attributes: %s, want 204", r)
		}
		checkInvariants(t, tt.srv)
	})
}

func FuzzFilter(f *testing.F) {
	for _, s := range filterSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, filter string) {
		tt := fuzzServer(t)
		for _, p := range []string{"/scim/v2/Users", "/scim/v2/Groups"} {
			r := tt.do("GET", p+"?filter="+url.QueryEscape(filter), "")
			checkServerAnswer(t, r)
			switch r.status {
			case 200:
				if int(r.num("totalResults")) != r.len("Resources") {
					t.Fatalf("totalResults %v with %d resources", r.get("totalResults"), r.len("Resources"))
				}
			case 400:
				if r.str("scimType") != typeInvalidFilter {
					t.Fatalf("400 with scimType %q: %s", r.str("scimType"), r.body)
				}
			default:
				t.Fatalf("filter %q: %s", filter, r)
			}
		}
	})
}
