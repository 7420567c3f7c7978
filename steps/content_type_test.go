package steps_test

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// TestRequestsWithABodyCarryContentType runs scenarios whose setup makes
// users and groups over SCIM ("Zinc has a user", "Zinc has a group") against
// a server that refuses, with 415, any request with a body that does not say
// it is application/scim+json: every request with a body, the harness's own
// as well as Okta's, carries Okta's Content-Type.
func TestRequestsWithABodyCarryContentType(t *testing.T) {
	srv, err := reference.New(reference.Config{Token: "PRODTOKEN"})
	if err != nil {
		t.Fatal(err)
	}
	strict := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength != 0 && r.Method != http.MethodGet {
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/scim+json" {
				w.Header().Set("Content-Type", "application/scim+json")
				w.WriteHeader(http.StatusUnsupportedMediaType)
				_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"415","detail":"no Content-Type application/scim+json"}`))
				return
			}
		}
		srv.ServeHTTP(w, r)
	})
	ts := httptest.NewServer(strict)
	t.Cleanup(ts.Close)
	cfg := steps.Config{AppName: "Zinc", BaseURL: ts.URL + "/scim/v2", Token: "PRODTOKEN", HTTPClient: ts.Client()}
	// OK-12 and ZN-17 scenarios begin with "the app has a group" and "Zinc has a user".
	scs := run(t, cfg, "@OK-12,@ZN-17")
	if len(scs) == 0 {
		t.Fatal("no scenario ran")
	}
	for _, sc := range scs {
		if sc.Status != reports.Passed && sc.Status != reports.Skipped {
			t.Errorf("%s: %s%s", sc.Name, sc.Status, failedStep(sc))
		}
	}
}
