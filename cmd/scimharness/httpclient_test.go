package main

import (
	"encoding/pem"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func newClient(t *testing.T, args ...string) (*http.Client, error) {
	t.Helper()
	var cf clientFlags
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	cf.register(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return cf.client()
}

func TestClientTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	block := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, block, 0o600); err != nil {
		t.Fatal(err)
	}
	notPEM := filepath.Join(t.TempDir(), "bad.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		args      []string
		buildErr  string
		requestOK bool
	}{
		"self-signed refused by default": {args: nil, requestOK: false},
		"--insecure accepts it":          {args: []string{"--insecure"}, requestOK: true},
		"--ca-cert trusts it":            {args: []string{"--ca-cert", caFile}, requestOK: true},
		"--ca-cert missing file":         {args: []string{"--ca-cert", filepath.Join(t.TempDir(), "nope.pem")}, buildErr: "--ca-cert"},
		"--ca-cert without PEM":          {args: []string{"--ca-cert", notPEM}, buildErr: "no PEM certificate"},
		"--timeout must be positive":     {args: []string{"--timeout", "0s"}, buildErr: "--timeout"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := newClient(t, tc.args...)
			if tc.buildErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.buildErr) {
					t.Fatalf("client() error = %v, want it to mention %q", err, tc.buildErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			resp, err := c.Get(srv.URL)
			if tc.requestOK != (err == nil) {
				t.Fatalf("GET %s: err = %v, want success %v", srv.URL, err, tc.requestOK)
			}
			if err == nil {
				resp.Body.Close()
			}
		})
	}
}

func TestClientDoesNotFollowRedirects(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		http.Redirect(w, r, r.URL.Path, http.StatusFound) // a loop
	}))
	defer srv.Close()
	c, err := newClient(t)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Get(srv.URL + "/scim/v2/Users")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || hits != 1 {
		t.Fatalf("status %d after %d requests, want the 302 itself after 1", resp.StatusCode, hits)
	}
}

func TestClientTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer srv.Close()
	defer close(release)
	c, err := newClient(t, "--timeout", "50ms")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(srv.URL)
	if err == nil {
		t.Fatal("a server that never answers: want a timeout error")
	}
	if !strings.Contains(err.Error(), "Timeout") && !strings.Contains(err.Error(), "timeout") {
		t.Fatalf("error %v does not say it timed out", err)
	}
}

// TestClientSpeaksHTTP1: Okta's SCIM client speaks HTTP/1.1, so the harness
// does too, also against a TLS target that offers HTTP/2 (ALPN h2).
func TestClientSpeaksHTTP1(t *testing.T) {
	protos := make(chan string, 1)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		protos <- r.Proto
		w.WriteHeader(http.StatusNoContent)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	c, err := newClient(t, "--insecure")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := <-protos; got != "HTTP/1.1" || resp.Proto != "HTTP/1.1" {
		t.Fatalf("the request arrived as %s and the answer came as %s, want HTTP/1.1 both", got, resp.Proto)
	}
}
