package explore

import (
	"context"
	"os"
	"testing"

	"github.com/scimharness/scimharness/reference"
)

func TestSmoke(t *testing.T) {
	res, err := Run(context.Background(), Config{Target: refTarget(t), Pack: PackZinc, Seed: 1, Steps: 3000})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("clean: %d steps %d scenarios %v", res.Steps, res.Scenarios, res.Elapsed)
	if res.Finding != nil {
		WriteFeature(os.Stdout, res.Finding)
		t.Fatalf("clean: %v\n%s", res.Finding.Violation, res.Finding.Violation.Evidence)
	}
	for _, f := range reference.Faults() {
		res, err := Run(context.Background(), Config{Target: refTarget(t, f.Name), Pack: PackZinc, Seed: 1, Steps: 3000})
		if err != nil {
			t.Fatal(err)
		}
		if res.Finding == nil {
			t.Logf("%-32s NOT FOUND", f.Name)
			continue
		}
		t.Logf("%-32s found after %d steps, shrunk %d -> %d: %s", f.Name, res.Steps, res.Finding.Original, len(res.Finding.Scenario.Actions), res.Finding.Violation.Invariant)
	}
}
