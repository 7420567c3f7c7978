package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/scimharness/scimharness/internal/lines"
)

// statusIcon is the emoji a Markdown viewer shows for a status.
var statusIcon = map[Status]string{Passed: "✅", Failed: "❌", Skipped: "⏭️", NotCovered: "⬜", Interrupted: "⏹️"}

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
	fmt.Fprintf(buf, "**%d** passed · **%d** failed · **%d** skipped of %d scenarios; %d of %d behaviours hold",
		c.Passed, c.Failed, c.Skipped, c.Total, bc.Passed, bc.Total)
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
			fmt.Fprintf(buf, "| %s | %s %s | %d passed, %d failed, %d skipped | %d of %d |\n", cell(p.Name), statusIcon[p.Verdict], verdictText(p.Verdict),
				p.Counts.Passed, p.Counts.Failed, p.Counts.Skipped, p.BehaviourCounts.Passed, p.BehaviourCounts.Total)
		}
		buf.WriteString("\n")
	}

	if c.Failed > 0 {
		buf.WriteString("**Failed scenarios**\n\n")
		for _, s := range run.Scenarios {
			if s.Status != Failed {
				continue
			}
			st, _ := s.failure()
			fmt.Fprintf(buf, "- %s (%s): %s\n", cell(s.Feature+" › "+s.Name), code(s.location()), code(lines.First(failureMessage(st))))
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

// verdictText is the run's verdict in words.
func verdictText(v Status) string {
	switch v {
	case NotCovered:
		return "no scenarios ran"
	case Interrupted:
		return "interrupted (did not complete)"
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
