package steps_test

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/steps"
)

// TestVocabularyExamples checks that every step's example matches its own
// pattern and no other, so that `scimharness steps` shows usable examples
// and godog (Strict) never finds a step ambiguous.
func TestVocabularyExamples(t *testing.T) {
	for _, app := range []string{"", "Zinc", "Acme Chat"} {
		checkExamples(t, app)
	}
}

func checkExamples(t *testing.T, app string) {
	seen := map[string]bool{}
	match := steps.NewMatcher(app)
	for _, d := range steps.VocabularyFor(app) {
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
		if m := match.Match(first); len(m) != 1 {
			t.Errorf("app %q: example %q matches %d patterns, want 1", app, first, len(m))
		}
	}
}

// TestFeatureSteps checks every step of the embedded parts: it matches
// exactly one pattern (the Okta core's in the app-neutral wording, Zinc's
// with Zinc's name), and a scenario carries @admin-api exactly when one of
// its steps needs the Admin Console API.
func TestFeatureSteps(t *testing.T) {
	core, err := features.Core()
	if err != nil {
		t.Fatal(err)
	}
	zinc, err := features.Zinc()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, p := range []*features.Pack{core, zinc} {
		checkSteps(t, p, used)
	}
	// The example pack of docs/app-packs.md is written with the same steps.
	example, err := features.LoadPack(os.DirFS("../examples/packs/chirp"), "examples/packs/chirp")
	if err != nil {
		t.Fatal(err)
	}
	checkSteps(t, example, map[string]bool{})
	zincDocs := steps.VocabularyFor("Zinc")
	for i, d := range steps.Vocabulary() {
		if !used[d.Pattern] && !used[zincDocs[i].Pattern] {
			t.Errorf("step %s is used by no scenario", d.Pattern)
		}
	}
}

// checkSteps checks the steps of p's feature files, and marks the patterns
// they use.
func checkSteps(t *testing.T, p *features.Pack, used map[string]bool) {
	t.Helper()
	names, err := features.FeatureFiles(p.FS)
	if err != nil {
		t.Fatal(err)
	}
	match := steps.NewMatcher(p.App)
	for _, name := range names {
		b, _ := fs.ReadFile(p.FS, name)
		name = p.Dir + "/" + name
		ids := &messages.Incrementing{}
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(b), ids.NewId)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, pk := range gherkin.Pickles(*doc, name, ids.NewId) {
			admin := false
			for _, s := range pk.Steps {
				m := match.Match(s.Text)
				if len(m) != 1 {
					t.Errorf("%s: %q: step %q matches %d patterns, want 1", name, pk.Name, s.Text, len(m))
					continue
				}
				used[m[0].Pattern] = true
				admin = admin || m[0].AdminAPI
			}
			tagged := slices.ContainsFunc(pk.Tags, func(tg *messages.PickleTag) bool { return tg.Name == "@admin-api" })
			if admin != tagged {
				t.Errorf("%s: %q: needs the Admin Console API: %v, tagged @admin-api: %v", name, pk.Name, admin, tagged)
			}
		}
	}
}
