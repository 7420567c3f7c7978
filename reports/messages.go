package reports

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"runtime"
	"strings"
	"time"

	messages "github.com/cucumber/messages/go/v34"
)

// MessagesProtocolVersion is the version of the Cucumber Messages schema
// that messages.ndjson follows: that of github.com/cucumber/messages/go/v34
// in go.mod, whose types write it (a test holds the two together).
const MessagesProtocolVersion = "34.2.0"

// WriteMessages writes run as Cucumber Messages, one JSON envelope a line
// (NDJSON), as Cucumber's own runners write them and the Cucumber HTML
// formatter, Allure's cucumber reader and report portals read them: meta;
// per feature file a gherkinDocument and a pickle per scenario; the
// testRunStarted; a testCase per pickle; per scenario its testCaseStarted,
// each step's testStepStarted, attachments (exchanges as
// MediaTypeExchange JSON, the skip reason as MediaTypeSkipReason text) and
// testStepFinished with godog's status, then its testCaseFinished; the
// run's logs as attachments of the run; and testRunFinished, successful
// when the verdict is passed.
//
// A scenario that did not run (NotRun) is not written as a skip: its first
// step that did not pass is PENDING, its message the scenario's reason
// ("not run: …"), and the steps after it stay SKIPPED, as Cucumber writes a
// scenario stopped at a pending step. Its test case's status, the worst of
// its steps', is then PENDING, which Cucumber counts as not a pass in strict
// mode (the default), where a SKIPPED one would pass (docs/verdicts.md).
//
// The documents are rebuilt from the scenarios (a scenario a feature child,
// its steps as they ran, lines as in WriteCucumber), so a stream matches the
// other reports whether or not the feature files are at hand. Timestamps are
// Run.Started plus the durations of what ran before. Secrets are redacted
// before anything is encoded, as in every report.
func WriteMessages(w io.Writer, run Run) error {
	return render(w, run, writeMessages)
}

func writeMessages(buf *bytes.Buffer, run Run) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	emit := func(e messages.Envelope) error { return enc.Encode(&e) }
	ids := &messages.Incrementing{}

	harness := run.Harness
	if run.HarnessRevision != "" {
		harness += " (" + run.HarnessRevision + ")"
	}
	if err := emit(messages.Envelope{Meta: &messages.Meta{
		ProtocolVersion: MessagesProtocolVersion,
		Implementation:  &messages.Product{Name: "scimharness", Version: harness},
		Runtime:         &messages.Product{Name: "go", Version: runtime.Version()},
		Os:              &messages.Product{Name: runtime.GOOS},
		Cpu:             &messages.Product{Name: runtime.GOARCH},
	}}); err != nil {
		return err
	}

	// The documents, one per feature file, and a pickle per scenario.
	pickles := make([]*messages.Pickle, len(run.Scenarios))
	var docs []*messages.GherkinDocument
	var order [][]int // the scenarios of each document, in run order
	index := map[string]int{}
	for i, s := range run.Scenarios {
		key := s.URI + "\x00" + s.Feature
		d, ok := index[key]
		if !ok {
			d = len(docs)
			index[key] = d
			docs = append(docs, &messages.GherkinDocument{Uri: s.URI, Comments: []*messages.Comment{}, Feature: &messages.Feature{
				Location: &messages.Location{Line: 1, Column: 1}, Tags: []*messages.Tag{},
				Language: "en", Keyword: "Feature", Name: s.Feature, Children: []*messages.FeatureChild{},
			}})
			order = append(order, nil)
		}
		order[d] = append(order[d], i)
		doc := docs[d]
		sc, p := scenarioMessages(s, ids)
		doc.Feature.Children = append(doc.Feature.Children, &messages.FeatureChild{Scenario: sc})
		pickles[i] = p
	}
	for d, doc := range docs {
		if err := emit(messages.Envelope{GherkinDocument: doc}); err != nil {
			return err
		}
		for _, i := range order[d] {
			if err := emit(messages.Envelope{Pickle: pickles[i]}); err != nil {
				return err
			}
		}
	}

	started := run.Started
	if started.IsZero() {
		started = time.Unix(0, 0)
	}
	runID := ids.NewId()
	if err := emit(messages.Envelope{TestRunStarted: &messages.TestRunStarted{Id: runID, Timestamp: timestamp(started)}}); err != nil {
		return err
	}
	cases := make([]*messages.TestCase, len(run.Scenarios))
	for i, p := range pickles {
		tc := &messages.TestCase{Id: ids.NewId(), PickleId: p.Id, TestRunStartedId: runID, TestSteps: []*messages.TestStep{}}
		for _, ps := range p.Steps {
			tc.TestSteps = append(tc.TestSteps, &messages.TestStep{Id: ids.NewId(), PickleStepId: ps.Id})
		}
		cases[i] = tc
		if err := emit(messages.Envelope{TestCase: tc}); err != nil {
			return err
		}
	}

	now := started
	for i, s := range run.Scenarios {
		tc := cases[i]
		startedID := ids.NewId()
		if err := emit(messages.Envelope{TestCaseStarted: &messages.TestCaseStarted{Id: startedID, TestCaseId: tc.Id, Timestamp: timestamp(now)}}); err != nil {
			return err
		}
		notRun := s.Status == NotRun // until its first step that did not pass is written
		for j, st := range s.Steps {
			stepID := tc.TestSteps[j].Id
			if err := emit(messages.Envelope{TestStepStarted: &messages.TestStepStarted{TestCaseStartedId: startedID, TestStepId: stepID, Timestamp: timestamp(now)}}); err != nil {
				return err
			}
			var attachments []*messages.Attachment
			if j == 0 && s.Reason != "" {
				attachments = append(attachments, &messages.Attachment{Body: s.Reason, ContentEncoding: messages.AttachmentContentEncoding_IDENTITY, MediaType: MediaTypeSkipReason})
			}
			for _, x := range st.Exchanges {
				b, err := json.Marshal(x)
				if err != nil {
					return err
				}
				attachments = append(attachments, &messages.Attachment{Body: string(b), ContentEncoding: messages.AttachmentContentEncoding_IDENTITY, MediaType: MediaTypeExchange})
			}
			for _, a := range st.Attachments {
				attachments = append(attachments, &messages.Attachment{Body: base64.StdEncoding.EncodeToString(a.Data), ContentEncoding: messages.AttachmentContentEncoding_BASE64, FileName: a.Name, MediaType: a.MediaType})
			}
			for _, a := range attachments {
				a.TestCaseStartedId, a.TestStepId, a.Timestamp = startedID, stepID, timestamp(now)
				if err := emit(messages.Envelope{Attachment: a}); err != nil {
					return err
				}
			}
			now = now.Add(max(st.Duration, 0))
			d := messages.GoDurationToDuration(max(st.Duration, 0))
			result := &messages.TestStepResult{Duration: &d, Status: stepStatus(st.Status), Message: st.Error}
			if notRun && result.Status != messages.TestStepResultStatus_PASSED {
				result.Status, result.Message, notRun = messages.TestStepResultStatus_PENDING, s.Reason, false
			}
			if err := emit(messages.Envelope{TestStepFinished: &messages.TestStepFinished{
				TestCaseStartedId: startedID, TestStepId: stepID, Timestamp: timestamp(now), TestStepResult: result,
			}}); err != nil {
				return err
			}
		}
		if err := emit(messages.Envelope{TestCaseFinished: &messages.TestCaseFinished{TestCaseStartedId: startedID, Timestamp: timestamp(now)}}); err != nil {
			return err
		}
	}

	for _, l := range run.Logs {
		if err := emit(messages.Envelope{Attachment: &messages.Attachment{Body: l.Text, ContentEncoding: messages.AttachmentContentEncoding_IDENTITY,
			FileName: l.Name, MediaType: "text/plain", TestRunStartedId: runID, Timestamp: timestamp(now)}}); err != nil {
			return err
		}
	}
	v := verdict(run)
	finished := &messages.TestRunFinished{Success: v == Passed, Timestamp: timestamp(started.Add(max(run.Duration, now.Sub(started)))), TestRunStartedId: runID}
	switch {
	case run.TargetStopped != "":
		finished.Message = run.TargetStopped
	case run.Interrupted:
		finished.Message = "the run was interrupted before every scenario ran"
	}
	return emit(messages.Envelope{TestRunFinished: finished})
}

// scenarioMessages is s as a Gherkin scenario and its pickle.
func scenarioMessages(s Scenario, ids *messages.Incrementing) (*messages.Scenario, *messages.Pickle) {
	line := int64(max(s.Line, 1))
	sc := &messages.Scenario{Id: ids.NewId(), Location: &messages.Location{Line: line, Column: 3},
		Keyword: "Scenario", Name: s.Name, Tags: []*messages.Tag{}, Steps: []*messages.Step{}, Examples: []*messages.Examples{}}
	p := &messages.Pickle{Id: ids.NewId(), Uri: s.URI, Location: &messages.Location{Line: line, Column: 3},
		Name: s.Name, Language: "en", Steps: []*messages.PickleStep{}, Tags: []*messages.PickleTag{}, AstNodeIds: []string{sc.Id}}
	for _, t := range s.Tags {
		tag := &messages.Tag{Id: ids.NewId(), Name: t, Location: &messages.Location{Line: max(line-1, 1), Column: 3}}
		sc.Tags = append(sc.Tags, tag)
		p.Tags = append(p.Tags, &messages.PickleTag{Name: t, AstNodeId: tag.Id})
	}
	context := messages.PickleStepType_UNKNOWN
	for j, st := range s.Steps {
		kt := keywordType(st.Keyword)
		step := &messages.Step{Id: ids.NewId(), Location: &messages.Location{Line: line + int64(j) + 1, Column: 5},
			Keyword: st.Keyword, KeywordType: kt, Text: st.Text}
		sc.Steps = append(sc.Steps, step)
		switch kt {
		case messages.StepKeywordType_CONTEXT:
			context = messages.PickleStepType_CONTEXT
		case messages.StepKeywordType_ACTION:
			context = messages.PickleStepType_ACTION
		case messages.StepKeywordType_OUTCOME:
			context = messages.PickleStepType_OUTCOME
		case messages.StepKeywordType_UNKNOWN:
			context = messages.PickleStepType_UNKNOWN
		}
		p.Steps = append(p.Steps, &messages.PickleStep{Id: ids.NewId(), AstNodeIds: []string{step.Id}, Type: context, Text: st.Text})
	}
	return sc, p
}

// keywordType is the type of an English step keyword ("Given ", "And "...).
func keywordType(keyword string) messages.StepKeywordType {
	switch strings.TrimSpace(keyword) {
	case "Given":
		return messages.StepKeywordType_CONTEXT
	case "When":
		return messages.StepKeywordType_ACTION
	case "Then":
		return messages.StepKeywordType_OUTCOME
	case "And", "But":
		return messages.StepKeywordType_CONJUNCTION
	}
	return messages.StepKeywordType_UNKNOWN
}

// stepStatus is godog's step status as a Cucumber Messages status.
func stepStatus(s string) messages.TestStepResultStatus {
	switch s {
	case "passed":
		return messages.TestStepResultStatus_PASSED
	case "failed":
		return messages.TestStepResultStatus_FAILED
	case "skipped":
		return messages.TestStepResultStatus_SKIPPED
	case "undefined":
		return messages.TestStepResultStatus_UNDEFINED
	case "pending":
		return messages.TestStepResultStatus_PENDING
	case "ambiguous":
		return messages.TestStepResultStatus_AMBIGUOUS
	}
	return messages.TestStepResultStatus_UNKNOWN
}

func timestamp(t time.Time) *messages.Timestamp {
	ts := messages.GoTimeToTimestamp(t)
	return &ts
}
