package explore

import (
	"testing"

	"github.com/scimharness/scimharness/reference"
)

// refTarget is the reference server with faults, in process.
func refTarget(tb testing.TB, faults ...string) Target {
	tb.Helper()
	srv, err := reference.New(reference.Config{Token: "tok-prod-123456", SandboxToken: "tok-sandbox-123456", AdminToken: "tok-admin-123456", Faults: faults})
	if err != nil {
		tb.Fatal(err)
	}
	return Target{BaseURL: "http://ref.test/scim/v2", Token: "tok-prod-123456", SandboxURL: "http://ref.test/sandbox/scim/v2",
		SandboxToken: "tok-sandbox-123456", AdminURL: "http://ref.test/admin", AdminToken: "tok-admin-123456",
		Transport: HandlerTransport(srv)}
}
