package steps_test

import (
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// The paging scenarios over more than one of Okta's pages catch each
// paging fault of the reference server at the step that checks it, in an
// organization of their own and in a shared one.
func TestPagingScenariosCatchTheirFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("the paging scenarios (120 users each) once per paging fault: not under -short")
	}
	const (
		reads = "Okta's import reads every page of more than 100 users"
		past  = "Past the last of more than 100 users is an empty page, and the order holds"
	)
	tests := []struct {
		fault    string
		scenario string
		step     string // the text of the step that fails
		err      string // in its error
	}{
		{"total-results-page-size", reads, "Okta's user import finds each of the 120 users, once", "the first"},
		{"total-results-page-size", past, "the page of /Users past the last is empty", "so it must be empty; it holds"},
		{"page-order-unstable", past, "reading /Users twice in pages of 100 gives the same order", "reading /Users"},
		{"items-per-page-count", past, "the page of /Users past the last is empty", "itemsPerPage: expected 0"},
	}
	for _, admin := range []bool{true, false} {
		for _, tc := range tests {
			t.Run(tc.fault+"/"+tc.scenario, func(t *testing.T) {
				scs := run(t, server(t, admin, tc.fault), "@OK-08")
				for _, sc := range scs {
					if sc.Name != tc.scenario {
						continue
					}
					if sc.Status != reports.Failed {
						t.Fatalf("%s against %s: %s, want failed", sc.Name, tc.fault, sc.Status)
					}
					for _, st := range sc.Steps {
						if st.Status == "failed" {
							if st.Text != tc.step || !strings.Contains(st.Error, tc.err) {
								t.Errorf("failed at %q: %s\nwant %q with %q", st.Text, firstLines(st.Error), tc.step, tc.err)
							}
							return
						}
					}
				}
				t.Fatalf("no scenario %q", tc.scenario)
			})
		}
	}
	// Clean, both pass.
	for _, admin := range []bool{true, false} {
		for _, sc := range run(t, server(t, admin), "@OK-08") {
			if (sc.Name == reads || sc.Name == past) && sc.Status != reports.Passed {
				t.Errorf("%s (admin API %v): %s%s", sc.Name, admin, sc.Status, failedStep(sc))
			}
		}
	}
}

func firstLines(s string) string {
	if i := strings.Index(s, "\n\n"); i > 0 {
		return s[:i]
	}
	return s
}
