package reference

import (
	"net/url"
	"testing"
)

// The indexes and the filters agree on what equal means: a second user or
// group whose name EqualFold calls equal is refused, and an indexed lookup
// finds what a scan finds.
func TestFoldedUniquenessAndLookups(t *testing.T) {
	tests := []struct{ first, second string }{
		{"sam@example.com", "ſam@example.com"},
		{"ſam@example.com", "SAM@example.com"},
		{"kim@example.com", "\u212Aim@example.com"},
		{"σοφία@example.com", "ΣΟΦΊΑ@example.com"},
	}
	for _, tc := range tests {
		t.Run(tc.second, func(t *testing.T) {
			tt := newTester(t)
			id := tt.must(201, tt.do("POST", "/scim/v2/Users", userBody(tc.first, "A", "B"))).str("id")
			checkError(t, tt.do("POST", "/scim/v2/Users", userBody(tc.second, "A", "B")), 409, typeUniqueness, "already exists")
			for _, f := range []string{
				`userName eq "` + tc.second + `"`,                                   // the index
				`userName eq "` + tc.second + `" or userName eq "none@example.com"`, // a scan
				`userName co "` + tc.second + `"`,                                   // a scan
			} {
				r := tt.must(200, tt.do("GET", "/scim/v2/Users?filter="+url.QueryEscape(f), ""))
				if r.num("totalResults") != 1 || r.str("Resources.0.id") != id {
					t.Errorf("%s: %s", f, r.body)
				}
			}
			g := tt.createGroup("G " + tc.first)
			checkError(t, tt.do("POST", "/scim/v2/Groups", `{"displayName":"G `+tc.second+`"}`), 409, typeUniqueness, "already exists")
			for _, f := range []string{`displayName eq "G ` + tc.second + `"`, `displayName eq "G ` + tc.second + `" or displayName eq "none"`} {
				r := tt.must(200, tt.do("GET", "/scim/v2/Groups?filter="+url.QueryEscape(f), ""))
				if r.num("totalResults") != 1 || r.str("Resources.0.id") != g {
					t.Errorf("%s: %s", f, r.body)
				}
			}
			checkInvariants(t, tt.srv)
		})
	}
}
