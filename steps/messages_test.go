package steps_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// runFeature runs one feature text against cfg and returns its scenarios.
func runFeature(t *testing.T, cfg steps.Config, feature string) []reports.Scenario {
	t.Helper()
	scs, code, console := runGodog(t, cfg, godog.Options{FS: fstest.MapFS{"m.feature": {Data: []byte(feature)}}})
	if code == 2 {
		t.Fatalf("godog: %s", console)
	}
	return scs
}

// failedError is the error of a scenario's failed step.
func failedError(sc reports.Scenario) string {
	for _, st := range sc.Steps {
		if st.Status == "failed" {
			return st.Error
		}
	}
	return ""
}

// TestFailureMessages checks what failure messages say: the gist on the first
// line (consoles and JUnit's message= show only that), and the request and
// response behind it below.
func TestFailureMessages(t *testing.T) {
	tests := []struct {
		name      string
		faults    []string
		scenario  string
		firstLine []string // each must be on the first line
		below     []string // each must be somewhere in the message
	}{
		{name: "an unexpected task", faults: []string{"create-without-id"},
			scenario: `
    Given Okta has a user Alice Smith
    When Okta assigns Alice to the app
    Then Okta has no failed tasks`,
			firstLine: []string{`expected no failed Okta tasks, got "Automatic provisioning of user`, "Create new user returned empty user"},
			below:     []string{"POST http", "HTTP 201 Created"}},
		{name: "no task where one was expected",
			scenario: `
    Given Okta has a user Alice Smith
    When Okta assigns Alice to the app
    Then Okta has a failed task saying "Conflict"`,
			firstLine: []string{`expected a failed Okta task saying "Conflict", got no failed task`},
			below:     []string{"POST http", "HTTP 201 Created"}},
		{name: "another task than expected", faults: []string{"create-without-id"},
			scenario: `
    Given Okta has a user Alice Smith
    When Okta assigns Alice to the app
    Then Okta has a failed task saying "Conflict"`,
			firstLine: []string{`expected a failed Okta task saying "Conflict", got "Automatic provisioning`},
			below:     []string{"HTTP 201 Created"}},
		{name: "a credential test failing in a Given",
			scenario: `
    Given the API token in use is wrong
    And Okta tests the API credentials
    Then Okta has no failed tasks`,
			firstLine: []string{"Okta's credential test failed: test-credentials: GET http", "expected 200 with a ListResponse, got 401"},
			below:     []string{"HTTP 401 Unauthorized"}},
		{name: "a failed user import", faults: []string{"paging-numbers-as-strings"},
			scenario: `
    Given Zinc has a user Alice Smith
    When Okta imports the users
    Then Okta's user import finds Alice`,
			firstLine: []string{"Okta's import of the users failed: "},
			below:     []string{"GET http", "/Users?startIndex=1&count=100", "HTTP 200 OK"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scs := runFeature(t, server(t, false, tt.faults...), "Feature: m\n  Scenario: s"+tt.scenario+"\n")
			if len(scs) != 1 || scs[0].Status != reports.Failed {
				t.Fatalf("want one failed scenario, got %+v", scs)
			}
			msg := failedError(scs[0])
			first, _, _ := strings.Cut(msg, "\n")
			for _, w := range tt.firstLine {
				if !strings.Contains(first, w) {
					t.Errorf("first line %q: want it to contain %q\nwhole message:\n%s", first, w, msg)
				}
			}
			for _, w := range tt.below {
				if !strings.Contains(msg, w) {
					t.Errorf("message: want it to contain %q\n%s", w, msg)
				}
			}
		})
	}
}
