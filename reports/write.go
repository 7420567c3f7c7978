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
)

// Write writes CucumberFile, JUnitFile, SummaryFile, MarkdownFile and
// HTMLFile for run into dir, creating dir if it is missing, so that no file
// of an earlier run survives beside them. It writes every file it can and
// returns the errors of those it could not; a file it could not write is
// removed rather than left stale.
func Write(dir string, run Run) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write reports: %w", err)
	}
	var errs []error
	for _, f := range []struct {
		name  string
		write func(io.Writer, Run) error
	}{
		{CucumberFile, WriteCucumber},
		{JUnitFile, WriteJUnit},
		{SummaryFile, WriteSummaryJSON},
		{MarkdownFile, WriteMarkdown},
		{HTMLFile, WriteHTML},
	} {
		path := filepath.Join(dir, f.name)
		var buf bytes.Buffer
		if err := f.write(&buf, run); err != nil {
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
	var buf bytes.Buffer
	if err := format(&buf, r.run(run)); err != nil {
		return err
	}
	out := buf.String()
	if r.secrets != nil {
		out = r.secrets.Replace(out)
	}
	_, err := io.WriteString(w, out)
	return err
}
