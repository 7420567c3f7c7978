package steps_test

import (
	"bytes"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/steps"
)

// TestVocabularyExamples checks that every step's example matches its own
// pattern and no other, so that `scimharness steps` shows usable examples
// and godog (Strict) never finds a step ambiguous.
func TestVocabularyExamples(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range steps.Vocabulary() {
		if !strings.HasPrefix(d.Pattern, "^") || !strings.HasSuffix(d.Pattern, "$") {
			t.Errorf("%s: patterns are anchored with ^ and $", d.Pattern)
		}
		if seen[d.Pattern] {
			t.Errorf("%s: listed twice", d.Pattern)
		}
		seen[d.Pattern] = true
		first, _, _ := strings.Cut(d.Example, "\n")
		if !regexp.MustCompile(d.Pattern).MatchString(first) {
			t.Errorf("example %q does not match its pattern %s", first, d.Pattern)
		}
		if m := steps.Match(first); len(m) != 1 {
			t.Errorf("example %q matches %d patterns, want 1", first, len(m))
		}
	}
}

// TestFeatureSteps checks every step of the embedded suite: it matches
// exactly one pattern, and a scenario carries @admin-api exactly when one of
// its steps needs the Admin Console API.
func TestFeatureSteps(t *testing.T) {
	names, err := fs.Glob(features.FS, "*.feature")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, name := range names {
		b, _ := fs.ReadFile(features.FS, name)
		ids := &messages.Incrementing{}
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(b), ids.NewId)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range gherkin.Pickles(*doc, name, ids.NewId) {
			admin := false
			for _, s := range p.Steps {
				m := steps.Match(s.Text)
				if len(m) != 1 {
					t.Errorf("%s: %q: step %q matches %d patterns, want 1", name, p.Name, s.Text, len(m))
					continue
				}
				used[m[0].Pattern] = true
				admin = admin || m[0].AdminAPI
			}
			tagged := slices.ContainsFunc(p.Tags, func(tg *messages.PickleTag) bool { return tg.Name == "@admin-api" })
			if admin != tagged {
				t.Errorf("%s: %q: needs the Admin Console API: %v, tagged @admin-api: %v", name, p.Name, admin, tagged)
			}
		}
	}
	for _, d := range steps.Vocabulary() {
		if !used[d.Pattern] {
			t.Errorf("step %s is used by no scenario", d.Pattern)
		}
	}
}
