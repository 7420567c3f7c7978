package steps_test

import (
	"context"
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
// tagged with a behaviour it breaks: at least one must fail. A fault that
// breaks an Okta-core behaviour too must also be caught by the core alone.
func TestSelfCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("the self-check runs the suite once per fault")
	}
	for _, f := range reference.Faults() {
		t.Run(f.Name, func(t *testing.T) {
			cfg := server(t, true, f.Name)
			tags := "@" + strings.Join(f.Behaviours(), ",@")
			var scs []reports.Scenario
			// A run tests one auth style: OK-02's faults are tried in each.
			for _, a := range authStyles(f.Behaviour) {
				cfg.Auth = a
				scs = append(scs, run(t, cfg, tags)...)
			}
			var failed []string
			for _, sc := range scs {
				if sc.Status == reports.Failed {
					failed = append(failed, sc.Name)
				}
			}
			if len(scs) == 0 {
				t.Fatalf("no scenario is tagged @%s", f.Behaviour)
			}
			if len(failed) == 0 {
				t.Errorf("fault %s (%s: %s) survives: all %d scenarios tagged @%s pass", f.Name, f.Behaviour, f.Description, len(scs), f.Behaviour)
				return
			}
			t.Logf("%s → %s", f.Name, strings.Join(failed, "; "))
			for _, id := range f.Behaviours()[1:] {
				if !slices.ContainsFunc(scs, func(sc reports.Scenario) bool {
					return sc.Status == reports.Failed && slices.Contains(sc.Tags, "@"+id)
				}) {
					t.Errorf("fault %s also breaks %s, but no scenario tagged @%s fails", f.Name, id, id)
				}
			}
		})
	}
}

// authStyles are the auth styles a fault of behaviour is tried in: each of
// Okta's for OK-02, whose scenarios run in the run's style only.
func authStyles(behaviour string) []steps.AuthStyle {
	if behaviour == "OK-02" {
		return []steps.AuthStyle{steps.AuthBearer, steps.AuthHeader, steps.AuthBasic}
	}
	return []steps.AuthStyle{steps.AuthBearer}
}

// TestSelfCheckCoreAlone runs, for every fault that breaks an Okta-core
// behaviour, only the Okta core's scenarios tagged with those behaviours
// (selfcheck --app none): one of them must fail, so that the core catches
// its faults without an app pack.
func TestSelfCheckCoreAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the core once per fault")
	}
	parts, err := suite.Load(suite.AppNone, "")
	if err != nil {
		t.Fatal(err)
	}
	src, err := suite.NewSources(parts, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for _, f := range reference.Faults() {
		var ids []string
		for _, id := range f.Behaviours() {
			if parts.PartOf(id) != "" {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			continue
		}
		tried++
		t.Run(f.Name, func(t *testing.T) {
			cfg := server(t, true, f.Name)
			var failed int
			ran := 0
			for _, a := range authStyles(f.Behaviour) {
				cfg.Auth = a
				res, err := suite.Run{Config: cfg, Sources: src, Tags: "@" + strings.Join(ids, ",@"), Concurrency: 4}.Run(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				ran += len(res.Scenarios)
				failed += len(res.Failed())
			}
			if failed == 0 {
				t.Errorf("fault %s (%s) survives the Okta core alone: all %d scenarios tagged @%s pass", f.Name, f.Description, ran, strings.Join(ids, ", @"))
			}
		})
	}
	if tried < 30 {
		t.Errorf("%d faults break an Okta-core behaviour, expected most", tried)
	}
}
