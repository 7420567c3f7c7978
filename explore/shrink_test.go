package explore

import (
	"context"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/scimharness/scimharness/mockokta"
)

// TestShrinkFindsThePlantedPair plants, in a random scenario, a bug that
// needs two of its actions in order, and checks that the shrinker returns
// exactly those two, with the plainest setup, whatever the scenario.
func TestShrinkFindsThePlantedPair(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		genAction := rapid.Custom(func(t *rapid.T) Action {
			return Action{
				Kind:  Kind(rapid.IntRange(0, int(numKinds)-1).Draw(t, "kind")),
				User:  rapid.IntRange(0, len(People)-1).Draw(t, "user"),
				Group: rapid.IntRange(0, len(Groups)-1).Draw(t, "group"),
				Value: rapid.IntRange(0, 2).Draw(t, "value"),
			}
		})
		acts := rapid.SliceOfN(genAction, 2, 40).Draw(t, "actions")
		i := rapid.IntRange(0, len(acts)-2).Draw(t, "i")
		j := rapid.IntRange(i+1, len(acts)-1).Draw(t, "j")
		first, second := acts[i], acts[j]
		// Actions of one other kind do not apply (the runner leaves them
		// out), as when a user to unassign is not assigned.
		skip := Kind(rapid.IntRange(0, int(numKinds)-1).Filter(func(k int) bool {
			return Kind(k) != first.Kind && Kind(k) != second.Kind
		}).Draw(t, "inapplicable"))
		setup := Setup{Profile: mockokta.AIW, Auth: AuthBasic, NonEmail: true}
		planted := func(_ context.Context, sc Scenario) (*result, error) {
			res := &result{}
			for _, a := range sc.Actions {
				if a.Kind != skip {
					res.applied = append(res.applied, a)
				}
			}
			seen := false
			for _, a := range res.applied {
				if seen && a == second {
					res.v = &Violation{Invariant: "planted"}
					break
				}
				seen = seen || a == first
			}
			return res, nil
		}
		f, err := shrink(context.Background(), Scenario{Setup: setup, Actions: acts}, &Violation{Invariant: "planted"}, 10000, planted)
		if err != nil {
			t.Fatal(err)
		}
		want := Scenario{Setup: Setup{Profile: mockokta.OIN}, Actions: []Action{first, second}}
		if !reflect.DeepEqual(f.Scenario, want) {
			t.Fatalf("shrunk %v to %v, expected %v", acts, f.Scenario, want)
		}
	})
}

// TestShrinkKeepsTheInvariant: a candidate that breaks another invariant
// is not taken.
func TestShrinkKeepsTheInvariant(t *testing.T) {
	acts := []Action{{Kind: Assign}, {Kind: PushGroup}, {Kind: Deactivate}}
	run := func(_ context.Context, sc Scenario) (*result, error) {
		res := &result{applied: sc.Actions}
		switch {
		case reflect.DeepEqual(sc.Actions, acts):
			res.v = &Violation{Invariant: "a"}
		case len(sc.Actions) > 0:
			res.v = &Violation{Invariant: "b"}
		}
		return res, nil
	}
	f, err := shrink(context.Background(), Scenario{Actions: acts}, &Violation{Invariant: "a"}, 100, run)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.Scenario.Actions, acts) || f.Violation.Invariant != "a" {
		t.Fatalf("shrunk to %v (%s), expected the three actions", f.Scenario.Actions, f.Violation.Invariant)
	}
}
