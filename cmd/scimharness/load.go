package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/load"
)

func runLoad(e env) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var (
		tf       targetFlags
		jsonFile string
		cfg      = load.DefaultConfig()
	)
	tf.register(fs, e.getenv)
	fs.IntVar(&cfg.Users, "users", cfg.Users, "users to assign (Okta's lookup then create for each)")
	fs.IntVar(&cfg.Groups, "groups", cfg.Groups, "groups to push")
	fs.IntVar(&cfg.Members, "members", cfg.Members, "members per group (pushed in Okta's batches of 100)")
	fs.IntVar(&cfg.Concurrency, "concurrency", runtime.NumCPU()*4, "concurrent workers")
	fs.Float64Var(&cfg.Rate, "rate", 0, "cap on requests a second across workers (0: none)")
	fs.DurationVar(&cfg.Duration, "duration", 0, "stop starting new work after this long (0: run the whole wave)")
	fs.Float64Var(&cfg.Deactivate, "deactivate", cfg.Deactivate, "share of users deactivated in the last phase (0 to 1)")
	fs.StringVar(&cfg.Prefix, "prefix", "", "prefix of every login and group name (default: load-<random>-)")
	fs.StringVar(&jsonFile, "json", "", "also write the figures as JSON to this file")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness load [--target URL --token T] [flags]")
		fmt.Fprintln(e.stderr, "Replays Okta's initial provisioning wave and audits the result; exit 1 if anything failed, was lost or duplicated.")
		fs.PrintDefaults()
	}
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	e = guard(e, "load", tf.secrets())
	if err := tf.validate(); err != nil {
		fmt.Fprintf(e.stderr, "scimharness load: %v\n", err)
		return exitUsage
	}
	profile, _ := tf.oktaProfile()
	client, err := tf.http.client()
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness load: %v\n", err)
		return exitUsage
	}
	cfg.Profile, cfg.Client, cfg.Timeout, cfg.Progress = profile, client, tf.http.timeout, e.stderr
	cfg.Limits = tf.http.limits
	for _, s := range tf.secrets() {
		cfg.Secrets = append(cfg.Secrets, s.value)
	}
	if cfg.Prefix == "" {
		cfg.Prefix = "load-" + randomToken()[:6] + "-"
	}
	if tf.target == "" {
		ref, err := startEmbedded()
		if err != nil {
			fmt.Fprintf(e.stderr, "scimharness load: %v\n", err)
			return exitUsage
		}
		defer ref.Close()
		cfg.BaseURL, cfg.Auth = ref.Config(nil).BaseURL, tf.oktaAuthFor(ref.Ref.Token)
		fmt.Fprintf(e.stdout, "target: the embedded reference server at %s\n", cfg.BaseURL)
	} else {
		cfg.BaseURL, cfg.Auth = tf.target, tf.oktaAuth()
		fmt.Fprintf(e.stdout, "target: %s\n", redactURL(tf.target))
	}
	if e.getenv("GOGC") == "" {
		// The wave's garbage is short-lived and small: a less eager
		// collector leaves the CPU to the requests (about a tenth more
		// of them a second on two cores). GOGC in the environment wins.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	start := time.Now()
	res, err := load.Run(e.ctx, cfg)
	if err != nil {
		// load's errors start with "load: "; a joined one is put on one line.
		fmt.Fprintf(e.stderr, "scimharness %s\n", strings.ReplaceAll(err.Error(), "\n", "; "))
		return exitUsage
	}
	res.Target = redactURL(res.Target)
	res.WriteText(e.stdout)
	if jsonFile != "" {
		f, err := createSecret(jsonFile, redact.NewSecrets(cfg.Secrets...))
		if err == nil {
			err = res.WriteJSON(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "scimharness load: --json: %v\n", err)
			return exitUsage
		}
	}
	if e.ctx.Err() != nil {
		fmt.Fprintf(e.stderr, "scimharness load: interrupted after %s\n", time.Since(start).Round(time.Millisecond))
		return exitFailed
	}
	if !res.OK {
		return exitFailed
	}
	return exitOK
}
