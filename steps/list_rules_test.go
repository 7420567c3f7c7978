package steps_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// One deviation fails the scenarios of its own rule only: against a server
// whose itemsPerPage is the requested count, every failing scenario is one
// of OK-08's, and some fail.
func TestItemsPerPageFailsOnlyItsOwnScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole suite against a fault: not under -short")
	}
	scs := run(t, server(t, true, "items-per-page-count"), "")
	failed := 0
	for _, sc := range scs {
		if sc.Status != reports.Failed {
			continue
		}
		failed++
		if !slices.Contains(sc.Tags, "@OK-08") {
			t.Errorf("%s (%v) failed, but only OK-08's scenarios check itemsPerPage%s", sc.Name, sc.Tags, failedStep(sc))
		}
	}
	if failed == 0 {
		t.Error("no scenario caught itemsPerPage reporting the requested count")
	}
}

// An auxiliary list read (here a lookup by userName) goes on with a list
// that breaks OK-08's paging rules, and fails loudly, with the response, on
// one it cannot use.
func TestAuxiliaryListReads(t *testing.T) {
	const user = `{"id":"u1","userName":"x@example.com","active":true}`
	tests := map[string]struct {
		status int
		body   string
		err    string // in the failed step's error; "" means the step passes
	}{
		"itemsPerPage the requested count": {200, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"itemsPerPage":100,"startIndex":1,"Resources":[` + user + `]}`, ""},
		"paging numbers as strings":        {200, `{"totalResults":"1","itemsPerPage":"1","startIndex":"1","Resources":[` + user + `]}`, ""},
		"an empty page without Resources":  {200, `{"totalResults":0,"itemsPerPage":0,"startIndex":1}`, "expected exactly one user"},
		"not JSON":                         {200, `<html>oops</html>`, "the response body is not JSON"},
		"Resources not an array":           {200, `{"totalResults":1,"Resources":{"id":"u1"}}`, "Resources: expected an array"},
		"Resources missing on a full page": {200, `{"totalResults":1,"itemsPerPage":1,"startIndex":1}`, "Resources: expected the page's resources, got none"},
		"a wrong status":                   {500, `{"detail":"boom"}`, "expected 200 with a ListResponse, got 500"},
		"a JSON array":                     {200, `[1,2]`, "expected a ListResponse object"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/scim+json")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer ts.Close()
			cfg := steps.Config{AppName: "Zinc", BaseURL: ts.URL + "/scim/v2", Token: "PRODTOKEN", HTTPClient: ts.Client(), RunPrefix: "x"}
			// The person's userName is the prefix's, not x@example.com:
			// the step below only needs a usable list with one user.
			feature := "Feature: f\n  Scenario: s\n    Then Zinc has exactly one user for Alice\n"
			scs, _, console := runGodog(t, cfg, godog.Options{FS: fstest.MapFS{"f.feature": {Data: []byte(feature)}}})
			if len(scs) != 1 {
				t.Fatalf("%d scenarios\n%s", len(scs), console)
			}
			sc := scs[0]
			if tc.err == "" {
				if sc.Status != reports.Passed {
					t.Errorf("%s, want passed%s", sc.Status, failedStep(sc))
				}
				return
			}
			if sc.Status != reports.Failed || !strings.Contains(sc.Steps[0].Error, tc.err) {
				t.Errorf("%s, want failed with %q%s", sc.Status, tc.err, failedStep(sc))
			}
			if sc.Status == reports.Failed && !strings.Contains(sc.Steps[0].Error, "GET "+ts.URL) {
				t.Errorf("the error does not show the exchange:\n%s", sc.Steps[0].Error)
			}
		})
	}
}
