package docs

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// protocolDoc is the document that code and features cite for Okta's facts.
const protocolDoc = "okta-protocol.md"

// The patterns are split so that this file does not match itself.
var (
	// outsidePaths are citations of files that are not in the repository: the
	// research folder the project was started from.
	outsidePaths = regexp.MustCompile(`shared` + `/`)
	// oldName is the name the code used for those research notes.
	oldName = regexp.MustCompile(`(?i)protocol` + ` notes`)

	// cite finds a citation of a document under docs/; what follows it is
	// read by citedAfter.
	cite = regexp.MustCompile(`docs/([A-Za-z0-9_-]+\.md)`)
	// lineJoin turns a citation broken over comment or description lines back
	// into one line.
	lineJoin = regexp.MustCompile(`[ \t]*\r?\n[ \t]*(?://|#)?[ \t]*`)
	// nextSection is one "§N.N" of a list after the citation, with the
	// qualifiers that may follow it ("step 4", "C9304").
	nextSection = regexp.MustCompile(`^[ \t]*(?:,|;|–|-|and|or|to)?[ \t]*§(\d+(?:\.\d+)*)(?:[ \t]+(?:step[ \t]+\d+|C\d+))*`)
	// sourceList is the parenthesized list of source IDs that may follow the
	// sections: "(S1, S14 C9335)".
	sourceList = regexp.MustCompile(`^[ \t]*\(([^)]*)\)`)
	sourceID   = regexp.MustCompile(`\bS(\d+)[a-e]?\b`)

	heading = regexp.MustCompile(`(?m)^#{1,6}[ \t]+(\d+(?:\.\d+)*)\.?[ \t]`)
	// listItem is a numbered item of a list at the left margin: in a
	// section "## 1.", its item "3." is §1.3 (docs/okta-oauth.md's form).
	listItem    = regexp.MustCompile(`^(\d+)\.[ \t]`)
	sourceEntry = regexp.MustCompile(`(?m)^- \*\*S(\d+)\*\*`)
	// ownSection is a "§N" inside the protocol document; those after "RFC
	// 7644 " are the RFC's and are left out by the caller.
	ownSection = regexp.MustCompile(`(RFC \d+ )?§(\d+(?:\.\d+)*)`)
)

// citation is one "okta-protocol.md §…" found in a file.
type citation struct {
	sections []string // "2.3", "9.1"
	sources  []string // "1", "14": the numbers of S1, S14
}

// citedAfter reads the sections and source IDs of the citation that ends at
// the start of text.
func citedAfter(text string) citation {
	if len(text) > 400 {
		text = text[:400]
	}
	text = lineJoin.ReplaceAllString(text, " ")
	var c citation
	for {
		m := nextSection.FindStringSubmatchIndex(text)
		if m == nil {
			break
		}
		c.sections = append(c.sections, text[m[2]:m[3]])
		text = text[m[1]:]
	}
	if len(c.sections) == 0 {
		return c
	}
	if m := sourceList.FindStringSubmatch(text); m != nil {
		for _, s := range sourceID.FindAllStringSubmatch(m[1], -1) {
			c.sources = append(c.sources, s[1])
		}
	}
	return c
}

// repoFiles returns every text file of the repository (relative to its root,
// with slashes) and its contents, leaving out what git ignores for this
// project (reports, binaries) and this test itself.
func repoFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	skipDirs := map[string]bool{".git": true, "scim-reports": true, "bin": true, "node_modules": true}
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "docs/citations_test.go" || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(b, 0) >= 0 {
			return nil // binary: report.png, a built scimharness
		}
		files[rel] = b
		return nil
	})
	if err != nil {
		t.Fatalf("walk the repository at %s: %v", root, err)
	}
	return files
}

// lineOf is the 1-based line of offset i in b.
func lineOf(b []byte, i int) int { return bytes.Count(b[:i], []byte("\n")) + 1 }

// TestNothingCitedOutsideTheRepository fails for any file that cites the
// research folder outside the repository, or the research notes by their old
// name: what a reader needs is in docs/ (okta-protocol.md for Okta's client,
// features/zinc/catalogue.json for Zinc's behaviours).
func TestNothingCitedOutsideTheRepository(t *testing.T) {
	files := repoFiles(t, "..")
	if _, ok := files["docs/"+protocolDoc]; !ok {
		t.Fatalf("the walk of the repository found no docs/%s; walked %d files", protocolDoc, len(files))
	}
	for _, name := range sortedKeys(files) {
		b := files[name]
		for _, re := range []*regexp.Regexp{outsidePaths, oldName} {
			for _, m := range re.FindAllIndex(b, -1) {
				t.Errorf("%s:%d: cites %q, which is not in the repository: cite docs/%s §N (or features/zinc/catalogue.json) instead",
					name, lineOf(b, m[0]), b[m[0]:m[1]], protocolDoc)
			}
		}
	}
}

// TestCitedSectionsExist fails for a citation "docs/NAME.md §N" of a document
// that is not under docs/, or of a section that it has neither as a numbered
// heading nor as a numbered item of a numbered section; and for a cited source
// ID that docs/okta-protocol.md does not list. It checks every file of the
// repository, the documents included, and okta-protocol.md's own
// cross-references and source IDs.
func TestCitedSectionsExist(t *testing.T) {
	files := repoFiles(t, "..")
	doc, ok := files["docs/"+protocolDoc]
	if !ok {
		t.Fatalf("docs/%s is missing", protocolDoc)
	}
	sections := map[string]map[string]bool{} // document name, then section
	for name, b := range files {
		if d, ok := strings.CutPrefix(name, "docs/"); ok && strings.HasSuffix(d, ".md") && !strings.Contains(d, "/") {
			sections[d] = sectionsOf(b)
		}
	}
	sources := map[string]bool{}
	for _, m := range sourceEntry.FindAllSubmatch(doc, -1) {
		sources[string(m[1])] = true
	}
	if len(sections[protocolDoc]) < 30 || len(sources) < 30 {
		t.Fatalf("docs/%s: found %d numbered headings and %d sources, expected the whole document (at least 30 of each)", protocolDoc, len(sections[protocolDoc]), len(sources))
	}

	cited := 0
	for _, name := range sortedKeys(files) {
		b := files[name]
		for _, m := range cite.FindAllSubmatchIndex(b, -1) {
			target := string(b[m[2]:m[3]])
			c := citedAfter(string(b[m[1]:]))
			have, exists := sections[target]
			if !exists {
				if len(c.sections) > 0 {
					t.Errorf("%s:%d: cites docs/%s §%s, and there is no docs/%s", name, lineOf(b, m[0]), target, c.sections[0], target)
				}
				continue
			}
			for _, s := range c.sections {
				if target == protocolDoc {
					cited++
				}
				if !have[s] {
					t.Errorf("%s:%d: cites docs/%s §%s, which has no such section", name, lineOf(b, m[0]), target, s)
				}
			}
			for _, s := range c.sources {
				if !sources[s] {
					t.Errorf("%s:%d: cites source S%s, which docs/%s does not list under Sources", name, lineOf(b, m[0]), s, protocolDoc)
				}
			}
		}
	}
	if cited < 50 {
		t.Errorf("found %d citations of docs/%s §N in the repository, expected at least 50: is the citation form still \"docs/%s §N\"?", cited, protocolDoc, protocolDoc)
	}

	// The protocol document's own cross-references and source IDs.
	for _, m := range ownSection.FindAllSubmatchIndex(doc, -1) {
		if m[2] >= 0 {
			continue // an RFC's section
		}
		if s := string(doc[m[4]:m[5]]); !sections[protocolDoc][s] {
			t.Errorf("docs/%s:%d: refers to §%s, which has no heading", protocolDoc, lineOf(doc, m[0]), s)
		}
	}
	for _, m := range sourceID.FindAllSubmatchIndex(doc, -1) {
		if s := string(doc[m[2]:m[3]]); !sources[s] {
			t.Errorf("docs/%s:%d: names source S%s, which is not listed under Sources", protocolDoc, lineOf(doc, m[0]), s)
		}
	}
}

// sectionsOf returns the section numbers of a Markdown document: those of its
// numbered headings ("## 5.", "### 5.1"), and N.K for the K-th numbered item
// at the left margin of a section numbered N.
func sectionsOf(b []byte) map[string]bool {
	out := map[string]bool{}
	for _, m := range heading.FindAllSubmatch(b, -1) {
		out[string(m[1])] = true
	}
	current := ""
	for _, line := range strings.Split(string(b), "\n") {
		if m := heading.FindStringSubmatch(line + " "); m != nil {
			current = m[1]
			continue
		}
		if strings.HasPrefix(line, "#") {
			current = ""
			continue
		}
		if m := listItem.FindStringSubmatch(line); m != nil && current != "" {
			out[current+"."+m[1]] = true
		}
	}
	return out
}

// TestCitedAfter holds the citation reader to the forms the repository uses.
func TestCitedAfter(t *testing.T) {
	tests := map[string]struct {
		text string
		want citation
	}{
		"one section":         {" §2.3)", citation{sections: []string{"2.3"}}},
		"a list":              {" §2.2, §7.3).", citation{sections: []string{"2.2", "7.3"}}},
		"Go comment wrap":     {"\n// §3.1, §9.4 C9304, C9338).", citation{sections: []string{"3.1", "9.4"}}},
		"feature wrap":        {"\n  §7.5)\n\n  Scenario:", citation{sections: []string{"7.5"}}},
		"step and sources":    {" §9.1 step 4 (S9)\"", citation{sections: []string{"9.1"}, sources: []string{"9"}}},
		"two and sources":     {" §2.3, §2.4 (S1, S9)", citation{sections: []string{"2.3", "2.4"}, sources: []string{"1", "9"}}},
		"case and letter":     {" §2.1 (S1, S14 C9335)", citation{sections: []string{"2.1"}, sources: []string{"1", "14"}}},
		"whole section colon": {" §5: PATCH active false", citation{sections: []string{"5"}}},
		"semicolon":           {" §6; GET then PUT", citation{sections: []string{"6"}}},
		"sentence end":        {" §0.", citation{sections: []string{"0"}}},
		"no section":          {", sections 0 to 8); each", citation{}},
		"no sources list":     {" §8.3 (protocol)", citation{sections: []string{"8.3"}}},
		"a later section":     {" for this. RFC 7644 §3.12", citation{}},
		"a range":             {" §1.1–§1.3, §1.7 (Okta: auth-settings)", citation{sections: []string{"1.1", "1.3", "1.7"}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := citedAfter(tc.text); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("citedAfter(%q) = %+v, want %+v", tc.text, got, tc.want)
			}
		})
	}
}

// TestOutsidePatterns holds the two patterns of TestNothingCitedOutsideTheRepository
// to what they must and must not find.
func TestOutsidePatterns(t *testing.T) {
	tests := map[string]struct {
		text string
		want bool
	}{
		"research path": {"(see " + "shared" + "/reference/x.md)", true},
		"seeds":         {"the seeds in " + "shared" + "/seeds/", true},
		"old name":      {"(Okta SCIM " + "Protocol" + " notes §1.3)", true},
		"prose":         {"a shared organization, shared by scenarios", false},
		"the new form":  {"(docs/okta-protocol.md §1.3)", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := outsidePaths.MatchString(tc.text) || oldName.MatchString(tc.text)
			if got != tc.want {
				t.Errorf("match(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestSectionsOf holds sectionsOf to the two forms of section the documents use.
func TestSectionsOf(t *testing.T) {
	doc := "# Title\n\n## 0. Profiles\n\n### 1.1 Test\n\n## 2. Lists\n\n1. **One.** x\n2. **Two.**\n   3. indented, not an item\n\n### 2.5 Sub\n\n4. under 2.5\n\n# Unnumbered\n\n5. not an item\n"
	want := map[string]bool{"0": true, "1.1": true, "2": true, "2.1": true, "2.2": true, "2.5": true, "2.5.4": true}
	if got := sectionsOf([]byte(doc)); !reflect.DeepEqual(got, want) {
		t.Errorf("sectionsOf = %v, want %v", got, want)
	}
}
