package steps_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// runGodog runs the suite of opts (its FS, Paths, Tags and the rest) with the
// steps of cfg, Strict, and returns the scenarios with the harness's own
// statuses, godog's exit code and its console output. opts.Format may name
// console formats; the cucumber JSON is added.
func runGodog(t *testing.T, cfg steps.Config, opts godog.Options) ([]reports.Scenario, int, string) {
	t.Helper()
	s, err := steps.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "cucumber.json")
	var console bytes.Buffer
	if opts.Format != "" {
		opts.Format += ","
	}
	opts.Format += "cucumber:" + out
	opts.Output, opts.Strict = &console, true
	if opts.Paths == nil {
		opts.Paths = []string{"."}
	}
	code := godog.TestSuite{Name: "scimharness", ScenarioInitializer: s.InitializeScenario, Options: &opts}.Run()
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("godog exit %d, no cucumber JSON (%v): %s", code, err, console.String())
	}
	scs, err := reports.FromCucumber(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return scs, code, console.String()
}
