package suite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/suite"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		app, dir string
		wantApp  string // the app pack's name; "" for none
		wantErr  string
	}{
		{app: "", wantApp: "Zinc"},
		{app: suite.AppZinc, wantApp: "Zinc"},
		{app: suite.AppNone},
		{app: "acme", wantErr: `--app "acme"`},
		{dir: filepath.Join(dir, "missing"), wantErr: "--app-dir"},
		{app: suite.AppNone, dir: dir, wantErr: "exclude each other"},
		{dir: dir, wantErr: "catalogue.json"},
	} {
		p, err := suite.Load(tc.app, tc.dir)
		switch {
		case tc.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Load(%q, %q): %v, want an error with %q", tc.app, tc.dir, err, tc.wantErr)
			}
		case err != nil:
			t.Errorf("Load(%q, %q): %v", tc.app, tc.dir, err)
		case p.AppName() != tc.wantApp || len(p.List()) != 1+min(len(tc.wantApp), 1):
			t.Errorf("Load(%q, %q): app %q, %d parts", tc.app, tc.dir, p.AppName(), len(p.List()))
		}
	}
}

// TestSourcesParts checks that every feature file is mounted under its
// part, and that Part and Behaviours say which part a scenario and a
// behaviour belong to.
func TestSourcesParts(t *testing.T) {
	own := t.TempDir()
	if err := os.WriteFile(filepath.Join(own, "ours.feature"), []byte("Feature: ours\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := suite.Load(suite.AppZinc, "")
	if err != nil {
		t.Fatal(err)
	}
	src, err := suite.NewSources(p, []string{own}, false)
	if err != nil {
		t.Fatal(err)
	}
	files, err := src.Files()
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]int{}
	for _, f := range files {
		parts[src.Part(f.Name)]++
		switch {
		case strings.HasPrefix(f.Name, "features/okta/") && src.Part(f.Name) != "Okta core",
			strings.HasPrefix(f.Name, "features/zinc/") && src.Part(f.Name) != "Zinc":
			t.Errorf("%s: part %q", f.Name, src.Part(f.Name))
		}
	}
	if parts["Okta core"] < 10 || parts["Zinc"] < 10 || parts[""] != 1 {
		t.Errorf("feature files per part: %v", parts)
	}
	for _, b := range p.Behaviours() {
		if want := map[bool]string{true: "Okta core", false: "Zinc"}[strings.HasPrefix(b.ID, "OK-")]; b.Part != want || p.PartOf(b.ID) != want {
			t.Errorf("%s: part %q (PartOf %q), want %q", b.ID, b.Part, p.PartOf(b.ID), want)
		}
	}
	if _, err := suite.NewSources(p, nil, true); err == nil {
		t.Error("--only without --features: no error")
	}
}
