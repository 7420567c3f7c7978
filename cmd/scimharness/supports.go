package main

import (
	"flag"
	"fmt"
	"slices"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/suite"
)

// The app's declaration of the Okta provisioning features it supports
// (docs/app-features.md): --supports, else the app pack's "supports", else
// every feature.

func registerSupportsFlag(fs *flag.FlagSet, v *string) {
	fs.StringVar(v, "supports", "", `the Okta provisioning features the app supports, in Okta's names separated by commas, such as "Create Users, Update User Attributes, Deactivate Users, Import Users", or all; scenarios of the others are skipped (default: the app pack's declaration, else all; see docs/app-features.md)`)
}

// declaration is a run's resolved declaration.
type declaration struct {
	caps []features.Capability // nil: every feature (nothing declared)
	from string                // "--supports", "the Zinc pack"; "" for the default
}

// resolveSupports reads --supports (given) or the pack's declaration.
func resolveSupports(value string, given bool, parts *suite.Parts) (declaration, error) {
	if given {
		caps, err := features.ParseSupports(value)
		if err != nil {
			return declaration{}, fmt.Errorf("--supports: %w", err)
		}
		return declaration{caps, "--supports"}, nil
	}
	caps, from := parts.Supports()
	return declaration{caps, from}, nil
}

// has reports whether the declaration includes the feature.
func (d declaration) has(name string) bool {
	return d.caps == nil || slices.ContainsFunc(d.caps, func(c features.Capability) bool { return c.Name == name })
}

// reportFeatures are every feature of Okta's with whether it is declared,
// for reports.Run.
func (d declaration) reportFeatures() []reports.Feature {
	var out []reports.Feature
	for _, c := range features.Capabilities() {
		out = append(out, reports.Feature{Name: c.Name, Tag: c.Tag, Declared: d.has(c.Name)})
	}
	return out
}

// allows reports whether a scenario with these tags runs under the
// declaration: it needs no feature left out.
func (d declaration) allows(tags []string) bool {
	for _, t := range tags {
		if c, ok := features.CapabilityOfTag(t); ok && !d.has(c.Name) {
			return false
		}
	}
	return true
}

// with adds the feature to a declaration (a declaration of every feature has
// it already).
func (d declaration) with(name string) declaration {
	if d.has(name) {
		return d
	}
	var out []features.Capability
	for _, c := range features.Capabilities() {
		if c.Name == name || d.has(c.Name) {
			out = append(out, c)
		}
	}
	d.caps = out
	return d
}
