package explore

import (
	"context"
	"slices"

	"github.com/scimharness/scimharness/mockokta"
)

// shrink makes a failing scenario minimal: the smallest setup and the
// fewest, simplest actions that still break the same invariant. It runs at
// most budget scenarios. Each pass removes chunks of actions (halves first,
// then smaller, down to single actions, as delta debugging does), then
// lowers each action's user, group and value, then simplifies the setup,
// until a pass changes nothing.
func (r *runner) shrink(ctx context.Context, sc Scenario, v *Violation, budget int) (*Finding, error) {
	return shrink(ctx, sc, v, budget, r.run)
}

// shrink is the shrinker over any way of running a scenario: run reports
// the actions that applied and the first violation.
func shrink(ctx context.Context, sc Scenario, v *Violation, budget int, run func(context.Context, Scenario) (*result, error)) (*Finding, error) {
	f := &Finding{Scenario: sc, Violation: v, Original: len(sc.Actions)}
	try := func(cand Scenario) (bool, error) {
		if f.Runs >= budget || ctx.Err() != nil {
			return false, nil
		}
		f.Runs++
		res, err := run(ctx, cand)
		if err != nil {
			if ctx.Err() != nil {
				return false, nil
			}
			return false, err
		}
		if res.v == nil || res.v.Invariant != v.Invariant {
			return false, nil
		}
		f.Scenario = Scenario{Setup: cand.Setup, Actions: res.applied}
		f.Violation = res.v
		return true, nil
	}
	for changed := true; changed; {
		changed = false
		// Remove chunks, largest first.
		for size := max(len(f.Scenario.Actions)/2, 1); size >= 1; size /= 2 {
			for i := 0; i+size <= len(f.Scenario.Actions); {
				acts := f.Scenario.Actions
				cand := Scenario{Setup: f.Scenario.Setup, Actions: slices.Concat(acts[:i], acts[i+size:])}
				ok, err := try(cand)
				if err != nil {
					return nil, err
				}
				if ok {
					changed = true
				} else {
					i += size
				}
			}
			if size == 1 {
				break
			}
		}
		// Simplify each action.
		// A candidate's applied actions may be fewer than it had: re-read
		// the length every time.
		for i := 0; i < len(f.Scenario.Actions); i++ {
			for _, simpler := range simplerActions(f.Scenario.Actions[i]) {
				if i >= len(f.Scenario.Actions) {
					break
				}
				cand := Scenario{Setup: f.Scenario.Setup, Actions: slices.Clone(f.Scenario.Actions)}
				cand.Actions[i] = simpler
				ok, err := try(cand)
				if err != nil {
					return nil, err
				}
				if ok {
					changed = true
					break
				}
			}
		}
		// Rename a user or a group everywhere: lower indexes for the cast.
		for _, cand := range renamedCasts(f.Scenario) {
			ok, err := try(cand)
			if err != nil {
				return nil, err
			}
			if ok {
				changed = true
				break
			}
		}
		// Simplify the setup.
		for _, s := range simplerSetups(f.Scenario.Setup) {
			ok, err := try(Scenario{Setup: s, Actions: f.Scenario.Actions})
			if err != nil {
				return nil, err
			}
			if ok {
				changed = true
				break
			}
		}
	}
	return f, nil
}

// simplerActions are the action with a lower user, group, value or kind.
func simplerActions(a Action) []Action {
	var out []Action
	for u := 0; u < a.User; u++ {
		out = append(out, Action{a.Kind, u, a.Group, a.Value})
	}
	for g := 0; g < a.Group; g++ {
		out = append(out, Action{a.Kind, a.User, g, a.Value})
	}
	for v := 0; v < a.Value; v++ {
		out = append(out, Action{a.Kind, a.User, a.Group, v})
	}
	for k := Kind(0); k < a.Kind; k++ { // an earlier kind is a plainer one: Okta's before probes and the console
		out = append(out, Action{k, a.User, a.Group, a.Value})
	}
	return out
}

// simplerSetups are the setup with one thing made plainer: OIN, a bearer
// token, an email username.
func simplerSetups(s Setup) []Setup {
	var out []Setup
	if s.Profile != mockokta.OIN {
		t := s
		t.Profile = mockokta.OIN
		out = append(out, t)
	}
	if s.Auth != "" && s.Auth != AuthBearer {
		t := s
		t.Auth = "" // Bearer, Okta's default
		out = append(out, t)
	}
	if s.NonEmail {
		t := s
		t.NonEmail = false
		out = append(out, t)
	}
	return out
}

// renamedCasts are the scenario with one user, or one group, replaced by a
// lower one in every action.
func renamedCasts(sc Scenario) []Scenario {
	var out []Scenario
	for from := 1; from < max(len(People), len(Groups)); from++ {
		for to := 0; to < from; to++ {
			users, groups := slices.Clone(sc.Actions), slices.Clone(sc.Actions)
			uChanged, gChanged := false, false
			for i := range sc.Actions {
				if users[i].User == from {
					users[i].User, uChanged = to, true
				}
				if groups[i].Group == from {
					groups[i].Group, gChanged = to, true
				}
			}
			if uChanged {
				out = append(out, Scenario{Setup: sc.Setup, Actions: users})
			}
			if gChanged {
				out = append(out, Scenario{Setup: sc.Setup, Actions: groups})
			}
		}
	}
	return out
}
