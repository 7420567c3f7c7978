package reports

// OwnPart names, in the reports, the scenarios of no part: a team's own
// feature files run beside the suite (--features).
const OwnPart = "own features"

// partResult is one part's verdict: the Okta core's, or an app pack's.
type partResult struct {
	Name            string
	Verdict         Status
	Counts          counts // its scenarios
	BehaviourCounts counts // its catalogue's behaviours
}

// parts gives each part of the run its own verdict, in the catalogue's
// order of parts (the Okta core first), then OwnPart if scenarios of no part
// ran. A run whose catalogue names no part has none. A part's verdict is
// that of its scenarios (Interrupted for an interrupted run, Incomplete
// when one did not run and none failed, NotCovered when none of them ran).
func parts(run Run, rows []behaviourResult) []partResult {
	index := map[string]int{}
	var out []partResult
	add := func(name string) int {
		i, ok := index[name]
		if !ok {
			i = len(out)
			index[name] = i
			out = append(out, partResult{Name: name})
		}
		return i
	}
	for _, b := range run.Behaviours {
		if b.Part != "" {
			add(b.Part)
		}
	}
	if len(out) == 0 {
		return nil
	}
	statuses := map[int][]Status{}
	for _, s := range run.Scenarios {
		name := s.Part
		if name == "" {
			name = OwnPart
		}
		i := add(name)
		out[i].Counts.add(s.Status)
		statuses[i] = append(statuses[i], s.Status)
	}
	for _, r := range rows {
		if i, ok := index[r.Part]; ok && r.Part != "" {
			out[i].BehaviourCounts.add(r.Status)
		}
	}
	for i := range out {
		out[i].Verdict = aggregate(statuses[i])
		if out[i].Verdict == NotRun {
			out[i].Verdict = Incomplete
		}
		if run.Interrupted {
			out[i].Verdict = Interrupted
		}
	}
	return out
}
