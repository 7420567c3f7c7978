package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// faultResult is what one fault did to the scenarios of its behaviour.
type faultResult struct {
	fault  reference.Fault
	ids    []string // the behaviours it breaks that the run loads
	ran    int
	failed []reports.Scenario
}

func runSelfcheck(e env) int {
	fs := flag.NewFlagSet("selfcheck", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var (
		only        faultFlags
		concurrency int
		verbose     bool
		explore     bool
		app         string
	)
	fs.Var(&only, "fault", "check only this fault (repeatable; 'scimharness faults' lists them)")
	fs.IntVar(&concurrency, "concurrency", 4, "scenarios run at once")
	fs.BoolVar(&verbose, "v", false, "name every failing scenario, not only the first")
	fs.BoolVar(&explore, "explore", false, "instead of the suite, prove that explore finds every fault within a bounded budget, and that each shrunk feature fails with the fault and passes without")
	fs.StringVar(&app, "app", "zinc", "the app pack beside the Okta core: zinc, or none (the core alone: only the faults that break a core behaviour); with --explore too")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness selfcheck [--app zinc|none] [--fault NAME]... [--concurrency N] [-v] [--explore]")
		fmt.Fprintln(e.stderr, "Proves the suite notices broken behaviour: it runs against the reference server clean (every scenario must pass),")
		fmt.Fprintln(e.stderr, "then once per fault mode (at least one scenario tagged with the behaviour it breaks must fail).")
		fmt.Fprintln(e.stderr, "Exit status: 0 every fault was caught, 1 the clean run failed or a fault survived, 2 a usage or setup error.")
		fs.PrintDefaults()
	}
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	faults, err := pickFaults(only)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness selfcheck: %v\n", err)
		return exitUsage
	}
	var code int
	if explore {
		pack, perr := parsePack(app)
		if perr != nil {
			fmt.Fprintf(e.stderr, "scimharness selfcheck: %v\n", perr)
			return exitUsage
		}
		code, err = selfcheckExplore(e.ctx, e.stdout, faults, pack)
	} else {
		parts, perr := suite.Load(app, "")
		if perr != nil {
			fmt.Fprintf(e.stderr, "scimharness selfcheck: %v\n", perr)
			return exitUsage
		}
		code, err = selfcheck(e.ctx, e.stdout, parts, faults, concurrency, verbose)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness selfcheck: %v\n", oneLine(err))
	}
	return code
}

func pickFaults(names []string) ([]reference.Fault, error) {
	all := reference.Faults()
	if len(names) == 0 {
		return all, nil
	}
	var out []reference.Fault
	for _, n := range names {
		found := false
		for _, f := range all {
			if strings.EqualFold(f.Name, n) {
				out, found = append(out, f), true
			}
		}
		if !found {
			return nil, fmt.Errorf("--fault %q: no such fault ('scimharness faults' lists them)", n)
		}
	}
	return out, nil
}

// selfcheck runs the clean suite and then each fault's scenarios.
// Only the faults that break a behaviour of the loaded parts are tried, each
// against the scenarios tagged with those of its behaviours.
func selfcheck(ctx context.Context, w io.Writer, parts *suite.Parts, faults []reference.Fault, concurrency int, verbose bool) (int, error) {
	src, err := suite.NewSources(parts, nil, false)
	if err != nil {
		return exitUsage, err
	}
	start := time.Now()

	clean, err := runAgainst(ctx, src, "", concurrency, steps.AuthBearer)
	if err != nil {
		return exitUsage, err
	}
	// A run tests one auth style; OK-02's scenarios of the other styles
	// skip, and must pass in a run of their own style.
	otherStyles := map[string]reports.Status{}
	for _, a := range authStyles("OK-02")[1:] {
		res, err := runAgainst(ctx, src, "@OK-02", concurrency, a)
		if err != nil {
			return exitUsage, err
		}
		for _, s := range res.Scenarios {
			if s.Status == reports.Passed || otherStyles[scenarioKey(s)] == "" {
				otherStyles[scenarioKey(s)] = s.Status
			}
		}
	}
	notPassed := 0
	for _, s := range clean.Scenarios {
		if s.Status == reports.Skipped && s.Reason == steps.AuthSkipReason(steps.AuthBearer) && otherStyles[scenarioKey(s)] == reports.Passed {
			continue
		}
		if s.Status != reports.Passed {
			notPassed++
			fmt.Fprintf(w, "  %s  %s:%d  %s\n", s.Status, s.URI, s.Line, s.Name)
		}
	}
	if notPassed > 0 || len(clean.Scenarios) == 0 {
		fmt.Fprintf(w, "clean run: %d of %d scenarios did not pass against the reference server: the self-check needs a clean run first\n", notPassed, len(clean.Scenarios))
		return exitFailed, nil
	}
	fmt.Fprintf(w, "clean run: all %d scenarios passed against the reference server (%s)\n\n", len(clean.Scenarios), clean.Duration.Round(time.Millisecond))

	var results []faultResult
	skipped := 0 // faults of behaviours the run does not load
	for _, f := range faults {
		if ctx.Err() != nil {
			return exitUsage, fmt.Errorf("interrupted")
		}
		r := faultResult{fault: f}
		for _, id := range f.Behaviours() {
			if parts.PartOf(id) != "" {
				r.ids = append(r.ids, id)
			}
		}
		if len(r.ids) == 0 {
			skipped++
			continue
		}
		for _, a := range authStyles(f.Behaviour) {
			res, err := runAgainst(ctx, src, "@"+strings.Join(r.ids, ",@"), concurrency, a, f.Name)
			if err != nil {
				return exitUsage, fmt.Errorf("fault %s: %w", f.Name, err)
			}
			r.ran += len(res.Scenarios)
			r.failed = append(r.failed, res.Failed()...)
		}
		results = append(results, r)
	}
	survived := printFaultTable(w, results, verbose)
	notLoaded := ""
	if skipped > 0 {
		notLoaded = fmt.Sprintf("; %d faults break only behaviours of parts not loaded, not tried", skipped)
	}
	fmt.Fprintf(w, "\n%d faults: %d caught, %d survived%s (%s)\n", len(results), len(results)-survived, survived, notLoaded, time.Since(start).Round(time.Millisecond))
	if survived > 0 {
		return exitFailed, nil
	}
	return exitOK, nil
}

// authStyles are the auth styles the self-check tries a behaviour's faults
// in: each of Okta's for OK-02, whose scenarios test the run's style only
// (Okta configures one per app), the default for every other.
func authStyles(behaviour string) []steps.AuthStyle {
	if behaviour == "OK-02" {
		return []steps.AuthStyle{steps.AuthBearer, steps.AuthHeader, steps.AuthBasic}
	}
	return []steps.AuthStyle{steps.AuthBearer}
}

// scenarioKey names a scenario across runs: its file and line.
func scenarioKey(s reports.Scenario) string { return fmt.Sprintf("%s:%d", s.URI, s.Line) }

// runAgainst runs the scenarios tags selects against a fresh embedded
// reference server with faults, the token sent in the auth style.
func runAgainst(ctx context.Context, src *suite.Sources, tags string, concurrency int, auth steps.AuthStyle, faults ...string) (*suite.Result, error) {
	ref, err := startEmbedded(faults...)
	if err != nil {
		return nil, err
	}
	defer ref.close()
	cf := clientFlags{timeout: 30 * time.Second}
	client, err := cf.client()
	if err != nil {
		return nil, err
	}
	defer client.CloseIdleConnections()
	cfg := ref.config(client)
	cfg.Auth = auth
	return suite.Run{Config: cfg, Sources: src, Tags: tags, Concurrency: concurrency}.Run(ctx)
}

// printFaultTable prints fault → failing scenarios and returns how many
// faults no scenario caught.
func printFaultTable(w io.Writer, results []faultResult, verbose bool) int {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FAULT\tBREAKS\tCAUGHT BY")
	survived := 0
	for _, r := range results {
		ids := strings.Join(r.ids, ",")
		tags := "@" + strings.Join(r.ids, " or @")
		switch {
		case r.ran == 0:
			survived++
			fmt.Fprintf(tw, "%s\t%s\tSURVIVED: no scenario is tagged %s\n", r.fault.Name, ids, tags)
		case len(r.failed) == 0:
			survived++
			fmt.Fprintf(tw, "%s\t%s\tSURVIVED: all %d scenarios tagged %s passed\n", r.fault.Name, ids, r.ran, tags)
		case verbose:
			for i, s := range r.failed {
				name, id := "", ""
				if i == 0 {
					name, id = r.fault.Name, ids
				}
				fmt.Fprintf(tw, "%s\t%s\t%s (%s:%d)\n", name, id, s.Name, s.URI, s.Line)
			}
		default:
			more := ""
			if len(r.failed) > 1 {
				more = fmt.Sprintf(" and %d more", len(r.failed)-1)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d of %d: %s%s\n", r.fault.Name, ids, len(r.failed), r.ran, r.failed[0].Name, more)
		}
	}
	_ = tw.Flush()
	return survived
}
