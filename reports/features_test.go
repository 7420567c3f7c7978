package reports_test

import (
	"testing"

	"github.com/scimharness/scimharness/reports"
)

func TestFeatureResults(t *testing.T) {
	run := reports.Run{
		Features: []reports.Feature{
			{Name: "Users", Tag: "@users", Declared: true},
			{Name: "Create Users", Tag: "@create-users", Declared: true},
			{Name: "Sync Password", Tag: "@sync-password", Declared: true},
			{Name: "Push Groups", Tag: "@push-groups"},
			{Name: "Import Users", Tag: "@import-users", Declared: true},
		},
		FeaturesFrom: "the Acme pack",
		Scenarios: []reports.Scenario{
			{Name: "a", Tags: []string{"@users"}, Status: reports.Passed},
			{Name: "b", Tags: []string{"@create-users"}, Status: reports.Passed},
			{Name: "c", Tags: []string{"@create-users", "@push-groups"}, Status: reports.Skipped},
			{Name: "d", Tags: []string{"@import-users"}, Status: reports.Failed},
			{Name: "e", Tags: []string{"@import-users"}, Status: reports.Passed},
		},
	}
	want := map[string]reports.Status{"Users": reports.Passed, "Create Users": reports.Passed, "Sync Password": reports.FeatureNotTested,
		"Push Groups": reports.FeatureUnsupported, "Import Users": reports.Failed}
	rs := reports.FeatureResults(run)
	if len(rs) != len(want) {
		t.Fatalf("%d results, want %d", len(rs), len(want))
	}
	for _, r := range rs {
		if r.Status != want[r.Name] {
			t.Errorf("%s: %s, want %s", r.Name, r.Status, want[r.Name])
		}
	}
	if got, w := reports.FeaturesLine(run), "covers Users, Create Users; failed: Import Users; not tested: Sync Password; not supported, so skipped: Push Groups"; got != w {
		t.Errorf("FeaturesLine:\n got %s\nwant %s", got, w)
	}
	if got, w := reports.DeclaredLine(run), "Users, Create Users, Sync Password, Import Users (declared by the Acme pack)"; got != w {
		t.Errorf("DeclaredLine:\n got %s\nwant %s", got, w)
	}
	run.FeaturesFrom = ""
	if got, w := reports.DeclaredLine(run), "every feature of Okta's (none declared: the default)"; got != w {
		t.Errorf("DeclaredLine without a declaration: %s", got)
	}
	if reports.FeaturesLine(reports.Run{}) != "" || reports.DeclaredLine(reports.Run{}) != "" {
		t.Error("a run that names no features has no features line")
	}
}
