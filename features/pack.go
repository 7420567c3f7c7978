package features

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
)

// Provenance tags: every scenario carries exactly one.
const (
	Documented = "documented" // stated in the app's own documents
	OktaDoc    = "okta-doc"   // stated in Okta's published SCIM material
	Inferred   = "inferred"   // the documents are silent; the feature text says why
)

// CatalogueFile is the name of a part's catalogue, at the root of its
// directory.
const CatalogueFile = "catalogue.json"

// CorePrefix is the ID prefix of the Okta core's behaviours (OK-01).
const CorePrefix = "OK"

// Behaviour is one entry of a catalogue.
type Behaviour struct {
	ID         string `json:"id"`         // "ZN-17"; scenarios carry it as the tag "@ZN-17"
	Title      string `json:"title"`      // "userName is immutable"
	Provenance string `json:"provenance"` // Documented, OktaDoc or Inferred
	// Shows says how the behaviour shows over SCIM and in the app's console.
	Shows string `json:"shows"`
	// Source is the sentence of the source document that states it, quoted.
	Source string `json:"source"`
	// SourceDocument names that document and its section.
	SourceDocument string `json:"sourceDocument"`
}

// Tag is the scenario tag of b, "@" followed by its ID.
func (b Behaviour) Tag() string { return "@" + b.ID }

// Pack is one part of the suite: the Okta core, or an app pack.
type Pack struct {
	// Name names the part in reports: "Okta core", or the app's name.
	Name string
	// App is the app's name as its feature files write it ("Zinc"): the
	// steps accept it wherever they accept "the app". "" for the core.
	App string
	// Prefix starts every ID of the catalogue: "OK", "ZN".
	Prefix string
	// Behaviours is the catalogue, in its order.
	Behaviours []Behaviour
	// FS holds the catalogue and the feature files (*.feature, at any depth).
	FS fs.FS
	// Dir is where FS came from, for messages: "zinc", or a directory.
	Dir string
	// Supports are the Okta provisioning features the app declares
	// (catalogue.json's "supports", in Okta's names; Users included); nil
	// when the pack declares none.
	Supports []Capability
}

// catalogueJSON is the format of catalogue.json.
type catalogueJSON struct {
	Name       string      `json:"name"` // the core's name; packs give App
	App        string      `json:"app"`
	Prefix     string      `json:"prefix"`
	Behaviours []Behaviour `json:"behaviours"`
	// Supports names the Okta provisioning features the app supports,
	// in Okta's words ("Create Users", "Push Groups"; see Capabilities).
	Supports []string `json:"supports,omitempty"`
}

var (
	prefixRx = regexp.MustCompile(`^[A-Z]{2,5}$`)
	idRx     = regexp.MustCompile(`^[A-Z]{2,5}-\d{2,3}$`)
	appRx    = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*(?:[ .-][A-Za-z0-9]+)*$`)
)

// LoadPack reads an app pack from fsys: catalogue.json at its root (with
// "app", "prefix" and "behaviours") and its feature files. dir names fsys in
// errors. It checks what the suite relies on: the app's name is a word or a
// few (it is matched inside steps), the prefix is 2 to 5 capitals other than
// the core's, IDs are the prefix, "-" and 2 or 3 digits, unique, and every
// field of every behaviour is set; the pack has at least one feature file.
func LoadPack(fsys fs.FS, dir string) (*Pack, error) {
	p, err := parsePack(fsys, dir)
	if err != nil {
		return nil, err
	}
	switch {
	case !appRx.MatchString(p.App):
		return nil, fmt.Errorf("read pack %s: %s: app %q: expected a name such as \"Zinc\" (letters and digits, words separated by a space, dot or hyphen, starting with a capital)", dir, CatalogueFile, p.App)
	case strings.EqualFold(p.App, "the app"):
		return nil, fmt.Errorf("read pack %s: %s: app %q is the steps' neutral wording; name the app", dir, CatalogueFile, p.App)
	case p.Prefix == CorePrefix:
		return nil, fmt.Errorf("read pack %s: %s: prefix %s is the Okta core's; choose another", dir, CatalogueFile, p.Prefix)
	}
	p.Name = p.App
	return p, nil
}

func parsePack(fsys fs.FS, dir string) (*Pack, error) {
	b, err := fs.ReadFile(fsys, CatalogueFile)
	if err != nil {
		return nil, fmt.Errorf("read pack %s: %w", dir, err)
	}
	var c catalogueJSON
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("read pack %s: %s: %w", dir, CatalogueFile, err)
	}
	if !prefixRx.MatchString(c.Prefix) {
		return nil, fmt.Errorf("read pack %s: %s: prefix %q: expected 2 to 5 capital letters, such as \"ZN\"", dir, CatalogueFile, c.Prefix)
	}
	if len(c.Behaviours) == 0 {
		return nil, fmt.Errorf("read pack %s: %s: no behaviours", dir, CatalogueFile)
	}
	seen := map[string]bool{}
	for i, x := range c.Behaviours {
		switch {
		case !idRx.MatchString(x.ID) || !strings.HasPrefix(x.ID, c.Prefix+"-"):
			return nil, fmt.Errorf("read pack %s: %s: entry %d: id %q is not %s-nn", dir, CatalogueFile, i, x.ID, c.Prefix)
		case seen[x.ID]:
			return nil, fmt.Errorf("read pack %s: %s: entry %d: id %s appears twice", dir, CatalogueFile, i, x.ID)
		case x.Provenance != Documented && x.Provenance != OktaDoc && x.Provenance != Inferred:
			return nil, fmt.Errorf("read pack %s: %s: %s: provenance %q is not documented, okta-doc or inferred", dir, CatalogueFile, x.ID, x.Provenance)
		case x.Title == "" || x.Shows == "" || x.Source == "" || x.SourceDocument == "":
			return nil, fmt.Errorf("read pack %s: %s: %s: title, shows, source and sourceDocument must all be set", dir, CatalogueFile, x.ID)
		}
		seen[x.ID] = true
	}
	var supports []Capability
	if c.Supports != nil {
		if supports, err = capabilitiesNamed(c.Supports); err != nil {
			return nil, fmt.Errorf("read pack %s: %s: supports: %w", dir, CatalogueFile, err)
		}
	}
	files, err := FeatureFiles(fsys)
	if err != nil {
		return nil, fmt.Errorf("read pack %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("read pack %s: no .feature file in it", dir)
	}
	return &Pack{Name: c.Name, App: c.App, Prefix: c.Prefix, Behaviours: c.Behaviours, FS: fsys, Dir: dir, Supports: supports}, nil
}

// FeatureFiles lists the paths of the feature files in fsys, at any depth,
// in lexical order.
func FeatureFiles(fsys fs.FS) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !de.IsDir() && strings.HasSuffix(p, ".feature") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list feature files: %w", err)
	}
	slices.Sort(out)
	return out, nil
}

// Has reports whether id is in the pack's catalogue.
func (p *Pack) Has(id string) bool {
	return slices.ContainsFunc(p.Behaviours, func(b Behaviour) bool { return b.ID == id })
}

// IsBehaviourTag reports whether tag (with its "@") has the form of a
// catalogue ID: "@", 2 to 5 capitals, "-" and 2 or 3 digits ("@ZN-04",
// "@OK-17"). Whether a catalogue holds it is Pack.Has.
func IsBehaviourTag(tag string) bool {
	id, ok := strings.CutPrefix(tag, "@")
	return ok && idRx.MatchString(id)
}

// IsProvenanceTag reports whether tag (with its "@") is a provenance tag.
func IsProvenanceTag(tag string) bool {
	return tag == "@"+Documented || tag == "@"+OktaDoc || tag == "@"+Inferred
}
