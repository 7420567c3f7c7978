package main

import (
	"testing"

	"github.com/scimharness/scimharness/reference"
)

// TestEntitlementFaultsAreNotExplored checks which faults selfcheck
// --explore leaves to the suite: those of OK-23..OK-30, and no other.
func TestEntitlementFaultsAreNotExplored(t *testing.T) {
	for id, want := range map[string]bool{"OK-22": false, "OK-23": true, "OK-30": true, "OK-31": false, "ZN-23": false, "OK-2x": false, "": false} {
		if got := entitlementBehaviour(id); got != want {
			t.Errorf("entitlementBehaviour(%q) = %v, want %v", id, got, want)
		}
	}
	n := 0
	for _, f := range reference.Faults() {
		if entitlementBehaviour(f.Behaviour) {
			n++
		}
	}
	if n != 8 {
		t.Errorf("%d faults of OK-23..30, want the 8 of docs/okta-entitlements-and-schema.md", n)
	}
}
