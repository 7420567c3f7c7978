package reports_test

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// A CI that gates releases on a verdict must tell which harness gave it:
// every report but cucumber.json (whose format has no place for it) names
// the harness version and its VCS revision.
func TestEveryReportNamesTheHarnessRevision(t *testing.T) {
	t.Parallel()
	const version, rev = "v0.0.0-20261202134900-3b427a6c1f2e+dirty", "3b427a6c1f2e0d9a8b7c6d5e4f3a2b1c0d9e8f7a+dirty"
	dir := t.TempDir()
	if err := reports.Write(dir, reports.Run{Harness: version, HarnessRevision: rev, Target: "http://x/scim/v2",
		// junit.xml carries it as a property of each testsuite.
		Scenarios: []reports.Scenario{{Feature: "Users", Name: "a user is created", URI: "features/users.feature", Status: reports.Passed}}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{reports.JUnitFile, reports.SummaryFile, reports.MarkdownFile, reports.HTMLFile} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if f == reports.HTMLFile {
			text = html.UnescapeString(text) // html/template writes + as &#43;
		}
		for _, want := range []string{version, rev} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", f, want)
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, reports.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	var s struct{ Harness, HarnessRevision string }
	if err := json.Unmarshal(b, &s); err != nil || s.Harness != version || s.HarnessRevision != rev {
		t.Errorf("summary.json: harness %q, harnessRevision %q (err %v); want %q, %q", s.Harness, s.HarnessRevision, err, version, rev)
	}
}
