package steps_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/refserver"
	"github.com/scimharness/scimharness/internal/reftest"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/suite"
)

// plainRun runs the parts of app against a reference server in plain mode
// (a plain RFC 7644 server, none of Zinc's rules), with its Admin Console
// API, and returns the scenarios.
func plainRun(t *testing.T, app string) []reports.Scenario { return plainRunDir(t, app, "") }

// plainRunDir is plainRun with an app pack directory (--app-dir).
func plainRunDir(t *testing.T, app, dir string) []reports.Scenario {
	t.Helper()
	rc := reftest.Config(true)
	rc.Mode = reference.ModePlain
	ts := reftest.Start(t, rc)
	cfg := refserver.Config(ts.URL, rc, ts.Client())
	parts, err := suite.Load(app, dir)
	if err != nil {
		t.Fatal(err)
	}
	src, err := suite.NewSources(parts, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	res, err := suite.Run{Config: cfg, Sources: src, Concurrency: 4}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Scenarios) < 50 {
		t.Fatalf("%d scenarios ran, expected the whole suite", len(res.Scenarios))
	}
	return res.Scenarios
}

// passedOrNotForThisRun reports whether sc passed, or was skipped for a
// reason of the run's own (another auth style, no OAuth server, no Sandbox),
// never for a failure.
func passedOrNotForThisRun(sc reports.Scenario) bool {
	return sc.Status == reports.Passed || sc.Status == reports.Skipped && sc.Reason != ""
}

// plainBreaks are the Zinc behaviours a plain RFC 7644 server does not have
// (reference.ModePlain): a PATCH remove of active deactivates (ZN-03; RFC 7644
// leaves active unassigned), deactivation removes from groups (ZN-04) and
// reactivation comes back in none (ZN-05), userName is immutable (ZN-17), an
// email and the only email (ZN-18), displayName is derived (ZN-19), synced
// groups are read-only in the console (ZN-21), the console lists no
// inactive user (ZN-24).
var plainBreaks = []string{"ZN-03", "ZN-04", "ZN-05", "ZN-17", "ZN-18", "ZN-19", "ZN-21", "ZN-24"}

// TestZincPackAgainstPlainServer: the Zinc pack against a plain server fails
// exactly the Zinc behaviours the plain server does not have, and nothing in
// the Okta core: the Okta core holds for any correct SCIM server Okta can
// provision, so against a plain RFC 7644 server (no Zinc rule) every core
// scenario of the run passes (TestExamplePackAgainstPlainServer holds the
// core to that beside another pack).
func TestZincPackAgainstPlainServer(t *testing.T) {
	if testing.Short() {
		t.Skip("the Zinc pack against a plain server: not under -short")
	}
	var failed []string
	for _, sc := range plainRun(t, suite.AppZinc) {
		if passedOrNotForThisRun(sc) {
			continue
		}
		if sc.Part != "Zinc" {
			t.Errorf("%s (%s): %s%s", sc.Name, sc.Part, sc.Status, failedStep(sc))
			continue
		}
		failed = append(failed, suite.BehaviourIDs(sc.Tags)...)
	}
	slices.Sort(failed)
	failed = slices.Compact(failed)
	if !slices.Equal(failed, plainBreaks) {
		t.Errorf("the Zinc behaviours that fail against a plain server: %s, want %s", strings.Join(failed, " "), strings.Join(plainBreaks, " "))
	}
}

// TestExamplePackAgainstPlainServer runs the example pack of
// docs/app-packs.md (Chirp, documented to behave as a plain RFC 7644 server)
// with the Okta core, as --app-dir does: all green against plain mode.
func TestExamplePackAgainstPlainServer(t *testing.T) {
	if testing.Short() {
		t.Skip("the example pack against a plain server: not under -short")
	}
	chirp := 0
	for _, sc := range plainRunDir(t, "", "../examples/packs/chirp") {
		if sc.Part == "Chirp" {
			chirp++
		}
		if !passedOrNotForThisRun(sc) {
			t.Errorf("%s (%s): %s %s%s", sc.Name, sc.Part, sc.Status, sc.Reason, failedStep(sc))
		}
	}
	if chirp != 5 {
		t.Errorf("%d Chirp scenarios ran, want its 5", chirp)
	}
}
