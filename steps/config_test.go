package steps

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestDefaultsMatchTheCLI checks the Go API's defaults against the CLI's:
// Okta's 60 second request timeout, and a client that does not follow
// redirects (a 3xx is the target's answer).
func TestDefaultsMatchTheCLI(t *testing.T) {
	if DefaultRequestTimeout != 60*time.Second {
		t.Errorf("DefaultRequestTimeout = %v, want 60s (Okta's and the CLI's)", DefaultRequestTimeout)
	}
	followed := false
	mux := http.NewServeMux()
	mux.HandleFunc("/scim/v2/Users", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	})
	mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) { followed = true })
	ts := httptest.NewServer(mux)
	defer ts.Close()

	s, err := New(Config{BaseURL: ts.URL + "/scim/v2", Token: "T"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.cfg.RequestTimeout; got != 60*time.Second {
		t.Errorf("RequestTimeout = %v, want 60s", got)
	}
	if got := s.cfg.HTTPClient.Timeout; got != 60*time.Second {
		t.Errorf("the default client's Timeout = %v, want 60s", got)
	}
	resp, err := s.cfg.HTTPClient.Get(ts.URL + "/scim/v2/Users")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || followed {
		t.Errorf("the default client answered %d (followed: %v), want the 302 itself", resp.StatusCode, followed)
	}

	// A client of the caller's own keeps its policy, and a timeout given is kept.
	own := &http.Client{}
	s, err = New(Config{BaseURL: ts.URL + "/scim/v2", Token: "T", HTTPClient: own, RequestTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if s.cfg.HTTPClient != own || s.cfg.RequestTimeout != 5*time.Second {
		t.Errorf("New replaced the caller's client or timeout")
	}
}
