package reports

import (
	"bytes"
	"encoding/json"
	"io"
	"time"
)

// SummarySchemaVersion is the schemaVersion of summary.json. It changes
// only when a field changes meaning or goes away; new fields may be added
// within a version.
const SummarySchemaVersion = 1

type (
	summary struct {
		SchemaVersion   int                         `json:"schemaVersion"`
		Harness         string                      `json:"harness"`
		HarnessRev      string                      `json:"harnessRevision"`
		Target          string                      `json:"target"`
		TargetDesc      string                      `json:"targetDescription"`
		Profile         string                      `json:"profile"`
		Started         string                      `json:"started"`
		DurationMs      int64                       `json:"durationMs"`
		Verdict         Status                      `json:"verdict"`
		Gate            string                      `json:"gate"`
		GateVerdict     Status                      `json:"gateVerdict"`
		Interrupted     bool                        `json:"interrupted"`
		TargetStopped   string                      `json:"targetStopped"`
		Features        []summaryFeature            `json:"features"`
		FeaturesFrom    string                      `json:"featuresDeclaredBy"`
		Parts           []summaryPart               `json:"parts"`
		RootCauses      []summaryRootCause          `json:"rootCauses"`
		Counts          counts                      `json:"counts"`
		BehaviourCounts counts                      `json:"behaviourCounts"`
		Behaviours      map[string]summaryBehaviour `json:"behaviours"`
		Scenarios       []summaryScenario           `json:"scenarios"`
	}
	summaryRootCause struct {
		Cause     string   `json:"cause"`
		Behaviour string   `json:"behaviour"`
		Title     string   `json:"title"`
		Count     int      `json:"count"`
		Scenarios []string `json:"scenarios"`
	}
	summaryPart struct {
		Name            string `json:"name"`
		Verdict         Status `json:"verdict"`
		Counts          counts `json:"counts"`
		BehaviourCounts counts `json:"behaviourCounts"`
	}
	summaryFeature struct {
		Name     string `json:"name"`
		Tag      string `json:"tag"`
		Declared bool   `json:"declared"`
		Status   Status `json:"status"`
		Counts   counts `json:"counts"`
	}
	summaryBehaviour struct {
		Title        string              `json:"title"`
		Part         string              `json:"part"`
		Provenance   string              `json:"provenance"`
		Status       Status              `json:"status"`
		Uncatalogued bool                `json:"uncatalogued"`
		Scenarios    []summaryScenarioID `json:"scenarios"`
	}
	summaryScenarioID struct {
		Name     string `json:"name"`
		Location string `json:"location"`
		Status   Status `json:"status"`
	}
	summaryScenario struct {
		Feature    string   `json:"feature"`
		Name       string   `json:"name"`
		Location   string   `json:"location"`
		Part       string   `json:"part"`
		Tags       []string `json:"tags"`
		Status     Status   `json:"status"`
		Reason     string   `json:"reason"`
		Warnings   []string `json:"warnings"`
		Error      string   `json:"error"`
		DurationMs int64    `json:"durationMs"`
	}
)

// WriteSummaryJSON writes run as summary.json, schema version 1:
//
//	{
//	  "schemaVersion": 1,
//	  "harness": "v0.3.0",                  // harness version
//	  "harnessRevision": "3b427a6c…",       // the VCS revision it was built from, "+dirty" if modified; "" if unknown
//	  "target": "https://app.example/scim/v2", // the SCIM base URL, without credentials; "" if never known
//	  "targetDescription": "",              // what the target is, when the URL does not say: "the image app:1.2"
//	  "profile": "oin",
//	  "started": "2026-05-04T09:30:00Z",    // RFC 3339, UTC; "" if unknown
//	  "durationMs": 8123,
//	  "verdict": "failed",                  // "interrupted" if the run was stopped; else failed if a scenario failed, else "incomplete" if one did not run (or the target stopped answering), else passed, skipped (all skipped), or "not covered" when none ran (docs/verdicts.md)
//	  "gate": "",                           // the part whose verdict decides the exit status ("Okta core" for run --gate core); "" for the whole run
//	  "gateVerdict": "failed",              // that verdict: the run's, or the gated part's alone
//	  "interrupted": false,                 // true: stopped (Ctrl-C) before every scenario ran; the scenarios are the partial results
//	  "targetStopped": "",                  // set when the target stopped answering: at which request; the scenarios after it were skipped, not run
//	  "features": [{                        // Okta's provisioning features (docs/app-features.md); [] if the run names none
//	    "name": "Push Groups", "tag": "@push-groups",
//	    "declared": true,                    // the app supports it; an undeclared feature's scenarios were skipped
//	    "status": "passed",                  // failed, passed, "not tested" (declared, none of its scenarios ran), "not supported"
//	  }],
//	  "featuresDeclaredBy": "--supports",   // or "the Zinc pack"; "" when none was declared (every feature: the default)
//	  "rootCauses": [{                      // the failed scenarios grouped by their first failing request (no answer, 5xx) or assertion, ids made generic; the largest group first
//	    "cause": "GET /Users?filter → 500 Internal Server Error",
//	    "behaviour": "OK-03", "title": "…", // the behaviour that explains the group: the ID most of its scenarios carry
//	    "count": 8, "scenarios": ["features/okta/username_filter.feature:12", "…"]
//	  }],
//	  "counts": {"passed": 40, "failed": 2, "skipped": 3, "notRun": 0, "notCovered": 0, "total": 45}, // scenarios
//	  "behaviourCounts": {"passed": 38, "failed": 2, "skipped": 3, "notRun": 0, "notCovered": 2, "total": 45},
//	  "behaviours": {                       // every catalogue ID, plus IDs tagged on scenarios but missing from it
//	    "ZN-17": {
//	      "title": "userName is immutable",
//	      "provenance": "documented",        // documented, okta-doc or inferred
//	      "status": "failed",                // passed, failed, "not run", skipped or "not covered"
//	      "uncatalogued": false,             // true for an ID the catalogue lacks
//	      "scenarios": [{"name": "…", "location": "features/users.feature:12", "status": "failed"}]
//	    }
//	  },
//	  "scenarios": [{                        // every scenario, in the order they ran
//	    "feature": "Users", "name": "…", "location": "features/users.feature:12",
//	    "tags": ["@ZN-17", "@documented"], "status": "failed", // passed, failed, skipped or "not run"
//	    "reason": "",                        // skipped or not run: why; "" otherwise
//	    "warnings": [],                      // what is worth knowing but does not decide the status, such as what its clean-up left
//	    "error": "…",                        // failed: the failing step's error; "" otherwise
//	    "durationMs": 12
//	  }]
//	}
//
// A behaviour's status is failed if any of its scenarios failed, else "not
// run" if any did not run, else passed if any passed, else skipped if any was
// skipped, else "not covered".
// Every key shown is always present. Secrets are redacted.
func WriteSummaryJSON(w io.Writer, run Run) error {
	return render(w, run, writeSummary)
}

func writeSummary(buf *bytes.Buffer, run Run) error {
	rows := behaviours(run)
	s := summary{
		SchemaVersion:   SummarySchemaVersion,
		Harness:         run.Harness,
		HarnessRev:      run.HarnessRevision,
		Target:          run.Target,
		TargetDesc:      run.TargetDescription,
		Profile:         run.Profile,
		DurationMs:      run.Duration.Milliseconds(),
		Verdict:         verdict(run),
		Gate:            run.Gate,
		GateVerdict:     run.GateVerdict(),
		Interrupted:     run.Interrupted,
		TargetStopped:   run.TargetStopped,
		Counts:          scenarioCounts(run),
		BehaviourCounts: behaviourCounts(rows),
		Parts:           []summaryPart{},
		Features:        []summaryFeature{},
		FeaturesFrom:    run.FeaturesFrom,
		RootCauses:      []summaryRootCause{},
		Behaviours:      map[string]summaryBehaviour{},
		Scenarios:       []summaryScenario{},
	}
	if !run.Started.IsZero() {
		s.Started = run.Started.UTC().Format(time.RFC3339Nano)
	}
	for _, f := range FeatureResults(run) {
		s.Features = append(s.Features, summaryFeature{Name: f.Name, Tag: f.Tag, Declared: f.Declared, Status: f.Status, Counts: f.Counts})
	}
	for _, p := range parts(run, rows) {
		s.Parts = append(s.Parts, summaryPart{Name: p.Name, Verdict: p.Verdict, Counts: p.Counts, BehaviourCounts: p.BehaviourCounts})
	}
	for _, rc := range RootCauses(run) {
		o := summaryRootCause{Cause: rc.Cause, Behaviour: rc.Behaviour, Title: rc.Title, Count: len(rc.Scenarios), Scenarios: []string{}}
		for _, i := range rc.Scenarios {
			o.Scenarios = append(o.Scenarios, run.Scenarios[i].location())
		}
		s.RootCauses = append(s.RootCauses, o)
	}
	for _, r := range rows {
		b := summaryBehaviour{Title: r.Title, Part: r.Part, Provenance: r.Provenance, Status: r.Status, Uncatalogued: r.Unknown, Scenarios: []summaryScenarioID{}}
		for _, i := range r.Scenarios {
			sc := run.Scenarios[i]
			b.Scenarios = append(b.Scenarios, summaryScenarioID{Name: sc.Name, Location: sc.location(), Status: sc.Status})
		}
		s.Behaviours[r.ID] = b
	}
	for _, sc := range run.Scenarios {
		o := summaryScenario{Feature: sc.Feature, Name: sc.Name, Location: sc.location(), Part: sc.Part, Tags: sc.Tags, Status: sc.Status, DurationMs: sc.Duration.Milliseconds()}
		if o.Tags == nil {
			o.Tags = []string{}
		}
		o.Warnings = sc.Warnings
		if o.Warnings == nil {
			o.Warnings = []string{}
		}
		switch sc.Status {
		case Skipped, NotRun:
			o.Reason = sc.Reason
		case Failed:
			st, _ := sc.failure()
			o.Error = failureMessage(st)
		}
		s.Scenarios = append(s.Scenarios, o)
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}
