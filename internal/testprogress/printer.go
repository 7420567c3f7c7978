package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// event is one line of `go test -json` (cmd/test2json), build events included.
type event struct {
	Time        time.Time
	Action      string
	Package     string
	Test        string
	Output      string
	Elapsed     float64
	ImportPath  string
	FailedBuild string
}

// printer turns the events of `go test -json` into what a person watching
// `make test` wants: a line per package as it ends (go test's own ok/FAIL
// line), the output of every failing test at once, a line now and then naming
// what still runs, and at the end what was skipped and why, the slowest
// packages and one closing line of counts. Its methods must be called from
// one goroutine.
type printer struct {
	w      io.Writer
	module string // the import path prefix shortened away in the summary

	start    time.Time
	pkgs     map[string]*pkgState
	done     int
	skips    []skip
	failed   []string // packages
	slow     []pkgTime
	slowTest []pkgTime // top-level tests, "pkg TestX"
	passed   int
	failures int
	skipped  int
}

type pkgState struct {
	start   time.Time
	out     map[string][]string // per test ("" is the package's own output)
	running []string            // top-level tests started and not ended
	failed  bool
}

type skip struct{ pkg, test, reason string }

type pkgTime struct {
	pkg     string
	elapsed float64
}

func newPrinter(w io.Writer, module string, start time.Time) *printer {
	return &printer{w: w, module: module, start: start, pkgs: map[string]*pkgState{}}
}

// line takes one line of go test's output: an event, or text that is not
// one (printed as it is).
func (p *printer) line(b []byte) {
	var e event
	if len(b) == 0 || b[0] != '{' || json.Unmarshal(b, &e) != nil || e.Action == "" {
		fmt.Fprintf(p.w, "%s\n", b)
		return
	}
	p.event(e)
}

func (p *printer) event(e event) {
	switch e.Action {
	case "build-output":
		fmt.Fprint(p.w, e.Output)
		return
	case "build-fail":
		return
	}
	ps := p.pkgs[e.Package]
	if ps == nil {
		ps = &pkgState{start: e.Time, out: map[string][]string{}}
		p.pkgs[e.Package] = ps
	}
	if e.Test == "" {
		p.pkgEvent(e, ps)
		return
	}
	switch e.Action {
	case "run":
		if !strings.Contains(e.Test, "/") {
			ps.running = append(ps.running, e.Test)
		}
	case "output":
		ps.out[e.Test] = append(ps.out[e.Test], e.Output)
	case "pass", "fail", "skip":
		p.testEnded(e, ps)
	}
}

func (p *printer) testEnded(e event, ps *pkgState) {
	ps.running = slices.DeleteFunc(ps.running, func(t string) bool { return t == e.Test })
	out := ps.out[e.Test]
	delete(ps.out, e.Test)
	if !strings.Contains(e.Test, "/") && e.Action != "skip" {
		p.slowTest = append(p.slowTest, pkgTime{p.short(e.Package) + " " + e.Test, e.Elapsed})
	}
	switch e.Action {
	case "pass":
		p.passed++
	case "skip":
		p.skipped++
		p.skips = append(p.skips, skip{pkg: p.short(e.Package), test: e.Test, reason: skipReason(out)})
	case "fail":
		p.failures++
		ps.failed = true
		for _, l := range out {
			if !strings.HasPrefix(l, "=== ") {
				fmt.Fprint(p.w, l)
			}
		}
	}
}

func (p *printer) pkgEvent(e event, ps *pkgState) {
	switch e.Action {
	case "output":
		ps.out[""] = append(ps.out[""], e.Output)
	case "pass", "fail", "skip":
		out := ps.out[""]
		delete(p.pkgs, e.Package)
		p.done++
		if e.Action == "fail" {
			p.failed = append(p.failed, p.short(e.Package))
			// Tests that never ended: the package died under them (a
			// timeout's panic is written into the running test's output).
			for _, t := range slices.Sorted(maps.Keys(ps.out)) {
				if t == "" {
					continue
				}
				p.failures++
				fmt.Fprintf(p.w, "--- %s did not finish:\n", t)
				printHead(p.w, ps.out[t], unfinishedLines)
			}
			// What the package printed outside any test: a panic, a
			// TestMain's complaint, a timeout.
			for _, l := range out {
				if !isResultLine(l) {
					fmt.Fprint(p.w, l)
				}
			}
		}
		printed := false
		for _, l := range out {
			if strings.HasPrefix(l, "ok  \t") || strings.HasPrefix(l, "FAIL\t") || strings.HasPrefix(l, "?   \t") {
				fmt.Fprint(p.w, l)
				printed = true
			}
		}
		if !printed { // a build failure has no result line of its own
			status := map[string]string{"pass": "ok  ", "fail": "FAIL", "skip": "?   "}[e.Action]
			fmt.Fprintf(p.w, "%s\t%s\t%.3fs\n", status, e.Package, e.Elapsed)
		}
		if e.Action != "skip" {
			p.slow = append(p.slow, pkgTime{p.short(e.Package), e.Elapsed})
		}
	}
}

// isResultLine tells go test's own closing lines of a package from what its
// tests printed.
func isResultLine(l string) bool {
	for _, p := range []string{"PASS\n", "FAIL\n", "ok  \t", "FAIL\t", "?   \t"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// skipReason is what a skipped test logged (its t.Skip message), without
// the framing lines.
func skipReason(out []string) string {
	var parts []string
	for _, l := range out {
		if strings.HasPrefix(l, "=== ") || strings.HasPrefix(strings.TrimSpace(l), "--- SKIP") {
			continue
		}
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	if len(parts) == 0 {
		return "(no reason given)"
	}
	return strings.Join(parts, " ")
}

// tick names what still runs: the packages started and not ended, each with
// the tests it is in, and how long the run has taken.
func (p *printer) tick(now time.Time) {
	if len(p.pkgs) == 0 {
		return
	}
	names := make([]string, 0, len(p.pkgs))
	for name := range p.pkgs {
		names = append(names, name)
	}
	slices.Sort(names)
	var parts []string
	for _, name := range names {
		ps := p.pkgs[name]
		s := p.short(name)
		if len(ps.running) > 0 {
			s += " (" + strings.Join(ps.running, ", ") + ")"
		}
		parts = append(parts, s)
	}
	fmt.Fprintf(p.w, "… %s: %d packages done; running %s\n", now.Sub(p.start).Round(time.Second), p.done, strings.Join(parts, ", "))
}

// maxSkips caps the skip list; the rest are counted.
const maxSkips = 40

// summary prints the skips with their reasons, the slowest packages and the
// closing line: "N passed, N failed, N skipped in N packages (…)".
func (p *printer) summary(now time.Time) {
	if len(p.skips) > 0 {
		fmt.Fprintf(p.w, "\nskipped (%d):\n", len(p.skips))
		for i, s := range p.skips {
			if i == maxSkips {
				fmt.Fprintf(p.w, "  … and %d more\n", len(p.skips)-maxSkips)
				break
			}
			fmt.Fprintf(p.w, "  %s %s: %s\n", s.pkg, s.test, s.reason)
		}
	}
	if line := slowest(p.slow, 3); line != "" {
		fmt.Fprintf(p.w, "slowest: %s\n", line)
	}
	if line := slowest(p.slowTest, 5); line != "" {
		fmt.Fprintf(p.w, "slowest tests: %s\n", line)
	}
	if len(p.failed) > 0 {
		fmt.Fprintf(p.w, "failed packages: %s\n", strings.Join(p.failed, ", "))
	}
	fmt.Fprintf(p.w, "%d passed, %d failed, %d skipped in %d packages (%s)\n",
		p.passed, p.failures, p.skipped, p.done, now.Sub(p.start).Round(100*time.Millisecond))
}

// slowest names the n longest of ts, longest first: "cmd 12.3s, steps 4.5s".
func slowest(ts []pkgTime, n int) string {
	ts = slices.Clone(ts)
	slices.SortStableFunc(ts, func(a, b pkgTime) int { return cmp.Compare(b.elapsed, a.elapsed) })
	var parts []string
	for _, t := range ts[:min(n, len(ts))] {
		parts = append(parts, fmt.Sprintf("%s %.1fs", t.pkg, t.elapsed))
	}
	return strings.Join(parts, ", ")
}

// ok reports whether every package passed.
func (p *printer) ok() bool { return len(p.failed) == 0 && p.failures == 0 }

func (p *printer) short(pkg string) string {
	if s, ok := strings.CutPrefix(pkg, p.module+"/"); ok {
		return s
	}
	return pkg
}

// unfinishedLines bounds what is shown of a test that never ended: a
// timeout's panic names the running tests first, then dumps every goroutine.
const unfinishedLines = 60

// printHead prints the first n lines of out (less go test's "=== " lines)
// and says how many more there were.
func printHead(w io.Writer, out []string, n int) {
	shown := 0
	for i, l := range out {
		if strings.HasPrefix(l, "=== ") {
			continue
		}
		if shown == n {
			fmt.Fprintf(w, "    … %d more lines\n", len(out)-i)
			return
		}
		fmt.Fprint(w, l)
		shown++
	}
}
