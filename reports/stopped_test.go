package reports_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// A target that stopped answering is said once, at the top of summary.json,
// summary.md, report.html and junit.xml, with the request it stopped at.
func TestTargetStoppedAtTheTopOfEveryReport(t *testing.T) {
	const stopped = "the target stopped answering after PATCH /Groups/{id}: 3 requests in a row from GET /Users/{id} on got no answer (timeout)"
	run := reports.Run{
		Target: "https://app.example/scim/v2", TargetStopped: stopped,
		Scenarios: []reports.Scenario{
			{Feature: "F", Name: "ran", URI: "f.feature", Line: 3, Status: reports.Failed, Steps: []reports.Step{{Keyword: "When ", Text: "x", Status: "failed", Error: "no answer"}}},
			{Feature: "F", Name: "not run", URI: "f.feature", Line: 9, Status: reports.Skipped, Reason: "not run: " + stopped},
		},
	}
	dir := t.TempDir()
	if err := reports.Write(dir, run); err != nil {
		t.Fatal(err)
	}
	read := func(f string) string {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := map[string]struct {
		want   string
		before string // the message comes before this
	}{
		reports.SummaryFile:  {`"targetStopped": "the target stopped answering after PATCH /Groups/{id}`, `"scenarios"`},
		reports.MarkdownFile: {"**The target stopped answering.** The target stopped answering after PATCH /Groups/{id}", "| ID"},
		reports.HTMLFile:     {`id="target-stopped"><strong>The target stopped answering.</strong> the target stopped answering after PATCH /Groups/{id}`, "not run"},
		reports.JUnitFile:    {`<property name="targetStopped" value="the target stopped answering after PATCH /Groups/{id}`, "<testcase"},
	}
	for f, tc := range tests {
		text := read(f)
		i := strings.Index(text, tc.want)
		if i < 0 {
			t.Errorf("%s does not say %q:\n%s", f, tc.want, text[:min(len(text), 1500)])
			continue
		}
		if j := strings.Index(text, tc.before); j >= 0 && j < i {
			t.Errorf("%s says it after %q, not at the top", f, tc.before)
		}
	}
	if strings.Count(read(reports.MarkdownFile), "The target stopped answering.") != 1 {
		t.Errorf("summary.md says it more than once")
	}
}
