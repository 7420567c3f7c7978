package reports_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// FuzzFromCucumber feeds FromCucumber arbitrary bytes (cucumber.json comes
// from a run against an untrusted target, whose answers end up in error
// messages and attachments). It must never panic; whatever it accepts, it
// gives a harness status, and every writer can write.
func FuzzFromCucumber(f *testing.F) {
	f.Add([]byte(`[]`))
	f.Add([]byte(cuke("passed", "failed:expected 400, got 200", "skipped")))
	f.Add([]byte(cuke("passed", "skipped")))
	f.Add([]byte(cuke("undefined")))
	f.Fuzz(func(t *testing.T, data []byte) {
		scenarios, err := reports.FromCucumber(bytes.NewReader(data))
		if err != nil {
			if scenarios != nil {
				t.Fatalf("an error with scenarios: %v", err)
			}
			return
		}
		for _, s := range scenarios {
			switch s.Status {
			case reports.Passed, reports.Failed, reports.Skipped:
			default:
				t.Fatalf("scenario %q: status %q", s.Name, s.Status)
			}
		}
		run := reports.Run{Scenarios: scenarios, Secrets: []string{"fuzz-secret"},
			Behaviours: []reports.Behaviour{{ID: "ZN-01", Title: "t"}}}
		for name, write := range map[string]func(io.Writer, reports.Run) error{
			reports.JUnitFile: reports.WriteJUnit, reports.SummaryFile: reports.WriteSummaryJSON,
			reports.MarkdownFile: reports.WriteMarkdown, reports.HTMLFile: reports.WriteHTML,
			reports.MessagesFile: reports.WriteMessages,
		} {
			var buf bytes.Buffer
			if err := write(&buf, run); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if strings.Contains(buf.String(), "fuzz-secret") {
				t.Fatalf("%s shows the secret", name)
			}
		}
	})
}
