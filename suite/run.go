package suite

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/internal/lines"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// Run is one godog run of the suite. Config and Sources are required.
type Run struct {
	// Config is the steps' configuration; an empty AppName takes the
	// loaded app pack's name (Sources).
	Config  steps.Config
	Sources *Sources
	// Tags selects scenarios, in godog's syntax; "" runs all.
	Tags string
	// Concurrency is how many scenarios run at once; 0 means 1.
	Concurrency int
	// CucumberDir, if set, receives cucumber.json as godog wrote it.
	CucumberDir string
	// Format is godog's console formatter ("progress", "pretty") or "" for
	// none; Output receives it (nil: discarded).
	Format string
	Output io.Writer
	// TestingT, if set, runs each scenario as a subtest of it.
	TestingT *testing.T
}

// Result is what a run gives: the scenarios with the harness's own
// statuses, each with its part, and godog's exit status.
type Result struct {
	Scenarios []reports.Scenario
	Status    int // godog's: 0 every scenario passed (or skipped), 1 one failed
	Started   time.Time
	Duration  time.Duration
	// Stopped says why the run stopped sending (the target stopped
	// answering, steps.Suite.Stopped); "" if it did not.
	Stopped string
}

// Failed are the failed scenarios.
func (r *Result) Failed() []reports.Scenario {
	var out []reports.Scenario
	for _, s := range r.Scenarios {
		if s.Status == reports.Failed {
			out = append(out, s)
		}
	}
	return out
}

// Part is the result restricted to the scenarios of the part named name.
func (r *Result) Part(name string) *Result {
	out := *r
	out.Scenarios = nil
	for _, s := range r.Scenarios {
		if s.Part == name {
			out.Scenarios = append(out.Scenarios, s)
		}
	}
	return &out
}

// Count is how many scenarios have the status st.
func (r *Result) Count(st reports.Status) int {
	n := 0
	for _, s := range r.Scenarios {
		if s.Status == st {
			n++
		}
	}
	return n
}

// Run runs the suite. An error means godog could not run it (bad options,
// a bad tag expression, unreadable features); failed scenarios are not an
// error.
func (r Run) Run(ctx context.Context) (*Result, error) {
	if r.Sources == nil {
		return nil, fmt.Errorf("suite: Run.Sources is nil")
	}
	cfg := r.Config
	if cfg.AppName == "" {
		cfg.AppName = r.Sources.app
	}
	s, err := steps.New(cfg)
	if err != nil {
		return nil, err
	}
	// godog splits its format option at commas, so cucumber.json is
	// written in a directory of our own naming.
	tmp, err := os.MkdirTemp("", "scimharness-")
	if err != nil {
		return nil, fmt.Errorf("a directory for godog's results: %w", err)
	}
	defer os.RemoveAll(tmp)
	if strings.Contains(tmp, ",") {
		return nil, fmt.Errorf("the temporary directory %s has a comma, which godog cannot take: set TMPDIR", tmp)
	}
	cuke := filepath.Join(tmp, reports.CucumberFile)
	format := "cucumber:" + cuke
	if r.Format != "" {
		format = r.Format + "," + format
	}
	out := r.Output
	if out == nil {
		out = io.Discard
	}
	fsys, paths, err := r.Sources.forTags(r.Tags)
	if err != nil {
		return nil, err
	}
	var godogErr bytes.Buffer
	res := &Result{Started: time.Now()}
	opts := &godog.Options{
		Format:      format,
		Output:      io.MultiWriter(out, &godogErr),
		FS:          fsys,
		Paths:       paths,
		Tags:        r.Tags,
		Concurrency: max(r.Concurrency, 1),
		Strict:      true,
		// With NoColors godog filters every formatter's output rune by
		// rune, which made writing cucumber.json take seconds. The lines
		// formatter writes no colour; progress and pretty are coloured
		// as godog's own command line colours them.
		NoColors:       false,
		DefaultContext: ctx,
	}
	if r.TestingT != nil {
		opts.TestingT = r.TestingT
	}
	res.Status = godog.TestSuite{Name: "scimharness", ScenarioInitializer: s.InitializeScenario, Options: opts}.Run()
	res.Duration = time.Since(res.Started)
	res.Stopped = s.Stopped()
	if res.Status == 2 {
		return nil, fmt.Errorf("godog could not run the suite: %s", lines.Summary(godogErr.String()))
	}
	b, err := os.ReadFile(cuke)
	if err != nil {
		return nil, fmt.Errorf("read godog's results: %w", err)
	}
	if r.CucumberDir != "" {
		if err := os.WriteFile(filepath.Join(r.CucumberDir, reports.CucumberFile), b, 0o644); err != nil {
			return nil, fmt.Errorf("write %s: %w", reports.CucumberFile, err)
		}
	}
	res.Scenarios, err = reports.FromCucumber(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	for i := range res.Scenarios {
		res.Scenarios[i].Part = r.Sources.Part(res.Scenarios[i].URI)
	}
	return res, nil
}
