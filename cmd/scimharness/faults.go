package main

import (
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/scimharness/scimharness/reference"
)

func runFaults(e env) int {
	fs := flag.NewFlagSet("faults", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness faults")
		fmt.Fprintln(e.stderr, "Lists the reference server's fault modes (serve --fault NAME) and the behaviour each breaks.")
	}
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FAULT\tBREAKS\tWHAT THE SERVER THEN DOES")
	for _, f := range reference.Faults() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Name, f.Behaviour, f.Description)
	}
	if err := tw.Flush(); err != nil {
		return exitFailed
	}
	return exitOK
}
