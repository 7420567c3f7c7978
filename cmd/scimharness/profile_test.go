package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
)

// --profile selects the outlines: an AIW app (--profile aiw) skips the
// scenarios and examples tagged @oin, saying why, and runs those tagged
// @aiw; without --profile both run, and the header says what each runs.
func TestRunProfileSelectsTheOutlines(t *testing.T) {
	tests := []struct {
		args          []string
		skipped, runs string // the tag whose scenarios skip for the profile ("": none), and one that runs
		header        string
	}{
		{[]string{"--profile", "aiw"}, "@oin", "@aiw", "profile aiw (an AIW app: the scenarios tagged @oin skip)"},
		{[]string{"--profile", "oin"}, "@aiw", "@oin", "profile oin (an OIN app: the scenarios tagged @aiw skip)"},
		{nil, "", "@oin", "profile oin and aiw (the scenarios tagged @oin or @aiw as their tag says"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			var out, errOut bytes.Buffer
			args := append([]string{"run", "--app", "none", "--reference-mode", "plain", "--tags", "@oin,@aiw", "--reports", dir, "--format", "none"}, tc.args...)
			code := dispatch(context.Background(), args, &out, &errOut, func(string) string { return "" })
			if code != exitOK {
				t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
			}
			if !strings.Contains(out.String(), tc.header) {
				t.Errorf("the header does not say %q:\n%s", tc.header, out.String())
			}
			ran := 0
			for _, sc := range readSummary(t, dir)["scenarios"].([]any) {
				m := sc.(map[string]any)
				var tags []string
				for _, tag := range m["tags"].([]any) {
					tags = append(tags, tag.(string))
				}
				forProfile := strings.Contains(m["reason"].(string), "--profile")
				if want := tc.skipped != "" && slices.Contains(tags, tc.skipped); forProfile != want || want && m["status"] != "skipped" {
					t.Errorf("%s %v: %v %q; want skipped for the profile: %v", m["location"], tags, m["status"], m["reason"], want)
				}
				if slices.Contains(tags, tc.runs) && m["status"] == "passed" {
					ran++
				}
			}
			if ran == 0 {
				t.Errorf("no scenario tagged %s passed", tc.runs)
			}
		})
	}
}
