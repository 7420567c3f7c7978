package reports_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// Every file of the reports directory is rewritten by every Write: a stale
// one from an earlier run never survives beside the new ones.
func TestWriteReplacesEveryStaleFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := []string{reports.CucumberFile, reports.JUnitFile, reports.SummaryFile, reports.MarkdownFile, reports.HTMLFile, reports.MessagesFile}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("STALE FROM AN EARLIER RUN"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := reports.Write(dir, reports.Run{Harness: "v0", Target: "http://x/scim/v2"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("STALE")) {
			t.Errorf("%s is the earlier run's", f)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, reports.CucumberFile))
	if scs, err := reports.FromCucumber(bytes.NewReader(b)); err != nil || len(scs) != 0 {
		t.Errorf("cucumber.json of a run without scenarios: %v, %d scenarios; want valid and empty", err, len(scs))
	}
}

// cucumber.json reads back as the scenarios it was written from, with the
// secrets redacted before the attachments were base64-encoded.
func TestCucumberRoundTrip(t *testing.T) {
	t.Parallel()
	run := fixtureRun(t)
	const secret = "golden-secret-token-0001"
	run.Scenarios[0].Steps[0].Exchanges = append(run.Scenarios[0].Steps[0].Exchanges, reports.Exchange{
		Method: "GET", URL: "http://x/scim/v2/Users?token=" + secret, ResponseBody: `{"detail":"` + secret + `"}`, Status: 400})
	run.Scenarios[0].Steps[0].Attachments = append(run.Scenarios[0].Steps[0].Attachments, reports.Attachment{Name: "note", MediaType: "text/plain", Data: []byte("the token " + secret)})
	var buf bytes.Buffer
	if err := reports.WriteCucumber(&buf, run); err != nil {
		t.Fatal(err)
	}
	got, err := reports.FromCucumber(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("cucumber.json does not read back: %v", err)
	}
	if len(got) != len(run.Scenarios) {
		t.Fatalf("%d scenarios read back, want %d", len(got), len(run.Scenarios))
	}
	for i, s := range got {
		w := run.Scenarios[i]
		if s.Name != w.Name || s.Feature != w.Feature || s.URI != w.URI || s.Line != w.Line || s.Status != w.Status || s.Reason != w.Reason ||
			!reflect.DeepEqual(s.Tags, w.Tags) || len(s.Steps) != len(w.Steps) {
			t.Errorf("scenario %d: got %+v, want %+v", i, s, w)
			continue
		}
		for j := range s.Steps {
			g, ws := s.Steps[j], w.Steps[j]
			if g.Text != ws.Text || g.Status != ws.Status || g.Duration != ws.Duration || len(g.Exchanges) != len(ws.Exchanges) || len(g.Attachments) != len(ws.Attachments) {
				t.Errorf("scenario %d step %d: got %+v, want %+v", i, j, g, ws)
			}
		}
	}
	all := ""
	for _, s := range got {
		b, _ := json.Marshal(s)
		all += string(b)
	}
	if strings.Contains(all, secret) {
		t.Errorf("a secret survives in cucumber.json's decoded attachments")
	}
}

// summary.json has one schema: every documented key, whatever the run.
func TestSummaryKeysAlwaysPresent(t *testing.T) {
	t.Parallel()
	runs := map[string]reports.Run{
		"the fixture": fixtureRun(t),
		"all passed, nothing uncovered": {
			Behaviours: []reports.Behaviour{{ID: "ZN-01", Title: "t", Provenance: "documented"}},
			Scenarios:  []reports.Scenario{{Feature: "F", Name: "S", URI: "f.feature", Line: 2, Tags: []string{"@ZN-01"}, Status: reports.Passed, Steps: []reports.Step{{Keyword: "Given ", Text: "x", Status: "passed"}}}},
		},
		"nothing": {},
	}
	top := []string{"schemaVersion", "harness", "target", "targetDescription", "profile", "started", "durationMs", "verdict", "interrupted", "counts", "behaviourCounts", "behaviours", "scenarios"}
	countKeys := []string{"passed", "failed", "skipped", "notCovered", "total"}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := reports.WriteSummaryJSON(&buf, run); err != nil {
				t.Fatal(err)
			}
			var s map[string]any
			if err := json.Unmarshal(buf.Bytes(), &s); err != nil {
				t.Fatal(err)
			}
			has := func(m map[string]any, where string, keys ...string) {
				for _, k := range keys {
					if _, ok := m[k]; !ok {
						t.Errorf("%s lacks %q", where, k)
					}
				}
			}
			has(s, "summary.json", top...)
			has(s["counts"].(map[string]any), "counts", countKeys...)
			has(s["behaviourCounts"].(map[string]any), "behaviourCounts", countKeys...)
			for id, b := range s["behaviours"].(map[string]any) {
				has(b.(map[string]any), "behaviour "+id, "title", "provenance", "status", "uncatalogued", "scenarios")
			}
			for _, sc := range s["scenarios"].([]any) {
				has(sc.(map[string]any), "a scenario", "feature", "name", "location", "tags", "status", "reason", "error", "durationMs")
			}
		})
	}
}

// An interrupted run keeps its partial results, and every report says the
// run did not complete.
func TestInterruptedRunSaysSo(t *testing.T) {
	t.Parallel()
	run := fixtureRun(t)
	run.Interrupted = true
	for name, want := range map[string]string{
		reports.SummaryFile:  `"verdict": "interrupted"`,
		reports.MarkdownFile: "interrupted",
		reports.HTMLFile:     "INTERRUPTED",
	} {
		var buf bytes.Buffer
		if err := writers[name](&buf, run); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s lacks %q", name, want)
		}
		if !strings.Contains(buf.String(), "userName cannot be changed") {
			t.Errorf("%s lost the partial results", name)
		}
	}
	var buf bytes.Buffer
	if err := reports.WriteSummaryJSON(&buf, run); err != nil {
		t.Fatal(err)
	}
	var s struct{ Interrupted bool }
	if json.Unmarshal(buf.Bytes(), &s) != nil || !s.Interrupted {
		t.Errorf("summary.json: interrupted is not true")
	}
}

// The run's logs are in junit.xml (the first suite's system-out) and named
// in summary.md, redacted.
func TestLogsInJUnitAndMarkdown(t *testing.T) {
	t.Parallel()
	run := fixtureRun(t)
	run.Logs = []reports.Log{{Name: "container log of app:1", Text: "LOGLINE-ONLY-IN-THE-LOG token golden-secret-token-0001\nsecond line\n"}}
	var j bytes.Buffer
	if err := reports.WriteJUnit(&j, run); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			SystemOut string `xml:"system-out"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) == 0 || !strings.Contains(doc.Suites[0].SystemOut, "LOGLINE-ONLY-IN-THE-LOG") || !strings.Contains(doc.Suites[0].SystemOut, "container log of app:1") {
		t.Errorf("junit.xml's first suite lacks the log in system-out: %+v", doc.Suites)
	}
	if strings.Contains(j.String(), "golden-secret-token-0001") {
		t.Errorf("junit.xml holds a secret from the log")
	}
	var m bytes.Buffer
	if err := reports.WriteMarkdown(&m, run); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.String(), "Container log of app:1 (2 lines)") {
		t.Errorf("summary.md does not mention the log:\n%s", m.String())
	}
}
