package suite

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/reports"
)

// App packs known by name (--app).
const (
	AppZinc = "zinc" // the embedded Zinc pack, the default
	AppNone = "none" // the Okta core alone
)

// Parts are what a run tests: the Okta core, and at most one app pack.
type Parts struct {
	Core *features.Pack
	App  *features.Pack // nil: the Okta core alone
}

// Load returns the parts for app (AppZinc, AppNone) or, when dir is not "",
// the app pack in that directory (a team's own: catalogue.json and feature
// files); app must then be "" or AppZinc, the default it replaces.
func Load(app, dir string) (*Parts, error) {
	core, err := features.Core()
	if err != nil {
		return nil, err
	}
	p := &Parts{Core: core}
	if dir != "" {
		if app != "" && app != AppZinc {
			return nil, fmt.Errorf("--app %s and --app-dir %s exclude each other: --app-dir is the app pack", app, dir)
		}
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("--app-dir %s: %w", dir, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("--app-dir %s: not a directory", dir)
		}
		p.App, err = features.LoadPack(os.DirFS(dir), filepath.Clean(dir))
		if err != nil {
			return nil, fmt.Errorf("--app-dir: %w", err)
		}
		return p, nil
	}
	switch strings.ToLower(app) {
	case AppZinc, "":
		p.App, err = features.Zinc()
		if err != nil {
			return nil, err
		}
	case AppNone:
	default:
		return nil, fmt.Errorf("--app %q: expected %s, %s, or --app-dir DIR for a pack of your own", app, AppZinc, AppNone)
	}
	return p, nil
}

// List is the loaded parts, the core first.
func (p *Parts) List() []*features.Pack {
	if p.App == nil {
		return []*features.Pack{p.Core}
	}
	return []*features.Pack{p.Core, p.App}
}

// AppName is the app's name for steps.Config.AppName: "" without a pack.
func (p *Parts) AppName() string {
	if p.App == nil {
		return ""
	}
	return p.App.App
}

// PartOf names the part whose catalogue holds id, "" if none does.
func (p *Parts) PartOf(id string) string {
	for _, x := range p.List() {
		if x.Has(id) {
			return x.Name
		}
	}
	return ""
}

// Behaviours is the loaded catalogues in the reports' terms, the core first,
// each behaviour with its part.
func (p *Parts) Behaviours() []reports.Behaviour {
	var out []reports.Behaviour
	for _, x := range p.List() {
		for _, b := range x.Behaviours {
			out = append(out, reports.Behaviour{ID: b.ID, Title: b.Title, Provenance: b.Provenance, Sentence: b.Source, Part: x.Name})
		}
	}
	return out
}

// BehaviourIDs are the IDs a scenario's tags name, sorted, without repeats.
func BehaviourIDs(tags []string) []string {
	var out []string
	for _, t := range tags {
		if features.IsBehaviourTag(t) {
			out = append(out, strings.TrimPrefix(t, "@"))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Supports is the app pack's declaration of the Okta provisioning features
// it supports, and who made it ("the Zinc pack"); nil and "" when the pack
// declares none, or without a pack.
func (p *Parts) Supports() ([]features.Capability, string) {
	if p.App == nil || p.App.Supports == nil {
		return nil, ""
	}
	return p.App.Supports, "the " + p.App.Name + " pack"
}
