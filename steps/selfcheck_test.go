package steps_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// run runs the embedded scenarios matching tags against cfg and returns them
// with the harness's own statuses.
func run(t *testing.T, cfg steps.Config, tags string) []reports.Scenario {
	t.Helper()
	// NoColors would make godog write cucumber.json rune by rune: seconds.
	scs, code, console := runGodog(t, cfg, godog.Options{Tags: tags, Concurrency: 4})
	if code == 2 {
		t.Fatalf("godog: %s", console)
	}
	return scs
}

// TestSelfCheck runs, for every fault of the reference server, the scenarios
// tagged with a behaviour it breaks, as `scimharness selfcheck` does
// (suite.SelfCheck): at least one must fail, and one tagged with each other
// behaviour it breaks. A fault that breaks an Okta-core behaviour must also
// be caught by a scenario of the core: a scenario carries the IDs of its
// own part only, so those are the scenarios `selfcheck --app none` runs,
// and the core catches the fault without an app pack.
func TestSelfCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("the self-check runs the suite once per fault")
	}
	parts, err := suite.Load(suite.AppZinc, "")
	if err != nil {
		t.Fatal(err)
	}
	core := 0 // faults that break a core behaviour
	for _, f := range reference.Faults() {
		breaksCore := slices.ContainsFunc(f.Behaviours(), parts.Core.Has)
		if breaksCore {
			core++
		}
		t.Run(f.Name, func(t *testing.T) {
			r, err := tryFault(t, f) // the run, made here unless another test asked first
			if err != nil {
				t.Fatal(err)
			}
			if r.Ran == 0 {
				t.Fatalf("no scenario is tagged @%s", f.Behaviour)
			}
			if !r.Caught() {
				t.Errorf("fault %s (%s: %s) survives: all %d scenarios tagged @%s pass", f.Name, f.Behaviour, f.Description, r.Ran, strings.Join(r.IDs, ", @"))
				return
			}
			var names []string
			for _, sc := range r.Failed {
				names = append(names, sc.Name)
			}
			t.Logf("%s → %s", f.Name, strings.Join(names, "; "))
			for _, id := range f.Behaviours()[1:] {
				if !slices.ContainsFunc(r.Failed, func(sc reports.Scenario) bool { return slices.Contains(sc.Tags, "@"+id) }) {
					t.Errorf("fault %s also breaks %s, but no scenario tagged @%s fails", f.Name, id, id)
				}
			}
			if breaksCore && !slices.ContainsFunc(r.Failed, func(sc reports.Scenario) bool { return sc.Part == parts.Core.Name }) {
				t.Errorf("fault %s (%s) survives the Okta core alone: only app-pack scenarios fail", f.Name, f.Description)
			}
		})
	}
	if core < 30 {
		t.Errorf("%d faults break an Okta-core behaviour, expected most", core)
	}
}
