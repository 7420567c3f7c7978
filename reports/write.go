package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The files of a reports directory; Write writes every one.
const (
	CucumberFile = "cucumber.json"
	JUnitFile    = "junit.xml"
	SummaryFile  = "summary.json"
	MarkdownFile = "summary.md"
	HTMLFile     = "report.html"
	MessagesFile = "messages.ndjson"
)

// Write writes CucumberFile, JUnitFile, SummaryFile, MarkdownFile,
// HTMLFile and MessagesFile for run into dir, creating dir if it is missing, so that no file
// of an earlier run survives beside them. It writes every file it can and
// returns the errors of those it could not; a file it could not write is
// removed rather than left stale.
func Write(dir string, run Run) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write reports: %w", err)
	}
	// Redacted once for all six: redaction is most of the cost of writing.
	r := newRedactor(run.Secrets)
	redacted := r.run(run)
	var errs []error
	for _, f := range []struct {
		name   string
		format func(*bytes.Buffer, Run) error
	}{
		{CucumberFile, writeCucumber},
		{JUnitFile, writeJUnit},
		{SummaryFile, writeSummary},
		{MarkdownFile, writeMarkdown},
		{HTMLFile, writeHTML},
		{MessagesFile, writeMessages},
	} {
		path := filepath.Join(dir, f.name)
		var buf bytes.Buffer
		if err := renderRedacted(&buf, r, redacted, f.format); err != nil {
			errs = append(errs, fmt.Errorf("write %s: %w", f.name, err))
			if rerr := os.Remove(path); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("remove the stale %s: %w", f.name, rerr))
			}
			continue
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			errs = append(errs, fmt.Errorf("write reports: %w", err))
		}
	}
	return errors.Join(errs...)
}

// render redacts run, lets format write it into a buffer, redacts the
// run's secrets once more from the bytes written, and copies them to w.
func render(w io.Writer, run Run, format func(*bytes.Buffer, Run) error) error {
	r := newRedactor(run.Secrets)
	return renderRedacted(w, r, r.run(run), format)
}

// renderRedacted is render for a run that r has redacted already. format
// must not change the run it is given.
func renderRedacted(w io.Writer, r redactor, redacted Run, format func(*bytes.Buffer, Run) error) error {
	var buf bytes.Buffer
	if err := format(&buf, redacted); err != nil {
		return err
	}
	_, err := w.Write(r.secrets.Bytes(buf.Bytes()))
	return err
}
