package reports

import (
	"reflect"
	"testing"
)

// TestPartVerdicts checks that each part gets the verdict of its own
// scenarios: a failing app pack leaves the Okta core passed.
func TestPartVerdicts(t *testing.T) {
	bs := []Behaviour{{ID: "OK-01", Part: "Okta core"}, {ID: "OK-02", Part: "Okta core"}, {ID: "ZN-01", Part: "Zinc"}}
	scs := []Scenario{
		{Name: "a", Tags: []string{"@OK-01"}, Status: Passed, Part: "Okta core"},
		{Name: "b", Tags: []string{"@OK-02"}, Status: Skipped, Part: "Okta core"},
		{Name: "c", Tags: []string{"@ZN-01"}, Status: Failed, Part: "Zinc"},
		{Name: "d", Tags: []string{"@ZN-01"}, Status: Passed, Part: ""},
	}
	type got struct {
		Name          string
		Verdict       Status
		Passed, Total int // scenarios
		Hold, Of      int // behaviours
	}
	for _, tc := range []struct {
		name string
		run  Run
		want []got
	}{
		{"two parts and own features", Run{Behaviours: bs, Scenarios: scs}, []got{
			{"Okta core", Passed, 1, 2, 1, 2}, {"Zinc", Failed, 0, 1, 0, 1}, {OwnPart, Passed, 1, 1, 0, 0}}},
		{"a part no scenario ran", Run{Behaviours: bs, Scenarios: scs[:2]}, []got{
			{"Okta core", Passed, 1, 2, 1, 2}, {"Zinc", NotCovered, 0, 0, 0, 1}}},
		{"interrupted", Run{Behaviours: bs, Scenarios: scs[:3], Interrupted: true}, []got{
			{"Okta core", Interrupted, 1, 2, 1, 2}, {"Zinc", Interrupted, 0, 1, 0, 1}}},
		{"no parts in the catalogue", Run{Behaviours: []Behaviour{{ID: "OK-01"}}, Scenarios: scs}, nil},
	} {
		var out []got
		for _, p := range parts(tc.run, behaviours(tc.run)) {
			out = append(out, got{p.Name, p.Verdict, p.Counts.Passed, p.Counts.Total, p.BehaviourCounts.Passed, p.BehaviourCounts.Total})
		}
		if !reflect.DeepEqual(out, tc.want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tc.name, out, tc.want)
		}
	}
}
