package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

func TestCheckSCIMBase(t *testing.T) {
	html := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	tests := map[string]struct {
		base string
		x    reports.Exchange
		want string // "" means accepted
	}{
		"a ListResponse":                    {"https://app.example/scim/v2", reports.Exchange{Status: 200, ResponseBody: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}`}, ""},
		"a list without schemas, lowercase": {"https://app.example/scim/v2", reports.Exchange{Status: 200, ResponseBody: `{"totalresults":"1","resources":[{}]}`}, ""},
		"a 500 is the scenarios' to show":   {"https://app.example/scim/v2", reports.Exchange{Status: 500, ResponseBody: `oops`}, ""},
		"404 at the host's root": {"https://app.example", reports.Exchange{Status: 404},
			`https://app.example is not a SCIM base URL: GET /Users answered 404 Not Found, not a SCIM ListResponse; try --target https://app.example/scim/v2 (base path "/scim/v2")`},
		"404 below /scim": {"https://app.example/api/scim", reports.Exchange{Status: 404},
			`try --target https://app.example/api/scim/v2 (base path "/api/scim/v2")`},
		"404 with /Users in the base": {"https://app.example/scim/v2/Users", reports.Exchange{Status: 404},
			`try --target https://app.example/scim/v2 (base path "/scim/v2")`},
		"404 below /scim/v2": {"https://app.example/scim/v2/tenant", reports.Exchange{Status: 404},
			`try --target https://app.example/scim/v2 (base path "/scim/v2")`},
		"404 at /scim/v2 itself": {"https://app.example/scim/v2", reports.Exchange{Status: 404},
			"check the base URL: it is the path before /Users in the app's SCIM documentation"},
		"an HTML page": {"https://app.example/", reports.Exchange{Status: 200, ResponseHeaders: html, ResponseBody: "<html>Welcome</html>"},
			`GET /Users answered 200 with a text/html body that is not a JSON object, not a SCIM ListResponse; try --target https://app.example/scim/v2`},
		"an empty 200": {"https://app.example/x", reports.Exchange{Status: 200}, "200 with an empty body"},
		"a JSON object that is no list": {"https://app.example/x", reports.Exchange{Status: 200, ResponseBody: `{"status":"up"}`},
			"200 with a JSON object without Resources or totalResults"},
		"a redirect": {"http://app.example/scim/v2", reports.Exchange{Status: 301, ResponseHeaders: http.Header{"Location": {"https://app.example/scim/v2/Users"}}},
			"answered 301, a redirect to https://app.example/scim/v2/Users"},
		"a letter that lowers longer before /SCIM/v2/": {"https://app.example/%C4%B0/SCIM/v2/tenant", reports.Exchange{Status: 404},
			`(base path "/İ/SCIM/v2")`},
		"credentials never shown": {"https://user:pw@app.example", reports.Exchange{Status: 404}, "https://app.example is not"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := checkSCIMBase(tc.base, tc.x)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("accepted, want %q", tc.want)
			case err != nil && (!strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "pw@")):
				t.Errorf("got  %v\nwant %s (one line, no credentials)", err, tc.want)
			}
		})
	}
}
