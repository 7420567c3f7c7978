package reports

import (
	"regexp"
	"strings"
)

// behaviourResult is one row of the behaviour matrix.
type behaviourResult struct {
	Behaviour
	Status    Status
	Scenarios []int // indexes into Run.Scenarios of the scenarios tagged with the ID
	Unknown   bool  // a scenario carries the ID but the catalogue lacks it
}

// idTag matches a behaviour ID tag such as "@ZN-17" or "@OK-04".
var idTag = regexp.MustCompile(`^@([A-Z]{2,}-[0-9]+)$`)

// provenances are the provenance tags, without "@".
var provenances = []string{"documented", "okta-doc", "inferred"}

// behaviours aggregates the run's scenarios per catalogue behaviour, in
// catalogue order, followed by any ID that scenarios carry but the catalogue
// lacks (a typo in a tag, or a stale catalogue), in the order first seen.
func behaviours(run Run) []behaviourResult {
	index := map[string]int{}
	var rows []behaviourResult
	for _, b := range run.Behaviours {
		if _, dup := index[b.ID]; dup {
			continue
		}
		index[b.ID] = len(rows)
		rows = append(rows, behaviourResult{Behaviour: b})
	}
	for si, s := range run.Scenarios {
		for _, tag := range s.Tags {
			m := idTag.FindStringSubmatch(tag)
			if m == nil {
				continue
			}
			i, ok := index[m[1]]
			if !ok {
				i = len(rows)
				index[m[1]] = i
				rows = append(rows, behaviourResult{Behaviour: Behaviour{ID: m[1]}, Unknown: true})
			}
			if n := len(rows[i].Scenarios); n == 0 || rows[i].Scenarios[n-1] != si {
				rows[i].Scenarios = append(rows[i].Scenarios, si)
			}
		}
	}
	for i := range rows {
		r := &rows[i]
		statuses := make([]Status, len(r.Scenarios))
		for j, si := range r.Scenarios {
			statuses[j] = run.Scenarios[si].Status
			if r.Provenance == "" {
				r.Provenance = provenanceOf(run.Scenarios[si].Tags)
			}
		}
		r.Status = aggregate(statuses)
	}
	return rows
}

// provenanceOf is the first provenance tag among tags, without "@".
func provenanceOf(tags []string) string {
	for _, t := range tags {
		for _, p := range provenances {
			if strings.EqualFold(t, "@"+p) {
				return p
			}
		}
	}
	return ""
}

// aggregate is Failed if any status failed, else NotRun if any did not
// run, else Passed if any passed, else Skipped if any was skipped, else
// NotCovered.
func aggregate(statuses []Status) Status {
	var passed, skipped, notRun bool
	for _, s := range statuses {
		switch s {
		case Failed:
			return Failed
		case NotRun:
			notRun = true
		case Passed:
			passed = true
		case Skipped:
			skipped = true
		}
	}
	switch {
	case notRun:
		return NotRun
	case passed:
		return Passed
	case skipped:
		return Skipped
	}
	return NotCovered
}

// counts tallies statuses.
type counts struct {
	Passed     int `json:"passed"`
	Failed     int `json:"failed"`
	Skipped    int `json:"skipped"`
	NotRun     int `json:"notRun"`
	NotCovered int `json:"notCovered"`
	Total      int `json:"total"`
}

func (c *counts) add(s Status) {
	c.Total++
	switch s {
	case Passed:
		c.Passed++
	case Failed:
		c.Failed++
	case Skipped:
		c.Skipped++
	case NotRun:
		c.NotRun++
	case NotCovered:
		c.NotCovered++
	}
}

// verdict is the run's overall status: Interrupted for an interrupted run;
// else Failed if a scenario failed; else Incomplete if one did not run or
// the target stopped answering (never Passed); else the aggregate of its
// scenarios (Passed, Skipped, NotCovered).
func verdict(run Run) Status {
	if run.Interrupted {
		return Interrupted
	}
	statuses := make([]Status, len(run.Scenarios))
	for i, s := range run.Scenarios {
		statuses[i] = s.Status
	}
	v := aggregate(statuses)
	if v == NotRun || v != Failed && run.TargetStopped != "" {
		return Incomplete
	}
	return v
}

// Verdict is the run's verdict as every report states it: Interrupted,
// Failed, Incomplete, Passed, Skipped (every scenario skipped) or
// NotCovered (none ran).
func (run Run) Verdict() Status { return verdict(run) }

// GateVerdict is the verdict that decides the exit status: the run's, or
// with Gate set the verdict of that part's scenarios alone (the other parts
// only inform; Interrupted still wins). NotCovered when the gated part ran
// no scenario.
func (run Run) GateVerdict() Status {
	if run.Gate == "" {
		return verdict(run)
	}
	gated := Run{Interrupted: run.Interrupted}
	for _, s := range run.Scenarios {
		if s.Part == run.Gate {
			gated.Scenarios = append(gated.Scenarios, s)
		}
	}
	return verdict(gated)
}

func scenarioCounts(run Run) counts {
	var c counts
	for _, s := range run.Scenarios {
		c.add(s.Status)
	}
	return c
}

func behaviourCounts(rows []behaviourResult) counts {
	var c counts
	for _, r := range rows {
		c.add(r.Status)
	}
	return c
}
