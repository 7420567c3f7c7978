package reports

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/scimharness/scimharness/internal/lines"
)

type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Skipped  int          `xml:"skipped,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Time       string          `xml:"time,attr"`
		Timestamp  string          `xml:"timestamp,attr,omitempty"`
		File       string          `xml:"file,attr,omitempty"`
		Properties []junitProperty `xml:"properties>property,omitempty"`
		Cases      []junitCase     `xml:"testcase"`
		SystemOut  *junitOutput    `xml:"system-out"`
	}
	junitOutput struct {
		Text string `xml:",cdata"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string `xml:"name,attr"`
		Classname string `xml:"classname,attr"`
		Time      string `xml:"time,attr"`
		File      string `xml:"file,attr,omitempty"`
		Line      int    `xml:"line,attr,omitempty"`
		// Properties are the scenario's part and tags: "part" and one "tag"
		// per tag, as CI tools read a testcase's properties.
		Properties []junitProperty `xml:"properties>property,omitempty"`
		Failure    *junitMessage   `xml:"failure"`
		Error      *junitMessage   `xml:"error"` // a scenario that did not run (NotRun)
		Skipped    *junitMessage   `xml:"skipped"`
	}
	junitMessage struct {
		Message string `xml:"message,attr,omitempty"`
		Type    string `xml:"type,attr,omitempty"`
		Text    string `xml:",cdata"` // readable in the raw file; see xmlText
	}
)

// WriteJUnit writes run as JUnit XML: a testsuite per feature, grouped by
// part (the Okta core's first, then the app pack's, then a team's own
// features) and named by its part and feature ("Okta core › Deactivation"),
// unique in the file (the feature file is added when two features of a part
// share a name); each carries its part and the part's verdict as
// properties. A testcase per scenario; the run's logs (a container's) are
// the first testsuite's system-out. Unlike godog's junit formatter, a
// skipped scenario is a <skipped> testcase with its reason; one that did not
// run (NotRun) is an <error> of type "not run", so that a CI that reads only
// junit.xml does not take it for a pass; a failed one carries a <failure>
// whose message is the failing step's error and whose text adds the steps
// and every HTTP exchange up to the failure. Secrets are redacted.
func WriteJUnit(w io.Writer, run Run) error {
	return render(w, run, writeJUnit)
}

func writeJUnit(buf *bytes.Buffer, run Run) error {
	root := junitSuites{Name: "scimharness", Time: seconds(run.Duration)}
	suiteIndex := map[string]int{}
	var suiteTime []time.Duration
	partVerdict := map[string]Status{}
	for _, p := range parts(run, behaviours(run)) {
		partVerdict[p.Name] = p.Verdict
	}
	names := map[string]bool{}
	for _, s := range junitOrder(run) {
		key := s.Part + "\x00" + s.URI + "\x00" + s.Feature
		i, ok := suiteIndex[key]
		if !ok {
			i = len(root.Suites)
			suiteIndex[key] = i
			part := s.Part
			if part == "" && len(partVerdict) > 0 {
				part = OwnPart
			}
			name := s.Feature
			if part != "" {
				name = part + " › " + s.Feature
			}
			if names[name] {
				name += " (" + s.URI + ")"
			}
			names[name] = true
			su := junitSuite{Name: name, File: s.URI}
			if !run.Started.IsZero() {
				su.Timestamp = run.Started.UTC().Format("2006-01-02T15:04:05")
			}
			for _, p := range [][2]string{{"part", part}, {"partVerdict", string(partVerdict[part])}, {"verdict", string(verdict(run))},
				{"harness", run.Harness}, {"harnessRevision", run.HarnessRevision}, {"target", run.Target}, {"profile", run.Profile}, {"targetStopped", run.TargetStopped}, {"supports", DeclaredLine(run)}, {"featuresCovered", FeaturesLine(run)}} {
				if p[1] != "" {
					su.Properties = append(su.Properties, junitProperty{Name: p[0], Value: p[1]})
				}
			}
			root.Suites = append(root.Suites, su)
			suiteTime = append(suiteTime, 0)
		}
		su := &root.Suites[i]
		c := junitCase{Name: s.Name, Classname: s.Feature, Time: seconds(s.Duration), File: s.URI, Line: s.Line}
		if s.Part != "" {
			c.Properties = append(c.Properties, junitProperty{Name: "part", Value: s.Part})
		}
		for _, tag := range s.Tags {
			c.Properties = append(c.Properties, junitProperty{Name: "tag", Value: tag})
		}
		switch s.Status {
		case Failed:
			st, _ := s.failure()
			c.Failure = &junitMessage{Message: lines.First(failureMessage(st)), Type: st.Status, Text: xmlText(junitFailureText(s))}
			su.Failures++
			root.Failures++
		case Skipped:
			c.Skipped = &junitMessage{Message: s.Reason}
			su.Skipped++
			root.Skipped++
		case NotRun:
			c.Error = &junitMessage{Message: s.Reason, Type: string(NotRun)}
			su.Errors++
			root.Errors++
		}
		su.Tests++
		root.Tests++
		su.Cases = append(su.Cases, c)
		suiteTime[i] += s.Duration
	}
	for i := range root.Suites {
		root.Suites[i].Time = seconds(suiteTime[i])
	}
	if len(run.Logs) > 0 && len(root.Suites) > 0 {
		// The logs are the run's, not a feature's: they go with the
		// first suite, where a CI viewer shows them.
		var b strings.Builder
		for _, l := range run.Logs {
			b.WriteString("==== " + l.Name + " ====\n" + strings.TrimRight(l.Text, "\n") + "\n")
		}
		root.Suites[0].SystemOut = &junitOutput{Text: xmlText(b.String())}
	}
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	buf.WriteString("\n")
	return nil
}

// junitOrder is the run's scenarios grouped by part, in the order of the
// parts (parts: the Okta core first), each part's in the order they ran.
func junitOrder(run Run) []Scenario {
	rank := map[string]int{}
	for i, p := range parts(run, nil) {
		rank[p.Name] = i
	}
	out := slices.Clone(run.Scenarios)
	slices.SortStableFunc(out, func(a, b Scenario) int {
		return rank[partName(a.Part)] - rank[partName(b.Part)]
	})
	return out
}

// partName is the part a scenario of part p is reported under.
func partName(p string) string {
	if p == "" {
		return OwnPart
	}
	return p
}

// junitFailureText lists the steps up to the failing one, its error, and
// the exchanges made on the way.
func junitFailureText(s Scenario) string {
	var b strings.Builder
	_, failed := s.failure()
	for i, st := range s.Steps {
		if failed >= 0 && i > failed {
			break
		}
		b.WriteString(st.Status + ": " + st.Keyword + st.Text + "\n")
		for _, x := range st.Exchanges {
			for _, l := range strings.Split(strings.TrimRight(exchangeText(x), "\n"), "\n") {
				b.WriteString("    " + l + "\n")
			}
		}
		if i == failed {
			b.WriteString("\n" + failureMessage(st) + "\n")
		}
	}
	return b.String()
}

// xmlText replaces the characters XML 1.0 cannot carry, which encoding/xml
// leaves alone in CDATA, with U+FFFD.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64)
}
