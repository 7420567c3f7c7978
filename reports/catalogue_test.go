package reports_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/suite"
)

// The golden tests read testdata/catalogue.json, the suite's catalogue in
// the reports' terms as the runner maps it (the sentence is the quoted
// source). It must not drift from the catalogues of features/zinc and features/okta: -update
// regenerates it from there.
func TestCatalogueFixtureIsTheSuites(t *testing.T) {
	parts, err := suite.Load(suite.AppZinc, "")
	if err != nil {
		t.Fatal(err)
	}
	want := parts.Behaviours()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(want); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "catalogue.json")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []reports.Behaviour
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%s has %d behaviours, the catalogues %d (rerun with -update)", path, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s entry %d differs from the catalogues (rerun with -update):\ngot:  %+v\nwant: %+v", path, i, got[i], want[i])
		}
	}
}
