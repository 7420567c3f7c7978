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
			s.mounts = append(s.mounts, mount{name, p.FS, p.Name})
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
		s.mounts = append(s.mounts, mount{name, fsys, ""})
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
	files, err := s.Files()
	if err != nil {
		return nil, err
	}
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Name] = &fstest.MapFile{Data: f.Contents, Mode: 0o444}
	}
	return m, nil
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
	return &Sources{mounts: []mount{{name, fsys, ""}}, app: app}
}
