package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// --gate core: the Okta core decides the exit status, an app pack only
// informs. The Zinc pack fails against the plain reference server (ZN-17 is
// one of its failures) while the core is green (OK-01 for it): exit 0 with
// --gate core, 1 with --gate all (the default), and the reports say which
// gate was read.
func TestRunGate(t *testing.T) {
	tests := []struct {
		gate            string
		code            int
		summaryGate     string
		gateVerdict     string
		console, report string
	}{
		{"core", exitOK, "Okta core", "passed", "Gate: Okta core (--gate core)", "**Gate: Okta core** ✅ passed"},
		{"all", exitFailed, "", "failed", "Verdict: FAILED", "SCIM conformance: failed"},
	}
	for _, tc := range tests {
		t.Run(tc.gate, func(t *testing.T) {
			dir := t.TempDir()
			var out, errOut bytes.Buffer
			code := dispatch(context.Background(), []string{"run", "--reference-mode", "plain", "--tags", "@OK-01,@ZN-17", "--gate", tc.gate, "--reports", dir, "--format", "none", "--concurrency", "2"},
				&out, &errOut, func(string) string { return "" })
			all := out.String() + errOut.String()
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, all)
			}
			s := readSummary(t, dir)
			if s["verdict"] != "failed" || s["gate"] != tc.summaryGate || s["gateVerdict"] != tc.gateVerdict {
				t.Errorf("summary.json verdict %v, gate %q, gateVerdict %v; want failed, %q, %s", s["verdict"], s["gate"], s["gateVerdict"], tc.summaryGate, tc.gateVerdict)
			}
			if !strings.Contains(all, tc.console) {
				t.Errorf("the console does not say %q:\n%s", tc.console, all)
			}
			if md := reportTexts(t, dir)["summary.md"]; !strings.Contains(md, tc.report) {
				t.Errorf("summary.md does not say %q:\n%s", tc.report, md)
			}
		})
	}
	var out, errOut bytes.Buffer
	if code := dispatch(context.Background(), []string{"run", "--gate", "app"}, &out, &errOut, func(string) string { return "" }); code != exitUsage ||
		!strings.Contains(errOut.String(), `--gate "app": want all or core`) {
		t.Errorf("--gate app: exit %d, %s; want 2 and what --gate takes", code, errOut.String())
	}
}
