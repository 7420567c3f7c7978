package reference

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// Okta's published "SCIM 2.0 SPEC Test" (Runscope, 2024), step by step, over a
// real HTTP connection, with the headers the suite sends.
func TestOktaSpecSuite(t *testing.T) {
	srv, err := New(Config{Token: "spec-token"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	base := ts.URL + "/scim/v2"
	send := func(method, path, body, authz string) resp {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Authorization", authz)
		req.Header.Set("Accept-Charset", "utf-8")
		req.Header.Set("User-Agent", "OKTA SCIM Integration")
		if method == "POST" {
			req.Header.Set("Content-Type", "application/json") // the suite's POST steps
			req.Header.Set("Accept", "application/scim+json; charset=utf-8")
		} else {
			req.Header.Set("Content-Type", "application/scim+json; charset=utf-8")
			req.Header.Set("Accept", "application/scim+json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		r := resp{status: res.StatusCode, header: res.Header, body: string(b)}
		_ = json.Unmarshal(b, &r.json)
		return r
	}
	filter := func(f string) string { return "/Users?filter=" + url.QueryEscape(f) }
	auth := "Bearer spec-token"
	// Precondition: at least one user exists.
	send("POST", "/Users", userBody("existing.user@atko.com", "Existing", "User"), auth)

	r := send("GET", "/Users?count=1&startIndex=1", "", auth)
	if r.status != 200 || r.len("Resources") == 0 || r.str("schemas.0") != listSchema {
		t.Fatalf("1 Test Users endpoint: %s", r)
	}
	for _, p := range []string{"Resources.0.id", "Resources.0.name.familyName", "Resources.0.name.givenName", "Resources.0.userName", "Resources.0.emails.0.value"} {
		if r.str(p) == "" {
			t.Errorf("1: %s is empty", p)
		}
	}
	id := r.str("Resources.0.id")
	if r := send("GET", "/Users/"+id, "", auth); r.status != 200 || r.str("id") != id || r.get("active") != true {
		t.Fatalf("2 Get Users/{id}: %s", r)
	}
	if r := send("GET", filter(`userName eq "abcdefgh@atko.com"`), "", auth); r.status != 200 || r.num("totalResults") != 0 {
		t.Fatalf("3 invalid user by username: %s", r)
	}
	if r := send("GET", "/Users/010101001010101011001010101011", "", auth); r.status != 404 || r.str("detail") == "" ||
		r.str("schemas.0") != "urn:ietf:params:scim:api:messages:2.0:Error" {
		t.Fatalf("4 invalid user by id: %s", r)
	}
	email := "RunscopeAbc123Abcdefghi456@atko.com"
	if r := send("GET", filter(`userName eq "`+email+`"`), "", auth); r.status != 200 || r.num("totalResults") != 0 {
		t.Fatalf("5 random user does not exist: %s", r)
	}
	create := `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"` + email + `","name":{"givenName":"Runscope123","familyName":"Abcdefghi456"},"emails":[{"primary":true,"value":"` + email + `","type":"work"}],"displayName":"Runscope123 Abcdefghi456","active":true}`
	r = send("POST", "/Users", create, auth)
	if r.status != 201 || r.get("active") != true || r.str("id") == "" || r.str("userName") != email ||
		r.str("name.givenName") != "Runscope123" || r.str("name.familyName") != "Abcdefghi456" || r.str("schemas.0") != userSchema {
		t.Fatalf("6 create: %s", r)
	}
	newID := r.str("id")
	if r := send("GET", "/Users/"+newID, "", auth); r.status != 200 || r.str("userName") != email {
		t.Fatalf("7 verify created: %s", r)
	}
	if r := send("POST", "/Users", create, auth); r.status != 409 {
		t.Fatalf("8 recreate: %s, want 409", r)
	}
	if r := send("GET", filter(`userName eq "`+strings.ToUpper(email)+`"`), "", auth); r.status != 200 || r.num("totalResults") != 1 {
		t.Fatalf("9 case sensitivity: %s", r)
	}
	if r := send("GET", "/Groups", "", auth); r.status != 200 {
		t.Fatalf("10 Groups endpoint: %s", r)
	}
	if r := send("GET", filter(`userName eq "`+email+`"`), "", "non-token"); r.status != 401 || r.str("detail") == "" || r.str("status") != "401" {
		t.Fatalf("11 status 401: %s", r)
	}
	if r := send("GET", "/Users/00919288221112222", "", auth); r.status != 404 || r.str("status") != "404" || r.str("detail") == "" {
		t.Fatalf("12 status 404: %s", r)
	}
	if ct := r.header.Get("Content-Type"); ct != scimMediaType {
		t.Errorf("answers are %q, want %q", ct, scimMediaType)
	}
}
