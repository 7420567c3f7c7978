package steps_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// cancelAfter is a transport that cancels the run after the first answer to
// POST /Users: an interrupt in the middle of a scenario.
type cancelAfter struct {
	base   http.RoundTripper
	cancel context.CancelFunc
	once   sync.Once
}

func (c *cancelAfter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err == nil && req.Method == http.MethodPost && strings.HasSuffix(req.URL.Path, "/Users") {
		c.once.Do(c.cancel)
	}
	return resp, err
}

// TestInterruptedRun interrupts a run in its first scenario's first step: the
// rest of it and the scenarios after it are skipped with the reason "run
// interrupted" (not failed against a cancelled context), and the clean-up
// still removes the user it made in the shared organization.
func TestInterruptedRun(t *testing.T) {
	srv, err := reference.New(reference.Config{Token: "PRODTOKEN"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client := &http.Client{Transport: &cancelAfter{base: ts.Client().Transport, cancel: cancel}}
	feature := `Feature: i
  Scenario: first
    Given Zinc has a user Alice Smith
    And Zinc has a group "Lunch" with Alice
    Then Alice is active in Zinc

  Scenario: second
    Given Okta has a user Bob Jones
    When Okta assigns Bob to the app
    Then Okta has no failed tasks
`
	cfg := steps.Config{AppName: "Zinc", BaseURL: ts.URL + "/scim/v2", Token: "PRODTOKEN", HTTPClient: client}
	scs, code, console := runGodog(t, cfg, godog.Options{FS: fstest.MapFS{"i.feature": {Data: []byte(feature)}}, DefaultContext: ctx})
	if code != 0 {
		t.Errorf("godog exit %d, want 0 (nothing failed)\n%s", code, console)
	}
	if len(scs) != 2 {
		t.Fatalf("%d scenarios, want 2", len(scs))
	}
	for _, sc := range scs {
		if sc.Status != reports.Skipped || sc.Reason != steps.InterruptedReason {
			t.Errorf("%s: %s %q, want skipped %q%s", sc.Name, sc.Status, sc.Reason, steps.InterruptedReason, failedStep(sc))
		}
	}
	if got := scs[0].Steps[0].Status; got != "passed" {
		t.Errorf("the first step, before the interrupt: %s, want passed", got)
	}
	// The clean-up ran despite the interrupt: no active user is left.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/scim/v2/Users?count=100", nil)
	req.Header.Set("Authorization", "Bearer PRODTOKEN")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, r := range gjson.GetBytes(body, "Resources").Array() {
		if r.Get("active").Bool() {
			t.Errorf("left behind after the interrupt: %s", r.Raw)
		}
	}
}
