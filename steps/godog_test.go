package steps_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// runGodog runs, through package suite, the feature files of opts.FS (nil:
// the embedded Okta core and Zinc pack) with the steps of cfg, and opts'
// Tags, Concurrency, Format, TestingT and DefaultContext. It returns the
// scenarios with the harness's own statuses, godog's exit code (2 when it
// could not run the suite) and its console output.
func runGodog(t *testing.T, cfg steps.Config, opts godog.Options) ([]reports.Scenario, int, string) {
	t.Helper()
	var src *suite.Sources
	if opts.FS == nil {
		parts, err := suite.Load(suite.AppZinc, "")
		if err != nil {
			t.Fatal(err)
		}
		if src, err = suite.NewSources(parts, nil, false); err != nil {
			t.Fatal(err)
		}
	} else {
		src = suite.NewSourcesFS("features", opts.FS, cfg.AppName)
	}
	ctx := opts.DefaultContext
	if ctx == nil {
		ctx = context.Background()
	}
	var console bytes.Buffer
	res, err := suite.Run{Config: cfg, Sources: src, Tags: opts.Tags, Concurrency: opts.Concurrency,
		Format: opts.Format, Output: &console, TestingT: opts.TestingT}.Run(ctx)
	if err != nil {
		return nil, 2, err.Error() + "\n" + console.String()
	}
	return res.Scenarios, res.Status, console.String()
}
