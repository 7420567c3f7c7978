package steps_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
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

// hidingBob serves srv, leaving Bob out of the first hides of Okta's import
// pages that hold him (a page of GET /Users without a filter): what a shift
// past a page boundary does to one import in a shared organization, where
// other scenarios delete users while Okta pages. hides < 0 hides him always.
func hidingBob(srv http.Handler, hides int) http.Handler {
	var hidden atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, "/Users") || r.URL.Query().Get("filter") != "" || r.URL.Query().Get("count") != "100" {
			srv.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		var page map[string]any
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &page) != nil {
			copyAnswer(w, rec)
			return
		}
		res, _ := page["Resources"].([]any)
		kept := res[:0:0]
		for _, x := range res {
			u, _ := x.(map[string]any)
			if name, _ := u["userName"].(string); strings.Contains(strings.ToLower(name), "bob") && (hides < 0 || hidden.Add(1) <= int64(hides)) {
				continue
			}
			kept = append(kept, x)
		}
		if len(kept) == len(res) {
			copyAnswer(w, rec)
			return
		}
		page["Resources"] = kept
		page["itemsPerPage"] = len(kept)
		b, _ := json.Marshal(page)
		w.Header().Set("Content-Type", "application/scim+json")
		_, _ = w.Write(b)
	})
}

func copyAnswer(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// In a shared organization an import that a page shift hid one of the
// scenario's users from is made again: OK-40's "reports 1 user removed"
// passes when the shift happened once, and fails when the app does lose the
// user (here: never lists him), after three imports.
func TestImportAgainAfterAPageShift(t *testing.T) {
	drift, err := os.ReadFile("../features/okta/drift.feature")
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		hides   int
		want    reports.Status
		imports int64
	}{
		"shifted once": {1, reports.Passed, 2},
		"never listed": {-1, reports.Failed, 3},
	} {
		t.Run(name, func(t *testing.T) {
			rc := reftest.Config(false)
			srv, err := reference.New(rc)
			if err != nil {
				t.Fatal(err)
			}
			var firstPages atomic.Int64
			h := hidingBob(srv, tc.hides)
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if q := r.URL.Query(); r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/Users") && q.Get("filter") == "" && q.Get("count") == "100" && q.Get("startIndex") == "1" {
					firstPages.Add(1)
				}
				h.ServeHTTP(w, r)
			}))
			defer ts.Close()
			cfg := refserver.Config(ts.URL, rc, ts.Client())
			cfg.AppName = "Zinc"
			fsys := fstest.MapFS{"okta/drift.feature": {Data: drift}}
			scs, code, console := runGodog(t, cfg, godog.Options{FS: fsys, Tags: "@OK-40 && @import-users"})
			if len(scs) != 1 || scs[0].Status != tc.want {
				t.Fatalf("exit %d, %d scenarios, want one %s\n%s", code, len(scs), tc.want, console)
			}
			if tc.want == reports.Failed {
				if st := failedStep(scs[0]); !strings.Contains(st, "reports 1 user removed") || !strings.Contains(st, "got 2") {
					t.Errorf("failed at %s, want the count of users removed, 2", st)
				}
			}
			if n := firstPages.Load(); n != tc.imports {
				t.Errorf("Okta imported %d times, want %d", n, tc.imports)
			}
		})
	}
}
