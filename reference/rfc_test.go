package reference

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// The rules of RFC 7643 and 7644 that plain mode keeps exactly, and Zinc
// mode where they are no Zinc rule (issue 20), rule by rule.

// newModeTester is newTester with the server in mode.
func newModeTester(t *testing.T, mode string) *tester {
	t.Helper()
	tt := newTester(t)
	srv, err := New(Config{Token: prodToken, AdminToken: adminToken, Mode: mode,
		NewID: func() string { return fmt.Sprintf("id-%04d", tt.ids.Add(1)) }})
	if err != nil {
		t.Fatal(err)
	}
	tt.srv = srv
	return tt
}

const plainUser = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"carol","displayName":"CJ",
	"emails":[{"value":"carol@work.example","type":"work","primary":true},{"value":"carol@home.example","type":"home"}],
	"phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true},{"value":"+1 555 0101","type":"home"}]}`

// typedOf reads emails or phoneNumbers as "type=value*" (the star marks the
// primary), in order.
func typedOf(r resp, attr string) string {
	var out []string
	for i := range r.len(attr) {
		v := fmt.Sprintf("%s=%s", r.str(fmt.Sprintf("%s.%d.type", attr, i)), r.str(fmt.Sprintf("%s.%d.value", attr, i)))
		if r.get(fmt.Sprintf("%s.%d.primary", attr, i)) == true {
			v += "*"
		}
		out = append(out, v)
	}
	return strings.Join(out, " ")
}

// TestPlainMultiValued: value filters, one primary, no repeated (type,
// value), and nothing invented, for emails and phoneNumbers in plain mode
// (RFC 7643 section 2.4, RFC 7644 section 3.5.2).
func TestPlainMultiValued(t *testing.T) {
	tests := map[string]struct {
		ops          []string
		status       int
		attr, want   string // attr's values after the PATCH
		wantScimType string
	}{
		"replace a filtered email's value": {[]string{`{"op":"replace","path":"emails[type eq \"home\"].value","value":"c@new.example"}`}, 200,
			"emails", "work=carol@work.example* home=c@new.example", ""},
		"replace with a filter that matches nothing is noTarget": {[]string{`{"op":"replace","path":"emails[type eq \"nonexistent\"].value","value":"x@example.com"}`}, 400,
			"emails", "work=carol@work.example* home=carol@home.example", typeNoTarget},
		"remove a filtered email": {[]string{`{"op":"remove","path":"emails[type eq \"home\"]"}`}, 200,
			"emails", "work=carol@work.example*", ""},
		"remove with a filter that matches nothing": {[]string{`{"op":"remove","path":"emails[type eq \"other\"]"}`}, 200,
			"emails", "work=carol@work.example* home=carol@home.example", ""},
		"a new primary clears the old": {[]string{`{"op":"add","path":"emails","value":[{"value":"c@x.example","type":"other","primary":true}]}`}, 200,
			"emails", "work=carol@work.example home=carol@home.example other=c@x.example*", ""},
		"primary moved by a filter": {[]string{`{"op":"replace","path":"emails[type eq \"home\"].primary","value":true}`}, 200,
			"emails", "work=carol@work.example home=carol@home.example*", ""},
		"two primaries in one value": {[]string{`{"op":"add","path":"emails","value":[{"value":"a@x.example","primary":true},{"value":"b@x.example","primary":true}]}`}, 400,
			"emails", "work=carol@work.example* home=carol@home.example", typeInvalidValue},
		"a repeated (type, value) is kept once": {[]string{`{"op":"add","path":"emails","value":[{"value":"CAROL@home.example","type":"home"}]}`}, 200,
			"emails", "work=carol@work.example* home=carol@home.example", ""},
		"replace a filtered phone number's value": {[]string{`{"op":"replace","path":"phoneNumbers[type eq \"work\"].value","value":"+1 555 0199"}`}, 200,
			"phoneNumbers", "work=+1 555 0199* home=+1 555 0101", ""},
		"a phone number made primary clears the old": {[]string{`{"op":"replace","path":"phoneNumbers[value eq \"+1 555 0101\"].primary","value":true}`}, 200,
			"phoneNumbers", "work=+1 555 0100 home=+1 555 0101*", ""},
		"remove emails leaves none": {[]string{`{"op":"remove","path":"emails"}`}, 200, "emails", "", ""},
		"replace a filtered email with sub-attributes": {[]string{`{"op":"replace","path":"emails[type eq \"home\"]","value":[{"value":"c@h.example","primary":true}]}`}, 200,
			"emails", "work=carol@work.example home=c@h.example*", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tt := newModeTester(t, ModePlain)
			id := tt.must(201, tt.do("POST", "/scim/v2/Users", plainUser)).str("id")
			before := tt.do("GET", "/scim/v2/Users/"+id, "")
			r := tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(tc.ops...))
			if r.status != tc.status || tc.wantScimType != "" && r.str("scimType") != tc.wantScimType {
				t.Fatalf("PATCH: %s, want %d %s", r, tc.status, tc.wantScimType)
			}
			after := tt.do("GET", "/scim/v2/Users/"+id, "")
			if got := typedOf(after, tc.attr); got != tc.want {
				t.Errorf("%s: %q, want %q", tc.attr, got, tc.want)
			}
			if r.status >= 400 && after.body != before.body {
				t.Errorf("a refused PATCH changed the user:\n%s\n%s", before.body, after.body)
			}
		})
	}
}

// TestPlainCreate: POST keeps emails and displayName as sent, invents
// neither, refuses two primaries and keeps a repeated (type, value) once.
func TestPlainCreate(t *testing.T) {
	tt := newModeTester(t, ModePlain)
	r := tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"dave"}`))
	if r.get("emails") != nil || r.get("displayName") != nil {
		t.Errorf("a user created with no emails and no displayName: %s, want neither invented", r)
	}
	r = tt.do("POST", "/scim/v2/Users", `{"userName":"erin","emails":[{"value":"a@x.example","primary":true},{"value":"b@x.example","primary":true}]}`)
	checkError(t, r, 400, typeInvalidValue, "at most one may be primary")
	r = tt.do("POST", "/scim/v2/Users", `{"userName":"erin","phoneNumbers":[{"value":"1","primary":true},{"value":"2","primary":true}]}`)
	checkError(t, r, 400, typeInvalidValue, "at most one may be primary")
	r = tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"erin","emails":[{"value":"a@x.example","type":"work"},{"value":"A@x.example","type":"WORK","primary":true}]}`))
	if got := typedOf(r, "emails"); got != "work=a@x.example*" {
		t.Errorf("a repeated (type, value): %q, want it once, primary", got)
	}
	id := tt.must(201, tt.do("POST", "/scim/v2/Users", plainUser)).str("id")
	r = tt.must(200, tt.do("PUT", "/scim/v2/Users/"+id, `{"userName":"carol"}`))
	if r.get("emails") != nil || r.get("displayName") != nil || r.get("phoneNumbers") != nil {
		t.Errorf("a PUT without emails, displayName and phoneNumbers: %s, want them cleared", r)
	}
}

// TestRemoveAttributes: PATCH remove of displayName and active. Plain mode
// leaves both unassigned (RFC 7644 section 3.5.2.2): not shown, the user
// still active; Zinc derives displayName (ZN-19) and reads a removed active
// as false (ZN-03).
func TestRemoveAttributes(t *testing.T) {
	for _, tc := range []struct {
		mode          string
		display       any
		active        any
		stillInGroups bool
	}{
		{ModePlain, nil, nil, true},
		{ModeZinc, "Carol Jones", false, false},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			tt := newModeTester(t, tc.mode)
			id := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("carol@example.com", "Carol", "Jones"))).str("id")
			g := tt.createGroup("Eng", id)
			r := tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"remove","path":"displayName"}`, `{"op":"remove","path":"active"}`)))
			if r.get("displayName") != tc.display || r.get("active") != tc.active {
				t.Errorf("after remove: displayName %v, active %v; want %v, %v", r.get("displayName"), r.get("active"), tc.display, tc.active)
			}
			if n := tt.do("GET", "/scim/v2/Groups/"+g, "").len("members"); (n == 1) != tc.stillInGroups {
				t.Errorf("%d members after removing active", n)
			}
			r = tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"active","value":true}`)))
			if r.get("active") != true {
				t.Errorf("active set again: %v", r.get("active"))
			}
		})
	}
}

// TestZincEmailFilters: Zinc's one email (the userName) under value filters:
// a filter that matches nothing is noTarget, the email cannot go, its value
// cannot change.
func TestZincEmailFilters(t *testing.T) {
	for name, tc := range map[string]struct {
		op       string
		status   int
		scimType string
	}{
		"replace, no match":    {`{"op":"replace","path":"emails[type eq \"nonexistent\"].value","value":"x@example.com"}`, 400, typeNoTarget},
		"replace, same value":  {`{"op":"replace","path":"emails[type eq \"work\"].value","value":"A@example.com"}`, 200, ""},
		"replace, new value":   {`{"op":"replace","path":"emails[type eq \"work\"].value","value":"b@example.com"}`, 400, typeMutability},
		"remove, no match":     {`{"op":"remove","path":"emails[type eq \"home\"]"}`, 200, ""},
		"remove the one email": {`{"op":"remove","path":"emails[type eq \"work\"]"}`, 400, typeMutability},
		"phone, no match":      {`{"op":"replace","path":"phoneNumbers[type eq \"work\"].value","value":"1"}`, 400, typeNoTarget},
	} {
		t.Run(name, func(t *testing.T) {
			tt := newTester(t)
			id := tt.createUser("a@example.com")
			r := tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(tc.op))
			if r.status != tc.status || r.str("scimType") != tc.scimType {
				t.Fatalf("%s, want %d %s", r, tc.status, tc.scimType)
			}
			if got := typedOf(tt.do("GET", "/scim/v2/Users/"+id, ""), "emails"); got != "work=a@example.com*" {
				t.Errorf("emails %q, want Zinc's one", got)
			}
		})
	}
	tt := newTester(t)
	r := tt.do("POST", "/scim/v2/Users", `{"userName":"b@example.com","phoneNumbers":[{"value":"1","primary":true},{"value":"2","primary":true}]}`)
	checkError(t, r, 400, typeInvalidValue, "at most one may be primary")
	id := tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"b@example.com","phoneNumbers":[{"value":"1","type":"work","primary":true},{"value":"1","type":"Work"}]}`)).str("id")
	r = tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"add","path":"phoneNumbers","value":{"value":"2","type":"home","primary":true}}`)))
	if got := typedOf(r, "phoneNumbers"); got != "work=1 home=2*" {
		t.Errorf("phoneNumbers %q, want one work (repeat dropped) and the new primary", got)
	}
}

// TestUnknownMembers: a group change naming one known and one unknown member
// id (Okta's stale ids, fleetdm/fleet#52600). Plain mode refuses it whole
// (RFC 7644 section 3.5.2: a PATCH is atomic); Zinc adds the known member and
// skips the unknown id, as it skips a deactivated user: Okta does not retry a
// failed push.
func TestUnknownMembers(t *testing.T) {
	for _, mode := range []string{ModePlain, ModeZinc} {
		t.Run(mode, func(t *testing.T) {
			tt := newModeTester(t, mode)
			a := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("a@example.com", "A", "A"))).str("id")
			b := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("b@example.com", "B", "B"))).str("id")
			g := tt.createGroup("Eng", a)
			before := tt.do("GET", "/scim/v2/Groups/"+g, "").body
			changes := []struct{ method, path, body string }{
				{"PATCH", "/scim/v2/Groups/" + g, patchBodyOf(`{"op":"add","path":"members","value":[{"value":"` + b + `"},{"value":"gone"}]}`)},
				{"PATCH", "/scim/v2/Groups/" + g, patchBodyOf(`{"op":"replace","path":"members","value":[{"value":"` + a + `"},{"value":"` + b + `"},{"value":"../` + a + `"}]}`)},
				{"PUT", "/scim/v2/Groups/" + g, `{"displayName":"Eng","members":[{"value":"` + a + `"},{"value":"` + b + `"},{"value":"gone"}]}`},
				{"POST", "/scim/v2/Groups", `{"displayName":"Ops","members":[{"value":"` + b + `"},{"value":"gone"}]}`},
			}
			for _, c := range changes {
				r := tt.do(c.method, c.path, c.body)
				if mode == ModePlain {
					checkError(t, r, 400, typeInvalidValue, "nothing of this request was applied")
					continue
				}
				if r.status >= 300 {
					t.Errorf("%s %s: %s, want the known members taken", c.method, c.path, r)
				}
			}
			after := tt.do("GET", "/scim/v2/Groups/"+g, "")
			switch mode {
			case ModePlain:
				if after.body != before {
					t.Errorf("refused changes changed the group:\n%s\n%s", before, after.body)
				}
			default:
				if got := strings.Join(tt.members(g), ","); got != a+","+b {
					t.Errorf("members %s, want %s,%s", got, a, b)
				}
			}
			checkInvariants(t, tt.srv)
		})
	}
}

// TestSchemasTellTheMode: /Schemas describes the rules the mode keeps, and
// every singular attribute's mutability is what a PATCH of it meets: a
// readWrite value is kept, an immutable one refused, a readOnly one not
// taken.
func TestSchemasTellTheMode(t *testing.T) {
	for _, tc := range []struct {
		mode                         string
		userName, displayName, email string
	}{
		{ModeZinc, "immutable", "readOnly", "readOnly"},
		{ModePlain, "readWrite", "readWrite", "readWrite"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			tt := newModeTester(t, tc.mode)
			s := tt.must(200, tt.do("GET", "/scim/v2/Schemas/"+userSchema, ""))
			for attr, want := range map[string]string{"userName": tc.userName, "displayName": tc.displayName, "emails": tc.email} {
				if got := schemaAttrOf(s, attr)["mutability"]; got != want {
					t.Errorf("%s: mutability %v, want %s", attr, got, want)
				}
			}
			if tc.mode == ModePlain {
				for _, p := range []string{"/scim/v2/ServiceProviderConfig", "/scim/v2/ResourceTypes/User", "/scim/v2/ResourceTypes/Group", "/scim/v2/Schemas/" + groupSchema} {
					if r := tt.must(200, tt.do("GET", p, "")); strings.Contains(r.body, "Zinc") {
						t.Errorf("plain mode's %s speaks of Zinc: %s", p, r.body)
					}
				}
			}
			attrs, _ := s.get("attributes").([]any)
			for _, a := range attrs {
				def := a.(map[string]any)
				name, _ := def["name"].(string)
				if def["type"] != "string" || def["multiValued"] == true {
					continue
				}
				id := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("u-"+strings.ToLower(name)+"@example.com", "U", "V"))).str("id")
				value := "probe-" + strings.ToLower(name) + "@example.com"
				r := tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"`+name+`","value":"`+value+`"}`))
				got := tt.do("GET", "/scim/v2/Users/"+id, "").str(name)
				switch def["mutability"] {
				case "readWrite":
					if r.status != 200 || got != value {
						t.Errorf("%s is readWrite, but a PATCH of it: %s; then %q", name, r, got)
					}
				case "immutable":
					if r.status != 400 || r.str("scimType") != typeMutability {
						t.Errorf("%s is immutable, but a PATCH of it: %s", name, r)
					}
				case "readOnly":
					if got == value {
						t.Errorf("%s is readOnly, but a PATCH set it: %s", name, r)
					}
				}
			}
		})
	}
}

// TestPostSearch: POST /Users/.search and /Groups/.search answer as the GET
// of the same query in plain mode (RFC 7644 section 3.4.3); Zinc answers
// 501 (the root /.search: TestRootSearch).
func TestPostSearch(t *testing.T) {
	const search = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \"carol\"","attributes":["userName"],"startIndex":1,"count":10}`
	tt := newModeTester(t, ModePlain)
	tt.must(201, tt.do("POST", "/scim/v2/Users", plainUser))
	tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"dave"}`))
	r := tt.must(200, tt.do("POST", "/scim/v2/Users/.search", search))
	if r.num("totalResults") != 1 || r.str("Resources.0.userName") != "carol" || r.get("Resources.0.emails") != nil {
		t.Errorf("POST /Users/.search: %s", r)
	}
	if r := tt.must(200, tt.do("POST", "/scim/v2/Groups/.search", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}`)); r.num("totalResults") != 0 {
		t.Errorf("POST /Groups/.search: %s", r)
	}
	checkError(t, tt.do("POST", "/scim/v2/Users/.search", `{"schemas":["urn:x"]}`), 400, typeInvalidSyntax, "must include")
	checkError(t, tt.do("POST", "/scim/v2/Users/.search", `{"count":"many"}`), 400, typeInvalidValue, "count")
	checkError(t, tt.do("POST", "/scim/v2/Users/.search", `{"filter":"userName eq"}`), 400, typeInvalidFilter, "")
	zinc := newModeTester(t, ModeZinc)
	checkError(t, zinc.do("POST", "/scim/v2/Users/.search", search), 501, "", "not supported")
}

// TestFilterOnUnassignedActive: a filter reads an active that a PATCH removed
// as unassigned in plain mode (RFC 7644 section 3.4.2.2: no value matches eq,
// and pr is false), not as the user's last state; Zinc reads it as false
// (ZN-03).
func TestFilterOnUnassignedActive(t *testing.T) {
	filters := []string{`active eq true`, `active eq false`, `active pr`, `not (active pr)`, `userName eq "carol@example.com" and active eq true`}
	for _, tc := range []struct {
		mode string
		want []float64 // totalResults of each filter, with the user's active removed
	}{
		{ModePlain, []float64{0, 0, 0, 1, 0}},
		{ModeZinc, []float64{0, 1, 1, 0, 0}},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			tt := newModeTester(t, tc.mode)
			id := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("carol@example.com", "Carol", "Jones"))).str("id")
			for i, f := range filters {
				if n := tt.must(200, tt.do("GET", "/scim/v2/Users?filter="+url.QueryEscape(f), "")).num("totalResults"); n != []float64{1, 0, 1, 0, 1}[i] {
					t.Errorf("before the remove, %s matched %v users, want %v", f, n, []float64{1, 0, 1, 0, 1}[i])
				}
			}
			tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"remove","path":"active"}`)))
			for i, f := range filters {
				if n := tt.must(200, tt.do("GET", "/scim/v2/Users?filter="+url.QueryEscape(f), "")).num("totalResults"); n != tc.want[i] {
					t.Errorf("after the remove, %s matched %v users, want %v", f, n, tc.want[i])
				}
			}
			tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"active","value":true}`)))
			if n := tt.must(200, tt.do("GET", "/scim/v2/Users?filter="+url.QueryEscape(`active eq true`), "")).num("totalResults"); n != 1 {
				t.Errorf("active set again: active eq true matched %v users, want 1", n)
			}
		})
	}
}

// TestRootSearch: plain mode answers a query of the server root, POST
// /.search and GET /, with the users and the groups the filter selects (RFC
// 7644 sections 3.4.2, 3.4.3); an attribute one type lacks has no value
// there. Zinc mode answers 501, as Okta never searches so.
func TestRootSearch(t *testing.T) {
	tt := newModeTester(t, ModePlain)
	uid := tt.must(201, tt.do("POST", "/scim/v2/Users", plainUser)).str("id")
	gid := tt.createGroup("Eng", uid)
	search := func(body string) string {
		r := tt.must(200, tt.do("POST", "/scim/v2/.search", body))
		var ids []string
		for i := range r.len("Resources") {
			ids = append(ids, r.str(fmt.Sprintf("Resources.%d.id", i)))
		}
		return fmt.Sprintf("%v of %v", ids, r.num("totalResults"))
	}
	for body, want := range map[string]string{
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}`:                                              fmt.Sprintf("[%s %s] of 2", uid, gid),
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \"carol\""}`:             fmt.Sprintf("[%s] of 1", uid),
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName eq \"Eng\""}`:            fmt.Sprintf("[%s] of 1", gid),
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"meta.resourceType eq \"Group\""}`:    fmt.Sprintf("[%s] of 1", gid),
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"not (userName pr)"}`:                 fmt.Sprintf("[%s] of 1", gid),
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"members[value eq \"` + uid + `\"]"}`: fmt.Sprintf("[%s] of 1", gid),
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"emails.type eq \"home\""}`:           fmt.Sprintf("[%s] of 1", uid),
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"nickName pr"}`:                       "[] of 0",
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"startIndex":2,"count":1}`:                     fmt.Sprintf("[%s] of 2", gid),
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":0}`:                                    "[] of 2",
	} {
		if got := search(body); got != want {
			t.Errorf("POST /.search %s: %s, want %s", body, got, want)
		}
	}
	r := tt.must(200, tt.do("POST", "/scim/v2/.search", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"attributes":["displayName"]}`))
	if r.str("Resources.0.displayName") != "CJ" || r.get("Resources.0.emails") != nil || r.str("Resources.1.displayName") != "Eng" || r.get("Resources.1.members") != nil {
		t.Errorf("attributes=displayName: %s", r.body)
	}
	if r := tt.must(200, tt.do("GET", "/scim/v2?filter="+url.QueryEscape(`displayName eq "Eng"`), "")); r.num("totalResults") != 1 || r.str("Resources.0.id") != gid {
		t.Errorf("GET / with a filter: %s", r.body)
	}
	checkError(t, tt.do("POST", "/scim/v2/.search", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"active eq \"yes\""}`), 400, typeInvalidFilter, "boolean")
	checkError(t, tt.do("POST", "/scim/v2/.search", `{"filter":"userName eq"}`), 400, typeInvalidFilter, "")
	checkError(t, tt.do("POST", "/scim/v2/.search", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}`), 400, typeInvalidSyntax, "")

	zt := newModeTester(t, ModeZinc)
	checkError(t, zt.do("POST", "/scim/v2/.search", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}`), 501, "", "not supported")
	checkError(t, zt.do("GET", "/scim/v2", ""), 404, "", "no SCIM endpoint")
}

// TestPlainMediaType: plain mode's bodies are application/scim+json with no
// parameter, as RFC 7644 section 8.1 registers the type ("Optional
// parameters: none"); Zinc mode keeps the charset parameter.
func TestPlainMediaType(t *testing.T) {
	for mode, want := range map[string]string{ModePlain: "application/scim+json", ModeZinc: "application/scim+json; charset=utf-8"} {
		t.Run(mode, func(t *testing.T) {
			tt := newModeTester(t, mode)
			id := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("carol@example.com", "Carol", "Jones"))).str("id")
			for _, r := range []resp{
				tt.do("GET", "/scim/v2/Users/"+id, ""),
				tt.do("GET", "/scim/v2/Users?filter="+url.QueryEscape(`userName eq "carol@example.com"`), ""),
				tt.do("GET", "/scim/v2/ServiceProviderConfig", ""),
				tt.do("GET", "/scim/v2/Users/nobody", ""),
			} {
				if ct := r.header.Get("Content-Type"); ct != want {
					t.Errorf("%d answer: Content-Type %q, want %q", r.status, ct, want)
				}
			}
		})
	}
}

// TestMissingUserNameSaysWhatToSend: the error of a POST or PUT without a
// userName says what a userName is in the mode: an email address in Zinc
// (ZN-18), any unique string in plain mode (which asks for no email).
func TestMissingUserNameSaysWhatToSend(t *testing.T) {
	for mode, want := range map[string]string{ModePlain: "unique identifier (any string)", ModeZinc: "email address"} {
		t.Run(mode, func(t *testing.T) {
			tt := newModeTester(t, mode)
			checkError(t, tt.do("POST", "/scim/v2/Users", `{"displayName":"Carol"}`), 400, typeInvalidValue, "userName is required: send the user's "+want)
			id := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("carol@example.com", "Carol", "Jones"))).str("id")
			checkError(t, tt.do("PUT", "/scim/v2/Users/"+id, `{"displayName":"Carol"}`), 400, typeInvalidValue, "userName is required in a PUT: send the user's "+want)
		})
	}
}
