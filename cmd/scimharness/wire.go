package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/scimharness/scimharness/wire"
)

// runWire is `scimharness wire compare|replay CAPTURE`.
func runWire(e env) int {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "usage: scimharness wire compare CAPTURE [--html FILE]\n       scimharness wire replay CAPTURE --target URL --token T [--admin-url URL --admin-token T]")
		return exitUsage
	}
	sub := e.args[0]
	e.args = e.args[1:]
	switch sub {
	case "compare":
		return runWireCompare(e)
	case "replay":
		return runWireReplay(e)
	}
	fmt.Fprintf(e.stderr, "scimharness wire: unknown command %q: expected compare or replay\n", sub)
	return exitUsage
}

// splitCapture takes the capture path out of args, wherever it stands among
// the flags.
func splitCapture(fs *flag.FlagSet, args []string) (string, error) {
	var capture string
	for {
		if err := fs.Parse(args); err != nil {
			return "", err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if capture != "" {
			return "", fmt.Errorf("one capture file, got %q and %q", capture, args[0])
		}
		capture, args = args[0], args[1:]
	}
	if capture == "" {
		return "", errors.New("no capture file given")
	}
	return capture, nil
}

func readCapture(path string) (*wire.Capture, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, err := wire.Read(f, wire.Limits{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

func runWireCompare(e env) int {
	fs := flag.NewFlagSet("wire compare", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	htmlOut := fs.String("html", "", "also write the report, both requests side by side, to this HTML file")
	var secrets dirFlags
	fs.Var(&secrets, "secret", "a value to redact from the report besides tokens and passwords (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness wire compare CAPTURE [--html FILE] [--secret S]...")
		fmt.Fprintln(e.stderr, "Compares every Okta request of a capture (HAR, JSON lines, or the access log of docs/wire.md) with what mockokta sends for the same action.")
		fmt.Fprintln(e.stderr, "Exit status: 0 every Okta request is as mockokta sends it (or in a named variant's shape), 1 a difference or an unreadable entry, 2 an unreadable capture.")
		fs.PrintDefaults()
	}
	path, err := splitCapture(fs, e.args)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness wire compare: %v\n", err)
		return exitUsage
	}
	c, err := readCapture(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness wire compare: %v\n", err)
		return exitUsage
	}
	rep, err := wire.Compare(c)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness wire compare: %s: %v\n", path, err)
		return exitUsage
	}
	if err := rep.WriteText(e.stdout, secrets...); err != nil {
		fmt.Fprintf(e.stderr, "scimharness wire compare: %v\n", err)
		return exitUsage
	}
	if *htmlOut != "" {
		f, err := os.Create(*htmlOut)
		if err == nil {
			err = errors.Join(rep.WriteHTML(f, secrets...), f.Close())
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "scimharness wire compare: --html: %v\n", err)
			return exitUsage
		}
	}
	if rep.Differences() > 0 || len(rep.Problems) > 0 {
		return exitFailed
	}
	return exitOK
}

func runWireReplay(e env) int {
	fs := flag.NewFlagSet("wire replay", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var o wire.ReplayConfig
	var faults dirFlags
	fs.StringVar(&o.Target, "target", "", "SCIM base URL to replay against; without it, the embedded reference server (with its Admin Console API)")
	fs.StringVar(&o.Token, "token", e.getenv("SCIMHARNESS_TOKEN"), "the SCIM token, sent in the style the capture shows (default $SCIMHARNESS_TOKEN)")
	fs.StringVar(&o.SandboxTarget, "sandbox-url", "", "SCIM base URL for the capture's Sandbox requests (left out without it)")
	fs.StringVar(&o.AdminURL, "admin-url", "", "a reference-compatible Admin Console API: the capture's admin requests are replayed there (each recorded scenario in an organization of its own)")
	fs.StringVar(&o.AdminToken, "admin-token", e.getenv("SCIMHARNESS_ADMIN_TOKEN"), "the Admin Console API's token (default $SCIMHARNESS_ADMIN_TOKEN)")
	fs.Var(&faults, "reference-fault", "without --target: a fault mode of the embedded reference server (repeatable; see scimharness faults)")
	verbose := fs.Bool("verbose", false, "list every replayed exchange, not only those whose answers differ")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness wire replay CAPTURE [--target URL --token T] [--sandbox-url URL] [--admin-url URL --admin-token T] [--reference-fault F]...")
		fmt.Fprintln(e.stderr, "Replays the captured requests against a server, ids mapped to the ones it returns, and compares its answers with the capture's.")
		fmt.Fprintln(e.stderr, "Exit status: 0 every answer as captured, 1 an answer differs or got none, 2 a usage error or an unreadable capture.")
		fs.PrintDefaults()
	}
	path, err := splitCapture(fs, e.args)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness wire replay: %v\n", err)
		return exitUsage
	}
	c, err := readCapture(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness wire replay: %v\n", err)
		return exitUsage
	}
	secrets := []string{o.Token, o.AdminToken}
	if o.Target == "" {
		ref, err := startEmbedded(faults...)
		if err != nil {
			fmt.Fprintf(e.stderr, "scimharness wire replay: %v\n", err)
			return exitUsage
		}
		defer ref.Close()
		rc := ref.Config(nil)
		o.Target, o.SandboxTarget, o.Token = rc.BaseURL, rc.SandboxURL, rc.Token
		o.AdminURL, o.AdminToken = rc.AdminURL, rc.AdminToken
		secrets = append(secrets, ref.Ref.Token, ref.Ref.SandboxToken, ref.Ref.AdminToken)
		fmt.Fprintf(e.stdout, "replaying %s (%d exchanges, %s) against the embedded reference server\n", path, len(c.Exchanges), c.Format)
	} else {
		if len(faults) > 0 {
			fmt.Fprintln(e.stderr, "scimharness wire replay: --reference-fault needs the embedded reference server: drop --target")
			return exitUsage
		}
		fmt.Fprintf(e.stdout, "replaying %s (%d exchanges, %s) against %s\n", path, len(c.Exchanges), c.Format, redactURL(o.Target))
	}
	rep, err := wire.Replay(e.ctx, c, o)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness wire replay: %v\n", err)
		return exitUsage
	}
	if err := rep.WriteText(e.stdout, *verbose, secrets...); err != nil {
		fmt.Fprintf(e.stderr, "scimharness wire replay: %v\n", err)
		return exitUsage
	}
	if rep.Failed() > 0 || len(rep.Problems) > 0 {
		return exitFailed
	}
	return exitOK
}
