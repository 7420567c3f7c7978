package reports_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// TestJUnitCountsSkipsAsSkipped reads junit.xml back: the scenario godog
// counts as passed (ErrSkip) must be a skipped testcase with its reason.
func TestJUnitCountsSkipsAsSkipped(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := reports.WriteJUnit(&buf, fixtureRun(t)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Skipped *struct {
					Message string `xml:"message,attr"`
				} `xml:"skipped"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("junit.xml is not XML: %v", err)
	}
	if doc.Tests != 5 || doc.Failures != 2 || doc.Skipped != 1 {
		t.Errorf("got tests=%d failures=%d skipped=%d, want 5, 2, 1", doc.Tests, doc.Failures, doc.Skipped)
	}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			switch c.Name {
			case "An unlinked group is gone from SCIM":
				if c.Skipped == nil || c.Skipped.Message != "The target has no Admin Console API (GET /admin/orgs answered 404)." {
					t.Errorf("%s: got skipped %+v", c.Name, c.Skipped)
				}
			case "userName cannot be changed":
				if c.Failure == nil || c.Failure.Message != "PUT /Users/2819c223: status: expected 400, got 200" || c.Failure.Type != "failed" ||
					!strings.Contains(c.Failure.Text, "--- PUT http://127.0.0.1:8080/scim/v2/Users/2819c223 → 200 OK") ||
					!strings.Contains(c.Failure.Text, `<   "userName": "grace.h@example.com",`) {
					t.Errorf("%s: got failure %+v", c.Name, c.Failure)
				}
			}
		}
	}
}

func TestJUnitCarriesNoInvalidXML(t *testing.T) {
	t.Parallel()
	run := reports.Run{Scenarios: []reports.Scenario{{
		Feature: "F\x00", Name: "bell\a", Status: reports.Failed,
		Steps: []reports.Step{{Keyword: "Then ", Text: "x", Status: "failed", Error: "got \x1b[31mred\x1b[0m and ]]> too"}},
	}}}
	var buf bytes.Buffer
	if err := reports.WriteJUnit(&buf, run); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Failure string `xml:"testsuite>testcase>failure"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("junit.xml is not XML: %v\n%s", err, buf.String())
	}
	if want := "got \uFFFD[31mred\uFFFD[0m and ]]> too"; !strings.Contains(doc.Failure, want) {
		t.Errorf("failure text: got %q, want it to contain %q", doc.Failure, want)
	}
}

// TestSummarySchema reads summary.json back into the documented schema.
func TestSummarySchema(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := reports.WriteSummaryJSON(&buf, fixtureRun(t)); err != nil {
		t.Fatal(err)
	}
	type scenarioID struct{ Name, Location, Status string }
	var s struct {
		SchemaVersion    int
		Harness, Target  string
		Profile, Started string
		DurationMs       int64
		Verdict          string
		Counts           map[string]int
		BehaviourCounts  map[string]int
		Behaviours       map[string]struct {
			Title, Provenance, Status string
			Scenarios                 []scenarioID
		}
		Scenarios []struct {
			Feature, Name, Location, Status, Reason, Error string
			Tags                                           []string
		}
	}
	dec := json.NewDecoder(&buf)
	if err := dec.Decode(&s); err != nil {
		t.Fatal(err)
	}
	if s.SchemaVersion != reports.SummarySchemaVersion || s.Harness != "v0.1.0" || s.Target != fixtureTarget || s.Profile != "oin" ||
		s.Started != "2026-05-04T09:30:00Z" || s.DurationMs != 1234 || s.Verdict != "failed" {
		t.Errorf("header: got %+v", s)
	}
	if s.Counts["passed"] != 2 || s.Counts["failed"] != 2 || s.Counts["skipped"] != 1 || s.Counts["total"] != 5 {
		t.Errorf("counts: got %v", s.Counts)
	}
	// Every behaviour of the catalogue is listed; the fixture's scenarios
	// cover five of them.
	if n := len(catalogue(t)); len(s.Behaviours) != n || s.BehaviourCounts["notCovered"] != n-5 {
		t.Errorf("got %d behaviours, counts %v; want all %d of the catalogue, %d not covered", len(s.Behaviours), s.BehaviourCounts, n, n-5)
	}
	b := s.Behaviours["ZN-17"]
	if b.Title != "userName is immutable" || b.Provenance != "documented" || b.Status != "failed" ||
		len(b.Scenarios) != 1 || b.Scenarios[0] != (scenarioID{"userName cannot be changed", "features/users.feature:12", "failed"}) {
		t.Errorf("ZN-17: got %+v", b)
	}
	if b := s.Behaviours["ZN-25"]; b.Status != "not covered" || len(b.Scenarios) != 0 {
		t.Errorf("ZN-25: got %+v", b)
	}
	if b := s.Behaviours["ZN-22"]; b.Status != "skipped" {
		t.Errorf("ZN-22: got %+v", b)
	}
}

func TestMarkdownEscapesCells(t *testing.T) {
	t.Parallel()
	run := reports.Run{
		Behaviours: []reports.Behaviour{{ID: "ZN-01", Title: "a | b <script> *bold*", Provenance: "documented"}},
		Scenarios: []reports.Scenario{{
			Feature: "F", Name: "pipe | name", URI: "f.feature", Line: 1, Tags: []string{"@ZN-01"}, Status: reports.Failed,
			Steps: []reports.Step{{Status: "failed", Error: "got `x` | y\nsecond line"}},
		}},
	}
	var buf bytes.Buffer
	if err := reports.WriteMarkdown(&buf, run); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"| **ZN-01** a \\| b &lt;script&gt; \\*bold\\* |  | ❌ failed | documented | 1 failed |",
		"- **ZN-01** F › pipe \\| name (`f.feature:1`): ``got `x` \\| y``",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary.md lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "second line") {
		t.Error("summary.md shows more than the first line of an error")
	}
}

func TestHTMLEscapesEverything(t *testing.T) {
	t.Parallel()
	evil := `<script>alert(1)</script>`
	run := reports.Run{
		Target:     evil,
		Behaviours: []reports.Behaviour{{ID: "ZN-01", Title: evil, Sentence: "`" + evil + "`"}},
		Scenarios: []reports.Scenario{{
			Feature: evil, Name: evil, Tags: []string{"@ZN-01"}, Status: reports.Failed,
			Steps: []reports.Step{{Keyword: "Then ", Text: evil, Status: "failed", Error: evil,
				Exchanges:   []reports.Exchange{{Method: "GET", URL: evil, ResponseBody: evil, RequestHeaders: map[string][]string{"X": {evil}}}},
				Attachments: []reports.Attachment{{Name: evil, MediaType: "text/plain", Data: []byte(evil)}}}},
		}},
		Logs: []reports.Log{{Name: evil, Text: evil}},
	}
	var buf bytes.Buffer
	if err := reports.WriteHTML(&buf, run); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "<script>"); n != 1 {
		t.Errorf("report.html has %d <script> elements, want only its own", n)
	}
}

// TestHTMLIsSelfContained: report.html opens from a CI artifact with no
// network, so it loads nothing: no external scripts, styles, fonts or images.
func TestHTMLIsSelfContained(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := reports.WriteHTML(&buf, fixtureRun(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<link", " src=", "@import", "url(", "@font-face", `href="http`, `href="//`} {
		if strings.Contains(out, bad) {
			t.Errorf("report.html contains %q", bad)
		}
	}
}
