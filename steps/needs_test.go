package steps_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// A scenario that needs what the target lacks is skipped with the reason,
// not failed, even when a step before the one that needs it would break:
// here every request fails with 500, and the Okta steps come first.
func TestScenarioNeedsSkipBeforeAnEarlierStepBreaks(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer ts.Close()
	tests := map[string]struct {
		cfg    func(*steps.Config)
		steps  string
		reason string // a part of the skip reason; "" means the scenario fails
	}{
		"a console step after a failing Okta step": {
			steps:  "Given Okta has a user Alice Smith\n    And Okta assigns Alice to the app\n    Then the Zinc console lists Alice in Users",
			reason: `The step "the Zinc console lists Alice in Users" needs the Admin Console API`,
		},
		"a fresh organization after a failing SCIM step": {
			steps:  "Given Zinc has a user Alice Smith\n    And a fresh Zinc organization",
			reason: "needs the Admin Console API",
		},
		"the Sandbox without a Sandbox URL": {
			steps:  "Given Zinc has a user Alice Smith\n    When requests go to the Sandbox base URL\n    And I send GET /Users",
			reason: "no Sandbox base URL",
		},
		"another auth style than the run's": {
			cfg:    func(c *steps.Config) { c.Auth = steps.AuthHeader },
			steps:  "Given Zinc has a user Alice Smith\n    And the token is sent as a bearer token\n    When Okta tests the API credentials",
			reason: steps.AuthSkipReason(steps.AuthHeader),
		},
		"the run's own auth style runs, and fails here": {
			cfg:   func(c *steps.Config) { c.Auth = steps.AuthHeader },
			steps: "Given the token is sent as the raw Authorization header\n    When Okta tests the API credentials\n    Then Okta reports the API credentials as verified",
		},
		"nothing missing: the failing Okta step fails it": {
			steps: "Given Okta has a user Alice Smith\n    And Okta assigns Alice to the app\n    Then Okta has no failed tasks",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			cfg := steps.Config{AppName: "Zinc", BaseURL: ts.URL + "/scim/v2", Token: "PRODTOKEN", HTTPClient: ts.Client()}
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			feature := "Feature: f\n  Scenario: s\n    " + tc.steps + "\n"
			scs, _, console := runGodog(t, cfg, godog.Options{FS: fstest.MapFS{"f.feature": {Data: []byte(feature)}}})
			if len(scs) != 1 {
				t.Fatalf("%d scenarios, want 1\n%s", len(scs), console)
			}
			sc := scs[0]
			if tc.reason == "" {
				if sc.Status != reports.Failed {
					t.Errorf("%s %q, want failed", sc.Status, sc.Reason)
				}
				return
			}
			if sc.Status != reports.Skipped || !strings.Contains(sc.Reason, tc.reason) {
				t.Errorf("%s %q, want skipped with %q%s", sc.Status, sc.Reason, tc.reason, failedStep(sc))
			}
			if got := sc.Steps[0].Status; got != "skipped" {
				t.Errorf("the first step: %s, want skipped: the scenario must not start", got)
			}
		})
	}
}
