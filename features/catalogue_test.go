package features_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/scimharness/scimharness/features"
)

type scenario struct {
	uri, name string
	tags      []string
}

// examplePack is the example app pack of docs/app-packs.md.
const examplePack = "../examples/packs/chirp"

// parts are the embedded parts, the core first, then the example pack, whose
// catalogue and features keep the same rules.
func parts(t *testing.T) []*features.Pack {
	t.Helper()
	example, err := features.LoadPack(os.DirFS(examplePack), examplePack)
	if err != nil {
		t.Fatal(err)
	}
	core, err := features.Core()
	if err != nil {
		t.Fatal(err)
	}
	zinc, err := features.Zinc()
	if err != nil {
		t.Fatal(err)
	}
	return []*features.Pack{core, zinc, example}
}

// suite parses every feature file of p into its scenarios (one per Examples
// row of an outline), as godog runs them.
func suite(t *testing.T, p *features.Pack) ([]scenario, []*messages.GherkinDocument) {
	t.Helper()
	names, err := features.FeatureFiles(p.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("%s: no feature files", p.Dir)
	}
	var out []scenario
	var docs []*messages.GherkinDocument
	for _, name := range names {
		b, err := fs.ReadFile(p.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		ids := &messages.Incrementing{}
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(b), ids.NewId)
		if err != nil {
			t.Fatalf("%s/%s: %v", p.Dir, name, err)
		}
		doc.Uri = path.Join(p.Dir, name)
		docs = append(docs, doc)
		for _, pk := range gherkin.Pickles(*doc, doc.Uri, ids.NewId) {
			s := scenario{uri: doc.Uri, name: pk.Name}
			for _, tg := range pk.Tags {
				s.tags = append(s.tags, tg.Name)
			}
			out = append(out, s)
		}
	}
	return out, docs
}

func TestCatalogueLoads(t *testing.T) {
	ps := parts(t)
	// Zinc's are ZN-01..27 in order. The core's IDs increase: OK-01..18 of
	// behaviours.md, then the later ones, whose ranges are reserved per
	// piece of work, so a range may not be taken yet.
	zinc := ps[1].Behaviours
	if len(zinc) != 27 {
		t.Errorf("zinc has %d behaviours, want 27", len(zinc))
	}
	for i, b := range zinc {
		if want := "ZN-" + twoDigits(i+1); b.ID != want {
			t.Errorf("zinc: entry %d: id %s, want %s (catalogue order)", i, b.ID, want)
		}
	}
	core := ps[0].Behaviours
	if len(core) < 18 {
		t.Fatalf("okta has %d behaviours, want at least the 18 of behaviours.md", len(core))
	}
	prev := 0
	for i, b := range core {
		n := 0
		if len(b.ID) == 5 {
			n = int(b.ID[3]-'0')*10 + int(b.ID[4]-'0')
		}
		switch {
		case n <= prev:
			t.Errorf("okta: entry %d: id %s, want an OK ID after OK-%s (catalogue order)", i, b.ID, twoDigits(prev))
		case i < 18 && n != i+1:
			t.Errorf("okta: entry %d: id %s, want OK-%s (behaviours.md)", i, b.ID, twoDigits(i+1))
		}
		prev = max(prev, n)
	}
	if ps[1].App != "Zinc" || ps[1].Name != "Zinc" || ps[0].Name != "Okta core" || ps[0].App != "" {
		t.Errorf("names: core %q (app %q), zinc %q (app %q)", ps[0].Name, ps[0].App, ps[1].Name, ps[1].App)
	}
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

// TestEveryBehaviourIsTagged checks each part's catalogue against its
// scenarios: every ID tags a scenario of the part that carries the ID's own
// provenance, and every behaviour tag of a scenario names an ID of its own
// part's catalogue (an Okta-core scenario never carries a ZN tag, nor a Zinc
// one an OK tag: each verdict comes from its own part).
func TestEveryBehaviourIsTagged(t *testing.T) {
	for _, p := range parts(t) {
		known := map[string]features.Behaviour{}
		for _, b := range p.Behaviours {
			known[b.Tag()] = b
		}
		scenarios, _ := suite(t, p)
		covered := map[string]bool{}
		for _, s := range scenarios {
			prov := ""
			for _, tg := range s.tags {
				if features.IsProvenanceTag(tg) {
					prov = tg
				}
			}
			for _, tg := range s.tags {
				if b, ok := known[tg]; ok && prov == "@"+b.Provenance {
					covered[b.ID] = true
				}
				if features.IsBehaviourTag(tg) && known[tg].ID == "" {
					t.Errorf("%s: %q: tag %s is not in the catalogue of %s", s.uri, s.name, tg, p.Dir)
				}
			}
		}
		for _, b := range p.Behaviours {
			if !covered[b.ID] {
				t.Errorf("%s (%s) tags no scenario of %s that also carries @%s", b.ID, b.Title, p.Dir, b.Provenance)
			}
		}
	}
}

// TestCoreIsAppNeutral checks that no Okta-core feature file names Zinc:
// the core holds for any app, and its steps say "the app".
func TestCoreIsAppNeutral(t *testing.T) {
	core := parts(t)[0]
	names, err := features.FeatureFiles(core.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, _ := fs.ReadFile(core.FS, name)
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "Zinc") {
				t.Errorf("%s/%s:%d names Zinc: %s", core.Dir, name, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// TestScenarioTags checks the tagging rules of every scenario.
func TestScenarioTags(t *testing.T) {
	names := map[string]string{}
	for _, p := range parts(t) {
		scenarios, _ := suite(t, p)
		for _, s := range scenarios {
			where := s.uri + ": " + s.name
			var prov, behaviours []string
			for _, tg := range s.tags {
				switch {
				case features.IsProvenanceTag(tg):
					prov = append(prov, tg)
				case features.IsBehaviourTag(tg):
					behaviours = append(behaviours, tg)
				}
			}
			if len(prov) != 1 {
				t.Errorf("%s: %d provenance tags %v, want exactly one of @documented, @okta-doc, @inferred", where, len(prov), prov)
			}
			if len(behaviours) == 0 {
				t.Errorf("%s: no behaviour tag (@%s-nn)", where, p.Prefix)
			}
			oin, aiw := slices.Contains(s.tags, "@oin"), slices.Contains(s.tags, "@aiw")
			if oin && aiw {
				t.Errorf("%s: tagged both @oin and @aiw", where)
			}
			if strings.Contains(s.name, "(OIN)") && !oin || strings.Contains(s.name, "(AIW)") && !aiw {
				t.Errorf("%s: the name names a profile that its tags (%v) do not", where, s.tags)
			}
			if prev, dup := names[s.name]; dup {
				t.Errorf("%s: the same scenario name is in %s; names must be unique across the suite", where, prev)
			}
			names[s.name] = s.uri
		}
	}
}

// TestEveryBehaviourIsQuoted checks that each catalogue behaviour's source
// sentence is quoted in the description of a feature whose scenarios carry its
// ID: the whole sentence, or a quoted part of it of at least minQuoted
// characters (all of it when shorter), whitespace and line breaks aside. A
// quote may skip words with "…"; each piece must then be in the source.
func TestEveryBehaviourIsQuoted(t *testing.T) {
	const minQuoted = 40
	for _, p := range parts(t) {
		checkQuoted(t, p, minQuoted)
	}
}

func checkQuoted(t *testing.T, p *features.Pack, minQuoted int) {
	_, docs := suite(t, p)
	for _, b := range p.Behaviours {
		source := squash(b.Source)
		want := min(minQuoted, len(source))
		var tagged []string
		found := false
		for _, d := range docs {
			if d.Feature == nil || !carries(d.Feature, b.Tag()) {
				continue
			}
			tagged = append(tagged, d.Uri)
			desc := squash(d.Feature.Description)
			if strings.Contains(desc, source) {
				found = true
				break
			}
			for _, q := range quotedParts(desc) {
				if len(q) >= want && strings.Contains(source, q) {
					found = true
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			t.Errorf("%s: no feature whose scenarios carry %s (%v) quotes its source %q (%s)", b.ID, b.Tag(), tagged, b.Source, b.SourceDocument)
		}
	}
}

// carries reports whether the feature, or a scenario or Examples of it, has
// the tag.
func carries(f *messages.Feature, tag string) bool {
	has := func(tags []*messages.Tag) bool {
		return slices.ContainsFunc(tags, func(t *messages.Tag) bool { return t.Name == tag })
	}
	if has(f.Tags) {
		return true
	}
	for _, c := range f.Children {
		scs := []*messages.Scenario{c.Scenario}
		if c.Rule != nil {
			scs = nil
			for _, rc := range c.Rule.Children {
				scs = append(scs, rc.Scenario)
			}
		}
		for _, sc := range scs {
			if sc == nil {
				continue
			}
			if has(sc.Tags) {
				return true
			}
			for _, ex := range sc.Examples {
				if has(ex.Tags) {
					return true
				}
			}
		}
	}
	return false
}

// squash collapses runs of white space into one space.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// quotedParts returns the pieces of the description's quotations ("…"),
// split where a quote skips words ("…" or "...").
func quotedParts(desc string) []string {
	var out []string
	parts := strings.Split(desc, `"`)
	for i := 1; i < len(parts); i += 2 {
		for _, p := range strings.FieldsFunc(strings.ReplaceAll(parts[i], "...", "…"), func(r rune) bool { return r == '…' }) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// TestFeatureDescriptions checks that every feature says what it encodes and
// quotes its source.
func TestFeatureDescriptions(t *testing.T) {
	var docs []*messages.GherkinDocument
	for _, p := range parts(t) {
		_, d := suite(t, p)
		docs = append(docs, d...)
	}
	for _, d := range docs {
		f := d.Feature
		if f == nil {
			t.Errorf("%s: no Feature", d.Uri)
			continue
		}
		if !strings.Contains(f.Description, `"`) {
			t.Errorf("%s: the description quotes no source sentence", d.Uri)
		}
		if path.Ext(d.Uri) != ".feature" || strings.ContainsAny(path.Base(d.Uri), " -") {
			t.Errorf("%s: feature files are named like user_create.feature", d.Uri)
		}
	}
}
