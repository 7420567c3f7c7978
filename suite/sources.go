package suite

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/features"
)

// Sources mounts the feature files a run reads: each loaded part under its
// own name (the embedded ones as "features/okta" and "features/zinc", an
// --app-dir pack under its directory's name), unless only, and each of a
// team's own feature directories under its name. Create it with NewSources.
type Sources struct {
	mounts []mount
	app    string // the app pack's name, for steps.Config.AppName
}

type mount struct {
	name string // the mount point: "features/okta", or a directory's base name
	fsys fs.FS
	part string // the part's name, "" for a team's own feature files
	// embedded is the Okta core's or the Zinc pack's, compiled in: every
	// file of it parses (features' own tests), so a run may leave out
	// those its tags cannot select (forTags).
	embedded bool
}

// NewSources mounts the parts (all but with only) and dirs.
func NewSources(parts *Parts, dirs []string, only bool) (*Sources, error) {
	s := &Sources{app: parts.AppName()}
	used := map[string]bool{}
	if !only {
		for _, p := range parts.List() {
			name := "features/" + p.Dir
			if p.Dir != features.CoreDir && p.Dir != features.ZincDir {
				name = mountName(p.Dir, used)
			}
			used[name] = true
			embedded := p.Dir == features.CoreDir || p.Dir == features.ZincDir
			s.mounts = append(s.mounts, mount{name, p.FS, p.Name, embedded})
		}
	}
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("--features %s: %w", d, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("--features %s: not a directory", d)
		}
		fsys := os.DirFS(d)
		files, err := features.FeatureFiles(fsys)
		if err != nil {
			return nil, fmt.Errorf("--features %s: %w", d, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("--features %s: no .feature file in it", d)
		}
		name := mountName(d, used)
		used[name] = true
		s.mounts = append(s.mounts, mount{name, fsys, "", false})
	}
	if len(s.mounts) == 0 {
		return nil, fmt.Errorf("--only needs at least one --features directory")
	}
	return s, nil
}

// mountName is a directory's base name, made unique among used.
func mountName(dir string, used map[string]bool) string {
	name := filepath.Base(filepath.Clean(dir))
	if name == "." || name == "/" || name == "" || name == "features" {
		name = "local"
	}
	for base, n := name, 2; used[name]; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	return name
}

// Paths are the mount points, for godog.Options.Paths.
func (s *Sources) Paths() []string {
	var out []string
	for _, m := range s.mounts {
		out = append(out, m.name)
	}
	return out
}

// Part names the part a feature file's path (as Files and the reports give
// it, "features/zinc/rename.feature") belongs to: "" for a team's own.
func (s *Sources) Part(uri string) string {
	for _, m := range s.mounts {
		if strings.HasPrefix(uri, m.name+"/") {
			return m.part
		}
	}
	return ""
}

// FS is every feature file under its mount point, for godog.Options.FS.
func (s *Sources) FS() (fs.FS, error) {
	fsys, _, err := s.forTags("")
	return fsys, err
}

// forTags is FS and Paths for a run of the scenarios tags (godog's syntax)
// selects, without the embedded feature files that cannot hold one of
// them: godog parses every file it is given, and a self-check runs a
// behaviour's few scenarios once per fault (the parsing was a fifth of a
// tagged run's CPU). A file is left out only if, for each of the tags'
// alternatives, a tag it requires is nowhere in the file's text; every
// other file, and all of them when tags is "" or an alternative requires
// no tag, is kept, as is every file of a team's own directory (whose parse
// errors the run reports). When no file would be kept, all are.
func (s *Sources) forTags(tags string) (fs.FS, []string, error) {
	files, err := s.Files()
	if err != nil {
		return nil, nil, err
	}
	required := requiredTags(tags)
	m := fstest.MapFS{}
	mounted := map[string]bool{}
	for _, f := range files {
		mt := s.mountOf(f.Name)
		if mt.embedded && required != nil && !mayMatch(string(f.Contents), required) {
			continue
		}
		m[f.Name] = &fstest.MapFile{Data: f.Contents, Mode: 0o444}
		mounted[mt.name] = true
	}
	if len(m) == 0 {
		return s.forTags("")
	}
	var paths []string
	for _, p := range s.Paths() {
		if mounted[p] {
			paths = append(paths, p)
		}
	}
	return m, paths, nil
}

// mountOf is the mount a file's path (as Files gives it) is under.
func (s *Sources) mountOf(name string) mount {
	for _, m := range s.mounts {
		if strings.HasPrefix(name, m.name+"/") {
			return m
		}
	}
	return mount{}
}

// requiredTags reads a tag filter as godog does (alternatives split at
// ",", each a conjunction split at "&&", a term negated by "~", every "@"
// dropped) and returns, per alternative, the tags it requires; nil when
// any scenario may match without one (tags "", an alternative of negations
// only, or a filter godog would not take).
func requiredTags(tags string) [][]string {
	if strings.TrimSpace(tags) == "" {
		return nil
	}
	var out [][]string
	for _, alt := range strings.Split(tags, ",") {
		var need []string
		for _, term := range strings.Split(alt, "&&") {
			term = strings.ReplaceAll(strings.TrimSpace(term), "@", "")
			if term == "" {
				return nil
			}
			if term[0] != '~' {
				need = append(need, term)
			}
		}
		if len(need) == 0 {
			return nil
		}
		out = append(out, need)
	}
	return out
}

// mayMatch reports whether a feature file's text may hold a scenario with
// every tag of one of the alternatives: gherkin splits a tag line at "@",
// so a scenario's tag t is the text "@t" in its file.
func mayMatch(text string, alternatives [][]string) bool {
	for _, need := range alternatives {
		all := true
		for _, t := range need {
			if !strings.Contains(text, "@"+t) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// Files lists every feature file as "mount/path" with its content.
func (s *Sources) Files() ([]godog.Feature, error) {
	var out []godog.Feature
	for _, m := range s.mounts {
		names, err := features.FeatureFiles(m.fsys)
		if err != nil {
			return nil, fmt.Errorf("read feature files of %s: %w", m.name, err)
		}
		for _, p := range names {
			b, err := fs.ReadFile(m.fsys, p)
			if err != nil {
				return nil, fmt.Errorf("read feature files of %s: %w", m.name, err)
			}
			out = append(out, godog.Feature{Name: path.Join(m.name, p), Contents: b})
		}
	}
	return out, nil
}

// NewSourcesFS mounts the feature files of fsys (at any depth) as name, for
// a program's or a test's own features; app is the app's name their steps
// use beside "the app" ("" for none).
func NewSourcesFS(name string, fsys fs.FS, app string) *Sources {
	return &Sources{mounts: []mount{{name, fsys, "", false}}, app: app}
}
