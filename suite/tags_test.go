package suite

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reports"
)

// A tagged run given only the files forTags keeps selects the very
// scenarios it selects given every file, for filters of each shape godog
// takes; a filter that a scenario may match without any tag keeps every
// file.
func TestForTagsSelectsWhatEveryFileSelects(t *testing.T) {
	parts, err := Load(AppZinc, "")
	if err != nil {
		t.Fatal(err)
	}
	src, err := NewSources(parts, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	all, allPaths, err := src.forTags("")
	if err != nil {
		t.Fatal(err)
	}
	every := len(all.(fstest.MapFS))
	tests := []struct {
		tags    string
		dropped bool // some file is left out
	}{
		{"", false},
		{"@OK-08", true},
		{"@OK-01,@OK-04", true},
		{"@ZN-01 && ~@admin-api", true},
		{"@push-groups,@import-groups,@users", true},
		{"@oin,@aiw", true},
		{"@okta-doc && @OK-31", true},
		{"OK-03", true}, // godog drops every "@"
		{"~@admin-api", false},
		{"@OK-02,~@oin", false},
		{"@nothing-has-this", false}, // no file kept would be none: all are
	}
	for _, tc := range tests {
		t.Run(tc.tags, func(t *testing.T) {
			fsys, paths, err := src.forTags(tc.tags)
			if err != nil {
				t.Fatal(err)
			}
			kept := len(fsys.(fstest.MapFS))
			if dropped := kept < every; dropped != tc.dropped {
				t.Fatalf("%d of %d files kept; want some left out: %v", kept, every, tc.dropped)
			}
			if !tc.dropped {
				if !slices.Equal(paths, allPaths) {
					t.Errorf("paths %v, want every mount's %v", paths, allPaths)
				}
				return // the very run godog would have had
			}
			want := selected(t, all, allPaths, tc.tags)
			if got := selected(t, fsys, paths, tc.tags); !slices.Equal(got, want) {
				t.Errorf("%d scenarios selected from the files kept, %d from every file:\n%v\nwant\n%v", len(got), len(want), got, want)
			}
			if len(want) == 0 {
				t.Errorf("%q selects no scenario: the case proves nothing", tc.tags)
			}
		})
	}
}

// selected are the scenarios (file:line) godog selects by tags from the
// feature files of fsys under paths, each run with no step defined.
func selected(t *testing.T, fsys fs.FS, paths []string, tags string) []string {
	t.Helper()
	var out bytes.Buffer
	godog.TestSuite{Name: "tags", Options: &godog.Options{Format: "cucumber", Output: &out, FS: fsys, Paths: paths, Tags: tags}}.Run()
	scs, err := reports.FromCucumber(&out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	var ids []string
	for _, sc := range scs {
		ids = append(ids, fmt.Sprintf("%s:%d", sc.URI, sc.Line))
	}
	return ids
}
