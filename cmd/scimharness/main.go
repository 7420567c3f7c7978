// Command scimharness is the conformance and mock test harness for Okta SCIM 2.0
// provisioning: it serves the reference SCIM server, runs the conformance suite
// against it or against any SCIM base URL, and writes the reports.
//
// Exit codes: 0 success, 1 a scenario (or check) failed, 2 a usage or setup error
// (or an interrupted run), 3 a run that is incomplete: no scenario failed, but
// one that should have run did not (docs/verdicts.md).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes shared by every subcommand.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
	// exitIncomplete is a run in which no scenario failed but one did not
	// run (the target stopped answering): never a pass.
	exitIncomplete = 3
)

// env is what a subcommand may touch of the process: its arguments after the
// subcommand name, its output streams and a context cancelled on SIGINT/SIGTERM.
type env struct {
	ctx    context.Context
	args   []string
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	name    string
	summary string
	run     func(env) int
}

// commands lists the subcommands, in the order `scimharness help` shows them.
func commands() []command {
	return []command{
		{"run", "run the conformance suite against a SCIM server, or the embedded reference server", runRun},
		{"github", "run as a GitHub Actions step (action.yml): the job summary, an annotation per failed scenario, outputs", runGitHub},
		{"list", "list the suite's scenarios with their tags and behaviour IDs", runList},
		{"steps", "print the step vocabulary, each step with an example", runSteps},
		{"selfcheck", "prove the suite catches every fault mode of the reference server", runSelfcheck},
		{"explore", "random sequences of Okta actions against a SCIM server, shrunk to a minimal failing scenario", runExplore},
		{"load", "replay Okta's provisioning wave against a SCIM server and audit it", runLoad},
		{"serve", "serve the reference SCIM server (Zinc's documented behaviour)", runServe},
		{"wire", "compare a capture of Okta's traffic with mockokta (wire compare), or replay it against a server (wire replay)", runWire},
		{"faults", "list the reference server's fault modes and the behaviour each breaks", runFaults},
		{"version", "print the harness version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(env{ctx: ctx, args: args[1:], stdout: stdout, stderr: stderr, getenv: getenv})
		}
	}
	fmt.Fprintf(stderr, "scimharness: unknown command %q (try 'scimharness help')\n", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: scimharness <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "'scimharness <command> -h' shows a command's flags.")
}

// parseArgs parses a subcommand's flags from e.args. When ok is false the
// command must return code at once: 0 after -h, 2 after a bad flag or a stray
// argument (the flag package or parseArgs has said why on stderr).
func parseArgs(fs *flag.FlagSet, e env) (code int, ok bool) {
	if err := fs.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "scimharness %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage, false
	}
	return exitOK, true
}
