package main

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/cucumber/godog"
)

// lineFormat is the console formatter of `scimharness run`: one line per
// scenario as it ends, with the failing step and the first line of its error.
// godog's own summary is left out: it counts skipped scenarios as passed, and
// run prints the harness's counts instead.
const lineFormat = "scimharness-lines"

func init() {
	godog.Format(lineFormat, "one line per scenario, failures with their step", newLineFmt)
}

type lineFmt struct {
	*godog.BaseFmt
	out io.Writer

	mu    sync.Mutex // godog calls from several goroutines with --concurrency
	left  map[string]int
	worst map[string]string
	fail  map[string]string
}

func newLineFmt(suite string, out io.Writer) godog.Formatter {
	return &lineFmt{BaseFmt: godog.NewBaseFmt(suite, out), out: out,
		left: map[string]int{}, worst: map[string]string{}, fail: map[string]string{}}
}

func (f *lineFmt) Pickle(p *godog.Scenario) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.left[p.Id] = len(p.Steps)
	f.worst[p.Id] = "ok"
}

func (f *lineFmt) Passed(p *godog.Scenario, s *godog.Step, _ *godog.StepDefinition) {
	f.step(p, s, "ok", nil)
}

func (f *lineFmt) Skipped(p *godog.Scenario, s *godog.Step, _ *godog.StepDefinition) {
	f.step(p, s, "skip", nil)
}

func (f *lineFmt) Failed(p *godog.Scenario, s *godog.Step, _ *godog.StepDefinition, err error) {
	f.step(p, s, "FAIL", err)
}

func (f *lineFmt) Undefined(p *godog.Scenario, s *godog.Step, _ *godog.StepDefinition) {
	f.step(p, s, "FAIL", fmt.Errorf("undefined step: no step of the vocabulary matches it ('scimharness steps' lists them)"))
}

func (f *lineFmt) Pending(p *godog.Scenario, s *godog.Step, _ *godog.StepDefinition) {
	f.step(p, s, "FAIL", fmt.Errorf("pending step"))
}

func (f *lineFmt) Ambiguous(p *godog.Scenario, s *godog.Step, _ *godog.StepDefinition, err error) {
	f.step(p, s, "FAIL", err)
}

func (f *lineFmt) Summary() {}

func (f *lineFmt) step(p *godog.Scenario, s *godog.Step, status string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case status == "FAIL" && f.worst[p.Id] != "FAIL":
		f.worst[p.Id] = "FAIL"
		f.fail[p.Id] = fmt.Sprintf("%s: %s", s.Text, firstLine(fmt.Sprint(err)))
	case status == "skip" && f.worst[p.Id] == "ok":
		f.worst[p.Id] = "skip"
	}
	f.left[p.Id]--
	if f.left[p.Id] > 0 {
		return
	}
	fmt.Fprintf(f.out, "  %-4s  %s  (%s)\n", f.worst[p.Id], p.Name, p.Uri)
	if msg := f.fail[p.Id]; msg != "" {
		fmt.Fprintf(f.out, "          %s\n", strings.TrimSpace(msg))
	}
	delete(f.left, p.Id)
	delete(f.worst, p.Id)
	delete(f.fail, p.Id)
}
