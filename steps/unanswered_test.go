package steps_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// An Okta action whose request got no answer fails its own step, with the
// request shown; the Then step after it is not reached (before, the action
// passed and an unrelated assertion failed with "got none").
func TestOktaActionWithoutAnAnswerFailsItsStep(t *testing.T) {
	srv, err := reference.New(reference.Config{Token: "PRODTOKEN", Mode: reference.ModePlain})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPatch {
			select { // Okta's deactivation is never answered
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		srv.ServeHTTP(w, r)
	}))
	defer func() { close(release); ts.Close() }()
	feature := `Feature: u
  Scenario: deactivation unanswered
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    When Okta deactivates Alice
    Then Alice is inactive in the app
`
	cfg := steps.Config{BaseURL: ts.URL + "/scim/v2", Token: "PRODTOKEN", RequestTimeout: 200 * time.Millisecond, StopAfter: -1}
	scs, _, console := runGodog(t, cfg, godog.Options{FS: fstest.MapFS{"u.feature": {Data: []byte(feature)}}})
	if len(scs) != 1 || scs[0].Status != reports.Failed {
		t.Fatalf("want one failed scenario, got %+v\n%s", scs, console)
	}
	st := scs[0].Steps
	if st[2].Status != "failed" || st[3].Status != "skipped" {
		t.Fatalf("steps %s, %s; want the When step failed and the Then step not reached%s", st[2].Status, st[3].Status, failedStep(scs[0]))
	}
	for _, want := range []string{"Okta's request got no answer", "PATCH " + ts.URL + "/scim/v2/Users/", "no answer:"} {
		if !strings.Contains(st[2].Error, want) {
			t.Errorf("the When step's error does not say %q:\n%s", want, st[2].Error)
		}
	}
}
