package docs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// backticked is a path in backticks, such as `features/okta/oauth.feature`.
var backticked = regexp.MustCompile("`([A-Za-z0-9_.-]+/[A-Za-z0-9_./*-]*)`")

// TestRepositoryPathsExist fails for a path in backticks in README.md,
// CONTRIBUTING.md or a document under docs/ that starts with one of the
// repository's own directories but names nothing there: a file moved or
// removed and its mention left behind. Lines of a "Sources" section name
// other repositories' files and are left out.
func TestRepositoryPathsExist(t *testing.T) {
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatalf("read the repository root: %v", err)
	}
	own := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && e.Name() != "bin" && e.Name() != "scim-reports" {
			own[e.Name()] = true
		}
	}
	docs, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"../README.md", "../CONTRIBUTING.md"}
	for _, d := range docs {
		names = append(names, d)
	}
	checked := 0
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		inSources := false
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "#") {
				inSources = strings.Contains(strings.ToLower(line), "sources")
			}
			if inSources {
				continue
			}
			for _, m := range backticked.FindAllStringSubmatch(line, -1) {
				p := strings.TrimRight(m[1], "/.")
				if !own[strings.SplitN(p, "/", 2)[0]] {
					continue
				}
				checked++
				found, err := filepath.Glob(filepath.Join("..", filepath.FromSlash(p)))
				if err != nil || len(found) == 0 {
					t.Errorf("%s:%d: names `%s`, which is not in the repository (moved or removed?)", strings.TrimPrefix(name, "../"), i+1, p)
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("checked %d paths, expected at least 20: did the README's form of paths change?", checked)
	}
}
