package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/internal/lines"
)

// lineFormat is the console formatter of `scimharness run`: one line per
// scenario, with the failing step and the first line of its error, in a
// stable order (by feature path, then line) whatever --concurrency is, so
// that two runs can be diffed: a scenario's line is printed as soon as every
// scenario before it has ended. godog's own summary is left out: it counts
// skipped scenarios as passed, and run prints the harness's counts instead.
const lineFormat = "scimharness-lines"

func init() {
	godog.Format(lineFormat, "one line per scenario, failures with their step, by feature and line", newLineFmt)
}

type lineFmt struct {
	*godog.BaseFmt
	out io.Writer

	mu    sync.Mutex // godog calls from several goroutines with --concurrency
	left  map[string]int
	worst map[string]string
	fail  map[string]string

	planned bool
	order   []string          // the pickle IDs to run, by feature path and line
	lines   map[string]int64  // pickle ID → its line (an outline's Examples row)
	next    int               // order[next] is the first scenario not printed yet
	ended   map[string]string // pickle ID → its text, ended and not printed yet
}

func newLineFmt(suite string, out io.Writer) godog.Formatter {
	return &lineFmt{BaseFmt: godog.NewBaseFmt(suite, out), out: out,
		left: map[string]int{}, worst: map[string]string{}, fail: map[string]string{}, ended: map[string]string{}}
}

func (f *lineFmt) Pickle(p *godog.Scenario) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.left[p.Id] = len(p.Steps)
	f.worst[p.Id] = "ok"
	if len(p.Steps) == 0 {
		f.end(p)
	}
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

// Summary prints what ended and is still held back for a scenario before it
// that never ended (an interrupted run), in order.
func (f *lineFmt) Summary() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ; f.next < len(f.order); f.next++ {
		if text, ok := f.ended[f.order[f.next]]; ok {
			fmt.Fprint(f.out, text)
			delete(f.ended, f.order[f.next])
		}
	}
	f.flushUnplanned()
}

func (f *lineFmt) step(p *godog.Scenario, s *godog.Step, status string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case status == "FAIL" && f.worst[p.Id] != "FAIL":
		f.worst[p.Id] = "FAIL"
		f.fail[p.Id] = fmt.Sprintf("%s: %s", s.Text, lines.Summary(fmt.Sprint(err)))
	case status == "skip" && f.worst[p.Id] == "ok":
		f.worst[p.Id] = "skip"
	}
	f.left[p.Id]--
	if f.left[p.Id] > 0 {
		return
	}
	f.end(p)
}

// end holds p's text until every scenario before it has ended, then prints
// them all. The caller holds f.mu.
func (f *lineFmt) end(p *godog.Scenario) {
	f.plan()
	loc := p.Uri
	if line, ok := f.lines[p.Id]; ok {
		loc = fmt.Sprintf("%s:%d", p.Uri, line)
	}
	text := fmt.Sprintf("  %-4s  %s  (%s)\n", f.worst[p.Id], p.Name, loc)
	if msg := f.fail[p.Id]; msg != "" {
		text += fmt.Sprintf("          %s\n", strings.TrimSpace(msg))
	}
	delete(f.left, p.Id)
	delete(f.worst, p.Id)
	delete(f.fail, p.Id)
	f.ended[p.Id] = text
	for f.next < len(f.order) {
		text, ok := f.ended[f.order[f.next]]
		if !ok {
			break
		}
		fmt.Fprint(f.out, text)
		delete(f.ended, f.order[f.next])
		f.next++
	}
	if f.next == len(f.order) {
		f.flushUnplanned()
	}
}

// flushUnplanned prints, sorted, what ended that the plan does not hold: all
// of it when godog gave the formatter no storage to plan from.
func (f *lineFmt) flushUnplanned() {
	ids := make([]string, 0, len(f.ended))
	for id := range f.ended {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(f.ended[a], f.ended[b]) })
	for _, id := range ids {
		fmt.Fprint(f.out, f.ended[id])
		delete(f.ended, id)
	}
}

// plan lists, once, the scenarios godog will run (its storage holds every
// feature with the pickles the tags select) by feature path and line. The
// caller holds f.mu.
func (f *lineFmt) plan() {
	if f.planned {
		return
	}
	f.planned = true
	f.lines = map[string]int64{}
	if f.Storage == nil {
		return
	}
	type planned struct {
		id, uri string
		line    int64
	}
	var all []planned
	for _, ft := range f.Storage.MustGetFeatures() {
		lines := map[string]int64{}
		if ft.GherkinDocument != nil && ft.GherkinDocument.Feature != nil {
			for _, c := range ft.GherkinDocument.Feature.Children {
				collectLines(c.Scenario, lines)
				if c.Rule != nil {
					for _, rc := range c.Rule.Children {
						collectLines(rc.Scenario, lines)
					}
				}
			}
		}
		for _, p := range ft.Pickles {
			pl := planned{id: p.Id, uri: p.Uri}
			for _, id := range p.AstNodeIds {
				if l, ok := lines[id]; ok {
					pl.line = l // the Examples row wins over the outline
				}
			}
			all = append(all, pl)
			f.lines[p.Id] = pl.line
		}
	}
	slices.SortStableFunc(all, func(a, b planned) int {
		return cmp.Or(cmp.Compare(a.uri, b.uri), cmp.Compare(a.line, b.line))
	})
	for _, p := range all {
		f.order = append(f.order, p.id)
	}
}
