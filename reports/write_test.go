package reports_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// Write redacts the run once for its six files: each file is byte for byte
// what its own writer gives, secrets redacted alike.
func TestWriteIsEachWriter(t *testing.T) {
	t.Parallel()
	run := fixtureRun(t)
	run.Secrets = append(run.Secrets, "grace.h@example.com") // a value that is in every report
	dir := t.TempDir()
	if err := reports.Write(dir, run); err != nil {
		t.Fatal(err)
	}
	for name, write := range map[string]func(io.Writer, reports.Run) error{
		reports.CucumberFile: reports.WriteCucumber,
		reports.JUnitFile:    reports.WriteJUnit,
		reports.SummaryFile:  reports.WriteSummaryJSON,
		reports.MarkdownFile: reports.WriteMarkdown,
		reports.HTMLFile:     reports.WriteHTML,
		reports.MessagesFile: reports.WriteMessages,
	} {
		var want bytes.Buffer
		if err := write(&want, run); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s from Write differs from its own writer's", name)
		}
		if bytes.Contains(got, []byte("grace.h@example.com")) {
			t.Errorf("%s holds a secret", name)
		}
	}
}
