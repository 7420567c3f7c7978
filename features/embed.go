// Package features holds the conformance suite in two kinds of part, each a
// directory with a behaviour catalogue (catalogue.json) and the Gherkin
// feature files whose scenarios its IDs tag:
//
//   - the Okta core (okta/, IDs OK-nn): what Okta's SCIM client sends and
//     expects of any app, the replays of Okta's SPEC and CRUD tests and the
//     app-neutral cases of the OIN test plan. Its steps say "the app".
//   - app packs: one app's documented behaviours. Zinc's (zinc/, IDs ZN-nn) is
//     embedded; LoadPack reads any other, such as a team's own directory.
//
// It embeds both, so that the binary runs the suite without a checkout.
package features

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed okta zinc
var files embed.FS

// FS holds the embedded parts: okta/ and zinc/, each with its
// catalogue.json and feature files. It is read-only.
var FS fs.FS = files

// Directories of the embedded parts inside FS.
const (
	CoreDir = "okta"
	ZincDir = "zinc"
)

// Core returns the Okta core part.
func Core() (*Pack, error) {
	sub, err := fs.Sub(files, CoreDir)
	if err != nil {
		return nil, fmt.Errorf("read the Okta core: %w", err)
	}
	p, err := parsePack(sub, CoreDir)
	if err != nil {
		return nil, err
	}
	if p.App != "" || p.Prefix != CorePrefix {
		return nil, fmt.Errorf("read the Okta core: %s/%s: expected prefix %s and no app", CoreDir, CatalogueFile, CorePrefix)
	}
	return p, nil
}

// Zinc returns the embedded Zinc app pack.
func Zinc() (*Pack, error) {
	sub, err := fs.Sub(files, ZincDir)
	if err != nil {
		return nil, fmt.Errorf("read the Zinc pack: %w", err)
	}
	return LoadPack(sub, ZincDir)
}
