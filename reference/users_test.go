package reference

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/store"
)

func TestCreateUserAsOkta(t *testing.T) {
	tt := newTester(t)
	body := strings.Replace(userBody("test.user@okta.local", "Test", "User"), `"displayName":"Test User"`, `"displayName":"Someone Else"`, 1)
	r := tt.must(http.StatusCreated, tt.do("POST", "/scim/v2/Users", body))
	checks := map[string]any{
		"id":                 "id-0001",
		"userName":           "test.user@okta.local",
		"name.givenName":     "Test",
		"name.familyName":    "User",
		"displayName":        "Test User",
		"active":             true,
		"externalId":         "00utest.user",
		"locale":             "en-US",
		"meta.resourceType":  "User",
		"meta.location":      "http://example.com/scim/v2/Users/id-0001",
		"meta.version":       `W/"1"`,
		"meta.created":       "2026-01-02T03:04:05.000Z",
		"meta.lastModified":  "2026-01-02T03:04:05.000Z",
		"schemas.0":          userSchema,
		"emails.0.value":     "test.user@okta.local",
		"emails.0.primary":   true,
		"emails.0.type":      "work",
		"password":           nil,
		"groups.0":           nil,
		"name.formatted":     "Test User",
		"urn:not:there:attr": nil,
	}
	for path, want := range checks {
		if got := r.get(path); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", path, got, want)
		}
	}
	if r.len("emails") != 1 {
		t.Errorf("emails has %d values, want exactly the userName", r.len("emails"))
	}
	if strings.Contains(r.body, "1mz050nq") {
		t.Errorf("the password is returned: %s", r.body)
	}
	for h, want := range map[string]string{
		"Content-Type": "application/scim+json; charset=utf-8",
		"Location":     "http://example.com/scim/v2/Users/id-0001",
		"ETag":         `W/"1"`,
	} {
		if got := r.header.Get(h); got != want {
			t.Errorf("header %s = %q, want %q", h, got, want)
		}
	}
}

func TestCreateUserErrors(t *testing.T) {
	tests := map[string]struct {
		body        string
		contentType string
		status      int
		scimType    string
		detail      string
	}{
		"no userName":          {body: `{"name":{"givenName":"A"}}`, status: 400, scimType: typeInvalidValue, detail: "userName is required"},
		"userName not email":   {body: userBody("jdoe", "J", "Doe"), status: 400, scimType: typeInvalidValue, detail: "not an email"},
		"userName no dot":      {body: userBody("jdoe@localhost", "J", "Doe"), status: 400, scimType: typeInvalidValue, detail: "not an email"},
		"userName with name":   {body: `{"userName":"Jane <jane@example.com>"}`, status: 400, scimType: typeInvalidValue, detail: "not an email"},
		"userName 255 octets":  {body: userBody(addressOf(255), "J", "Doe"), status: 400, scimType: typeInvalidValue, detail: "255 octets long: an email address is at most 254"},
		"userName 20,000":      {body: userBody(strings.Repeat("a", 20_000-12)+"@example.com", "J", "Doe"), status: 400, scimType: typeInvalidValue, detail: "20000 octets long"},
		"duplicate":            {body: userBody("taken@example.com", "A", "B"), status: 409, scimType: typeUniqueness, detail: "already exists"},
		"duplicate other case": {body: userBody("TAKEN@example.com", "A", "B"), status: 409, scimType: typeUniqueness, detail: "already exists"},
		"malformed JSON":       {body: `{"userName":`, status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		"wrong type":           {body: `{"userName":5}`, status: 400, scimType: typeInvalidSyntax, detail: `"userName" must be a string`},
		"active not boolean":   {body: `{"userName":"a@example.com","active":"maybe"}`, status: 400, scimType: typeInvalidValue, detail: "not a boolean"},
		"array body":           {body: `[]`, status: 400, scimType: typeInvalidSyntax, detail: "must be a JSON object"},
		"wrong schema":         {body: `{"schemas":["urn:x"],"userName":"a@example.com"}`, status: 400, scimType: typeInvalidSyntax, detail: "must include"},
		"empty body":           {body: ` `, status: 400, scimType: typeInvalidSyntax, detail: "no body"},
		"text/plain":           {body: userBody("a@example.com", "A", "B"), contentType: "text/plain", status: 415, detail: "not supported"},
		"too large":            {body: `{"userName":"a@example.com","title":"` + strings.Repeat("x", 70<<10) + `"}`, status: 413, detail: "larger than"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tt := newTester(t)
			tt.createUser("taken@example.com")
			var opts []req
			if tc.contentType != "" {
				opts = append(opts, header("Content-Type", tc.contentType))
			}
			r := tt.do("POST", "/scim/v2/Users", tc.body, opts...)
			checkError(t, r, tc.status, tc.scimType, tc.detail)
			if n := len(tt.srv.orgs.Get(DefaultOrg).Envs[store.Production].Users); n != 1 {
				t.Errorf("%d users stored after a refused create, want 1", n)
			}
		})
	}
}

// checkError asserts a SCIM Error answer.
func checkError(t *testing.T, r resp, status int, scimType, detail string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if r.str("schemas.0") != "urn:ietf:params:scim:api:messages:2.0:Error" {
		t.Errorf("not a SCIM Error body: %s", r.body)
	}
	if r.str("status") != itoa(status) {
		t.Errorf("status attribute %#v, want the string %q", r.get("status"), itoa(status))
	}
	if r.str("scimType") != scimType {
		t.Errorf("scimType %q, want %q", r.str("scimType"), scimType)
	}
	if !strings.Contains(r.str("detail"), detail) {
		t.Errorf("detail %q does not say %q", r.str("detail"), detail)
	}
	if ct := r.header.Get("Content-Type"); ct != scimMediaType && ct != plainMediaType {
		t.Errorf("Content-Type %q", ct)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// addressOf is an email address of n octets (65 <= n <= 254+63) that breaks no
// rule of RFC 5321 but the length of the whole: a 64-octet local part and
// labels of at most 63 octets.
func addressOf(n int) string {
	local := strings.Repeat("a", 64)
	rest := n - len(local) - len("@") - len(".com")
	var labels []string
	for rest > 0 {
		l := min(rest, 63)
		if rest > 63 && rest-l < 2 { // keep room for the dot and a label
			l = rest - 2
		}
		labels = append(labels, strings.Repeat("b", l))
		rest -= l + 1
	}
	return local + "@" + strings.Join(append(labels, "com"), ".")
}

// TestUserNameLength: 254 octets is the longest address (RFC 5321), so the
// longest userName; one more is 400 invalidValue in every request that sets a
// userName, and nothing changes.
func TestUserNameLength(t *testing.T) {
	if got := len(addressOf(254)); got != 254 {
		t.Fatalf("addressOf(254) is %d octets", got)
	}
	tt := newTester(t)
	r := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody(addressOf(254), "A", "B")))
	if r.str("userName") != addressOf(254) {
		t.Errorf("userName %q, want the 254-octet address", r.str("userName"))
	}
	// Only with the fault mutable-username do PUT and PATCH set a new userName;
	// they must still refuse one that is no address.
	tt = newTester(t, "mutable-username")
	id := tt.createUser("a@example.com")
	long := addressOf(255)
	for name, r := range map[string]resp{
		"POST":                 tt.do("POST", "/scim/v2/Users", userBody(long, "A", "B")),
		"PUT":                  tt.do("PUT", "/scim/v2/Users/"+id, userBody(long, "A", "B")),
		"PATCH":                tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"userName","value":"`+long+`"}`)),
		"PATCH without a path": tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","value":{"userName":"`+long+`"}}`)),
	} {
		t.Run(name, func(t *testing.T) { checkError(t, r, 400, typeInvalidValue, "255 octets long") })
	}
	if got := tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, "")).str("userName"); got != "a@example.com" {
		t.Errorf("userName %q after refused changes, want a@example.com", got)
	}
	if n := tt.must(200, tt.do("GET", "/scim/v2/Users", "")).num("totalResults"); n != 1 {
		t.Errorf("%v users after refused changes, want 1", n)
	}
	checkInvariants(t, tt.srv)
}

func TestCreateUserMediaTypes(t *testing.T) {
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "application/scim+json", ""} {
		tt := newTester(t)
		r := tt.do("POST", "/scim/v2/Users", userBody("a@example.com", "A", "B"), header("Content-Type", ct))
		if r.status != http.StatusCreated {
			t.Errorf("Content-Type %q: status %d, want 201: %s", ct, r.status, r.body)
		}
	}
}

func TestCreateUserEmailsBecomeUserName(t *testing.T) {
	tt := newTester(t)
	r := tt.must(201, tt.do("POST", "/scim/v2/Users",
		`{"userName":"jane@example.com","emails":[{"value":"other@example.com","primary":true},{"value":"home@example.com","type":"home"}]}`))
	if r.len("emails") != 1 || r.str("emails.0.value") != "jane@example.com" || r.get("emails.0.primary") != true {
		t.Fatalf("emails = %v, want exactly jane@example.com, primary", r.get("emails"))
	}
}

func TestGetUser(t *testing.T) {
	tt := newTester(t)
	id := tt.createUser("jane@example.com")
	r := tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
	if r.str("id") != id || r.header.Get("ETag") != r.str("meta.version") {
		t.Fatalf("GET: %s (ETag %q)", r.body, r.header.Get("ETag"))
	}
	tt.must(http.StatusNotModified, tt.do("GET", "/scim/v2/Users/"+id, "", header("If-None-Match", r.header.Get("ETag"))))
	tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, "", header("If-None-Match", `W/"999"`)))
	checkError(t, tt.do("GET", "/scim/v2/Users/010101001010101011001010101011", ""), 404, "", "not found")
	r = tt.must(200, tt.do("GET", "/scim/v2/Users/"+id+"?attributes=userName", ""))
	if r.str("userName") == "" || r.get("name") != nil || r.get("meta") != nil || r.str("id") != id {
		t.Fatalf("attributes=userName: %s", r.body)
	}
	r = tt.must(200, tt.do("GET", "/scim/v2/Users/"+id+"?excludedAttributes=groups,meta", ""))
	if r.get("groups") != nil || r.get("meta") != nil || r.str("userName") == "" {
		t.Fatalf("excludedAttributes=groups,meta: %s", r.body)
	}
}

func TestPutUser(t *testing.T) {
	tt := newTester(t)
	id := tt.createUser("jane@example.com")
	got := tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
	// Okta's PUT: the GET answer with changes merged in, id and meta included.
	put := func(mutate func(map[string]any), opts ...req) resp {
		var m map[string]any
		if err := jsonUnmarshal(got.body, &m); err != nil {
			t.Fatal(err)
		}
		mutate(m)
		return tt.do("PUT", "/scim/v2/Users/"+id, jsonMarshal(m), opts...)
	}
	r := tt.must(200, put(func(m map[string]any) {
		m["name"] = map[string]any{"givenName": "Janet", "familyName": "Roe"}
		m["displayName"] = "ignored"
		m["title"] = "Engineer"
		m["password"] = "secret"
		delete(m, "externalId")
	}))
	for path, want := range map[string]any{"displayName": "Janet Roe", "name.givenName": "Janet", "title": "Engineer",
		"externalId": "00ujane", "id": id, "userName": "jane@example.com", "password": nil} {
		if g := r.get(path); !reflect.DeepEqual(g, want) {
			t.Errorf("after PUT %s = %#v, want %#v", path, g, want)
		}
	}
	if r.str("meta.version") == got.str("meta.version") {
		t.Errorf("version did not change: %s", r.str("meta.version"))
	}
	// Case-only userName change: no change.
	tt.must(200, put(func(m map[string]any) { m["userName"] = "JANE@example.com" }))
	refused := map[string]struct {
		mutate   func(map[string]any)
		scimType string
	}{
		"userName change": {func(m map[string]any) { m["userName"] = "jane.new@example.com" }, typeMutability},
		"email change": {func(m map[string]any) {
			m["emails"] = []any{map[string]any{"value": "jane.new@example.com", "primary": true}}
		}, typeMutability},
		"no userName": {func(m map[string]any) { delete(m, "userName") }, typeInvalidValue},
	}
	before := tt.do("GET", "/scim/v2/Users/"+id, "").body
	for name, tc := range refused {
		r := put(tc.mutate)
		if r.status != 400 || r.str("scimType") != tc.scimType {
			t.Errorf("%s: %s, want 400 %s", name, r, tc.scimType)
		}
		if after := tt.do("GET", "/scim/v2/Users/"+id, "").body; after != before {
			t.Errorf("%s changed the user:\n%s\n%s", name, before, after)
		}
	}
	checkError(t, tt.do("PUT", "/scim/v2/Users/nope", userBody("x@example.com", "A", "B")), 404, "", "not found")
}

func TestIfMatch(t *testing.T) {
	tt := newTester(t)
	id := tt.createUser("jane@example.com")
	etag := tt.do("GET", "/scim/v2/Users/"+id, "").header.Get("ETag")
	deact := patchBodyOf(`{"op":"replace","value":{"active":false}}`)
	checkError(t, tt.do("PATCH", "/scim/v2/Users/"+id, deact, header("If-Match", `W/"77"`)), 412, "", "has changed")
	if tt.do("GET", "/scim/v2/Users/"+id, "").get("active") != true {
		t.Fatal("a PATCH refused with 412 changed the user")
	}
	tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, deact, header("If-Match", etag)))
	tt.must(412, tt.do("PUT", "/scim/v2/Users/"+id, userBody("jane@example.com", "A", "B"), header("If-Match", etag)))
	tt.must(412, tt.do("DELETE", "/scim/v2/Users/"+id, "", header("If-Match", etag)))
	tt.must(204, tt.do("DELETE", "/scim/v2/Users/"+id, "", header("If-Match", "*")))
}

func TestDeleteUser(t *testing.T) {
	tt := newTester(t)
	a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
	g := tt.createGroup("Eng", a, b)
	r := tt.must(204, tt.do("DELETE", "/scim/v2/Users/"+a, ""))
	if r.body != "" {
		t.Errorf("204 with a body: %q", r.body)
	}
	tt.must(404, tt.do("GET", "/scim/v2/Users/"+a, ""))
	tt.must(404, tt.do("DELETE", "/scim/v2/Users/"+a, ""))
	if m := tt.members(g); !reflect.DeepEqual(m, []string{b}) {
		t.Fatalf("members after deleting a: %v", m)
	}
	tt.must(201, tt.do("POST", "/scim/v2/Users", userBody("a@example.com", "A", "B")))
	checkInvariants(t, tt.srv)
}

// TestSearchAtTheRoot: POST /.search answers as /Users/.search and
// /Groups/.search do (RFC 7644 section 3.4.3 defines all three), not 404.
func TestSearchAtTheRoot(t *testing.T) {
	tt := newTester(t)
	want := tt.must(501, tt.do("POST", "/scim/v2/Users/.search", `{}`))
	for _, path := range []string{"/scim/v2/.search", "/scim/v2/Groups/.search"} {
		r := tt.do("POST", path, `{}`)
		if r.status != want.status || r.body != want.body {
			t.Errorf("POST %s: %s; want %s", path, r, want)
		}
	}
}

func TestMethodsAndRoutes(t *testing.T) {
	tt := newTester(t)
	id := tt.createUser("a@example.com")
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"DELETE", "/scim/v2/Users", 405, "GET, POST"},
		{"PUT", "/scim/v2/Groups", 405, "GET, POST"},
		{"POST", "/scim/v2/Users/" + id, 405, "GET, PUT, PATCH, DELETE"},
		{"POST", "/scim/v2/Users/.search", 501, ""},
		{"POST", "/scim/v2/Groups/.search", 501, ""},
		{"POST", "/scim/v2/.search", 501, ""},
		{"GET", "/scim/v2/.search", 404, ""},
		{"GET", "/scim/v2/Bulk", 501, ""},
		{"GET", "/scim/v2/Nope", 404, ""},
		{"GET", "/scim/v2/Users/a/b", 404, ""},
		{"GET", "/elsewhere", 404, ""},
		{"GET", "/scim/v2/users/" + id, 200, ""},
		{"GET", "/scim/v2/Users/", 200, ""},
		{"HEAD", "/scim/v2/Users", 200, ""},
	}
	for _, tc := range tests {
		r := tt.do(tc.method, tc.path, "")
		if r.status != tc.status || r.header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d Allow %q, want %d Allow %q: %s", tc.method, tc.path, r.status, r.header.Get("Allow"), tc.status, tc.allow, r.body)
		}
		if r.status >= 400 && r.str("schemas.0") != "urn:ietf:params:scim:api:messages:2.0:Error" {
			t.Errorf("%s %s: not a SCIM error body: %s", tc.method, tc.path, r.body)
		}
	}
}

// Okta's create body (locale, emails, password, displayName) stores a user
// without the rarely set attributes' struct: the typical user stays small
// (BenchmarkListDeepPage and the others report bytes/user).
func TestOktaUserIsCompact(t *testing.T) {
	tt := newTester(t)
	id := tt.createUser("jane@example.com")
	e := tt.srv.orgs.Get(DefaultOrg).Envs[store.Production]
	e.RLock()
	u := e.Users[id]
	locale, x := u.Locale, u.Extra
	e.RUnlock()
	if locale != "en-US" || x != nil {
		t.Fatalf("locale %q, extra %+v; want en-US on the user and no extra", locale, x)
	}
	r := tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"locale","value":"fr-FR"}`)))
	if r.str("locale") != "fr-FR" || tt.must(200, tt.do("GET", "/scim/v2/Users?filter=locale%20eq%20%22fr-fr%22", "")).num("totalResults") != 1 {
		t.Fatalf("locale after PATCH: %s", r.body)
	}
	r = tt.must(200, tt.do("PUT", "/scim/v2/Users/"+id, `{"userName":"jane@example.com"}`))
	if r.get("locale") != nil {
		t.Fatalf("a PUT without locale keeps it: %s", r.body)
	}
}
