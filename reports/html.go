package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scimharness/scimharness/internal/lines"
)

var (
	//go:embed report.tmpl
	reportTemplate string
	//go:embed report.css
	reportCSS string
	//go:embed report.js
	reportJS string

	reportHTML = template.Must(template.New("report").Parse(reportTemplate))
)

// WriteHTML writes run as report.html: one self-contained page (no external
// scripts, fonts or styles) with the verdict and counts, the behaviour
// matrix, every scenario with its steps, failures with the step's error and
// every HTTP exchange, and the run's logs. An inline script adds filtering
// by status and text search; without it every part is shown, collapsed in
// details elements that open on a click. Secrets are redacted.
func WriteHTML(w io.Writer, run Run) error {
	return render(w, run, writeHTML)
}

type (
	htmlPage struct {
		Verdict, VerdictText    string
		Headline                string
		Run                     Run
		Started, Duration       string
		Counts, BehaviourCounts counts
		Parts                   []htmlPart // each part's own verdict
		Features, Declared      string     // FeaturesLine, DeclaredLine
		Rows                    []htmlRow
		Scenarios               []htmlScenario
		Failures                []htmlFailure
		RootCauses              []htmlRootCause // the failures grouped by root cause
		CSS                     template.CSS
		JS                      template.JS
	}
	htmlPart struct {
		partResult
		Class, VerdictText string
	}
	htmlRow struct {
		behaviourResult
		Class     string
		Sentence  []htmlSpan
		Scenarios []htmlRef
	}
	htmlSpan struct {
		Text string
		Code bool
	}
	htmlRootCause struct {
		Cause, Behaviour, Title string
		Count                   int
		Failures                []htmlFailure
	}
	htmlFailure struct {
		Anchor, Feature, Name, Location, Message string
		IDs                                      []string
	}
	htmlRef struct {
		Anchor, Name, Class string
		Status              Status
	}
	htmlScenario struct {
		Scenario
		Anchor, Class, Location, Duration string
		IDs, Tags                         []string
		Open                              bool
		Steps                             []htmlStep
	}
	htmlStep struct {
		Step
		Class, Duration string
		Failing         bool
		Message         string // the failing step's error
		Exchanges       []htmlExchange
		Attachments     []htmlAttachment
	}
	htmlExchange struct {
		Exchange
		StatusText, StatusClass, Duration string
		RequestHeaders, ResponseHeaders   [][2]string
		RequestBody, ResponseBody         string
		Open                              bool
	}
	htmlAttachment struct {
		Name, MediaType, Text string
		Size                  int
	}
)

func writeHTML(buf *bytes.Buffer, run Run) error {
	rows := behaviours(run)
	v := verdict(run)
	p := htmlPage{
		Verdict:         class(v),
		VerdictText:     strings.ToUpper(verdictText(v)),
		Features:        FeaturesLine(run),
		Declared:        DeclaredLine(run),
		Run:             run,
		Started:         formatTime(run.Started),
		Counts:          scenarioCounts(run),
		BehaviourCounts: behaviourCounts(rows),
		CSS:             template.CSS(reportCSS),
		JS:              template.JS(reportJS),
	}
	if run.Duration > 0 {
		p.Duration = formatDuration(run.Duration)
	}
	c, bc := p.Counts, p.BehaviourCounts
	switch v {
	case Interrupted:
		p.Headline = fmt.Sprintf("The run was stopped before it completed: %d scenarios ran (%d passed, %d failed, %d skipped); these are partial results.", c.Total, c.Passed, c.Failed, c.Skipped)
	case Failed:
		p.Headline = fmt.Sprintf("%d of %d scenarios failed; %d of %d behaviours hold.", c.Failed, c.Total, bc.Passed, bc.Total)
		if c.NotRun > 0 {
			p.Headline += fmt.Sprintf(" %d scenarios did not run.", c.NotRun)
		}
	case Incomplete:
		p.Headline = fmt.Sprintf("Not a pass: %d of %d scenarios did not run (none failed); %d of %d behaviours hold.", c.NotRun, c.Total, bc.Passed, bc.Total)
	case Passed:
		p.Headline = fmt.Sprintf("Every scenario that ran passed; %d of %d behaviours hold.", bc.Passed, bc.Total)
	case Skipped:
		p.Headline = "Every scenario was skipped."
	default:
		p.Headline = "No scenario ran."
	}
	for _, pr := range parts(run, rows) {
		p.Parts = append(p.Parts, htmlPart{partResult: pr, Class: class(pr.Verdict), VerdictText: strings.ToUpper(verdictText(pr.Verdict))})
	}
	for _, r := range rows {
		hr := htmlRow{behaviourResult: r, Class: class(r.Status), Sentence: spans(r.Sentence)}
		for _, i := range r.Scenarios {
			s := run.Scenarios[i]
			hr.Scenarios = append(hr.Scenarios, htmlRef{Anchor: anchor(i), Name: s.Name, Class: class(s.Status), Status: s.Status})
		}
		p.Rows = append(p.Rows, hr)
	}
	for i, s := range run.Scenarios {
		hs := htmlScenarioOf(i, s)
		p.Scenarios = append(p.Scenarios, hs)
		if s.Status == Failed {
			st, _ := s.failure()
			p.Failures = append(p.Failures, htmlFailure{Anchor: hs.Anchor, Feature: s.Feature, Name: s.Name, Location: hs.Location, Message: lines.First(failureMessage(st)), IDs: hs.IDs})
		}
	}
	byAnchor := map[string]htmlFailure{}
	for _, f := range p.Failures {
		byAnchor[f.Anchor] = f
	}
	for _, rc := range RootCauses(run) {
		h := htmlRootCause{Cause: rc.Cause, Behaviour: rc.Behaviour, Title: rc.Title, Count: len(rc.Scenarios)}
		for _, i := range rc.Scenarios {
			h.Failures = append(h.Failures, byAnchor[anchor(i)])
		}
		p.RootCauses = append(p.RootCauses, h)
	}
	return reportHTML.Execute(buf, p)
}

func htmlScenarioOf(i int, s Scenario) htmlScenario {
	hs := htmlScenario{Scenario: s, Anchor: anchor(i), Class: class(s.Status), Location: s.location(), Open: s.Status == Failed}
	if s.Duration > 0 {
		hs.Duration = formatDuration(s.Duration)
	}
	for _, t := range s.Tags {
		if m := idTag.FindStringSubmatch(t); m != nil {
			hs.IDs = append(hs.IDs, m[1])
		} else {
			hs.Tags = append(hs.Tags, t)
		}
	}
	_, failed := s.failure()
	// The exchanges worth opening: those of the failing step, or else the
	// last one before it.
	openStep, openLast := failed, false
	if failed >= 0 && len(s.Steps[failed].Exchanges) == 0 {
		openStep, openLast = -1, true
		for j := failed - 1; j >= 0; j-- {
			if len(s.Steps[j].Exchanges) > 0 {
				openStep = j
				break
			}
		}
	}
	for j, st := range s.Steps {
		hst := htmlStep{Step: st, Class: stepClass(st.Status), Failing: j == failed}
		if hst.Failing {
			hst.Message = failureMessage(st)
		}
		if st.Duration > 0 {
			hst.Duration = formatDuration(st.Duration)
		}
		for k, x := range st.Exchanges {
			hx := htmlExchange{
				Exchange:        x,
				StatusText:      statusText(x.Status),
				StatusClass:     httpStatusClass(x.Status),
				RequestHeaders:  headerPairs(x.RequestHeaders),
				ResponseHeaders: headerPairs(x.ResponseHeaders),
				RequestBody:     pretty(x.RequestBody),
				ResponseBody:    pretty(x.ResponseBody),
				Open:            j == openStep && (!openLast || k == len(st.Exchanges)-1),
			}
			if x.Duration > 0 {
				hx.Duration = formatDuration(x.Duration)
			}
			hst.Exchanges = append(hst.Exchanges, hx)
		}
		for _, a := range st.Attachments {
			ha := htmlAttachment{Name: a.Name, MediaType: a.MediaType, Size: len(a.Data)}
			if isText(a) {
				ha.Text = pretty(string(a.Data))
			}
			hst.Attachments = append(hst.Attachments, ha)
		}
		hs.Steps = append(hs.Steps, hst)
	}
	return hs
}

// spans splits s at backticks into text and inline code, as the
// catalogue writes code in its sentences.
func spans(s string) []htmlSpan {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 { // an unpaired backtick: all text
		return []htmlSpan{{Text: s}}
	}
	var out []htmlSpan
	for i, p := range parts {
		if p != "" {
			out = append(out, htmlSpan{Text: p, Code: i%2 == 1})
		}
	}
	return out
}

func anchor(i int) string { return "s" + strconv.Itoa(i+1) }

// class is the CSS class of a status.
func class(s Status) string {
	switch s {
	case Passed, Failed, Skipped:
		return string(s)
	case Interrupted:
		return "failed" // shown as red: the run did not complete
	case NotRun:
		return "notrun"
	case Incomplete:
		return "incomplete"
	}
	return "notcovered"
}

// stepClass is the CSS class of a godog step status: anything but passed
// and skipped fails the scenario and looks failed.
func stepClass(status string) string {
	switch status {
	case "passed", "skipped":
		return status
	}
	return "failed"
}

func httpStatusClass(code int) string {
	switch {
	case code == 0 || code >= 500:
		return "http5"
	case code >= 400:
		return "http4"
	case code >= 300:
		return "http3"
	}
	return "http2"
}

func headerPairs(h map[string][]string) [][2]string {
	var out [][2]string
	for _, l := range headerLines(h) {
		k, v, _ := strings.Cut(l, ": ")
		out = append(out, [2]string{k, v})
	}
	return out
}

// isText reports whether an attachment can be shown as text.
func isText(a Attachment) bool {
	if !utf8.Valid(a.Data) {
		return false
	}
	mt, _, err := mime.ParseMediaType(a.MediaType)
	if err != nil {
		return a.MediaType == ""
	}
	return strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "json") || strings.HasSuffix(mt, "xml")
}
