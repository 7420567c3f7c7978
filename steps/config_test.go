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

// TestDefaultClientSpeaksHTTP1: the default client speaks HTTP/1.1 only, as
// Okta's client and the CLI's do, also to a TLS target that offers HTTP/2.
func TestDefaultClientSpeaksHTTP1(t *testing.T) {
	protos := make(chan string, 1)
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		protos <- r.Proto
	}))
	ts.EnableHTTP2 = true
	ts.StartTLS()
	defer ts.Close()
	s, err := New(Config{BaseURL: ts.URL + "/scim/v2", Token: "T"})
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := s.cfg.HTTPClient.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("the default client's transport is %T, want an *http.Transport", s.cfg.HTTPClient.Transport)
	}
	tr.TLSClientConfig = ts.Client().Transport.(*http.Transport).TLSClientConfig.Clone() // trust the test certificate
	resp, err := s.cfg.HTTPClient.Get(ts.URL + "/scim/v2/Users")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := <-protos; got != "HTTP/1.1" || resp.Proto != "HTTP/1.1" {
		t.Fatalf("the request arrived as %s and the answer came as %s, want HTTP/1.1 both", got, resp.Proto)
	}
}
