package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/scimharness/scimharness/explore"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// exploreBudget bounds each fault's exploration in selfcheck --explore.
const exploreBudget = 50000

// exploreResult is what explore did against one fault.
type exploreResult struct {
	fault    reference.Fault
	found    *explore.Finding
	steps    int
	replayed string // "red/green" when the feature fails with the fault and passes clean
}

// selfcheckExplore explores the reference server once per fault, from seed
// 1 with a bounded budget, and replays each shrunk feature against the
// faulty and the clean server.
func selfcheckExplore(ctx context.Context, w io.Writer, faults []reference.Fault, pack explore.Pack) (int, error) {
	start := time.Now()
	var results []exploreResult
	var oauth []string
	var unreached []string
	for _, f := range faults {
		if f.OAuth() {
			// explore drives Okta's SCIM requests with a static token;
			// the OAuth flow is the suite's (features/okta/oauth.feature).
			oauth = append(oauth, f.Name)
			continue
		}
		if why := unexplored[f.Name]; why != "" {
			unreached = append(unreached, f.Name+" ("+why+")")
			continue
		}
		if ctx.Err() != nil {
			return exitUsage, fmt.Errorf("interrupted")
		}
		r, err := exploreFault(ctx, f, pack)
		if err != nil {
			return exitUsage, fmt.Errorf("fault %s: %w", f.Name, err)
		}
		results = append(results, r)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FAULT\tBREAKS\tFOUND\tSTEPS TO FIND\tSHRUNK\tREPLAY (faulty/clean)\tINVARIANT")
	found := 0
	for _, r := range results {
		if r.found == nil || r.replayed != "failed/passed" {
			if r.found != nil {
				fmt.Fprintf(tw, "%s\t%s\tno\t%d\t%d\t%s\t%s: its feature does not fail with the fault alone\n", r.fault.Name, r.fault.Behaviour, r.steps, len(r.found.Scenario.Actions), r.replayed, r.found.Violation.Invariant)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\tno\t-\t-\t-\tnot found in %d actions\n", r.fault.Name, r.fault.Behaviour, r.steps)
			continue
		}
		found++
		fmt.Fprintf(tw, "%s\t%s\tyes\t%d\t%d\t%s\t%s\n", r.fault.Name, r.fault.Behaviour, r.steps, len(r.found.Scenario.Actions), r.replayed, r.found.Violation.Invariant)
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "\n%d faults: explore found %d within %d actions each (seed 1, --app %s) (%s)\n", len(results), found, exploreBudget, pack, time.Since(start).Round(time.Millisecond))
	if len(oauth) > 0 {
		fmt.Fprintf(w, "not explored, as explore does not run Okta's OAuth flow (the suite's selfcheck covers them): %s\n", strings.Join(oauth, ", "))
	}
	if len(unreached) > 0 {
		fmt.Fprintf(w, "not explored, as explore has no action that meets them (the suite's selfcheck covers them): %s\n", strings.Join(unreached, ", "))
	}
	if found < len(results) {
		return exitFailed, nil
	}
	return exitOK, nil
}

// unexplored are the faults outside explore's model, each with why: explore
// has no action that meets them, and the suite's selfcheck catches them.
var unexplored = map[string]string{
	"schemas-describe-plain":    "explore reads no mutability from /Schemas",
	"unknown-member-loses-push": "explore's losses meet it only now and then (seed 1: after 26,496 actions), OK-34's scenarios at once",
}

func exploreFault(ctx context.Context, f reference.Fault, pack explore.Pack) (exploreResult, error) {
	r := exploreResult{fault: f}
	ref, err := startEmbedded(f.Name)
	if err != nil {
		return r, err
	}
	defer ref.Close()
	res, err := explore.Run(ctx, explore.Config{Target: embeddedTarget(ref), Pack: pack, Seed: 1, Steps: exploreBudget})
	if err != nil {
		return r, err
	}
	r.steps, r.found = res.Steps, res.Finding
	if r.found == nil {
		return r, nil
	}
	faulty, clean, err := replayFinding(ctx, r.found, f.Name)
	if err != nil {
		return r, err
	}
	r.replayed = string(faulty) + "/" + string(clean)
	return r, nil
}

// replayFinding writes the finding's feature and runs it against the
// reference server with the fault and without: the statuses it got.
func replayFinding(ctx context.Context, f *explore.Finding, fault string) (faulty, clean reports.Status, err error) {
	dir, err := os.MkdirTemp("", "scimharness-explore-")
	if err != nil {
		return "", "", err
	}
	defer os.RemoveAll(dir)
	fh, err := os.Create(dir + "/explore.feature")
	if err != nil {
		return "", "", err
	}
	if err := explore.WriteFeature(fh, f); err != nil {
		fh.Close()
		return "", "", err
	}
	if err := fh.Close(); err != nil {
		return "", "", err
	}
	src, err := replaySources(dir)
	if err != nil {
		return "", "", err
	}
	status := func(faults ...string) (reports.Status, error) {
		res, err := runAgainst(ctx, src, "", 1, replayAuth(f), faults...)
		if err != nil {
			return "", err
		}
		if len(res.Scenarios) != 1 {
			return "", fmt.Errorf("replay: %d scenarios, expected 1", len(res.Scenarios))
		}
		return res.Scenarios[0].Status, nil
	}
	if faulty, err = status(fault); err != nil {
		return "", "", err
	}
	clean, err = status()
	return faulty, clean, err
}

func parsePack(s string) (explore.Pack, error) {
	p, err := explore.ParsePack(s)
	if err != nil {
		return p, fmt.Errorf("--app: %w", err)
	}
	return p, nil
}

// replayAuth is the auth style a finding's feature must be replayed in: its
// "the token is sent as" step runs only in a run configured for it.
func replayAuth(f *explore.Finding) steps.AuthStyle {
	if a := f.Scenario.Setup.Auth; a != "" {
		return a
	}
	return steps.AuthBearer
}

// runAgainst runs the scenarios tags selects against a fresh embedded
// reference server with faults, the token sent in the auth style.
func runAgainst(ctx context.Context, src *suite.Sources, tags string, concurrency int, auth steps.AuthStyle, faults ...string) (*suite.Result, error) {
	cfg, stop, err := selfcheckTarget(auth, faults...)
	if err != nil {
		return nil, err
	}
	defer stop()
	return suite.Run{Config: cfg, Sources: src, Tags: tags, Concurrency: concurrency}.Run(ctx)
}
