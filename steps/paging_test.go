package steps_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/internal/refserver"
	"github.com/scimharness/scimharness/internal/reftest"
	"github.com/scimharness/scimharness/reference"
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
		// In the shared organization (no Admin Console API) the other OK-08
		// scenario may add a user between the step's two reads: the page past
		// the last then holds it, and the fault shows as a wrong itemsPerPage
		// of 1 resource rather than of 0 (a CI run of 2026-12-06 saw it).
		{"items-per-page-count", past, "the page of /Users past the last is empty", "itemsPerPage: expected "},
	}
	// One run of OK-08's scenarios per fault and organization mode, each
	// checked for every scenario the fault must fail. That both pass
	// against the clean server, in either mode, is TestSuiteAgainstReference
	// and TestSuiteWithoutAdminAPI, which run OK-08 with the whole suite.
	// With the Admin Console API the run is the self-check's of the fault
	// (tryFault: OK-08's scenarios against the reference server with the
	// fault on, as TestSelfCheck has them), of which the failed scenarios
	// are kept: one run for both tests.
	var faults []string
	for _, tc := range tests {
		if !slices.Contains(faults, tc.fault) {
			faults = append(faults, tc.fault)
		}
	}
	for _, admin := range []bool{true, false} {
		for _, fault := range faults {
			t.Run(fmt.Sprintf("%s/admin API %v", fault, admin), func(t *testing.T) {
				var scs []reports.Scenario
				if admin {
					scs = selfCheckFailed(t, fault)
				} else {
					scs = run(t, server(t, admin, fault), "@OK-08")
				}
				for _, tc := range tests {
					if tc.fault != fault {
						continue
					}
					t.Run(tc.scenario, func(t *testing.T) {
						i := slices.IndexFunc(scs, func(sc reports.Scenario) bool { return sc.Name == tc.scenario })
						if i < 0 && admin {
							t.Fatalf("%q did not fail against %s (the self-check's run keeps the failed scenarios only)", tc.scenario, tc.fault)
						}
						if i < 0 {
							t.Fatalf("no scenario %q", tc.scenario)
						}
						sc := scs[i]
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
						t.Errorf("%s failed at no step", sc.Name)
					})
				}
			})
		}
	}
}

// selfCheckFailed are the scenarios that failed in the self-check's run of
// the fault named name (tryFault), which must have run OK-08's.
func selfCheckFailed(t *testing.T, name string) []reports.Scenario {
	t.Helper()
	i := slices.IndexFunc(reference.Faults(), func(f reference.Fault) bool { return f.Name == name })
	if i < 0 {
		t.Fatalf("no fault %s", name)
	}
	r, err := tryFault(t, reference.Faults()[i])
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(r.IDs, "OK-08") || r.Ran == 0 {
		t.Fatalf("the self-check of %s ran %d scenarios of %v, want OK-08's", name, r.Ran, r.IDs)
	}
	return r.Failed
}

func firstLines(s string) string {
	if i := strings.Index(s, "\n\n"); i > 0 {
		return s[:i]
	}
	return s
}

// phantomUsers makes srv look as if it held extra users before its own:
// a list of /Users without a filter counts them in totalResults, and the
// pages that fall among them hold them, so that a target of more than
// 100,000 users can be tested without creating them.
func phantomUsers(srv http.Handler, extra int) http.Handler { return phantoms(srv, extra, false) }

// phantoms serves srv's users with extra made-up users before them, or
// after them. The pages are written by hand, not through maps and
// encoding/json: the order check's tests read hundreds of them under -race.
func phantoms(srv http.Handler, extra int, after bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, "/Users") || q.Get("filter") != "" {
			srv.ServeHTTP(w, r)
			return
		}
		start, _ := strconv.Atoi(q.Get("startIndex"))
		count, err := strconv.Atoi(q.Get("count"))
		if err != nil {
			count = 100
		}
		start = max(start, 1)
		inner := r
		if !after { // the real users, from 1, to learn their number
			inner = r.Clone(r.Context())
			iq := inner.URL.Query()
			iq.Set("startIndex", strconv.Itoa(max(1, start-extra)))
			iq.Set("count", strconv.Itoa(count))
			if start <= extra {
				iq.Set("count", "0")
			}
			inner.URL.RawQuery = iq.Encode()
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, inner)
		var page struct {
			TotalResults int               `json:"totalResults"`
			Resources    []json.RawMessage `json:"Resources"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != http.StatusOK {
			copyAnswer(w, rec) // with its headers: a SCIM error keeps its Content-Type
			return
		}
		res := page.Resources
		from, to := start, min(start+count-1, extra) // the phantoms on this page
		if after {
			from, to = max(start, page.TotalResults+1), min(start+count-1, page.TotalResults+extra)
		}
		var b []byte
		for i := from; i <= to; i++ {
			b = fmt.Appendf(b[:0], `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"phantom-%d","userName":"phantom%d@example.com","active":true}`, i, i)
			res = append(res, json.RawMessage(slices.Clone(b)))
		}
		out := fmt.Appendf(nil, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":%d,"startIndex":%d,"itemsPerPage":%d,"Resources":[`, page.TotalResults+extra, start, len(res))
		for i, x := range res {
			if i > 0 {
				out = append(out, ',')
			}
			out = append(out, x...)
		}
		w.Header().Set("Content-Type", "application/scim+json")
		w.Write(append(out, "]}\n"...))
	})
}

// A page past the end is past the target's totalResults, whatever its size:
// against a target of more than 100,000 users, a fixed startIndex=100000
// would be a full page and fail the scenario falsely (issue 25).
func TestPastTheEndOfABigTarget(t *testing.T) {
	rc := reftest.Config(false)
	srv, err := reference.New(rc)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(phantomUsers(srv, 150000))
	defer ts.Close()
	cfg := refserver.Config(ts.URL, rc, ts.Client())
	cfg.AppName = "Zinc"
	// The scenario as the suite holds it, alone: the others of OK-08 read
	// every page.
	const name = "A page past the end is empty"
	scs, code, console := runGodog(t, cfg, godog.Options{FS: importScenario(t, name), Tags: "@OK-08"})
	if len(scs) != 1 || scs[0].Status != reports.Passed {
		t.Fatalf("%q against 150,000 users: exit %d, %v\n%s", name, code, scs, console)
	}
}

// importScenario is the scenario name of import.feature, alone in a feature.
func importScenario(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	text, err := os.ReadFile("../features/okta/import.feature")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(text), "Scenario: "+name+"\n")
	if !ok {
		t.Fatalf("no scenario %q in import.feature", name)
	}
	body, _, _ := strings.Cut(rest, "\n  @")
	feature := "Feature: paging\n\n  @OK-08\n  Scenario: " + name + "\n" + body + "\n"
	return fstest.MapFS{"okta/paging.feature": {Data: []byte(feature)}}
}

// phantomUsersAfter makes srv look as if it held extra users after its
// own, as phantomUsers makes it hold them before: the scenario's users are
// then a big target's first.
func phantomUsersAfter(srv http.Handler, extra int) http.Handler { return phantoms(srv, extra, true) }

// In a shared organization the order check reads the pages that hold the
// scenario's users, not a big target's first 100 pages (issue 25): against
// 150,000 users before the scenario's, it reads a few pages and passes on a
// clean server, and still fails where the order changes between requests.
// (Reading the first 100 pages, it read none of the scenario's users there,
// and passed against the fault.)
func TestOrderCheckOfABigTarget(t *testing.T) {
	const name = "Past the last of more than 100 users is an empty page, and the order holds"
	for _, tc := range []struct {
		fault string
		first bool // the scenario's users first, the 150,000 after them
		want  reports.Status
	}{
		{"", false, reports.Passed},
		{"page-order-unstable", false, reports.Failed},
		// The search from the last page sees none of them: the reads
		// begin at 1, as they did before it.
		{"", true, reports.Passed},
		{"page-order-unstable", true, reports.Failed},
	} {
		t.Run(fmt.Sprintf("fault %s, users first %v", tc.fault, tc.first), func(t *testing.T) {
			var faults []string
			if tc.fault != "" {
				faults = append(faults, tc.fault)
			}
			rc := reftest.Config(false, faults...)
			srv, err := reference.New(rc)
			if err != nil {
				t.Fatal(err)
			}
			var pages atomic.Int64
			big := phantomUsers(srv, 150000)
			if tc.first {
				big = phantomUsersAfter(srv, 150000)
			}
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/Users") && r.URL.Query().Get("filter") == "" {
					pages.Add(1)
				}
				big.ServeHTTP(w, r)
			}))
			defer ts.Close()
			cfg := refserver.Config(ts.URL, rc, ts.Client())
			cfg.AppName = "Zinc"
			scs, code, console := runGodog(t, cfg, godog.Options{FS: importScenario(t, name), Tags: "@OK-08"})
			if len(scs) != 1 || scs[0].Status != tc.want {
				t.Fatalf("%q against 150,000 users: exit %d, %d scenarios, want one %s\n%s", name, code, len(scs), tc.want, console)
			}
			if tc.want == reports.Failed {
				if st := failedStep(scs[0]); !strings.Contains(st, "reading /Users twice in pages of 100 gives the same order") {
					t.Errorf("failed at %s, want the order step", st)
				}
				return
			}
			// The page past the last (2 pages), Okta's first page and the
			// last two, and two reads of three pages: 12 or so. With the
			// scenario's users first, the reads are the 100 pages from 1
			// that they were before the search.
			if n := pages.Load(); n > 20 && !tc.first {
				t.Errorf("the scenario read %d pages of /Users, want at most 20", n)
			}
		})
	}
}
