package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/scimharness/scimharness/internal/lines"
)

// statusIcon is the emoji a Markdown viewer shows for a status.
var statusIcon = map[Status]string{Passed: "✅", Failed: "❌", Skipped: "⏭️", NotCovered: "⬜", Interrupted: "⏹️", NotRun: "⛔", Incomplete: "⛔"}

// WriteMarkdown writes run as summary.md, short enough for a CI job summary
// (such as $GITHUB_STEP_SUMMARY): the verdict and counts, the failed
// scenarios with their errors, and the behaviour matrix as one table.
// Secrets are redacted.
func WriteMarkdown(w io.Writer, run Run) error {
	return render(w, run, writeMarkdown)
}

func writeMarkdown(buf *bytes.Buffer, run Run) error {
	rows := behaviours(run)
	v, c, bc := verdict(run), scenarioCounts(run), behaviourCounts(rows)
	fmt.Fprintf(buf, "### %s SCIM conformance: %s\n\n", statusIcon[v], verdictText(v))
	fmt.Fprintf(buf, "**%d** passed · **%d** failed · **%d** skipped", c.Passed, c.Failed, c.Skipped)
	if c.NotRun > 0 {
		fmt.Fprintf(buf, " · **%d not run**", c.NotRun)
	}
	fmt.Fprintf(buf, " of %d scenarios; %d of %d behaviours hold", c.Total, bc.Passed, bc.Total)
	if bc.NotCovered > 0 {
		fmt.Fprintf(buf, ", %d not covered", bc.NotCovered)
	}
	buf.WriteString(".\n\n")
	if run.Interrupted {
		buf.WriteString("**The run was interrupted** before every scenario ran: these are partial results.\n\n")
	}
	if l := FeaturesLine(run); l != "" {
		fmt.Fprintf(buf, "**Okta features:** the verdict %s. Declared: %s.\n\n", cell(l), cell(DeclaredLine(run)))
	}
	if run.Gate != "" {
		gv := run.GateVerdict()
		fmt.Fprintf(buf, "**Gate: %s** %s %s; the other parts inform, and do not decide the exit status.\n\n", cell(run.Gate), statusIcon[gv], verdictText(gv))
	}
	if v == Incomplete {
		fmt.Fprintf(buf, "**Not a pass:** %d scenarios did not run. A run is green only when every scenario ran.\n\n", c.NotRun)
	}
	if run.TargetStopped != "" {
		fmt.Fprintf(buf, "**The target stopped answering.** %s; the scenarios after it were not run.\n\n", cell(upperFirst(run.TargetStopped)))
	}
	var meta []string
	if run.Target != "" {
		meta = append(meta, "target "+code(run.Target))
	}
	if run.TargetDescription != "" {
		meta = append(meta, cell(run.TargetDescription))
	}
	if run.Profile != "" {
		meta = append(meta, "profile "+code(run.Profile))
	}
	if t := formatTime(run.Started); t != "" {
		meta = append(meta, "started "+t)
	}
	if run.Duration > 0 {
		meta = append(meta, "took "+formatDuration(run.Duration))
	}
	if run.Harness != "" {
		h := "scimharness " + code(run.Harness)
		if run.HarnessRevision != "" {
			h += " at " + code(run.HarnessRevision)
		}
		meta = append(meta, h)
	}
	if len(meta) > 0 {
		buf.WriteString(strings.Join(meta, " · ") + "\n\n")
	}
	if ps := parts(run, rows); len(ps) > 0 {
		buf.WriteString("| Part | Verdict | Scenarios | Behaviours hold |\n| --- | --- | --- | --- |\n")
		for _, p := range ps {
			notRun := ""
			if p.Counts.NotRun > 0 {
				notRun = fmt.Sprintf(", %d not run", p.Counts.NotRun)
			}
			fmt.Fprintf(buf, "| %s | %s %s | %d passed, %d failed, %d skipped%s | %d of %d |\n", cell(p.Name), statusIcon[p.Verdict], verdictText(p.Verdict),
				p.Counts.Passed, p.Counts.Failed, p.Counts.Skipped, notRun, p.BehaviourCounts.Passed, p.BehaviourCounts.Total)
		}
		buf.WriteString("\n")
	}

	if c.Failed > 0 {
		rcs := RootCauses(run)
		fmt.Fprintf(buf, "**Root causes**: %d failed scenarios, %d causes, the cause that explains the most first\n\n", c.Failed, len(rcs))
		for _, rc := range rcs {
			fmt.Fprintf(buf, "- %s: explains %d %s; first failing: %s\n", rootLabel(rc), len(rc.Scenarios), plural(len(rc.Scenarios), "failure"), code(rc.Cause))
			for _, i := range rc.Scenarios {
				s := run.Scenarios[i]
				st, _ := s.failure()
				fmt.Fprintf(buf, "  - %s%s (%s): %s\n", failedLabel(s), cell(s.Feature+" › "+s.Name), code(s.location()), code(lines.First(failureMessage(st))))
			}
		}
		buf.WriteString("\n")
	}

	for _, l := range run.Logs {
		fmt.Fprintf(buf, "%s (%d lines): in report.html and in junit.xml's system-out.\n\n", cell(strings.ToUpper(l.Name[:1])+l.Name[1:]), logLines(l.Text))
	}

	buf.WriteString("| Behaviour | Part | Status | Provenance | Scenarios |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range rows {
		title := r.Title
		if r.Unknown {
			title = "(not in the catalogue)"
		}
		n := map[Status]int{}
		for _, i := range r.Scenarios {
			n[run.Scenarios[i].Status]++
		}
		var parts []string
		for _, st := range []Status{Passed, Failed, Skipped} {
			if n[st] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n[st], st))
			}
		}
		fmt.Fprintf(buf, "| **%s** %s | %s | %s %s | %s | %s |\n",
			cell(r.ID), cell(title), cell(r.Part), statusIcon[r.Status], r.Status, cell(r.Provenance), strings.Join(parts, ", "))
	}
	if len(rows) == 0 {
		buf.WriteString("| (no behaviours) | | | | |\n")
	}
	return nil
}

// rootLabel names the behaviour that explains a root cause, in bold.
func rootLabel(rc RootCause) string {
	if rc.Behaviour == "" {
		return "**(no behaviour ID)**"
	}
	if rc.Title == "" {
		return "**" + cell(rc.Behaviour) + "**"
	}
	return "**" + cell(rc.Behaviour) + "** " + cell(rc.Title)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// failedLabel opens a failed scenario's line: its part and behaviour IDs,
// in bold, as a gate reads them ("**Okta core OK-04** ").
func failedLabel(s Scenario) string {
	var ids []string
	if s.Part != "" {
		ids = append(ids, s.Part)
	}
	for _, t := range s.Tags {
		if m := idTag.FindStringSubmatch(t); m != nil {
			ids = append(ids, m[1])
		}
	}
	if len(ids) == 0 {
		return ""
	}
	return "**" + cell(strings.Join(ids, " ")) + "** "
}

// verdictText is the run's verdict in words.
func verdictText(v Status) string {
	switch v {
	case NotCovered:
		return "no scenarios ran"
	case Interrupted:
		return "interrupted (did not complete)"
	case Incomplete:
		return "incomplete (not every scenario ran)"
	}
	return string(v)
}

// logLines counts the lines of a log.
func logLines(s string) int {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer(`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`)
	return r.Replace(s)
}

// code is s as inline code, on one line, safe inside a table cell.
func code(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// upperFirst capitalizes the first letter of s, to start a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
