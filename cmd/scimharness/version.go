package main

import (
	"flag"
	"fmt"
	"runtime/debug"
)

// buildStamp is what the binary knows of its own build, from the build info
// that Go stamps into it: `go build` and `make build` in a git checkout
// record the VCS revision (and, since Go 1.24, a pseudo-version made of it);
// `go install module@version` records the module version; `go run` and test
// binaries record neither.
type buildStamp struct {
	version  string // the module version; "devel" when none was stamped
	revision string // vcs.revision; "" when unknown
	time     string // vcs.time, RFC 3339; "" when unknown
	modified bool   // vcs.modified: the tree had uncommitted changes
}

// stampOf reads a buildStamp from bi, as debug.ReadBuildInfo returns it; a
// nil bi (no build info) is "devel" with no revision.
func stampOf(bi *debug.BuildInfo) buildStamp {
	s := buildStamp{version: "devel"}
	if bi == nil {
		return s
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		s.version = v
	}
	for _, kv := range bi.Settings {
		switch kv.Key {
		case "vcs.revision":
			s.revision = kv.Value
		case "vcs.time":
			s.time = kv.Value
		case "vcs.modified":
			s.modified = kv.Value == "true"
		}
	}
	return s
}

// harnessStamp is this binary's buildStamp.
func harnessStamp() buildStamp {
	bi, _ := debug.ReadBuildInfo()
	return stampOf(bi)
}

// version is the harness version: the module version when one was stamped
// (a tag, or the pseudo-version of a commit), "devel" otherwise.
func version() string { return harnessStamp().version }

// rev is the revision as the reports carry it: the commit, with "+dirty"
// when the tree had uncommitted changes; "" when unknown.
func (s buildStamp) rev() string {
	if s.revision == "" {
		return ""
	}
	if s.modified {
		return s.revision + "+dirty"
	}
	return s.revision
}

// String is the version line's text: "v0.3.0", or with a revision
// "v0.0.0-…-3b427a6c1f2e (revision 3b427a6…, 2026-12-02T13:49:00Z, modified)".
func (s buildStamp) String() string {
	if s.revision == "" {
		return s.version
	}
	detail := "revision " + s.revision
	if s.time != "" {
		detail += ", " + s.time
	}
	if s.modified {
		detail += ", modified"
	}
	return s.version + " (" + detail + ")"
}

func runVersion(e env) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness version")
		fmt.Fprintln(e.stderr, "Prints the harness version and the VCS revision it was built from.")
	}
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	fmt.Fprintln(e.stdout, "scimharness", harnessStamp())
	return exitOK
}
