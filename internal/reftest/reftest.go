// Package reftest serves the reference server for the tests of the other
// packages (the CLI's, the steps', the load wave's), so that each does not
// write its own: call Start from a test.
package reftest

import (
	"net/http/httptest"
	"testing"

	"github.com/scimharness/scimharness/reference"
)

// The tokens of a server Start serves.
const (
	Token        = "PRODTOKEN"
	SandboxToken = "SANDTOKEN"
	AdminToken   = "ADMINTOKEN"
)

// Config is the usual configuration of a test's reference server: Token and
// SandboxToken, AdminToken (the Admin Console API) when admin is true, and
// the fault modes faults. Change what a test needs before calling Start.
func Config(admin bool, faults ...string) reference.Config {
	cfg := reference.Config{Token: Token, SandboxToken: SandboxToken, Faults: faults}
	if admin {
		cfg.AdminToken = AdminToken
	}
	return cfg
}

// Start serves a reference server configured by cfg (see Config) on an
// httptest server that is closed when the test ends. The SCIM base URL is
// URL+"/scim/v2". A configuration the server refuses (an unknown fault) fails
// the test.
func Start(t testing.TB, cfg reference.Config) *httptest.Server {
	t.Helper()
	srv, err := reference.New(cfg)
	if err != nil {
		t.Fatalf("reftest: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}
