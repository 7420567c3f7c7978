package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/scimharness/scimharness/internal/baseurl"
	"github.com/scimharness/scimharness/internal/lines"
	"github.com/scimharness/scimharness/mockokta"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
	"github.com/scimharness/scimharness/wire"
)

// dirFlags collects repeated --features values.
type dirFlags []string

func (d *dirFlags) String() string     { return strings.Join(*d, ",") }
func (d *dirFlags) Set(v string) error { *d = append(*d, v); return nil }

// runOptions are the flags of `scimharness run`.
type runOptions struct {
	tf           targetFlags
	img          imageFlags
	oauth        oauthFlags
	sandboxURL   string
	sandboxToken string
	adminURL     string
	adminToken   string
	tags         string
	concurrency  int
	reportsDir   string
	featureDirs  dirFlags
	only         bool
	app          string
	appDir       string
	supports     string // --supports
	refMode      string // the embedded reference server's mode
	format       string
	gate         string // "all" or "core": what decides the exit status
	runPrefix    string
	verbose      bool
	record       string // --record: the run's exchanges as JSON lines (docs/wire.md)
	detail       string // --reports-detail

	given        map[string]bool // the flags given on the command line
	imageSecrets []string        // the values of --image-env, redacted from the reports

	// What a setup error writes in the reports. setup is set once the
	// flags are valid: a setup error after that still writes the reports.
	setup       bool
	setupURL    string             // the SCIM base URL, once known, without credentials
	setupDesc   string             // what the target is, when the URL does not say
	setupX      []reports.Exchange // the preflight's exchanges
	setupLogs   []reports.Log      // the container's log, read before it went
	reportsDone bool               // the reports of the run are written: no setup failure replaces them
}

func runRun(e env) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var o runOptions
	o.tf.register(fs, e.getenv)
	fs.Lookup("profile").Usage = "the app's Okta client profile: oin (template apps: PATCH for lifecycle and groups) or aiw (custom apps: GET then PUT); given, the scenarios tagged with the other profile (@oin, @aiw) skip; not given, both run and the untagged ones run as oin"
	o.img.register(fs)
	o.oauth.register(fs, e.getenv)
	fs.StringVar(&o.sandboxURL, "sandbox-url", "", "SCIM base URL of the target's Sandbox environment (its scenarios skip without it)")
	fs.StringVar(&o.sandboxToken, "sandbox-token", e.getenv("SCIMHARNESS_SANDBOX_TOKEN"), "the Sandbox token (default $SCIMHARNESS_SANDBOX_TOKEN)")
	fs.StringVar(&o.adminURL, "admin-url", "", "base URL of a reference-compatible Admin Console API, such as https://zinc.example/admin: console scenarios run, each scenario in an organization of its own")
	fs.StringVar(&o.adminToken, "admin-token", e.getenv("SCIMHARNESS_ADMIN_TOKEN"), "the Admin Console API's token (default $SCIMHARNESS_ADMIN_TOKEN)")
	fs.StringVar(&o.tags, "tags", "", `run only the scenarios these tags select, in godog's syntax: "@ZN-04,@ZN-05 && ~@admin-api"`)
	fs.IntVar(&o.concurrency, "concurrency", 4, "scenarios run at once (safe with an Admin Console API, or thanks to the run prefix without one)")
	fs.StringVar(&o.reportsDir, "reports", "scim-reports", "directory for cucumber.json, junit.xml, summary.json, summary.md, report.html and messages.ndjson (created)")
	fs.Var(&o.featureDirs, "features", "directory of your own .feature files, run with the same steps (repeatable)")
	fs.BoolVar(&o.only, "only", false, "run only the --features directories, not the embedded suite")
	registerAppFlags(fs, &o.app, &o.appDir)
	registerSupportsFlag(fs, &o.supports)
	fs.StringVar(&o.refMode, "reference-mode", reference.ModeZinc, "without --target or --image: how the embedded reference server behaves, zinc or plain (a plain RFC 7644 server without Zinc's rules)")
	fs.StringVar(&o.format, "format", "lines", "console output: lines (one per scenario), progress, pretty (godog's), or none")
	fs.StringVar(&o.record, "record", "", "write every exchange of the run to this file as JSON lines, secrets redacted: a capture for scimharness wire compare and wire replay (docs/wire.md); it implies --reports-detail full unless that is given")
	fs.StringVar(&o.detail, "reports-detail", string(steps.DetailFailed), "how much of each exchange the reports keep: failed (whole where a step failed, a bounded digest elsewhere) or full (every exchange whole)")
	fs.StringVar(&o.gate, "gate", gateAll, "what decides the exit status: all (every part's scenarios) or core (the Okta core's alone; an app pack's results inform, in the reports)")
	fs.StringVar(&o.runPrefix, "run-prefix", "", "prefix of the users and groups made in a shared organization (default: sh and 4 random characters)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness run [--target URL --token T [--auth bearer|header|basic] [--username U --password P]] [--profile oin|aiw]")
		fmt.Fprintln(e.stderr, "                       [--admin-url URL --admin-token T] [--supports FEATURES] [--tags EXPR] [--concurrency N] [--reports DIR] [--features DIR]... [--only] [--gate all|core]")
		fmt.Fprintln(e.stderr, "                       [--oauth-authorize-url URL --oauth-token-url URL --client-id ID --client-secret S [--oauth-scopes S] [--oauth-redirect-uri URI]]")
		fmt.Fprintln(e.stderr, "Runs the conformance suite against the target, or against the embedded reference server without --target.")
		fmt.Fprintln(e.stderr, "Exit status, of the whole run (--gate all) or of the Okta core alone (--gate core): 0 every scenario passed or was skipped,")
		fmt.Fprintln(e.stderr, "1 a scenario failed, 2 a usage or setup error or an interrupted run, 3 incomplete: none failed but a scenario did not run (docs/verdicts.md).")
		fs.PrintDefaults()
	}
	fs.BoolVar(&o.verbose, "verbose", false, "with --image: show testcontainers' own log lines (the Docker banner) on stderr")
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	o.given = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.given[f.Name] = true })
	if o.record != "" {
		if !o.given["reports-detail"] {
			// A recording is for compare and replay, which need each
			// exchange whole: a digest has no headers (no credential
			// replays) and folds a passed step's pages into one entry.
			o.detail = string(steps.DetailFull)
		} else if o.detail == string(steps.DetailFailed) {
			fmt.Fprintln(e.stderr, "scimharness run: --record with --reports-detail failed: past the first 20 exchanges of a step that passed the recording holds digests (no headers, no bodies), which wire compare and replay leave out or send without a credential")
		}
	}
	e = guard(e, "run", o.redactables())
	code, err := o.run(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness run: %v\n", oneLine(err))
		if o.setup && !o.reportsDone {
			// The target was given properly but could not be tested: the
			// reports still say so, for CI that reads only them.
			if werr := o.writeSetupFailure(err); werr != nil {
				fmt.Fprintf(e.stderr, "scimharness run: writing the reports: %v\n", oneLine(werr))
			}
		}
	}
	return code
}

func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }

// runMemoryLimit is the soft memory limit of a run (runtime/debug.SetMemoryLimit).
const runMemoryLimit = 384 << 20

// run does the work of `scimharness run`; an error is a usage or setup error,
// or an interrupted run (whose reports are written).
func (o *runOptions) run(e env) (code int, err error) {
	if err := o.validate(); err != nil {
		return exitUsage, err
	}
	if _, err := parseTags(o.tags); err != nil {
		return exitUsage, err
	}
	if e.getenv("GOMEMLIMIT") == "" {
		// A run's live data is small (a few scenarios' exchanges at a
		// time); its garbage is not, against a big target (thousands of
		// import pages parsed and dropped). A soft limit makes the
		// collector keep the heap near the live data rather than twice
		// it; it never fails an allocation. GOMEMLIMIT in the
		// environment wins (docs/performance.md).
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(runMemoryLimit))
	}
	if o.img.image != "" {
		for _, kv := range o.img.env {
			if _, v, _ := strings.Cut(kv, "="); len(v) >= minSecret {
				o.imageSecrets = append(o.imageSecrets, v)
			}
		}
	}
	parts, err := suite.Load(o.app, o.appDir)
	if err != nil {
		return exitUsage, err
	}
	sources, err := suite.NewSources(parts, o.featureDirs, o.only)
	if err != nil {
		return exitUsage, err
	}
	decl, err := resolveSupports(o.supports, o.given["supports"], parts)
	if err != nil {
		return exitUsage, err
	}
	client, err := o.tf.http.client()
	if err != nil {
		return exitUsage, err
	}
	defer client.CloseIdleConnections()
	format, err := consoleFormat(o.format)
	if err != nil {
		return exitUsage, err
	}
	var (
		cfg    steps.Config
		target string
		img    *startedImage
	)
	o.setup = true
	o.setupURL = redactURL(strings.TrimRight(o.tf.target, "/"))
	timeout := o.tf.http.timeout
	if o.img.image != "" {
		o.setupDesc = "the image " + o.img.image
	} else if o.tf.target == "" {
		o.setupDesc = "the embedded reference server"
	}
	if o.img.image != "" {
		// The container goes whatever ends the run, Ctrl-C included; a
		// setup error keeps its log for the reports first.
		defer func() {
			if err != nil && !o.reportsDone {
				o.setupLogs = img.logs(e.ctx)
			}
			if err := img.stop(e.ctx); err != nil {
				fmt.Fprintf(e.stderr, "scimharness run: %v\n", err)
			}
		}()
		img, cfg, err = startImage(e.ctx, o.img, o.imageConfig(), client, o.verbose, e.stderr)
		if err != nil {
			return exitUsage, err
		}
		o.setupURL = cfg.BaseURL
		if cfg.AdminURL == "" && cfg.Token == "" && cfg.Username == "" {
			return exitUsage, fmt.Errorf("--image %s is not the reference server's image: give its credentials with --token (or --username and --password)", o.img.image)
		}
		if o.setupX, err = preflight(e.ctx, cfg, timeout); err != nil {
			return exitUsage, err
		}
		target = "the image " + o.img.image + " at " + cfg.BaseURL
	} else if o.tf.target == "" {
		ref, err := startEmbeddedMode(o.refMode)
		if err != nil {
			return exitUsage, err
		}
		defer func() { client.CloseIdleConnections(); ref.Close() }()
		cfg = ref.Config(client)
		// The reference server takes every style; OK-02 tests the one
		// --auth names.
		cfg.Auth, _ = steps.ParseAuthStyle(o.tf.auth)
		o.setupURL = cfg.BaseURL
		target = "the embedded reference server at " + cfg.BaseURL
	} else {
		cfg, err = o.config(client)
		if err != nil {
			return exitUsage, err
		}
		if o.setupX, err = preflight(e.ctx, cfg, timeout); err != nil {
			return exitUsage, err
		}
		target = redactURL(cfg.BaseURL)
	}
	cfg.Profile, _ = o.tf.oktaProfile()
	if cfg.OAuth != nil {
		// The OAuth flags (or the embedded server's own authorization
		// server) choose Okta's OAuth 2 authentication mode.
		decl = decl.with("OAuth")
	}
	cfg.Supports, cfg.SupportsFrom = decl.caps, decl.from
	cfg.ProfileOnly = o.given["profile"]
	cfg.RunPrefix = o.runPrefix
	cfg.RequestTimeout = timeout
	cfg.Limits = o.tf.http.limits
	cfg.ReportsDetail = steps.Detail(o.detail)
	if err := os.MkdirAll(o.reportsDir, 0o755); err != nil {
		return exitUsage, fmt.Errorf("--reports %s: %w", o.reportsDir, err)
	}
	admin := "with the Admin Console API: every scenario in an organization of its own"
	if cfg.AdminURL == "" {
		admin = "without an Admin Console API: the scenarios tagged @admin-api are skipped"
	}
	fmt.Fprintf(e.stdout, "scimharness %s: %s, %s, %s\n", version(), target, profileText(cfg), admin)
	fmt.Fprintf(e.stdout, "Okta features tested: %s\n", reports.DeclaredLine(reports.Run{Features: decl.reportFeatures(), FeaturesFrom: decl.from}))

	res, err := suite.Run{Config: cfg, Sources: sources, Tags: o.tags, Concurrency: o.concurrency,
		Format: format, Output: e.stdout}.Run(e.ctx)
	if err != nil {
		return exitUsage, err
	}
	// Interrupted (Ctrl-C): the scenarios that ran are the partial results,
	// written as such; the run did not complete, so the exit status is 2.
	interrupted := e.ctx.Err() != nil
	bs := parts.Behaviours()
	run := reports.Run{
		Harness: version(), HarnessRevision: harnessStamp().rev(), Target: redactURL(cfg.BaseURL), TargetDescription: o.setupDesc, Profile: strings.ToLower(cfg.Profile.String()),
		Started: res.Started, Duration: res.Duration, Behaviours: bs, Scenarios: res.Scenarios,
		Secrets:       o.secrets(cfg.Token, cfg.SandboxToken, cfg.Password, cfg.AdminToken, oauthSecret(cfg)),
		Interrupted:   interrupted,
		TargetStopped: res.Stopped,
		Features:      decl.reportFeatures(),
		FeaturesFrom:  decl.from,
		Gate:          o.gatePart(parts),
		Logs:          img.logs(e.ctx),
	}
	writeErr := reports.Write(o.reportsDir, run)
	if o.record != "" {
		writeErr = errors.Join(writeErr, writeRecording(o.record, res.Scenarios, run.Secrets))
	}
	o.reportsDone = true
	printSummary(e.stdout, res, run, o.reportsDir)
	fmt.Fprintf(e.stdout, "Okta features: the verdict %s\n", reports.FeaturesLine(run))
	v := run.GateVerdict()
	code = exitCode(v)
	if (v == reports.Passed || v == reports.Skipped) && run.Gate == "" && res.Status != 0 {
		v, code = reports.Failed, exitFailed // godog failed what the reports did not see
	}
	gated := res
	if run.Gate != "" {
		gated = res.Part(run.Gate)
		fmt.Fprintf(e.stdout, "Gate: %s (--gate core): the other parts inform and do not decide the exit status\n", run.Gate)
		if v == reports.NotCovered && !interrupted && len(res.Scenarios) > 0 {
			return exitUsage, fmt.Errorf("--gate core: no scenario of the %s ran (--tags %q)", run.Gate, o.tags)
		}
	}
	fmt.Fprintf(e.stdout, "Verdict: %s (exit %d)\n", verdictLine(v, gated), code)
	if writeErr != nil {
		return exitUsage, fmt.Errorf("writing the reports: %w", writeErr)
	}
	if interrupted {
		return exitUsage, fmt.Errorf("interrupted after %d scenarios: the reports hold the partial results", len(res.Scenarios))
	}
	if len(res.Scenarios) == 0 {
		return exitUsage, fmt.Errorf("no scenario matched --tags %q", o.tags)
	}
	return code, nil
}

// profileText says in the header what the profile runs.
func profileText(cfg steps.Config) string {
	p := strings.ToLower(cfg.Profile.String())
	if cfg.ProfileOnly {
		other := map[string]string{"oin": "@aiw", "aiw": "@oin"}[p]
		return fmt.Sprintf("profile %s (an %s app: the scenarios tagged %s skip)", p, cfg.Profile, other)
	}
	return "profile oin and aiw (the scenarios tagged @oin or @aiw as their tag says, the others as " + p + "; --profile selects one)"
}

// The values of --gate.
const (
	gateAll  = "all"  // every part's scenarios decide the exit status
	gateCore = "core" // the Okta core's alone
)

// gatePart is reports.Run.Gate for --gate: the Okta core's part name, or ""
// for the whole run.
func (o *runOptions) gatePart(p *suite.Parts) string {
	if o.gate == gateCore {
		return p.Core.Name
	}
	return ""
}

// exitCode is the exit status of a verdict (docs/verdicts.md).
func exitCode(v reports.Status) int {
	switch v {
	case reports.Passed, reports.Skipped:
		return exitOK
	case reports.Failed:
		return exitFailed
	case reports.Incomplete:
		return exitIncomplete
	}
	return exitUsage // interrupted, or no scenario ran
}

// verdictLine is the console's last word on a run.
func verdictLine(v reports.Status, res *suite.Result) string {
	switch v {
	case reports.Incomplete:
		return fmt.Sprintf("INCOMPLETE: %d scenarios did not run, so this run is not a pass", res.Count(reports.NotRun))
	case reports.Failed:
		return fmt.Sprintf("FAILED: %d scenarios failed", res.Count(reports.Failed))
	case reports.Passed:
		return "passed: every scenario ran and passed, or was skipped for a reason it states"
	case reports.Skipped:
		return "skipped: every scenario was skipped"
	case reports.Interrupted:
		return "interrupted: the run did not complete"
	}
	return "no scenario ran"
}

func (o *runOptions) validate() error {
	var errs []error
	if d := steps.Detail(o.detail); d != "" && d != steps.DetailFailed && d != steps.DetailFull {
		errs = append(errs, fmt.Errorf("--reports-detail %q: want %s or %s", o.detail, steps.DetailFailed, steps.DetailFull))
	}
	if o.img.image != "" && o.tf.target != "" {
		errs = append(errs, errors.New("--image and --target exclude each other: the image's URL is the target"))
	}
	if o.refMode != "" && o.refMode != reference.ModeZinc && (o.img.image != "" || o.tf.target != "") {
		errs = append(errs, errors.New("--reference-mode is the embedded reference server's: it does not go with --target or --image"))
	}
	if o.img.image != "" {
		// The image's URLs are known only once it runs: the reference
		// image brings its own Sandbox and Admin Console API, and another
		// image's cannot be named beforehand.
		for _, f := range []struct{ name, v string }{{"--admin-url", o.adminURL}, {"--admin-token", o.adminToken}, {"--sandbox-url", o.sandboxURL}, {"--sandbox-token", o.sandboxToken}} {
			// A token from the environment is ignored; one given as a flag is a mistake.
			if f.v != "" && (strings.HasSuffix(f.name, "-url") || o.given[strings.TrimPrefix(f.name, "--")]) {
				errs = append(errs, fmt.Errorf("%s does not go with --image: the reference image serves its own Sandbox and Admin Console API, and another image's URLs are not known before it starts (use --target for a server already running)", f.name))
			}
		}
	} else if o.tf.target == "" {
		for _, f := range []struct{ name, v string }{{"--admin-url", o.adminURL}, {"--sandbox-url", o.sandboxURL}} {
			if f.v != "" {
				errs = append(errs, fmt.Errorf("%s needs --target (the embedded server has its own)", f.name))
			}
		}
	}
	if o.adminURL != "" && o.adminToken == "" && o.img.image == "" {
		errs = append(errs, errors.New("--admin-url needs --admin-token (or $SCIMHARNESS_ADMIN_TOKEN)"))
	}
	if o.adminURL != "" && o.img.image == "" {
		// With an Admin Console API the scenarios use their organizations'
		// tokens, so --token is optional.
		if _, err := steps.ParseAuthStyle(o.tf.auth); err != nil {
			errs = append(errs, fmt.Errorf("--auth: %w", err))
		}
		if _, err := o.tf.oktaProfile(); err != nil {
			errs = append(errs, err)
		}
		if !strings.HasPrefix(o.tf.target, "http://") && !strings.HasPrefix(o.tf.target, "https://") {
			errs = append(errs, fmt.Errorf("--target %q: want an http:// or https:// URL", o.tf.target))
		}
	} else if err := o.tf.validate(); err != nil {
		errs = append(errs, err)
	}
	if o.gate != "" && o.gate != gateAll && o.gate != gateCore { // "": a runOptions built without flags, all
		errs = append(errs, fmt.Errorf("--gate %q: want %s or %s", o.gate, gateAll, gateCore))
	}
	if o.concurrency < 1 {
		errs = append(errs, fmt.Errorf("--concurrency %d: want 1 or more", o.concurrency))
	}
	if err := o.oauth.validate(o.tf.target != ""); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// writeSetupFailure writes every report for a run that could not start: one
// failed scenario, "setup", carrying the reason, the preflight's exchanges
// and the container's log.
func (o *runOptions) writeSetupFailure(setupErr error) error {
	parts, err := suite.Load(o.app, o.appDir)
	if err != nil {
		return err
	}
	bs := parts.Behaviours()
	what := o.setupDesc
	if what == "" {
		what = "the target"
	}
	if o.setupURL != "" {
		what += " at " + o.setupURL
	}
	now := time.Now()
	return reports.Write(o.reportsDir, reports.Run{
		Harness: version(), HarnessRevision: harnessStamp().rev(), Target: o.setupURL, TargetDescription: o.setupDesc, Profile: strings.ToLower(o.tf.profile), Started: now,
		Behaviours: bs,
		Scenarios: []reports.Scenario{{
			Feature: "Setup", Name: "The target answers and takes the credentials", URI: "setup", Status: reports.Failed,
			Steps: []reports.Step{{Keyword: "Given ", Text: "the harness can reach and use " + what, Status: "failed", Error: setupErr.Error(), Exchanges: o.setupX}},
		}},
		Logs:    o.setupLogs,
		Secrets: o.secrets(o.tf.token, o.tf.password, o.sandboxToken, o.adminToken),
	})
}

// redactables are the secrets given by flag (and the Basic credentials they
// make), for the output streams.
func (o *runOptions) redactables() []redactable {
	out := append(o.tf.secrets(), redactable{"--sandbox-token", o.sandboxToken}, redactable{"--admin-token", o.adminToken})
	for _, s := range o.oauth.secrets() {
		out = append(out, redactable{"--client-secret", s})
	}
	return out
}

// minSecret is the shortest --image-env value redacted: shorter ones ("1",
// "true", a port) are settings, and redacting them would blank out reports.
const minSecret = 6

// secrets are the non-empty credentials given, with the --image-env values,
// for redaction.
func (o *runOptions) secrets(creds ...string) []string {
	out := append(slices.Clone(creds), o.tf.token, o.tf.password, o.sandboxToken, o.adminToken)
	for _, r := range o.redactables() {
		out = append(out, r.value)
	}
	out = append(out, o.oauth.secrets()...)
	out = append(out, o.imageSecrets...)
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	slices.Sort(out)
	return slices.Compact(out)
}

// imageConfig is the steps.Config of the credential flags, for an image.
func (o *runOptions) imageConfig() steps.Config {
	auth, _ := steps.ParseAuthStyle(o.tf.auth)
	return steps.Config{
		Token: o.tf.token, Auth: auth, Username: o.tf.username, Password: o.tf.password,
		AdminURL: o.adminURL, AdminToken: o.adminToken,
	}
}

// config is the steps.Config for --target.
func (o *runOptions) config(client *http.Client) (steps.Config, error) {
	auth, _ := steps.ParseAuthStyle(o.tf.auth)
	cfg := steps.Config{
		BaseURL: strings.TrimRight(o.tf.target, "/"), SandboxURL: o.sandboxURL,
		Token: o.tf.token, SandboxToken: o.sandboxToken,
		Auth: auth, Username: o.tf.username, Password: o.tf.password,
		AdminURL: o.adminURL, AdminToken: o.adminToken,
		HTTPClient: client,
		OAuth:      o.oauth.config(),
	}
	if _, err := steps.New(cfg); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func consoleFormat(f string) (string, error) {
	switch f {
	case "lines":
		return lineFormat, nil
	case "progress", "pretty":
		return f, nil
	case "none":
		return "", nil
	}
	return "", fmt.Errorf("--format %q: want lines, progress, pretty or none", f)
}

// preflight checks, before any scenario, that the target answers and takes
// the credentials, and that the Admin Console API answers to its token: a
// suite run against an unreachable target would only fail every scenario.
// Each request waits at most timeout (--timeout). It returns the exchanges
// it made, for the setup failure's report.
func preflight(ctx context.Context, cfg steps.Config, timeout time.Duration) ([]reports.Exchange, error) {
	var xs []reports.Exchange
	check := func(what, url string, h http.Header) (int, error) {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		x := reports.Exchange{Action: "Preflight", Method: http.MethodGet, URL: url, RequestHeaders: h.Clone()}
		defer func() { xs = append(xs, x) }()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			x.Error = err.Error()
			return 0, fmt.Errorf("%s: %w", what, err)
		}
		req.Header = h
		start := time.Now()
		resp, err := cfg.HTTPClient.Do(req)
		if err != nil {
			x.Duration, x.Error = time.Since(start), err.Error()
			return 0, fmt.Errorf("cannot reach %s: %w", what, err)
		}
		defer resp.Body.Close()
		x.Status, x.ResponseHeaders = resp.StatusCode, resp.Header.Clone()
		b, err := io.ReadAll(io.LimitReader(resp.Body, preflightBody+1))
		if len(b) > preflightBody {
			b = append(b[:preflightBody], fmt.Sprintf("\n… (the body goes on; the preflight keeps %d KiB)", preflightBody>>10)...)
		}
		x.ResponseBody, x.Duration = string(b), time.Since(start)
		if err != nil {
			x.Error = "reading the body: " + err.Error()
		}
		return resp.StatusCode, nil
	}
	h := http.Header{"Accept": {"application/scim+json"}}
	if a := authorization(cfg); a != "" {
		h.Set("Authorization", a)
	}
	base, err := baseurl.Parse(cfg.BaseURL)
	if err != nil {
		return xs, fmt.Errorf("the target %s: %w", redactURL(cfg.BaseURL), err)
	}
	code, err := check("the target "+redactURL(cfg.BaseURL), base.Join("/Users", "startIndex=1&count=1"), h)
	if err != nil {
		return xs, err
	}
	if (code == http.StatusUnauthorized || code == http.StatusForbidden) && cfg.AdminURL == "" {
		return xs, fmt.Errorf("the target refused the credentials (GET /Users answered %d): check --token, --auth, --username and --password", code)
	}
	if err := checkSCIMBase(cfg.BaseURL, xs[len(xs)-1]); err != nil {
		return xs, err
	}
	if cfg.AdminURL != "" {
		code, err := check("the Admin Console API "+cfg.AdminURL, cfg.AdminURL+"/orgs/scimharness-preflight", http.Header{"Authorization": {"Bearer " + cfg.AdminToken}, "Accept": {"application/json"}})
		if err != nil {
			return xs, err
		}
		if code == http.StatusUnauthorized || code == http.StatusForbidden {
			return xs, fmt.Errorf("the Admin Console API refused --admin-token (%d)", code)
		}
	}
	return xs, nil
}

// preflightBody is how much of a preflight response the reports keep.
const preflightBody = 64 << 10

// authorization is the header value for cfg's own credentials.
func authorization(cfg steps.Config) string {
	if cfg.Auth == steps.AuthBasic {
		user, pass := cfg.Username, cfg.Password
		if user == "" {
			user = "scimharness"
		}
		if pass == "" {
			pass = cfg.Token
		}
		return mockokta.Authorization(cfg.Auth, user, pass)
	}
	if cfg.Token == "" {
		return ""
	}
	return mockokta.Authorization(cfg.Auth, "", cfg.Token)
}

// printSummary prints the harness's counts, the failures and the skips with
// their reasons, and where the reports are.
func printSummary(w io.Writer, res *suite.Result, run reports.Run, dir string) {
	bs := run.Behaviours
	passed, failed, skipped, notRun := res.Count(reports.Passed), res.Count(reports.Failed), res.Count(reports.Skipped), res.Count(reports.NotRun)
	if res.Stopped != "" {
		fmt.Fprintf(w, "\n%s: the scenarios after it were not run\n", upperFirst(res.Stopped))
	}
	fmt.Fprintf(w, "\n%d scenarios: %d passed, %d failed, %d skipped, %d not run (%s)\n", len(res.Scenarios), passed, failed, skipped, notRun, res.Duration.Round(time.Millisecond))
	bst := behaviourStatuses(res.Scenarios)
	counts := map[reports.Status]int{}
	for _, b := range bs {
		counts[bst[b.ID]]++
	}
	fmt.Fprintf(w, "%d behaviours: %d passed, %d failed, %d skipped, %d not run, %d not covered by this run\n", len(bs),
		counts[reports.Passed], counts[reports.Failed], counts[reports.Skipped], counts[reports.NotRun], counts[reports.NotCovered]+counts[""])
	printParts(w, res, bs)
	if failed > 0 {
		// Root causes first: the failures grouped by their first failing
		// request or assertion, each group under the behaviour that
		// explains it.
		rcs := reports.RootCauses(run)
		fmt.Fprintf(w, "\nFailed: %d scenarios, %d root causes, the cause that explains the most first\n", failed, len(rcs))
		for _, rc := range rcs {
			id := rc.Behaviour
			if id == "" {
				id = "(no behaviour ID)"
			}
			fmt.Fprintf(w, "  %s %s: explains %d failures\n      first failing: %s\n", id, rc.Title, len(rc.Scenarios), rc.Cause)
			for _, i := range rc.Scenarios {
				s := run.Scenarios[i]
				fmt.Fprintf(w, "    %s:%d  %s  [%s]\n", s.URI, s.Line, s.Name, strings.Join(suite.BehaviourIDs(s.Tags), " "))
				for _, st := range s.Steps {
					if st.Status != "passed" && st.Status != "skipped" {
						fmt.Fprintf(w, "        %s%s: %s\n", st.Keyword, st.Text, lines.Summary(st.Error))
						break
					}
				}
			}
		}
	}
	for _, group := range []struct {
		st    reports.Status
		n     int
		title string
	}{{reports.Skipped, skipped, "Skipped"}, {reports.NotRun, notRun, "Not run"}} {
		if group.n == 0 {
			continue
		}
		reasons := map[string]int{}
		var order []string
		for _, s := range res.Scenarios {
			if s.Status == group.st {
				r := s.Reason
				if r == "" {
					r = "(no reason given)"
				}
				if reasons[r] == 0 {
					order = append(order, r)
				}
				reasons[r]++
			}
		}
		fmt.Fprintf(w, "\n%s:\n", group.title)
		for _, r := range order {
			fmt.Fprintf(w, "  %3d  %s\n", reasons[r], r)
		}
	}
	fmt.Fprintf(w, "\nReports: %s (and junit.xml, summary.json, summary.md, cucumber.json, messages.ndjson)\n", filepath.Join(dir, reports.HTMLFile))
}

// behaviourStatuses gives each behaviour the status reports gives it: failed
// if any of its scenarios failed, else passed if any passed, else skipped.
func behaviourStatuses(scs []reports.Scenario) map[string]reports.Status {
	out := map[string]reports.Status{}
	rank := map[reports.Status]int{"": 0, reports.Skipped: 1, reports.Passed: 2, reports.NotRun: 3, reports.Failed: 4}
	for _, s := range scs {
		for _, id := range suite.BehaviourIDs(s.Tags) {
			if rank[s.Status] > rank[out[id]] {
				out[id] = s.Status
			}
		}
	}
	return out
}

// upperFirst capitalizes the first letter of s, to start a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// printParts prints each part's verdict: the Okta core's, and the app
// pack's, from their own scenarios.
func printParts(w io.Writer, res *suite.Result, bs []reports.Behaviour) {
	var names []string
	for _, b := range bs {
		if b.Part != "" && !slices.Contains(names, b.Part) {
			names = append(names, b.Part)
		}
	}
	for _, name := range names {
		n := map[reports.Status]int{}
		for _, s := range res.Scenarios {
			if s.Part == name {
				n[s.Status]++
			}
		}
		v := "passed"
		switch {
		case n[reports.Failed] > 0:
			v = "FAILED"
		case n[reports.NotRun] > 0:
			v = "INCOMPLETE"
		case n[reports.Passed] == 0:
			v = "not covered"
		}
		fmt.Fprintf(w, "  %s: %s (%d passed, %d failed, %d skipped, %d not run)\n", name, v, n[reports.Passed], n[reports.Failed], n[reports.Skipped], n[reports.NotRun])
	}
}

// writeRecording writes the run's exchanges to path as JSON lines
// (wire.Record), redacted as the reports are.
func writeRecording(path string, scenarios []reports.Scenario, secrets []string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--record: %w", err)
	}
	if _, err := wire.Record(f, scenarios, secrets...); err != nil {
		f.Close()
		return fmt.Errorf("--record %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--record %s: %w", path, err)
	}
	return nil
}
