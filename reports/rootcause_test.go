package reports_test

import (
	"reflect"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// Failures group by their first failing request (no answer, 5xx) or else
// their assertion, with ids, users and run prefixes made generic; each
// group names the behaviour most of its scenarios carry, and the largest
// group comes first.
func TestRootCauses(t *testing.T) {
	const target = "http://127.0.0.1:8080/scim/v2"
	x := func(method, url string, status int) reports.Exchange {
		return reports.Exchange{Method: method, URL: url, Status: status}
	}
	failed := func(tags []string, err string, xs ...reports.Exchange) reports.Scenario {
		return reports.Scenario{Status: reports.Failed, Tags: tags, URI: "f.feature", Steps: []reports.Step{
			{Status: "passed", Exchanges: xs},
			{Status: "failed", Error: err},
		}}
	}
	run := reports.Run{
		Target: target,
		Behaviours: []reports.Behaviour{
			{ID: "OK-03", Title: "A userName filter finds the user"},
			{ID: "OK-04", Title: "Create answers the user"},
			{ID: "OK-18", Title: "Deactivation is a PATCH"},
		},
		Scenarios: []reports.Scenario{
			failed([]string{"@OK-18"}, "Okta has no failed tasks: got one",
				x("GET", target+"/Users?filter=userName+eq+%22shab12-cd34.alice%40example.com%22", 500)),
			{Status: reports.Passed, Tags: []string{"@OK-03"}},
			failed([]string{"@OK-03", "@OK-18"}, "the response's id: expected it exists",
				x("GET", target+"/Users?filter=userName+eq+%22shab12-zz99.bob%40example.com%22", 500)),
			failed([]string{"@OK-03"}, "Okta has no failed tasks: got none",
				x("POST", target+"/Users", 201), x("GET", target+"/Users?filter=userName+eq+%22x%22", 500)),
			failed([]string{"@OK-04"}, `PUT /Users/2819c223-7f76-453a-919d-413861904646: expected 200, got 409 for "shab12-cd34.alice@example.com"`,
				x("PUT", target+"/Users/2819c223-7f76-453a-919d-413861904646", 409)),
			failed([]string{"@OK-04"}, `PUT /Users/0a1b2c3d-7f76-453a-919d-413861904646: expected 200, got 409 for "shab12-9x9x.bob@example.com"`),
		},
	}
	got := reports.RootCauses(run)
	want := []reports.RootCause{
		{Cause: "GET /Users?filter → 500 Internal Server Error", Behaviour: "OK-03", Title: "A userName filter finds the user", Scenarios: []int{0, 2, 3}},
		{Cause: `PUT /Users/{id}: expected 200, got 409 for "{user}"`, Behaviour: "OK-04", Title: "Create answers the user", Scenarios: []int{4, 5}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
