package reports_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/scimharness/scimharness/features"
)

// The golden tests read testdata/catalogue.json, the suite's catalogue in
// the reports' terms as the runner maps it (the sentence is the quoted
// source). It must not drift from the catalogues of features/zinc and features/okta: -update
// regenerates it from there.
func TestCatalogueFixtureIsTheSuites(t *testing.T) {
	zinc, err := features.Zinc()
	if err != nil {
		t.Fatal(err)
	}
	core, err := features.Core()
	if err != nil {
		t.Fatal(err)
	}
	cat := append(append([]features.Behaviour(nil), zinc.Behaviours...), core.Behaviours...)
	type entry struct{ ID, Title, Provenance, Sentence string }
	want := make([]entry, 0, len(cat))
	for _, b := range cat {
		want = append(want, entry{ID: b.ID, Title: b.Title, Provenance: b.Provenance, Sentence: b.Source})
	}
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
	var got []entry
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
