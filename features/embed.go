// Package features holds the conformance suite: the Gherkin feature files, one
// per capability, and the behaviour catalogue (catalogue.json) whose IDs tag
// their scenarios. It embeds both, so that the binary runs the suite without a
// checkout.
package features

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed *.feature catalogue.json
var files embed.FS

// FS holds the feature files at its root (connection.feature, …) and
// catalogue.json. It is read-only.
var FS fs.FS = files

// Provenance tags: every scenario carries exactly one.
const (
	Documented = "documented" // stated in the Zinc documents
	OktaDoc    = "okta-doc"   // stated in Okta's published SCIM material
	Inferred   = "inferred"   // the documents are silent; the feature text says why
)

// Behaviour is one entry of the catalogue.
type Behaviour struct {
	ID         string `json:"id"`         // "ZN-17"; scenarios carry it as the tag "@ZN-17"
	Title      string `json:"title"`      // "userName is immutable"
	Provenance string `json:"provenance"` // Documented, OktaDoc or Inferred
	// Shows says how the behaviour shows over SCIM and in the Admin Console.
	Shows string `json:"shows"`
	// Source is the sentence of the source document that states it, quoted.
	Source string `json:"source"`
	// SourceDocument names that document and its section.
	SourceDocument string `json:"sourceDocument"`
}

// Tag is the scenario tag of b, "@" followed by its ID.
func (b Behaviour) Tag() string { return "@" + b.ID }

// Catalogue returns the behaviours in catalogue order. It checks what the
// suite relies on: IDs are well formed and unique, and every field is set.
func Catalogue() ([]Behaviour, error) {
	b, err := fs.ReadFile(files, "catalogue.json")
	if err != nil {
		return nil, fmt.Errorf("read catalogue: %w", err)
	}
	var out []Behaviour
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("read catalogue: catalogue.json: %w", err)
	}
	seen := map[string]bool{}
	for i, x := range out {
		switch {
		case !IsBehaviourTag("@" + x.ID):
			return nil, fmt.Errorf("read catalogue: entry %d: id %q is not ZN-nn or OK-nn", i, x.ID)
		case seen[x.ID]:
			return nil, fmt.Errorf("read catalogue: entry %d: id %s appears twice", i, x.ID)
		case x.Provenance != Documented && x.Provenance != OktaDoc && x.Provenance != Inferred:
			return nil, fmt.Errorf("read catalogue: %s: provenance %q is not documented, okta-doc or inferred", x.ID, x.Provenance)
		case x.Title == "" || x.Shows == "" || x.Source == "" || x.SourceDocument == "":
			return nil, fmt.Errorf("read catalogue: %s: title, shows, source and sourceDocument must all be set", x.ID)
		}
		seen[x.ID] = true
	}
	return out, nil
}

// IsBehaviourTag reports whether tag (with its "@") names a catalogue ID:
// "@ZN-" or "@OK-" followed by two digits.
func IsBehaviourTag(tag string) bool {
	id, ok := strings.CutPrefix(tag, "@")
	if !ok || len(id) != 5 || (id[:3] != "ZN-" && id[:3] != "OK-") {
		return false
	}
	return id[3] >= '0' && id[3] <= '9' && id[4] >= '0' && id[4] <= '9'
}

// IsProvenanceTag reports whether tag (with its "@") is a provenance tag.
func IsProvenanceTag(tag string) bool {
	return tag == "@"+Documented || tag == "@"+OktaDoc || tag == "@"+Inferred
}
