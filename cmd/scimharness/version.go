package main

import (
	"fmt"
	"runtime/debug"
)

// version is the harness version: the module version when built from a tagged
// module, "devel" otherwise.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func runVersion(e env) int {
	fmt.Fprintln(e.stdout, "scimharness", version())
	return exitOK
}
