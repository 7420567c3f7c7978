package docs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mdLink is a Markdown link or image, [text](target) or ![alt](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// readmeLimit is the size of a README read in five minutes; what is longer
// belongs on a page under docs/ with a link from README.
const readmeLimit = 12 * 1024

// pages returns README.md, CONTRIBUTING.md and every document under docs/,
// as paths relative to this directory.
func pages(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 10 {
		t.Fatalf("found %d documents under docs/, expected at least 10", len(docs))
	}
	return append([]string{"../README.md", "../CONTRIBUTING.md"}, docs...)
}

// TestRelativeLinksResolve fails for a relative Markdown link, in README.md,
// CONTRIBUTING.md or any document under docs/, to a file that is not where
// the link points (links resolve against the linking file's directory, as
// GitHub renders them).
func TestRelativeLinksResolve(t *testing.T) {
	checked := 0
	for _, name := range pages(t) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				target, _, _ = strings.Cut(target, "#")
				checked++
				p := filepath.Join(filepath.Dir(name), filepath.FromSlash(target))
				if _, err := os.Stat(p); err != nil {
					t.Errorf("%s:%d: links to %s, which is not there (%s relative to the repository's docs/)", strings.TrimPrefix(name, "../"), i+1, m[1], p)
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("checked %d relative links, expected at least 20: did the link form change?", checked)
	}
}

// TestReadmeLinksEveryPage fails when a document under docs/ has no link from
// README.md (a page no newcomer can find), or README.md grows past
// readmeLimit.
func TestReadmeLinksEveryPage(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > readmeLimit {
		t.Errorf("README.md is %d bytes, over %d: move the detail to a page under docs/ and link it", len(b), readmeLimit)
	}
	linked := map[string]bool{}
	for _, m := range mdLink.FindAllSubmatch(b, -1) {
		linked[filepath.Clean(string(m[1]))] = true
	}
	for _, name := range pages(t)[2:] {
		if !linked[filepath.Join("docs", name)] {
			t.Errorf("docs/%s has no link from README.md", name)
		}
	}
}
