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
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

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

// selfcheck runs the clean suite and then each fault's scenarios
// (suite.SelfCheck). Only the faults that break a behaviour of the loaded
// parts are tried, each against the scenarios tagged with those of its
// behaviours.
func selfcheck(ctx context.Context, w io.Writer, parts *suite.Parts, faults []reference.Fault, concurrency int, verbose bool) (int, error) {
	src, err := suite.NewSources(parts, nil, false)
	if err != nil {
		return exitUsage, err
	}
	start := time.Now()
	sc := suite.SelfCheck{Parts: parts, Sources: src, Concurrency: concurrency, Target: selfcheckTarget}
	clean, notPassed, err := sc.Clean(ctx)
	if err != nil {
		return exitUsage, err
	}
	for _, s := range notPassed {
		fmt.Fprintf(w, "  %s  %s:%d  %s\n", s.Status, s.URI, s.Line, s.Name)
	}
	if len(notPassed) > 0 || len(clean.Scenarios) == 0 {
		fmt.Fprintf(w, "clean run: %d of %d scenarios did not pass against the reference server: the self-check needs a clean run first\n", len(notPassed), len(clean.Scenarios))
		return exitFailed, nil
	}
	fmt.Fprintf(w, "clean run: all %d scenarios passed against the reference server (%s)\n\n", len(clean.Scenarios), clean.Duration.Round(time.Millisecond))

	var results []suite.FaultResult
	skipped := 0 // faults of behaviours the run does not load
	for _, f := range faults {
		if ctx.Err() != nil {
			return exitUsage, fmt.Errorf("interrupted")
		}
		r, err := sc.Try(ctx, suiteFault(f))
		if err != nil {
			return exitUsage, err
		}
		if !r.Tried() {
			skipped++
			continue
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

// suiteFault is f as the self-check takes it.
func suiteFault(f reference.Fault) suite.Fault {
	return suite.Fault{Name: f.Name, Behaviours: f.Behaviours()}
}

// selfcheckTarget starts a fresh embedded reference server with faults for
// one self-check run (suite.SelfCheck.Target).
func selfcheckTarget(auth steps.AuthStyle, faults ...string) (steps.Config, func(), error) {
	ref, err := startEmbedded(faults...)
	if err != nil {
		return steps.Config{}, nil, err
	}
	cf := clientFlags{timeout: 30 * time.Second}
	client, err := cf.client()
	if err != nil {
		ref.Close()
		return steps.Config{}, nil, err
	}
	cfg := ref.Config(client)
	cfg.Auth = auth
	return cfg, func() { client.CloseIdleConnections(); ref.Close() }, nil
}

// printFaultTable prints fault → failing scenarios and returns how many
// faults no scenario caught.
func printFaultTable(w io.Writer, results []suite.FaultResult, verbose bool) int {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FAULT\tBREAKS\tCAUGHT BY")
	survived := 0
	for _, r := range results {
		ids := strings.Join(r.IDs, ",")
		tags := "@" + strings.Join(r.IDs, " or @")
		switch {
		case r.Ran == 0:
			survived++
			fmt.Fprintf(tw, "%s\t%s\tSURVIVED: no scenario is tagged %s\n", r.Fault.Name, ids, tags)
		case !r.Caught():
			survived++
			fmt.Fprintf(tw, "%s\t%s\tSURVIVED: all %d scenarios tagged %s passed\n", r.Fault.Name, ids, r.Ran, tags)
		case verbose:
			for i, s := range r.Failed {
				name, id := "", ""
				if i == 0 {
					name, id = r.Fault.Name, ids
				}
				fmt.Fprintf(tw, "%s\t%s\t%s (%s:%d)\n", name, id, s.Name, s.URI, s.Line)
			}
		default:
			more := ""
			if len(r.Failed) > 1 {
				more = fmt.Sprintf(" and %d more", len(r.Failed)-1)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d of %d: %s%s\n", r.Fault.Name, ids, len(r.Failed), r.Ran, r.Failed[0].Name, more)
		}
	}
	_ = tw.Flush()
	return survived
}
