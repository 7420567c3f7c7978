package steps_test

import (
	"io"
	"net/http"
	"slices"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// TestSuiteWithoutAdminAPI runs the suite in the target's one organization,
// concurrently: the scenarios that need the Admin Console API are skipped
// with their reason, the others pass, and nothing they made is left behind.
func TestSuiteWithoutAdminAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole suite run without the Admin Console API: not under -short")
	}
	cfg := server(t, false)
	scs := run(t, cfg, "")
	skipped := 0
	for _, sc := range scs {
		admin := slices.Contains(sc.Tags, "@admin-api")
		switch {
		case admin && sc.Status != reports.Skipped:
			t.Errorf("%s: %s, want skipped (it needs the Admin Console API)", sc.Name, sc.Status)
		case admin && sc.Reason == "":
			t.Errorf("%s: skipped without a reason", sc.Name)
		case !admin && sc.Status == reports.Skipped && sc.Reason == steps.AuthSkipReason(steps.AuthBearer):
		case !admin && sc.Status != reports.Passed:
			t.Errorf("%s: %s %s%s", sc.Name, sc.Status, sc.Reason, failedStep(sc))
		}
		if sc.Status == reports.Skipped {
			skipped++
		}
	}
	if skipped == 0 {
		t.Error("no scenario was skipped")
	}
	// What is left in the shared organization: no group, no active user.
	for _, res := range []string{"Users", "Groups"} {
		req, _ := http.NewRequest(http.MethodGet, cfg.BaseURL+"/"+res+"?count=1000", nil)
		req.Header.Set("Authorization", "Bearer "+cfg.Token)
		resp, err := cfg.HTTPClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range gjson.GetBytes(body, "Resources").Array() {
			if res == "Groups" || r.Get("active").Bool() {
				t.Errorf("left behind in the shared organization: %s %s", res, r.Raw)
			}
		}
	}
}
