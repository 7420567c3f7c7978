package steps_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// TestSuiteWithABaseURLQuery: Okta's OIN base URLs may carry a query built
// from tenant variables ('https://fruits.example.com/scim2/myapp?connection='
// + app.companyId, docs/okta-protocol.md §10.1). The suite takes such a base
// URL, and every SCIM request, the steps' own and mock Okta's, keeps its query
// before the request's own parameters: the target here answers 400 to any
// SCIM request without it, as a tenant router would.
func TestSuiteWithABaseURLQuery(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole suite run against a base URL with a query: not under -short")
	}
	const tenant = "connection=42&region=eu%20west"
	srv, err := reference.New(reference.Config{Token: "PRODTOKEN", SandboxToken: "SANDTOKEN", AdminToken: "ADMINTOKEN"})
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu      sync.Mutex
		seen    int
		missing []string
	)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/admin/") {
			ok := r.URL.RawQuery == tenant || strings.HasPrefix(r.URL.RawQuery, tenant+"&")
			mu.Lock()
			seen++
			if !ok {
				missing = append(missing, r.Method+" "+r.URL.RequestURI())
			}
			mu.Unlock()
			if !ok {
				http.Error(w, "no tenant in the query", http.StatusBadRequest)
				return
			}
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	cfg := steps.Config{AppName: "Zinc", BaseURL: ts.URL + "/scim/v2?" + tenant, SandboxURL: ts.URL + "/sandbox/scim/v2/?" + tenant,
		Token: "PRODTOKEN", SandboxToken: "SANDTOKEN", HTTPClient: ts.Client(), AdminURL: ts.URL + "/admin", AdminToken: "ADMINTOKEN"}
	// Okta's lookup, create, update, deactivation and import; group push and
	// membership; the Sandbox; requests by the steps themselves (filters,
	// PATCH, the clean-up) and "Okta sent no DELETE request to /Users".
	tags := "@ZN-01,@ZN-02,@ZN-03,@ZN-04,@ZN-06,@ZN-10,@ZN-13,@OK-03,@OK-08,@OK-16,@OK-31,@OK-32"
	scs, code, console := runGodog(t, cfg, godog.Options{Format: "progress", Tags: tags, Concurrency: 2})
	n := 0
	for _, sc := range scs {
		if sc.Status != reports.Passed {
			t.Errorf("%s: %s %s%s", sc.Name, sc.Status, sc.Reason, failedStep(sc))
		}
		n++
	}
	if code != 0 || n < 20 {
		t.Errorf("godog exit %d, %d scenarios\n%s", code, n, console)
	}
	mu.Lock()
	defer mu.Unlock()
	if seen == 0 || len(missing) > 0 {
		t.Errorf("%d SCIM requests, %d without the base URL's query first: %v", seen, len(missing), missing)
	}
}
