package suite

import (
	"context"
	"fmt"
	"strings"

	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// Fault is a fault mode of the server under test, as the self-check needs
// it: its name, and the behaviours it breaks, the one it is named for first.
type Fault struct {
	Name       string
	Behaviours []string
}

// FaultResult is what one fault did to the scenarios tagged with the
// behaviours it breaks.
type FaultResult struct {
	Fault  Fault
	IDs    []string // the behaviours it breaks that the parts load; none: not tried
	Ran    int      // scenarios run, over every auth style tried
	Failed []reports.Scenario
}

// Tried is whether the parts load a behaviour the fault breaks.
func (r FaultResult) Tried() bool { return len(r.IDs) > 0 }

// Caught is whether a scenario failed with the fault on.
func (r FaultResult) Caught() bool { return len(r.Failed) > 0 }

// SelfCheck proves that the scenarios catch each fault of a server: the
// suite passes against it clean (Clean), and with a fault on, a scenario
// tagged with a behaviour the fault breaks fails (Try). Sources, Parts and
// Target are required.
type SelfCheck struct {
	Parts       *Parts
	Sources     *Sources // of Parts
	Concurrency int
	// Target starts the server with faults on for one run whose token
	// goes in auth's style, and returns the steps' configuration for it
	// and what stops it once the run is done.
	Target func(auth steps.AuthStyle, faults ...string) (cfg steps.Config, stop func(), err error)
}

// AuthStyles are the auth styles the scenarios of a behaviour are run in:
// each of Okta's for OK-02, whose scenarios test the run's own style only
// (Okta configures one per app), the default for every other.
func AuthStyles(behaviour string) []steps.AuthStyle {
	if behaviour == "OK-02" {
		return []steps.AuthStyle{steps.AuthBearer, steps.AuthHeader, steps.AuthBasic}
	}
	return []steps.AuthStyle{steps.AuthBearer}
}

// Clean runs every scenario against the server without faults, and returns
// that run and the scenarios that did not pass. An OK-02 scenario of
// another auth style, skipped in the run's, counts as passed when it passes
// in a run of its own style.
func (c SelfCheck) Clean(ctx context.Context) (*Result, []reports.Scenario, error) {
	clean, err := c.run(ctx, "", steps.AuthBearer)
	if err != nil {
		return nil, nil, err
	}
	otherStyles := map[string]reports.Status{}
	for _, a := range AuthStyles("OK-02")[1:] {
		res, err := c.run(ctx, "@OK-02", a)
		if err != nil {
			return nil, nil, err
		}
		for _, s := range res.Scenarios {
			if s.Status == reports.Passed || otherStyles[scenarioKey(s)] == "" {
				otherStyles[scenarioKey(s)] = s.Status
			}
		}
	}
	var notPassed []reports.Scenario
	for _, s := range clean.Scenarios {
		if s.Status == reports.Skipped && s.Reason == steps.AuthSkipReason(steps.AuthBearer) && otherStyles[scenarioKey(s)] == reports.Passed {
			continue
		}
		if s.Status != reports.Passed {
			notPassed = append(notPassed, s)
		}
	}
	return clean, notPassed, nil
}

// Try runs, with f on, the scenarios tagged with the behaviours f breaks
// that the parts load, in each auth style AuthStyles gives f's behaviour.
// A fault that breaks none of them is not run (FaultResult.Tried).
func (c SelfCheck) Try(ctx context.Context, f Fault) (FaultResult, error) {
	r := FaultResult{Fault: f}
	for _, id := range f.Behaviours {
		if c.Parts.PartOf(id) != "" {
			r.IDs = append(r.IDs, id)
		}
	}
	if !r.Tried() {
		return r, nil
	}
	for _, a := range AuthStyles(f.Behaviours[0]) {
		res, err := c.run(ctx, "@"+strings.Join(r.IDs, ",@"), a, f.Name)
		if err != nil {
			return r, fmt.Errorf("fault %s: %w", f.Name, err)
		}
		r.Ran += len(res.Scenarios)
		r.Failed = append(r.Failed, res.Failed()...)
	}
	return r, nil
}

// run runs the scenarios tags selects against a fresh server with faults.
func (c SelfCheck) run(ctx context.Context, tags string, auth steps.AuthStyle, faults ...string) (*Result, error) {
	cfg, stop, err := c.Target(auth, faults...)
	if err != nil {
		return nil, err
	}
	defer stop()
	cfg.Auth = auth
	return Run{Config: cfg, Sources: c.Sources, Tags: tags, Concurrency: c.Concurrency}.Run(ctx)
}

// scenarioKey names a scenario across runs: its file and line.
func scenarioKey(s reports.Scenario) string { return fmt.Sprintf("%s:%d", s.URI, s.Line) }
