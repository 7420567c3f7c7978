package steps_test

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// server starts the reference server with faults, and returns a Config for it.
func server(t *testing.T, admin bool, faults ...string) steps.Config {
	t.Helper()
	rc := reference.Config{Token: "PRODTOKEN", SandboxToken: "SANDTOKEN", Faults: faults}
	if admin {
		rc.AdminToken = "ADMINTOKEN"
	}
	srv, err := reference.New(rc)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	cfg := steps.Config{BaseURL: ts.URL + "/scim/v2", SandboxURL: ts.URL + "/sandbox/scim/v2", Token: "PRODTOKEN", SandboxToken: "SANDTOKEN", HTTPClient: ts.Client()}
	if admin {
		cfg.AdminURL, cfg.AdminToken = ts.URL+"/admin", "ADMINTOKEN"
	}
	return cfg
}

// TestSuiteAgainstReference runs the whole embedded suite against the
// reference server, each scenario as a subtest.
func TestSuiteAgainstReference(t *testing.T) {
	s, err := steps.New(server(t, true))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "cucumber.json")
	var console bytes.Buffer
	st := godog.TestSuite{
		Name:                "scimharness",
		ScenarioInitializer: s.InitializeScenario,
		Options: &godog.Options{
			Format:      "progress,cucumber:" + out,
			Output:      &console,
			FS:          features.FS,
			Paths:       []string{"."},
			Strict:      true,
			NoColors:    false, // NoColors makes godog write cucumber.json rune by rune: seconds
			Concurrency: 4,
			TestingT:    t, // each scenario a subtest
		},
	}
	code := st.Run()
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	scs, err := reports.FromCucumber(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sc := range scs {
		if sc.Status != reports.Passed {
			t.Errorf("%s: %s %s%s", sc.Name, sc.Status, sc.Reason, failedStep(sc))
		}
		n++
	}
	if code != 0 {
		t.Errorf("godog exit %d\n%s", code, console.String())
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
