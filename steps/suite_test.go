package steps_test

import (
	"testing"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/internal/refserver"
	"github.com/scimharness/scimharness/internal/reftest"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// server starts the reference server with faults, and returns a Config for it.
func server(t *testing.T, admin bool, faults ...string) steps.Config {
	t.Helper()
	rc := reftest.Config(admin, faults...)
	rc.OAuth = &reference.OAuthConfig{ClientID: "okta-client", ClientSecret: "OAUTHCLIENTSECRET"}
	if !admin {
		// The entitlements and roles the features name, which a Zinc admin
		// would have set up (with the Admin Console API, the steps do it).
		rc.Entitlements = []reference.Entitlement{{DisplayName: "Pro license", Type: "License"}, {DisplayName: "Basic license", Type: "License"}}
		rc.Roles = []reference.Entitlement{{DisplayName: "Billing admin"}, {DisplayName: "Auditor"}}
	}
	ts := reftest.Start(t, rc)
	cfg := refserver.Config(ts.URL, rc, ts.Client())
	cfg.AppName = "Zinc"
	return cfg
}

// TestSuiteAgainstReference runs the whole embedded suite against the
// reference server, each scenario as a subtest.
func TestSuiteAgainstReference(t *testing.T) {
	// Each scenario a subtest (TestingT); NoColors would make godog write
	// cucumber.json rune by rune: seconds.
	scs, code, console := runGodog(t, server(t, true), godog.Options{Format: "progress", Concurrency: 4, TestingT: t})
	n := 0
	for _, sc := range scs {
		// Okta configures one auth style per app: the others skip.
		if sc.Status == reports.Skipped && sc.Reason == steps.AuthSkipReason(steps.AuthBearer) {
			continue
		}
		if sc.Status != reports.Passed {
			t.Errorf("%s: %s %s%s", sc.Name, sc.Status, sc.Reason, failedStep(sc))
		}
		n++
	}
	if code != 0 {
		t.Errorf("godog exit %d\n%s", code, console)
	}
	if n < 100 {
		t.Errorf("ran %d scenarios, expected the whole suite", n)
	}
}

func failedStep(sc reports.Scenario) string {
	for _, st := range sc.Steps {
		if st.Status != "passed" && st.Status != "skipped" {
			e := st.Error
			if len(e) > 1500 {
				e = e[:1500] + "…"
			}
			return "\n  " + st.Keyword + st.Text + " (" + st.Status + ")\n  " + e
		}
	}
	return ""
}
