package reference

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/store"
)

func TestFilters(t *testing.T) {
	tt := newTester(t)
	alice := tt.must(201, tt.do("POST", "/scim/v2/Users",
		`{"userName":"alice@example.com","name":{"givenName":"Alice","familyName":"Smith"},"title":"Engineer","externalId":"00ualice"}`)).str("id")
	bob := tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"bob@example.com","name":{"givenName":"Bob","familyName":"Jones"}}`)).str("id")
	tt.must(201, tt.do("POST", "/scim/v2/Users", `{"userName":"carol@Example.org","name":{"givenName":"Carol","familyName":"Smith"}}`))
	g := tt.createGroup("Eng", alice)
	tt.must(200, tt.deactivate(bob))
	tests := map[string]string{ // filter → the userNames it selects, in creation order
		`userName eq "ALICE@example.com"`:               "alice@example.com",
		`userName eq "nobody@example.com"`:              "",
		`USERNAME EQ "bob@example.com"`:                 "bob@example.com",
		`userName sw "A"`:                               "alice@example.com",
		`userName co "EXAMPLE"`:                         "alice@example.com bob@example.com carol@Example.org",
		`userName ew ".org"`:                            "carol@Example.org",
		`userName gt "b"`:                               "bob@example.com carol@Example.org",
		`name.familyName eq "smith"`:                    "alice@example.com carol@Example.org",
		`displayName eq "alice smith"`:                  "alice@example.com",
		`active eq false`:                               "bob@example.com",
		`active eq true and name.familyName eq "Smith"`: "alice@example.com carol@Example.org",
		`not (active eq true)`:                          "bob@example.com",
		`title pr`:                                      "alice@example.com",
		`title eq null`:                                 "bob@example.com carol@Example.org",
		`title ne "Engineer"`:                           "bob@example.com carol@Example.org",
		`externalId eq "00ualice"`:                      "alice@example.com",
		`externalId eq "00UALICE"`:                      "",
		`emails[type eq "work" and value co "bob"]`:     "bob@example.com",
		`emails.value eq "carol@example.org"`:           "carol@Example.org",
		`emails co "carol"`:                             "carol@Example.org",
		`emails[primary eq true]`:                       "alice@example.com bob@example.com carol@Example.org",
		`meta.created gt "2020-01-01T00:00:00Z"`:        "alice@example.com bob@example.com carol@Example.org",
		`meta.lastModified lt "2020-01-01T00:00:00Z"`:   "",
		`urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob@example.com"`: "bob@example.com",
		`id eq "` + alice + `"`:                                            "alice@example.com",
		`id eq "` + alice + `" and active eq false`:                        "",
		`userName eq "alice@example.com" or userName eq "bob@example.com"`: "alice@example.com bob@example.com",
		`(userName sw "a" or userName sw "b") and active eq true`:          "alice@example.com",
		`userName eq "caf\u00e9@example.com"`:                              "",
		`groups.value eq "` + g + `"`:                                      "alice@example.com",
		`groups[display eq "eng"]`:                                         "alice@example.com",
	}
	for filter, want := range tests {
		for _, enc := range []string{url.QueryEscape(filter), strings.ReplaceAll(url.PathEscape(filter), "+", "%2B")} {
			r := tt.must(200, tt.do("GET", "/scim/v2/Users?filter="+enc, ""))
			var got []string
			for i := 0; i < r.len("Resources"); i++ {
				got = append(got, r.str(fmt.Sprintf("Resources.%d.userName", i)))
			}
			if strings.Join(got, " ") != want || int(r.num("totalResults")) != len(got) {
				t.Errorf("filter %s (sent as %s): got %q (total %v), want %q", filter, enc, got, r.get("totalResults"), want)
			}
		}
	}
	errs := map[string]string{
		`userName eq a@b.com`:                    "is not valid",
		`userName eq 'a@b.com'`:                  "double quotes",
		`foo eq "x"`:                             `"foo"`,
		`active eq "true"`:                       "boolean",
		`active gt true`:                         "only eq, ne and pr",
		`meta.created gt "yesterday"`:            "RFC 3339",
		`meta.created co "2020-01-01T00:00:00Z"`: "does not apply",
		`userName gt 5`:                          "double-quoted",
		`emails[type eq "work"].value eq "x"`:    "PATCH path",
		`name[givenName eq "x"]`:                 "takes no [filter]",
		`urn:acme:x:color eq "red"`:              "schema",
		`emails[colour eq "red"]`:                `"colour"`,
		`userName eq "x" and`:                    "is not valid",
		`title lt null`:                          "only eq and ne take null",
		strings.Repeat(`userName eq "x" or `, 300) + `userName eq "x"`: "at most",
	}
	for filter, text := range errs {
		checkError(t, tt.do("GET", "/scim/v2/Users?filter="+url.QueryEscape(filter), ""), 400, typeInvalidFilter, text)
	}
	checkError(t, tt.do("GET", "/scim/v2/Groups?filter="+url.QueryEscape(`members[nope eq "x"]`), ""), 400, typeInvalidFilter, `"nope"`)
}

func TestPaging(t *testing.T) {
	tt := newTester(t)
	var names []string
	for i := 1; i <= 5; i++ {
		n := fmt.Sprintf("u%d@example.com", i)
		tt.createUser(n)
		names = append(names, n)
	}
	tests := []struct {
		query                 string
		total, perPage, start int
		first                 string
	}{
		{"", 5, 5, 1, "u1@example.com"},
		{"startIndex=1&count=2", 5, 2, 1, "u1@example.com"},
		{"startIndex=3&count=2", 5, 2, 3, "u3@example.com"},
		{"startIndex=5&count=2", 5, 1, 5, "u5@example.com"},
		{"startIndex=6&count=2", 5, 0, 6, ""},
		{"startIndex=101&count=100", 5, 0, 101, ""},
		{"startIndex=0&count=1", 5, 1, 1, "u1@example.com"},
		{"startIndex=-3&count=1", 5, 1, 1, "u1@example.com"},
		{"count=0", 5, 0, 1, ""},
		{"count=-1", 5, 0, 1, ""},
		{"filter=userName+co+%22example%22&startIndex=2&count=2", 5, 2, 2, "u2@example.com"},
		{"filter=userName+eq+%22u4%40example.com%22&startIndex=1&count=100", 1, 1, 1, "u4@example.com"},
	}
	for _, tc := range tests {
		r := tt.must(200, tt.do("GET", "/scim/v2/Users?"+tc.query, ""))
		if int(r.num("totalResults")) != tc.total || int(r.num("itemsPerPage")) != tc.perPage ||
			int(r.num("startIndex")) != tc.start || r.len("Resources") != tc.perPage || r.str("Resources.0.userName") != tc.first {
			t.Errorf("?%s: %s", tc.query, r.body)
		}
		if r.get("Resources") == nil || r.str("schemas.0") != listSchema {
			t.Errorf("?%s: no Resources array or ListResponse schema: %s", tc.query, r.body)
		}
		for _, f := range []string{"totalResults", "itemsPerPage", "startIndex"} {
			if _, ok := r.get(f).(float64); !ok {
				t.Errorf("?%s: %s is %T, want a JSON number", tc.query, f, r.get(f))
			}
		}
	}
	// Pages of 2 walk the whole collection in the same order.
	var walked []string
	for start := 1; start <= 5; start += 2 {
		r := tt.do("GET", fmt.Sprintf("/scim/v2/Users?startIndex=%d&count=2", start), "")
		for i := 0; i < r.len("Resources"); i++ {
			walked = append(walked, r.str(fmt.Sprintf("Resources.%d.userName", i)))
		}
	}
	if strings.Join(walked, " ") != strings.Join(names, " ") {
		t.Errorf("paging walked %v, want %v", walked, names)
	}
	for _, q := range []string{"startIndex=abc", "count=1.5"} {
		checkError(t, tt.do("GET", "/scim/v2/Users?"+q, ""), 400, typeInvalidValue, "not an integer")
	}
}

func TestPagingCap(t *testing.T) {
	tt := newTester(t) // MaxResults 100
	e := tt.srv.orgs.Get(DefaultOrg).Envs[store.Production]
	for i := 0; i < 130; i++ {
		e.InsertUser(&store.User{ID: fmt.Sprintf("u%03d", i), UserName: fmt.Sprintf("u%03d@example.com", i), Active: true})
	}
	r := tt.must(200, tt.do("GET", "/scim/v2/Users?count=500", ""))
	if r.num("itemsPerPage") != 100 || r.num("totalResults") != 130 {
		t.Fatalf("count=500 with maxResults 100: %v %v", r.get("itemsPerPage"), r.get("totalResults"))
	}
	r = tt.must(200, tt.do("GET", "/scim/v2/Users", ""))
	if r.num("itemsPerPage") != 100 {
		t.Fatalf("no count: itemsPerPage %v, want the maximum 100", r.get("itemsPerPage"))
	}
	r = tt.must(200, tt.do("GET", "/scim/v2/Users?startIndex=101&count=100", ""))
	if r.num("itemsPerPage") != 30 || r.str("Resources.0.userName") != "u100@example.com" {
		t.Fatalf("second page: %v %s", r.get("itemsPerPage"), r.str("Resources.0.userName"))
	}
}

func TestBadQueryEncoding(t *testing.T) {
	tt := newTester(t)
	checkError(t, tt.do("GET", "/scim/v2/Users?filter=userName%ZZeq", ""), 400, typeInvalidValue, "not valid URL encoding")
}
