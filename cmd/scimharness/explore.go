package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/scimharness/scimharness/explore"
	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/internal/refserver"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// exploreOptions are the flags of `scimharness explore`.
type exploreOptions struct {
	seed         uint64
	steps        int
	timeLimit    time.Duration
	length       int
	concurrency  int
	app          string
	out          string
	faults       faultFlags
	target       string
	token        string
	sandboxURL   string
	sandboxToken string
	adminURL     string
	adminToken   string
	http         clientFlags
}

func runExplore(e env) int {
	fs := flag.NewFlagSet("explore", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var o exploreOptions
	fs.Uint64Var(&o.seed, "seed", 0, "the seed of the run, printed on every run (default: a random one)")
	fs.IntVar(&o.steps, "steps", 10000, "stop after this many actions")
	fs.DurationVar(&o.timeLimit, "time", 0, "stop after this long, such as 60s (default: no limit)")
	fs.IntVar(&o.length, "length", 30, "actions per scenario")
	fs.IntVar(&o.concurrency, "concurrency", 1, "with N > 1, after each scenario a round of Okta actions at once (two app instances assigning the same users, pushes of two groups sharing members), N in flight")
	fs.StringVar(&o.app, "app", "zinc", "app pack whose actions and invariants join the Okta core's: zinc or none")
	fs.StringVar(&o.out, "out", "explore-out", "directory for the shrunk explore.feature and the six reports of its replay (created)")
	fs.Var(&o.faults, "fault", "embedded server only: start it with this fault mode (repeatable)")
	fs.StringVar(&o.target, "target", "", "SCIM base URL to explore (default: the embedded reference server)")
	fs.StringVar(&o.token, "token", e.getenv("SCIMHARNESS_TOKEN"), "the target's bearer token (default $SCIMHARNESS_TOKEN)")
	fs.StringVar(&o.sandboxURL, "sandbox-url", "", "the target's Sandbox SCIM base URL")
	fs.StringVar(&o.sandboxToken, "sandbox-token", e.getenv("SCIMHARNESS_SANDBOX_TOKEN"), "the Sandbox token (default $SCIMHARNESS_SANDBOX_TOKEN)")
	fs.StringVar(&o.adminURL, "admin-url", "", "a reference-compatible Admin Console API: each scenario in an organization of its own, console actions on")
	fs.StringVar(&o.adminToken, "admin-token", e.getenv("SCIMHARNESS_ADMIN_TOKEN"), "the Admin Console API's token (default $SCIMHARNESS_ADMIN_TOKEN)")
	o.http.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness explore [--seed N] [--steps N] [--time D] [--app zinc|none] [--concurrency N] [--out DIR]")
		fmt.Fprintln(e.stderr, "                           [--fault NAME]... | [--target URL --token T [--admin-url URL --admin-token T] [--sandbox-url URL]]")
		fmt.Fprintln(e.stderr, "Runs random sequences of Okta and console actions, checks invariants after each, and shrinks a violation")
		fmt.Fprintln(e.stderr, "to a minimal scenario written as DIR/explore.feature (replay it: scimharness run --features DIR --only).")
		fmt.Fprintln(e.stderr, "Exit status: 0 no violation, 1 a violation (the feature and reports are written) or the target stopped answering, 2 a usage or setup error.")
		fs.PrintDefaults()
	}
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	seedGiven := false
	fs.Visit(func(f *flag.Flag) { seedGiven = seedGiven || f.Name == "seed" })
	if !seedGiven {
		var b [8]byte
		_, _ = rand.Read(b[:])
		o.seed = binary.LittleEndian.Uint64(b[:]) >> 1
	}
	e = guard(e, "explore", []redactable{{"--token", o.token}, {"--sandbox-token", o.sandboxToken}, {"--admin-token", o.adminToken},
		{"", "scimharness:" + o.token}})
	code, err := o.run(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness explore: %v\n", oneLine(err))
	}
	return code
}

func (o *exploreOptions) run(e env) (int, error) {
	pack, err := explore.ParsePack(o.app)
	if err != nil {
		return exitUsage, fmt.Errorf("--app: %w", err)
	}
	if o.steps < 1 || o.length < 1 || o.concurrency < 1 {
		return exitUsage, fmt.Errorf("--steps, --length and --concurrency must be 1 or more")
	}
	if o.target != "" && len(o.faults) > 0 {
		return exitUsage, fmt.Errorf("--fault is for the embedded server, not --target")
	}
	client, err := o.http.client()
	if err != nil {
		return exitUsage, err
	}
	defer client.CloseIdleConnections()
	var (
		t    explore.Target
		cfg  steps.Config
		desc string
	)
	if o.target == "" {
		if _, err := pickFaults(o.faults); err != nil {
			return exitUsage, err
		}
		ref, err := startEmbedded(o.faults...)
		if err != nil {
			return exitUsage, err
		}
		defer ref.Close()
		cfg = ref.Config(client)
		t = embeddedTarget(ref)
		desc = "the embedded reference server"
		if len(o.faults) > 0 {
			desc += " with " + strings.Join(o.faults, ", ")
		}
	} else {
		if o.token == "" && o.adminURL == "" {
			return exitUsage, fmt.Errorf("--target needs --token (or --admin-url and --admin-token)")
		}
		t = explore.Target{BaseURL: strings.TrimRight(o.target, "/"), Token: o.token, SandboxURL: o.sandboxURL, SandboxToken: o.sandboxToken,
			AdminURL: strings.TrimRight(o.adminURL, "/"), AdminToken: o.adminToken, Transport: client.Transport}
		cfg = steps.Config{BaseURL: t.BaseURL, Token: o.token, SandboxURL: o.sandboxURL, SandboxToken: o.sandboxToken,
			RequestTimeout: o.http.timeout, Limits: o.http.limits,
			AdminURL: t.AdminURL, AdminToken: o.adminToken, HTTPClient: client}
		desc = redactURL(t.BaseURL)
	}
	fmt.Fprintf(e.stdout, "scimharness explore --seed %d --app %s: %s, up to %d actions", o.seed, pack, desc, o.steps)
	if o.timeLimit > 0 {
		fmt.Fprintf(e.stdout, " or %s", o.timeLimit)
	}
	fmt.Fprintln(e.stdout)
	res, err := explore.Run(e.ctx, explore.Config{Target: t, Pack: pack, Seed: o.seed, Steps: o.steps, Time: o.timeLimit,
		Length: o.length, Concurrency: o.concurrency, Timeout: o.http.timeout, Limits: o.http.limits})
	if err != nil {
		return exitUsage, err
	}
	rate := float64(res.Steps) / max(res.Elapsed.Seconds(), 1e-9)
	if res.NoAnswer != "" {
		// Not a pass: what was not explored was not tested.
		fmt.Fprintf(e.stdout, "the target stopped answering after %d actions (%d scenarios, %s): %s; seed %d\n", res.Steps, res.Scenarios, res.Elapsed.Round(time.Millisecond), res.NoAnswer, o.seed)
		return exitFailed, nil
	}
	if res.Bound != "" {
		fmt.Fprintf(e.stdout, "the target's answer met a bound after %d actions (%d scenarios, %s): %s; seed %d\n", res.Steps, res.Scenarios, res.Elapsed.Round(time.Millisecond), res.Bound, o.seed)
		return exitFailed, nil
	}
	if res.Finding == nil {
		fmt.Fprintf(e.stdout, "no violation in %d actions (%d scenarios, %s, %.0f actions/s); seed %d\n", res.Steps, res.Scenarios, res.Elapsed.Round(time.Millisecond), rate, o.seed)
		return exitOK, nil
	}
	f := res.Finding
	fmt.Fprintf(e.stdout, "violation after %d actions (%d scenarios, %s): %s\n  %s\n", res.Steps, res.Scenarios, res.Elapsed.Round(time.Millisecond), f.Violation.Invariant, f.Violation.Message)
	if f.Violation.Evidence != "" {
		fmt.Fprintf(e.stdout, "  %s\n", f.Violation.Evidence)
	}
	if f.Concurrent {
		fmt.Fprintf(e.stdout, "found by a round of %d actions at once (not shrunk: a race does not replay action by action)\n", f.Original)
	} else {
		fmt.Fprintf(e.stdout, "shrunk from %d actions to %d in %d runs\n", f.Original, len(f.Scenario.Actions), f.Runs)
	}
	path, replay, err := writeFinding(e.ctx, o.out, f, cfg, []string{o.token, o.sandboxToken, o.adminToken, cfg.Token, cfg.SandboxToken, cfg.AdminToken})
	if err != nil {
		return exitUsage, err
	}
	fmt.Fprintf(e.stdout, "\n%s (replay: scimharness run --features %s --only)\n", path, o.out)
	b, _ := os.ReadFile(path)
	e.stdout.Write(b)
	switch {
	case replay.failed:
		fmt.Fprintf(e.stdout, "\nreplayed: the scenario fails against the target, as it should; reports in %s\n", filepath.Join(o.out, reports.HTMLFile))
	default:
		fmt.Fprintf(e.stdout, "\nreplayed: the scenario did NOT fail against the target (%s); reports in %s\n", replay.status, filepath.Join(o.out, reports.HTMLFile))
	}
	return exitFailed, nil
}

// embeddedTarget explores the embedded server in process: its handler
// serves explore's requests with no network, while the replay of the
// feature goes over loopback like any run.
func embeddedTarget(ref *refserver.Server) explore.Target {
	c := ref.Config(nil)
	return explore.Target{BaseURL: c.BaseURL, Token: c.Token, SandboxURL: c.SandboxURL, SandboxToken: c.SandboxToken,
		AdminURL: c.AdminURL, AdminToken: c.AdminToken, Transport: explore.HandlerTransport(ref.Handler)}
}

// replayResult is what the replay of a written feature gave.
type replayResult struct {
	failed bool
	status reports.Status
}

// writeFinding writes dir/explore.feature, replays it against cfg's target
// with the suite's steps, and writes the six reports of that replay (with
// every exchange) into dir.
func writeFinding(ctx context.Context, dir string, f *explore.Finding, cfg steps.Config, secrets []string) (string, replayResult, error) {
	var rr replayResult
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", rr, fmt.Errorf("--out %s: %w", dir, err)
	}
	path := filepath.Join(dir, "explore.feature")
	fh, err := os.Create(path)
	if err != nil {
		return "", rr, err
	}
	red := redact.NewSecrets(secrets...)
	if err := explore.WriteFeature(&secretWriter{w: fh, r: red}, f); err != nil {
		fh.Close()
		return "", rr, err
	}
	if err := fh.Close(); err != nil {
		return "", rr, err
	}
	src, err := replaySources(dir)
	if err != nil {
		return path, rr, err
	}
	if cfg.Auth == "" || cfg.Auth == steps.AuthBearer {
		cfg.Auth = replayAuth(f)
	}
	res, err := suite.Run{Config: cfg, Sources: src, Concurrency: 1}.Run(ctx)
	if err != nil {
		return path, rr, err
	}
	parts, err := suite.Load(suite.AppZinc, "")
	if err != nil {
		return path, rr, err
	}
	bs := parts.Behaviours()
	var clean []string
	for _, s := range secrets {
		if s != "" {
			clean = append(clean, s)
		}
	}
	run := reports.Run{Harness: version(), Target: redactURL(cfg.BaseURL), TargetDescription: "explore replay", Profile: strings.ToLower(f.Scenario.Setup.Profile.String()),
		Started: res.Started, Duration: res.Duration, Behaviours: bs, Scenarios: res.Scenarios, Secrets: clean}
	if err := reports.Write(dir, run); err != nil {
		return path, rr, fmt.Errorf("writing the reports: %w", err)
	}
	rr.failed = len(res.Failed()) > 0
	if len(res.Scenarios) > 0 {
		rr.status = res.Scenarios[0].Status
	}
	return path, rr, nil
}
