package reports

import (
	"reflect"
	"slices"
	"testing"
)

func TestAggregate(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in   []Status
		want Status
	}{
		"none":                      {nil, NotCovered},
		"one passed":                {[]Status{Passed}, Passed},
		"a failure wins":            {[]Status{Passed, Skipped, Failed, Passed}, Failed},
		"passed beats skipped":      {[]Status{Skipped, Passed}, Passed},
		"only skipped":              {[]Status{Skipped, Skipped}, Skipped},
		"unknown statuses are none": {[]Status{"", "weird"}, NotCovered},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := aggregate(tt.in); got != tt.want {
				t.Errorf("aggregate(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBehaviours(t *testing.T) {
	t.Parallel()
	run := Run{
		Behaviours: []Behaviour{
			{ID: "ZN-01", Title: "Push new users", Provenance: "documented"},
			{ID: "ZN-02", Title: "Push profile updates"},
			{ID: "ZN-03", Title: "Deactivation"},
			{ID: "ZN-01", Title: "a duplicate is ignored"},
		},
		Scenarios: []Scenario{
			{Name: "a", Tags: []string{"@users", "@ZN-01", "@documented"}, Status: Passed},
			{Name: "b", Tags: []string{"@ZN-01", "@ZN-02", "@inferred"}, Status: Failed},
			{Name: "c", Tags: []string{"@ZN-02", "@ZN-02"}, Status: Skipped},
			{Name: "d", Tags: []string{"@ZN-99", "@okta-doc", "@zn-01", "@ZN-1a"}, Status: Skipped},
		},
	}
	type row struct {
		ID, Title, Provenance string
		Status                Status
		Scenarios             []int
		Unknown               bool
	}
	want := []row{
		{"ZN-01", "Push new users", "documented", Failed, []int{0, 1}, false},
		{"ZN-02", "Push profile updates", "inferred", Failed, []int{1, 2}, false}, // provenance from the first tagged scenario
		{"ZN-03", "Deactivation", "", NotCovered, nil, false},
		{"ZN-99", "", "okta-doc", Skipped, []int{3}, true},
	}
	var got []row
	for _, r := range behaviours(run) {
		got = append(got, row{r.ID, r.Title, r.Provenance, r.Status, r.Scenarios, r.Unknown})
	}
	if !slices.EqualFunc(got, want, func(a, b row) bool {
		return a.ID == b.ID && a.Title == b.Title && a.Provenance == b.Provenance && a.Status == b.Status && slices.Equal(a.Scenarios, b.Scenarios) && a.Unknown == b.Unknown
	}) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if v := verdict(run); v != Failed {
		t.Errorf("verdict: got %q, want failed", v)
	}
	if c := scenarioCounts(run); c != (counts{Passed: 1, Failed: 1, Skipped: 2, Total: 4}) {
		t.Errorf("counts: got %+v", c)
	}
}

func TestSpans(t *testing.T) {
	tests := map[string]struct {
		in   string
		want []htmlSpan
	}{
		"plain":             {"no code here", []htmlSpan{{Text: "no code here"}}},
		"code between":      {"then `POST /Users` answers", []htmlSpan{{Text: "then "}, {Text: "POST /Users", Code: true}, {Text: " answers"}}},
		"unpaired backtick": {"a ` alone", []htmlSpan{{Text: "a ` alone"}}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := spans(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("spans(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}
