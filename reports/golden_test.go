package reports_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/reports"
)

// fixtureRun is the fixed input of the golden tests: the scenarios of
// testdata/cucumber.json (a real godog run) with their measured durations
// replaced by fixed ones, and the catalogue of testdata/catalogue.json.
func fixtureRun(t testing.TB) reports.Run {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "cucumber.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	scenarios, err := reports.FromCucumber(f)
	if err != nil {
		t.Fatal(err)
	}
	for i := range scenarios {
		s := &scenarios[i]
		// The part a run gives a scenario by its feature file's directory.
		for _, tag := range s.Tags {
			switch {
			case strings.HasPrefix(tag, "@ZN-"):
				s.Part = "Zinc"
			case strings.HasPrefix(tag, "@OK-") && s.Part == "":
				s.Part = "Okta core"
			}
		}
		s.Duration = 0
		for j := range s.Steps {
			if s.Steps[j].Status == "passed" || s.Steps[j].Status == "failed" {
				s.Steps[j].Duration = time.Duration(j+1) * 1500 * time.Microsecond
			} else {
				s.Steps[j].Duration = 0
			}
			s.Duration += s.Steps[j].Duration
		}
	}
	return reports.Run{
		Harness:      "v0.1.0",
		Target:       fixtureTarget,
		Profile:      "oin",
		Started:      time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC),
		Duration:     1234 * time.Millisecond,
		Behaviours:   catalogue(t),
		Scenarios:    scenarios,
		Features:     []reports.Feature{{Name: "Users", Tag: "@users", Declared: true}, {Name: "Push Groups", Tag: "@push-groups"}},
		FeaturesFrom: "--supports",
		Logs: []reports.Log{{
			Name: "reference server (container scimharness:latest)",
			Text: "2026-05-04T09:30:00Z listening on :8080\n2026-05-04T09:30:01Z POST /scim/v2/Users 201\n",
		}},
		Secrets: []string{"golden-secret-token-0001"},
	}
}

func catalogue(t testing.TB) []reports.Behaviour {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "catalogue.json"))
	if err != nil {
		t.Fatal(err)
	}
	var entries []struct{ ID, Title, Provenance, Sentence, Part string }
	if err := json.Unmarshal(b, &entries); err != nil {
		t.Fatalf("testdata/catalogue.json: %v", err)
	}
	out := make([]reports.Behaviour, len(entries))
	for i, e := range entries {
		out[i] = reports.Behaviour(e)
	}
	return out
}

var writers = map[string]func(io.Writer, reports.Run) error{
	reports.CucumberFile: reports.WriteCucumber,
	reports.JUnitFile:    reports.WriteJUnit,
	reports.SummaryFile:  reports.WriteSummaryJSON,
	reports.MarkdownFile: reports.WriteMarkdown,
	reports.HTMLFile:     reports.WriteHTML,
}

func TestGolden(t *testing.T) {
	run := fixtureRun(t)
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := write(&buf, run); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".golden", buf.Bytes())
		})
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s differs from the output at line %d (rerun with -update if the change is intended)\ngot:  %q\nwant: %q", path, i+1, gl, wl)
		}
	}
}

func TestWriteCreatesEveryFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "reports")
	if err := reports.Write(dir, fixtureRun(t)); err != nil {
		t.Fatal(err)
	}
	for name, write := range writers {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := write(&want, fixtureRun(t)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: Write wrote other bytes than its writer", name)
		}
	}
}

func TestWriteReportsAnUnwritableDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := reports.Write(filepath.Join(file, "reports"), fixtureRun(t))
	if err == nil || !strings.Contains(err.Error(), "write reports") {
		t.Fatalf("got %v, want an error naming the reports directory", err)
	}
}
