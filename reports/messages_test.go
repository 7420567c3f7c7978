package reports_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	messages "github.com/cucumber/messages/go/v34"

	"github.com/scimharness/scimharness/reports"
)

// readMessages decodes an NDJSON stream with the Cucumber messages library,
// strictly (an unknown field is an error), and checks what the schema
// requires of each envelope and of the stream: exactly one message per
// envelope, ids present and unique, every reference resolved, meta first and
// testRunFinished last.
func readMessages(t *testing.T, b []byte) []*messages.Envelope {
	t.Helper()
	var out []*messages.Envelope
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var e messages.Envelope
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("line %d does not decode as an envelope: %v\n%s", n, err, sc.Bytes())
		}
		set := 0
		v := reflect.ValueOf(e)
		for i := range v.NumField() {
			if !v.Field(i).IsNil() {
				set++
			}
		}
		if set != 1 {
			t.Fatalf("line %d holds %d messages, want 1: %s", n, set, sc.Bytes())
		}
		out = append(out, &e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 3 || out[0].Meta == nil || out[len(out)-1].TestRunFinished == nil {
		t.Fatalf("want meta first and testRunFinished last in %d envelopes", len(out))
	}

	ids := map[string]string{} // id -> kind
	add := func(kind, id string) {
		t.Helper()
		if id == "" {
			t.Fatalf("a %s without an id", kind)
		}
		if k, dup := ids[id]; dup {
			t.Fatalf("id %s of a %s is also a %s's", id, kind, k)
		}
		ids[id] = kind
	}
	ref := func(kind, id string) {
		t.Helper()
		if ids[id] != kind {
			t.Fatalf("%q names no %s (it is %q)", id, kind, ids[id])
		}
	}
	runs := 0
	for _, e := range out {
		switch {
		case e.Meta != nil:
			m := e.Meta
			if m.ProtocolVersion == "" || m.Implementation == nil || m.Implementation.Name == "" || m.Runtime == nil || m.Os == nil || m.Cpu == nil {
				t.Fatalf("meta lacks a required field: %+v", m)
			}
		case e.GherkinDocument != nil:
			f := e.GherkinDocument.Feature
			if f == nil || f.Location == nil || f.Language == "" || f.Keyword == "" {
				t.Fatalf("gherkinDocument %s: a feature lacks a required field", e.GherkinDocument.Uri)
			}
			for _, c := range f.Children {
				s := c.Scenario
				add("scenario", s.Id)
				for _, tag := range s.Tags {
					add("tag", tag.Id)
				}
				for _, st := range s.Steps {
					if st.Location == nil || st.Location.Line < 1 {
						t.Fatalf("step %q without a location", st.Text)
					}
					oneOf(t, "keywordType", string(st.KeywordType), "", "Unknown", "Context", "Action", "Outcome", "Conjunction")
					add("step", st.Id)
				}
			}
		case e.Pickle != nil:
			p := e.Pickle
			add("pickle", p.Id)
			if p.Uri == "" || p.Language == "" || len(p.AstNodeIds) == 0 {
				t.Fatalf("pickle %s lacks a required field", p.Id)
			}
			ref("scenario", p.AstNodeIds[0])
			for _, tag := range p.Tags {
				ref("tag", tag.AstNodeId)
			}
			for _, st := range p.Steps {
				oneOf(t, "pickle step type", string(st.Type), "", "Unknown", "Context", "Action", "Outcome")
				add("pickleStep", st.Id)
				ref("step", st.AstNodeIds[0])
			}
		case e.TestRunStarted != nil:
			runs++
			add("testRunStarted", e.TestRunStarted.Id)
			if e.TestRunStarted.Timestamp == nil {
				t.Fatal("testRunStarted without a timestamp")
			}
		case e.TestCase != nil:
			add("testCase", e.TestCase.Id)
			ref("pickle", e.TestCase.PickleId)
			ref("testRunStarted", e.TestCase.TestRunStartedId)
			for _, st := range e.TestCase.TestSteps {
				add("testStep", st.Id)
				ref("pickleStep", st.PickleStepId)
			}
		case e.TestCaseStarted != nil:
			add("testCaseStarted", e.TestCaseStarted.Id)
			ref("testCase", e.TestCaseStarted.TestCaseId)
		case e.TestStepStarted != nil:
			ref("testCaseStarted", e.TestStepStarted.TestCaseStartedId)
			ref("testStep", e.TestStepStarted.TestStepId)
		case e.TestStepFinished != nil:
			f := e.TestStepFinished
			ref("testCaseStarted", f.TestCaseStartedId)
			ref("testStep", f.TestStepId)
			if f.TestStepResult == nil || f.TestStepResult.Duration == nil || f.Timestamp == nil {
				t.Fatalf("testStepFinished lacks a required field: %+v", f)
			}
			oneOf(t, "status", string(f.TestStepResult.Status), "UNKNOWN", "PASSED", "SKIPPED", "PENDING", "UNDEFINED", "AMBIGUOUS", "FAILED")
		case e.TestCaseFinished != nil:
			ref("testCaseStarted", e.TestCaseFinished.TestCaseStartedId)
		case e.Attachment != nil:
			a := e.Attachment
			if a.MediaType == "" {
				t.Fatalf("attachment lacks a media type: %+v", a)
			}
			oneOf(t, "contentEncoding", string(a.ContentEncoding), "IDENTITY", "BASE64")
			if a.TestCaseStartedId != "" {
				ref("testCaseStarted", a.TestCaseStartedId)
				ref("testStep", a.TestStepId)
			} else {
				ref("testRunStarted", a.TestRunStartedId)
			}
		case e.TestRunFinished != nil:
			ref("testRunStarted", e.TestRunFinished.TestRunStartedId)
		}
	}
	if runs != 1 {
		t.Fatalf("%d testRunStarted, want 1", runs)
	}
	return out
}

// oneOf fails t unless v is one of the schema's enum values.
func oneOf(t *testing.T, what, v string, enum ...string) {
	t.Helper()
	if !slices.Contains(enum, v) {
		t.Fatalf("%s %q is none of the schema's %q", what, v, enum)
	}
}

// The protocol version messages.ndjson states is the version of the
// messages module that writes it.
func TestMessagesProtocolVersionIsTheModules(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	const module = "github.com/cucumber/messages/go/v34 "
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), module); ok {
			if got, want := "v"+reports.MessagesProtocolVersion, strings.Fields(rest)[0]; got != want {
				t.Fatalf("MessagesProtocolVersion %s, but go.mod requires %s%s", got, module, want)
			}
			return
		}
	}
	t.Fatalf("go.mod requires no %s", module)
}

// messages.ndjson reads back with the Cucumber messages library: a pickle
// and a test case per scenario, in order, with its name, file, line and
// tags; each step's status and error as the run had them, but for a
// scenario that did not run, whose first step that did not pass is PENDING
// with the reason; the scenario's status as the harness gives it, derived
// as Cucumber's tools derive a test case's, from the worst step status
// (PENDING: not run, never a pass or a skip); exchanges and other
// attachments on their steps; the run's success as its verdict; and no
// secret anywhere, base64 attachments included.
func TestMessagesReadBack(t *testing.T) {
	t.Parallel()
	run := fixtureRun(t)
	const secret = "golden-secret-token-0001"
	run.Scenarios[0].Steps[0].Exchanges = append(run.Scenarios[0].Steps[0].Exchanges, reports.Exchange{
		Method: "GET", URL: "http://x/scim/v2/Users?token=" + secret, RequestHeaders: map[string][]string{"Authorization": {"Bearer " + secret}},
		ResponseBody: `{"detail":"` + secret + `"}`, Status: 400})
	run.Scenarios[0].Steps[0].Attachments = append(run.Scenarios[0].Steps[0].Attachments,
		reports.Attachment{Name: "note", MediaType: "text/plain", Data: []byte("the token " + secret)})
	// A scenario the target stopped: its first step ran, the others not.
	const stopped = reports.NotRunPrefix + "the target stopped answering after GET /Users"
	run.Scenarios = append(run.Scenarios, reports.Scenario{Feature: run.Scenarios[0].Feature, URI: run.Scenarios[0].URI, Line: 90,
		Name: "A scenario the target did not let run", Tags: []string{"@OK-01"}, Status: reports.NotRun, Reason: stopped,
		Steps: []reports.Step{
			{Keyword: "Given ", Text: "a user", Status: "passed", Duration: time.Millisecond},
			{Keyword: "When ", Text: "Okta pushes it", Status: "skipped"},
			{Keyword: "Then ", Text: "it is in the app", Status: "skipped"},
		}})
	statuses := map[reports.Status]int{}
	for _, s := range run.Scenarios {
		statuses[s.Status]++
	}
	if statuses[reports.Passed] == 0 || statuses[reports.Failed] == 0 || statuses[reports.Skipped] == 0 || statuses[reports.NotRun] == 0 {
		t.Fatalf("the fixture should hold passed, failed, skipped and not run scenarios: %v", statuses)
	}

	var buf bytes.Buffer
	if err := reports.WriteMessages(&buf, run); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(secret)) {
		t.Fatal("messages.ndjson holds the secret")
	}
	envs := readMessages(t, buf.Bytes())
	if v := envs[0].Meta.ProtocolVersion; v != reports.MessagesProtocolVersion {
		t.Errorf("protocolVersion %q", v)
	}

	var pickles []*messages.Pickle
	pickleOf := map[string]*messages.Pickle{}
	caseOf := map[string]*messages.TestCase{}
	var started []*messages.TestCaseStarted
	results := map[string][]*messages.TestStepResult{} // by testCaseStarted id
	attachments := map[string][]*messages.Attachment{}
	var runStarted *messages.TestRunStarted
	for _, e := range envs {
		switch {
		case e.Pickle != nil:
			pickles = append(pickles, e.Pickle)
			pickleOf[e.Pickle.Id] = e.Pickle
		case e.TestRunStarted != nil:
			runStarted = e.TestRunStarted
		case e.TestCase != nil:
			caseOf[e.TestCase.Id] = e.TestCase
		case e.TestCaseStarted != nil:
			started = append(started, e.TestCaseStarted)
		case e.TestStepFinished != nil:
			results[e.TestStepFinished.TestCaseStartedId] = append(results[e.TestStepFinished.TestCaseStartedId], e.TestStepFinished.TestStepResult)
		case e.Attachment != nil:
			attachments[e.Attachment.TestCaseStartedId] = append(attachments[e.Attachment.TestCaseStartedId], e.Attachment)
			text := e.Attachment.Body
			if e.Attachment.ContentEncoding == messages.AttachmentContentEncoding_BASE64 {
				b, err := base64.StdEncoding.DecodeString(text)
				if err != nil {
					t.Fatalf("a base64 attachment is not base64: %v", err)
				}
				text = string(b)
			}
			if strings.Contains(text, secret) {
				t.Errorf("an attachment holds the secret: %s", text)
			}
		}
	}
	if got := messages.TimestampToGoTime(*runStarted.Timestamp); !got.Equal(run.Started) {
		t.Errorf("testRunStarted at %v, want %v", got, run.Started)
	}
	if len(pickles) != len(run.Scenarios) || len(started) != len(run.Scenarios) || len(caseOf) != len(run.Scenarios) {
		t.Fatalf("%d pickles, %d test cases, %d started, want %d each", len(pickles), len(caseOf), len(started), len(run.Scenarios))
	}
	exchanges := 0
	for i, s := range run.Scenarios {
		tc := caseOf[started[i].TestCaseId]
		p := pickleOf[tc.PickleId]
		if p.Name != s.Name || p.Uri != s.URI || p.Location.Line != int64(s.Line) {
			t.Errorf("scenario %d (%s:%d %q) started as pickle %s:%d %q", i, s.URI, s.Line, s.Name, p.Uri, p.Location.Line, p.Name)
		}
		var tags []string
		for _, tag := range p.Tags {
			tags = append(tags, tag.Name)
		}
		if !reflect.DeepEqual(tags, s.Tags) {
			t.Errorf("scenario %q: pickle tags %v, want %v", s.Name, tags, s.Tags)
		}
		res := results[started[i].Id]
		if len(res) != len(s.Steps) || len(p.Steps) != len(s.Steps) {
			t.Fatalf("scenario %q: %d step results, %d pickle steps, want %d", s.Name, len(res), len(p.Steps), len(s.Steps))
		}
		worst, worstMsg := messages.TestStepResultStatus_UNKNOWN, ""
		pending := s.Status == reports.NotRun // its first step that did not pass is still to come
		for j, st := range s.Steps {
			if p.Steps[j].Text != st.Text {
				t.Errorf("scenario %q step %d: %q, want %q", s.Name, j, p.Steps[j].Text, st.Text)
			}
			want, msg := st.Status, st.Error
			if pending && st.Status != "passed" {
				want, msg, pending = "pending", s.Reason, false
			}
			if got := strings.ToLower(string(res[j].Status)); got != want {
				t.Errorf("scenario %q step %d: status %s, want %s", s.Name, j, got, want)
			}
			if res[j].Message != msg {
				t.Errorf("scenario %q step %d: message %q, want %q", s.Name, j, res[j].Message, msg)
			}
			if got := messages.DurationToGoDuration(*res[j].Duration); got != st.Duration {
				t.Errorf("scenario %q step %d: duration %v, want %v", s.Name, j, got, st.Duration)
			}
			if cucumberRank[res[j].Status] > cucumberRank[worst] {
				worst, worstMsg = res[j].Status, res[j].Message
			}
		}
		// The test case's status as Cucumber's tools derive it: the
		// worst step status; PENDING with the not-run reason is a
		// scenario that did not run, any other PENDING (a step godog
		// found pending) failed, as godog's strict mode has it.
		status := caseStatus[worst]
		if worst == messages.TestStepResultStatus_PENDING && !strings.HasPrefix(worstMsg, reports.NotRunPrefix) {
			status = reports.Failed
		}
		if status != s.Status {
			t.Errorf("scenario %q: its steps make it %s (%s) in messages, the run says %s", s.Name, worst, status, s.Status)
		}
		for _, a := range attachments[started[i].Id] {
			switch a.MediaType {
			case reports.MediaTypeExchange:
				var x reports.Exchange
				if err := json.Unmarshal([]byte(a.Body), &x); err != nil {
					t.Errorf("an exchange attachment is not an Exchange: %v", err)
				}
				exchanges++
			case reports.MediaTypeSkipReason:
				if a.Body != s.Reason {
					t.Errorf("scenario %q: skip reason %q, want %q", s.Name, a.Body, s.Reason)
				}
			}
		}
	}
	want := 0
	for _, s := range run.Scenarios {
		for _, st := range s.Steps {
			want += len(st.Exchanges)
		}
	}
	if exchanges != want || want == 0 {
		t.Errorf("%d exchanges attached, want %d", exchanges, want)
	}
	if len(attachments[""]) != len(run.Logs) {
		t.Errorf("%d attachments of the run, want its %d logs", len(attachments[""]), len(run.Logs))
	}
	finished := envs[len(envs)-1].TestRunFinished
	if finished.Success {
		t.Error("testRunFinished says success for a run with a failed scenario")
	}
	if got := messages.TimestampToGoTime(*finished.Timestamp); got.Before(run.Started.Add(run.Duration)) {
		t.Errorf("testRunFinished at %v, before the run's end %v", got, run.Started.Add(run.Duration))
	}
}

// cucumberRank orders the step statuses as Cucumber does to derive a test
// case's status, the worst of its steps' (cucumber/messages, TestStepResult).
var cucumberRank = map[messages.TestStepResultStatus]int{
	messages.TestStepResultStatus_UNKNOWN: 0, messages.TestStepResultStatus_PASSED: 1, messages.TestStepResultStatus_SKIPPED: 2,
	messages.TestStepResultStatus_PENDING: 3, messages.TestStepResultStatus_UNDEFINED: 4, messages.TestStepResultStatus_AMBIGUOUS: 5,
	messages.TestStepResultStatus_FAILED: 6,
}

// caseStatus is the harness's status of a test case of each Cucumber
// status (PENDING: a scenario that did not run, when its message is the
// not-run reason).
var caseStatus = map[messages.TestStepResultStatus]reports.Status{
	messages.TestStepResultStatus_PASSED: reports.Passed, messages.TestStepResultStatus_SKIPPED: reports.Skipped,
	messages.TestStepResultStatus_PENDING: reports.NotRun, messages.TestStepResultStatus_UNDEFINED: reports.Failed,
	messages.TestStepResultStatus_AMBIGUOUS: reports.Failed, messages.TestStepResultStatus_FAILED: reports.Failed,
}

// A passed run finishes successfully; an incomplete one (a scenario did not
// run) or an interrupted one does not, and the interrupted one says why; an
// empty one is still a valid stream.
func TestMessagesRunOutcome(t *testing.T) {
	t.Parallel()
	passed := reports.Scenario{Feature: "F", Name: "ok", URI: "features/f.feature", Line: 3,
		Steps: []reports.Step{{Keyword: "Given ", Text: "a", Status: "passed", Duration: time.Millisecond}}, Status: reports.Passed}
	notRun := reports.Scenario{Feature: "F", Name: "stopped", URI: "features/f.feature", Line: 7, Reason: reports.NotRunPrefix + "the target stopped answering",
		Steps: []reports.Step{{Keyword: "Given ", Text: "a", Status: "skipped"}}, Status: reports.NotRun}
	for _, tc := range []struct {
		name    string
		run     reports.Run
		success bool
		message string
	}{
		{"passed", reports.Run{Scenarios: []reports.Scenario{passed}}, true, ""},
		{"incomplete", reports.Run{Scenarios: []reports.Scenario{passed, notRun}}, false, ""},
		{"interrupted", reports.Run{Scenarios: []reports.Scenario{passed}, Interrupted: true}, false, "interrupted"},
		{"target stopped", reports.Run{Scenarios: []reports.Scenario{passed}, Interrupted: true, TargetStopped: "the target stopped answering after GET /Users"}, false, "stopped answering"},
		{"empty", reports.Run{}, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := reports.WriteMessages(&buf, tc.run); err != nil {
				t.Fatal(err)
			}
			envs := readMessages(t, buf.Bytes())
			f := envs[len(envs)-1].TestRunFinished
			if f.Success != tc.success || !strings.Contains(f.Message, tc.message) {
				t.Errorf("testRunFinished success %v message %q, want %v and %q", f.Success, f.Message, tc.success, tc.message)
			}
		})
	}
}
