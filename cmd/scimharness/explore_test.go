package main

import (
	"context"
	"testing"

	"github.com/scimharness/scimharness/explore"
	"github.com/scimharness/scimharness/reference"
)

// TestExploreFeatureReplaysRedAndGreen explores one fault end to end: the
// shrunk feature fails against the faulty server and passes against the
// clean one.
func TestExploreFeatureReplaysRedAndGreen(t *testing.T) {
	var fault reference.Fault
	for _, f := range reference.Faults() {
		if f.Name == "deactivate-keeps-groups" {
			fault = f
		}
	}
	r, err := exploreFault(context.Background(), fault, explore.PackZinc)
	if err != nil {
		t.Fatal(err)
	}
	if r.found == nil {
		t.Fatalf("explore did not find %s in %d actions", fault.Name, r.steps)
	}
	if r.replayed != "failed/passed" {
		t.Fatalf("the feature replayed %s (faulty/clean), expected failed/passed", r.replayed)
	}
}
