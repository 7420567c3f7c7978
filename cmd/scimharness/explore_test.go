package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/explore"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
)

// TestExploreFeatureReplaysRedAndGreen explores one fault end to end: the
// shrunk feature fails against the faulty server and passes against the
// clean one.
// It takes a sequence bug (ZN-04) and one of the entitlement faults
// (OK-26), which explore reaches through Okta's entitlement import and
// grants.
func TestExploreFeatureReplaysRedAndGreen(t *testing.T) {
	for _, name := range []string{"deactivate-keeps-groups", "user-entitlements-dropped"} {
		var fault reference.Fault
		for _, f := range reference.Faults() {
			if f.Name == name {
				fault = f
			}
		}
		if fault.Name == "" {
			t.Fatalf("no fault %s", name)
		}
		r, err := exploreFault(context.Background(), fault, explore.PackZinc)
		if err != nil {
			t.Fatal(err)
		}
		if r.found == nil {
			t.Fatalf("explore did not find %s in %d actions", fault.Name, r.steps)
		}
		if r.replayed != "failed/passed" {
			t.Fatalf("%s: the feature replayed %s (faulty/clean), expected failed/passed", name, r.replayed)
		}
	}
}

// TestExploreCommand runs `scimharness explore` against a faulty embedded
// server: it prints its seed, exits 1, and writes the feature and the six
// reports of its replay; against the clean server it exits 0.
func TestExploreCommand(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := dispatch(context.Background(), []string{"explore", "--seed", "3", "--steps", "5000", "--fault", "group-delete-ignored", "--out", dir},
		&out, &errOut, func(string) string { return "" })
	if code != exitFailed {
		t.Fatalf("exit %d, expected %d\n%s%s", code, exitFailed, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "--seed 3 ") || !strings.Contains(out.String(), "replayed: the scenario fails against the target") {
		t.Fatalf("output:\n%s", out.String())
	}
	for _, f := range []string{"explore.feature", reports.HTMLFile, reports.CucumberFile, reports.JUnitFile, reports.SummaryFile, reports.MarkdownFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	out.Reset()
	code = dispatch(context.Background(), []string{"explore", "--seed", "3", "--steps", "300", "--out", dir}, &out, &errOut, func(string) string { return "" })
	if code != exitOK || !strings.Contains(out.String(), "no violation in 300 actions") {
		t.Fatalf("clean: exit %d\n%s%s", code, out.String(), errOut.String())
	}
}

// TestUnexploredAreFaults: every fault selfcheck --explore leaves out by
// name is a fault of the reference server.
func TestUnexploredAreFaults(t *testing.T) {
	for name := range unexplored {
		found := false
		for _, f := range reference.Faults() {
			found = found || f.Name == name
		}
		if !found {
			t.Errorf("unexplored names %q, which is no fault", name)
		}
	}
}
