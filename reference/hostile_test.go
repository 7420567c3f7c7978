package reference

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// hostileServer is a server with users a (id-0001, a member of Eng) and b
// (id-0002), the group Eng (id-0003), and one Sandbox user (id-0004).
func hostileServer(t *testing.T) *tester {
	t.Helper()
	tt := newTester(t)
	a := tt.createUser("a@example.com")
	tt.createUser("b@example.com")
	tt.createGroup("Eng", a)
	tt.must(201, tt.do("POST", "/sandbox/scim/v2/Users", userBody("s@example.com", "S", "Box"), auth("Bearer "+sandboxToken)))
	return tt
}

// snapshot reads everything a client or the console can see, in both
// environments; meta.version and lastModified make any write show.
func (tt *tester) snapshot() string {
	tt.t.Helper()
	var b strings.Builder
	for _, p := range []struct{ path, authz string }{
		{"/scim/v2/Users?count=100", "Bearer " + prodToken},
		{"/scim/v2/Groups?count=100", "Bearer " + prodToken},
		{"/sandbox/scim/v2/Users?count=100", "Bearer " + sandboxToken},
		{"/sandbox/scim/v2/Groups?count=100", "Bearer " + sandboxToken},
		{"/admin/orgs/default/users", "Bearer " + adminToken},
		{"/admin/orgs/default/groups", "Bearer " + adminToken},
		{"/admin/orgs/default/settings", "Bearer " + adminToken},
		{"/admin/orgs/default/folders", "Bearer " + adminToken},
	} {
		r := tt.must(200, tt.do("GET", p.path, "", auth(p.authz)))
		fmt.Fprintf(&b, "%s\n%s\n", p.path, r.body)
	}
	return b.String()
}

func chunked() req { return func(r *http.Request) { r.ContentLength = -1 } }

func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

// hostileCase is one bad request and the SCIM error it must get.
type hostileCase struct {
	name, method, path, body string
	opts                     []req
	status                   int
	scimType, detail         string
}

// wrongTypes returns, for each attribute of a User or Group body, bodies that
// give it a JSON type it cannot have.
func wrongTypes(kind string) []hostileCase {
	var base string
	var attrs map[string][]string // attribute → wrong values
	str := []string{`5`, `true`, `{}`, `["x"]`}
	obj := []string{`"x"`, `5`, `true`, `["x"]`}
	arr := []string{`"x"`, `5`, `true`, `{"value":5}`, `[5]`, `["x"]`}
	if kind == "User" {
		base = `"userName":"new@example.com"`
		attrs = map[string][]string{
			"schemas":  {`"x"`, `5`, `[5]`, `{}`},
			"userName": str, "externalId": str, "displayName": str, "nickName": str, "title": str,
			"userType": str, "preferredLanguage": str, "locale": str, "timezone": str, "profileUrl": str,
			"password": str, "active": {`5`, `{}`, `[]`, `"yes"`},
			"name": obj, "emails": arr, "phoneNumbers": arr,
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": obj,
		}
		for _, sub := range []string{"givenName", "familyName", "middleName"} {
			for _, v := range str {
				attrs["name"] = append(attrs["name"], fmt.Sprintf(`{%q:%s}`, sub, v))
			}
		}
		for _, sub := range []string{"employeeNumber", "costCenter", "organization", "division", "department", "manager"} {
			vals := str
			if sub == "manager" {
				vals = obj
			}
			for _, v := range vals {
				attrs["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = append(attrs["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"], fmt.Sprintf(`{%q:%s}`, sub, v))
			}
		}
		for _, multi := range []string{"emails", "phoneNumbers"} {
			for _, sub := range []string{"value", "type", "display"} {
				for _, v := range str {
					attrs[multi] = append(attrs[multi], fmt.Sprintf(`[{%q:%s}]`, sub, v))
				}
			}
			attrs[multi] = append(attrs[multi], `[{"primary":5}]`)
		}
	} else {
		base = `"displayName":"New"`
		attrs = map[string][]string{
			"schemas":     {`"x"`, `5`, `[5]`, `{}`},
			"displayName": str, "externalId": str,
			"members": append(arr, `[{"value":5}]`, `[{"type":[]}]`),
		}
	}
	var out []hostileCase
	for attr, vals := range attrs {
		for _, v := range vals {
			body := fmt.Sprintf(`{%s,%q:%s}`, base, attr, v)
			if attr == "userName" || attr == "displayName" && kind == "Group" {
				body = fmt.Sprintf(`{%q:%s}`, attr, v)
			}
			out = append(out, hostileCase{name: fmt.Sprintf("%s %s %s", kind, attr, v), method: "POST",
				path: "/scim/v2/" + kind + "s", body: body, status: 400, detail: attr})
		}
	}
	return out
}

func TestHostileInput(t *testing.T) {
	basic := base64.StdEncoding.EncodeToString([]byte("okta:" + prodToken))
	long := strings.Repeat("x", 70<<10) // over the tester's 64 KiB limit
	patch := func(ops ...string) string { return patchBodyOf(ops...) }
	cases := []hostileCase{
		// Malformed and truncated JSON.
		{name: "truncated user", method: "POST", path: "/scim/v2/Users", body: userBody("n@example.com", "N", "O")[:60], status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		{name: "truncated group", method: "POST", path: "/scim/v2/Groups", body: `{"displayName":"X","members":[{"value":"id-0001"`, status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		{name: "truncated patch", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":"replace","value":{"active":false}}`)[:70], status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		{name: "trailing garbage", method: "POST", path: "/scim/v2/Users", body: `{"userName":"n@example.com"} x`, status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		{name: "two objects", method: "POST", path: "/scim/v2/Users", body: `{"userName":"n@example.com"}{"userName":"m@example.com"}`, status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		{name: "single quotes", method: "POST", path: "/scim/v2/Users", body: `{'userName':'n@example.com'}`, status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		{name: "string body", method: "POST", path: "/scim/v2/Groups", body: `"Eng2"`, status: 400, scimType: typeInvalidSyntax, detail: "JSON object"},
		{name: "null body", method: "POST", path: "/scim/v2/Users", body: `null`, status: 400, scimType: typeInvalidValue, detail: "userName is required"},
		{name: "put array body", method: "PUT", path: "/scim/v2/Users/id-0001", body: `[]`, status: 400, scimType: typeInvalidSyntax, detail: "JSON object"},
		{name: "patch number body", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: `5`, status: 400, scimType: typeInvalidSyntax, detail: "JSON object"},
		{name: "empty put", method: "PUT", path: "/scim/v2/Groups/id-0003", body: "\n", status: 400, scimType: typeInvalidSyntax, detail: "no body"},
		// schemas.
		{name: "unknown schema user", method: "POST", path: "/scim/v2/Users", body: `{"schemas":["urn:nope"],"userName":"n@example.com"}`, status: 400, scimType: typeInvalidSyntax, detail: "must include"},
		{name: "group schema on user", method: "POST", path: "/scim/v2/Users", body: `{"schemas":["` + groupSchema + `"],"userName":"n@example.com"}`, status: 400, scimType: typeInvalidSyntax, detail: "must include"},
		{name: "empty schemas group", method: "POST", path: "/scim/v2/Groups", body: `{"schemas":[],"displayName":"New"}`, status: 400, scimType: typeInvalidSyntax, detail: "must include"},
		{name: "user schema on put group", method: "PUT", path: "/scim/v2/Groups/id-0003", body: `{"schemas":["` + userSchema + `"],"displayName":"New"}`, status: 400, scimType: typeInvalidSyntax, detail: "must include"},
		{name: "patch without PatchOp schema", method: "PATCH", path: "/scim/v2/Users/id-0001", body: `{"schemas":["` + userSchema + `"],"Operations":[{"op":"replace","value":{"active":false}}]}`, status: 400, scimType: typeInvalidSyntax, detail: "must include"},
		// null values where a value is needed.
		{name: "null userName", method: "POST", path: "/scim/v2/Users", body: `{"userName":null}`, status: 400, scimType: typeInvalidValue, detail: "userName is required"},
		{name: "null displayName", method: "POST", path: "/scim/v2/Groups", body: `{"displayName":null}`, status: 400, scimType: typeInvalidValue, detail: "displayName is required"},
		{name: "put null userName", method: "PUT", path: "/scim/v2/Users/id-0001", body: `{"userName":null,"name":{"givenName":"X"}}`, status: 400, scimType: typeInvalidValue, detail: "userName is required"},
		{name: "patch null value", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":"replace","path":"active","value":null}`), status: 400, scimType: typeInvalidValue, detail: "has no value"},
		{name: "patch null no-path value", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":"replace","value":null}`), status: 400, scimType: typeInvalidValue, detail: "JSON object of attributes"},
		{name: "null member", method: "POST", path: "/scim/v2/Groups", body: `{"displayName":"New","members":[null]}`, status: 400, scimType: typeInvalidValue, detail: "no value"},
		{name: "null Operations", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: `{"schemas":["` + patchSchema + `"],"Operations":null}`, status: 400, scimType: typeInvalidSyntax, detail: "no Operations"},
		// Deep nesting (encoding/json stops at 10,000 levels).
		{name: "10000 nested arrays", method: "POST", path: "/scim/v2/Users", body: `{"userName":"n@example.com","x":` + nested(10000) + `}`, status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		{name: "nested patch value", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"add","path":"members","value":` + nested(10001) + `}`), status: 400, scimType: typeInvalidSyntax, detail: "not valid JSON"},
		{name: "nested arrays as members", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"add","path":"members","value":` + nested(500) + `}`), status: 400, scimType: typeInvalidValue, detail: "members"},
		// Invalid UTF-8.
		{name: "invalid UTF-8 userName", method: "POST", path: "/scim/v2/Users", body: "{\"userName\":\"n\xff@example.com\"}", status: 400, scimType: typeInvalidSyntax, detail: "UTF-8"},
		{name: "invalid UTF-8 group name", method: "POST", path: "/scim/v2/Groups", body: "{\"displayName\":\"Eng\xc3\"}", status: 400, scimType: typeInvalidSyntax, detail: "UTF-8"},
		{name: "invalid UTF-8 patch", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"\xed\xa0\x80\"}"), status: 400, scimType: typeInvalidSyntax, detail: "UTF-8"},
		// Unpaired surrogate escapes, which encoding/json turns into U+FFFD.
		{name: "lone high surrogate userName", method: "POST", path: "/scim/v2/Users", body: `{"userName":"x\ud800@example.com"}`, status: 400, scimType: typeInvalidSyntax, detail: "surrogate"},
		{name: "lone low surrogate group name", method: "POST", path: "/scim/v2/Groups", body: `{"displayName":"Eng\uDC00"}`, status: 400, scimType: typeInvalidSyntax, detail: "surrogate"},
		{name: "high surrogate then a letter", method: "PUT", path: "/scim/v2/Users/id-0001", body: `{"userName":"a@example.com","name":{"givenName":"\ud83dx"}}`, status: 400, scimType: typeInvalidSyntax, detail: "surrogate"},
		{name: "two high surrogates", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":"replace","path":"title","value":"\ud83d\ud83d"}`), status: 400, scimType: typeInvalidSyntax, detail: "surrogate"},
		{name: "UTF-16 body", method: "POST", path: "/scim/v2/Users", body: "\xff\xfe{\x00}\x00", status: 400, scimType: typeInvalidSyntax, detail: "UTF-8"},
		// ids with path characters.
		{name: "dot-dot slash id", method: "GET", path: "/scim/v2/Users/..%2F..%2Fadmin%2Forgs", status: 404, detail: "no SCIM endpoint"},
		{name: "dot-dot id", method: "DELETE", path: "/scim/v2/Users/..", status: 404, detail: "not found"},
		{name: "raw dot-dot path", method: "GET", path: "/scim/v2/Users/../../admin/orgs", status: 404, detail: "no SCIM endpoint"},
		{name: "NUL id", method: "PATCH", path: "/scim/v2/Users/id-0001%00", body: patch(`{"op":"replace","value":{"active":false}}`), status: 404, detail: "not found"},
		{name: "NUL group id", method: "DELETE", path: "/scim/v2/Groups/%00", status: 404, detail: "not found"},
		{name: "very long id", method: "PUT", path: "/scim/v2/Users/" + strings.Repeat("a", 20000), body: userBody("a@example.com", "A", "B"), status: 404, detail: "not found"},
		{name: "percent id", method: "GET", path: "/scim/v2/Groups/id-0003%25", status: 404, detail: "not found"},
		{name: "id with query chars", method: "DELETE", path: "/scim/v2/Groups/id-0003%3Fx=1", status: 404, detail: "not found"},
		// PATCH operations and paths.
		{name: "unknown op", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":"move","path":"title","value":"x"}`), status: 400, scimType: typeInvalidSyntax, detail: "not add, remove or replace"},
		{name: "op not a string", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":1,"path":"title","value":"x"}`), status: 400, scimType: typeInvalidSyntax, detail: "op"},
		{name: "missing op", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"path":"displayName","value":"x"}`), status: 400, scimType: typeInvalidSyntax, detail: "not add, remove or replace"},
		{name: "unknown op after a good one", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"replace","path":"displayName","value":"Renamed"}`, `{"op":"test","path":"displayName"}`), status: 400, scimType: typeInvalidSyntax, detail: "Operations[1]"},
		{name: "unknown user path", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":"replace","path":"favouriteColour","value":"x"}`), status: 400, scimType: typeInvalidPath, detail: "favouriteColour"},
		{name: "unknown group path", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"replace","path":"owner","value":"x"}`), status: 400, scimType: typeInvalidPath, detail: "owner"},
		{name: "unbalanced path filter", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"remove","path":"members[value eq \"id-0001\""}`), status: 400, scimType: typeInvalidPath, detail: "Operations[0]"},
		{name: "path with spaces", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":"replace","path":"name givenName","value":"x"}`), status: 400, scimType: typeInvalidPath, detail: "Operations[0]"},
		{name: "remove without path", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"remove"}`), status: 400, scimType: typeNoTarget, detail: "without a path"},
		{name: "good then unknown path", method: "PATCH", path: "/scim/v2/Users/id-0001", body: patch(`{"op":"replace","value":{"active":false}}`, `{"op":"add","path":"nope","value":"x"}`), status: 400, scimType: typeInvalidPath, detail: "nope"},
		{name: "a group as a member", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"add","path":"members","value":[{"value":"id-0002"},{"value":"../id-0001","type":"Group"}]}`), status: 400, scimType: typeInvalidValue, detail: "users only"},
		// Filters.
		{name: "unbalanced quote", method: "GET", path: "/scim/v2/Users?filter=" + url.QueryEscape(`userName eq "a@example.com`), status: 400, scimType: typeInvalidFilter},
		{name: "unbalanced bracket", method: "GET", path: "/scim/v2/Users?filter=" + url.QueryEscape(`emails[type eq "work"`), status: 400, scimType: typeInvalidFilter},
		{name: "unbalanced paren", method: "GET", path: "/scim/v2/Groups?filter=" + url.QueryEscape(`(displayName eq "Eng"`), status: 400, scimType: typeInvalidFilter},
		{name: "unknown operator", method: "GET", path: "/scim/v2/Users?filter=" + url.QueryEscape(`userName like "a%"`), status: 400, scimType: typeInvalidFilter},
		{name: "no value", method: "GET", path: "/scim/v2/Groups?filter=" + url.QueryEscape(`displayName eq`), status: 400, scimType: typeInvalidFilter},
		{name: "dangling and", method: "GET", path: "/scim/v2/Users?filter=" + url.QueryEscape(`userName eq "a@example.com" and`), status: 400, scimType: typeInvalidFilter},
		{name: "2000 nested parens", method: "GET", path: "/scim/v2/Users?filter=" + url.QueryEscape(strings.Repeat("(", 2000)+`userName pr`+strings.Repeat(")", 2000)), status: 400, scimType: typeInvalidFilter, detail: "more than 32 deep"},
		{name: "nested parens in a PATCH path", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"remove","path":"members[` + strings.Repeat("(", 40) + `value eq \"id-0001\"` + strings.Repeat(")", 40) + `]"}`), status: 400, scimType: typeInvalidPath, detail: "deep"},
		{name: "deep parens", method: "GET", path: "/scim/v2/Users?filter=" + url.QueryEscape(strings.Repeat("(", 5000)+`userName pr`+strings.Repeat(")", 4999)), status: 400, scimType: typeInvalidFilter},
		{name: "bad query encoding", method: "GET", path: "/scim/v2/Users?filter=userName%zz", status: 400, scimType: typeInvalidValue, detail: "URL encoding"},
		// Paging.
		{name: "startIndex not a number", method: "GET", path: "/scim/v2/Users?startIndex=one", status: 400, scimType: typeInvalidValue, detail: "startIndex"},
		{name: "count not a number", method: "GET", path: "/scim/v2/Groups?count=1e3", status: 400, scimType: typeInvalidValue, detail: "count"},
		{name: "count float", method: "GET", path: "/scim/v2/Users?count=1.5", status: 400, scimType: typeInvalidValue, detail: "count"},
		// Body limits (the tester's is 64 KiB).
		{name: "large user", method: "POST", path: "/scim/v2/Users", body: `{"userName":"n@example.com","title":"` + long + `"}`, status: 413, detail: "larger than"},
		{name: "large chunked user", method: "POST", path: "/scim/v2/Users", body: `{"userName":"n@example.com","title":"` + long + `"}`, opts: []req{chunked()}, status: 413, detail: "larger than"},
		{name: "large chunked patch", method: "PATCH", path: "/scim/v2/Groups/id-0003", body: patch(`{"op":"replace","path":"displayName","value":"` + long + `"}`), opts: []req{chunked()}, status: 413, detail: "larger than"},
		{name: "large put", method: "PUT", path: "/scim/v2/Users/id-0001", body: `{"userName":"a@example.com","title":"` + long + `"}`, status: 413, detail: "larger than"},
		// Media types (a missing Content-Type is accepted: see TestHostileAccepted).
		{name: "text/plain", method: "POST", path: "/scim/v2/Users", body: userBody("n@example.com", "N", "O"), opts: []req{header("Content-Type", "text/plain")}, status: 415, detail: "application/scim+json"},
		{name: "form", method: "PATCH", path: "/scim/v2/Users/id-0001", body: "active=false", opts: []req{header("Content-Type", "application/x-www-form-urlencoded")}, status: 415, detail: "not supported"},
		{name: "xml", method: "PUT", path: "/scim/v2/Groups/id-0003", body: "<Group/>", opts: []req{header("Content-Type", "application/xml")}, status: 415, detail: "not supported"},
		{name: "malformed media type", method: "POST", path: "/scim/v2/Groups", body: `{"displayName":"New"}`, opts: []req{header("Content-Type", "application/")}, status: 415, detail: "not supported"},
		// Authorization.
		{name: "no Authorization", method: "POST", path: "/scim/v2/Users", body: userBody("n@example.com", "N", "O"), opts: []req{auth("")}, status: 401, detail: "no Authorization header"},
		{name: "Bearer alone", method: "POST", path: "/scim/v2/Users", body: userBody("n@example.com", "N", "O"), opts: []req{auth("Bearer")}, status: 401, detail: "no token"},
		{name: "Bearer and spaces", method: "DELETE", path: "/scim/v2/Users/id-0001", opts: []req{auth("Bearer   ")}, status: 401, detail: "no token"},
		{name: "Basic garbage", method: "DELETE", path: "/scim/v2/Groups/id-0003", opts: []req{auth("Basic !!!")}, status: 401, detail: "no token"},
		{name: "Basic alone", method: "DELETE", path: "/scim/v2/Groups/id-0003", opts: []req{auth("Basic")}, status: 401, detail: "no token"},
		{name: "token with prefix", method: "DELETE", path: "/scim/v2/Groups/id-0003", opts: []req{auth("Bearer x" + prodToken)}, status: 401, detail: "not valid"},
		{name: "token prefix", method: "DELETE", path: "/scim/v2/Groups/id-0003", opts: []req{auth("Bearer " + prodToken[:len(prodToken)-1])}, status: 401, detail: "not valid"},
		{name: "two Authorization headers", method: "DELETE", path: "/scim/v2/Users/id-0001", opts: []req{func(r *http.Request) {
			r.Header["Authorization"] = []string{"Bearer " + prodToken, "Bearer " + prodToken}
		}}, status: 401, detail: "2 Authorization headers"},
		{name: "two schemes", method: "DELETE", path: "/scim/v2/Users/id-0001", opts: []req{func(r *http.Request) {
			r.Header["Authorization"] = []string{"Basic " + basic, "Bearer nope"}
		}}, status: 401, detail: "exactly one"},
		{name: "admin token on SCIM", method: "DELETE", path: "/scim/v2/Users/id-0001", opts: []req{auth("Bearer " + adminToken)}, status: 401, detail: "Admin Console token"},
	}
	cases = append(cases, wrongTypes("User")...)
	cases = append(cases, wrongTypes("Group")...)
	tt := hostileServer(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := tt.snapshot()
			r := tt.do(tc.method, tc.path, tc.body, tc.opts...)
			if r.status >= 500 {
				t.Fatalf("server error: %s", r)
			}
			scimType := tc.scimType
			if tc.scimType == "" && tc.status == 400 { // the wrong-type table: either is right
				if s := r.str("scimType"); s == typeInvalidSyntax || s == typeInvalidValue {
					scimType = s
				}
			}
			checkError(t, r, tc.status, scimType, tc.detail)
			if tc.status == 401 && r.header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if after := tt.snapshot(); after != before {
				t.Fatalf("the refused request changed the state:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
	checkInvariants(t, tt.srv)
}

// Bad input that the server accepts on purpose: the answer is a success, and
// nothing else changes.
func TestHostileAccepted(t *testing.T) {
	tt := hostileServer(t)
	// A missing Content-Type on a body is accepted: some clients omit it, and
	// the body must still parse as JSON.
	r := tt.must(201, tt.do("POST", "/scim/v2/Groups", `{"displayName":"NoType"}`, func(r *http.Request) { r.Header.Del("Content-Type") }))
	gid := r.str("id")
	// Duplicate keys: the last one wins, as in encoding/json, for every
	// attribute alike (one decoder reads every body, so no two readings differ).
	r = tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"first@example.com","userName":"dup@example.com","active":false,"active":true}`))
	if r.str("userName") != "dup@example.com" || r.get("active") != true {
		t.Errorf("duplicate keys: %s", r.body)
	}
	r = tt.must(204, tt.do("PATCH", "/scim/v2/Groups/"+gid, patchBodyOf(`{"op":"remove","op":"add","path":"members","value":[{"value":"id-0002"}]}`)))
	if m := tt.members(gid); len(m) != 1 || m[0] != "id-0002" {
		t.Errorf("duplicate op: members %v, want id-0002 added", m)
	}
	// null for optional attributes means absent.
	r = tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"nulls@example.com","name":null,"emails":null,"active":null,"externalId":null,"schemas":null}`))
	if r.get("active") != true || r.str("externalId") != "" {
		t.Errorf("null attributes: %s", r.body)
	}
	// Out-of-range paging is read as RFC 7644 section 3.4.2.4 says: startIndex
	// below 1 is 1, a negative count is 0, a huge one is capped; a startIndex
	// past the end (even beyond int64) is an empty page.
	for q, want := range map[string][2]int{ // startIndex, itemsPerPage
		"startIndex=-5&count=1":                       {1, 1},
		"startIndex=0":                                {1, 4},
		"count=-1":                                    {1, 0},
		"count=99999999999999999999999":               {1, 4},
		"startIndex=99999999999999999999999":          {-1, 0},
		"startIndex=9223372036854775807&count=1":      {9223372036854775807, 0},
		"startIndex=-99999999999999999999999&count=2": {1, 2},
		"startIndex=2&count=-99999999999999999999999": {2, 0},
		"startIndex=%2B2&count=1":                     {2, 1},
	} {
		r := tt.must(200, tt.do("GET", "/scim/v2/Users?"+q, ""))
		if int(r.num("itemsPerPage")) != want[1] || r.len("Resources") != want[1] || (want[0] > 0 && r.num("startIndex") != float64(want[0])) {
			t.Errorf("%s: %s, want startIndex %d and %d resources", q, r.body, want[0], want[1])
		}
		if int(r.num("totalResults")) != 4 {
			t.Errorf("%s: totalResults %v, want 4", q, r.get("totalResults"))
		}
	}
	// A surrogate pair escaped as JSON allows is a character like any other.
	r = tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"smile\ud83d\ude00@example.com","name":{"givenName":"\uD83D\uDE00 \\ud800"}}`))
	if r.str("userName") != "smile\U0001F600@example.com" {
		t.Errorf("surrogate pair: %s", r.body)
	}
	checkInvariants(t, tt.srv)
}

// Very long strings under the body limit are stored and read back whole.
func TestHostileLongStrings(t *testing.T) {
	srv, err := New(Config{Token: prodToken, AdminToken: adminToken, MaxBodyBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	tt := &tester{t: t, srv: srv}
	long := strings.Repeat("é", 250<<10) // 500 KiB
	r := tt.must(201, tt.do("POST", "/scim/v2/Groups", fmt.Sprintf(`{"displayName":%q}`, long)))
	if g := tt.must(200, tt.do("GET", "/scim/v2/Groups/"+r.str("id"), "")); g.str("displayName") != long {
		t.Errorf("the long displayName did not read back (%d bytes)", len(g.str("displayName")))
	}
	r = tt.must(201, tt.do("POST", "/scim/v2/Users", fmt.Sprintf(`{"userName":"long@example.com","displayName":%q,"title":%q}`, long, long)))
	if r.str("title") != long || r.str("displayName") == long {
		t.Errorf("long title not kept, or displayName taken from the request")
	}
	r = tt.do("POST", "/scim/v2/Users", fmt.Sprintf(`{"userName":"%s@example.com"}`, strings.Repeat("a", 500<<10)))
	if r.status != 400 || r.str("scimType") != typeInvalidValue {
		t.Errorf("a 500 KiB userName: %d, want 400 invalidValue: %.200s", r.status, r.body)
	}
	checkInvariants(t, tt.srv)
}
