package mockokta

import (
	"fmt"
	"strings"
)

// Variants are the request shapes in which what Okta sends differs by era or
// by app setting, one field per difference (docs/okta-protocol.md §11). The
// zero value is what current Okta sends. Each non-default value is a named
// [Variant] with its source, so that a suite can send every shape a server
// must survive.
type Variants struct {
	// FullPush is how an OIN full membership push (Push Now) goes out.
	FullPush FullPush
	// Locale is the locale Okta's default attribute mapping puts in every
	// POST /Users.
	Locale Locale
	// QuerySpaces is how a space of a lookup filter is encoded.
	QuerySpaces QuerySpaces
}

// FullPush is the shape of an OIN full membership push.
type FullPush int

const (
	// FullPushPath replaces members by path, then renames in a PATCH of
	// its own: {"op":"replace","path":"members","value":[…]} (§11.1, doc
	// S1, 2019 to now).
	FullPushPath FullPush = iota
	// FullPushValue replaces without a path, the members inside the value
	// with the group's id and displayName, in one PATCH:
	// {"op":"replace","value":{"id","displayName","members":[…]}} (§11.2,
	// seen S47, 2024).
	FullPushValue
)

// Locale is the locale a create carries.
type Locale int

const (
	// LocaleDash is "en-US" (§11.3, doc S1, 2022 to now).
	LocaleDash Locale = iota
	// LocaleUnderscore is "en_US" (§11.3, doc S3, 2019).
	LocaleUnderscore
	// LocaleUnmapped leaves locale out, as an app whose mapping drops it
	// sends (§11.3).
	LocaleUnmapped
)

// QuerySpaces is how a lookup filter's spaces are encoded.
type QuerySpaces int

const (
	// SpacesPercent writes %20 (§2.2, doc S1, 2019 to now).
	SpacesPercent QuerySpaces = iota
	// SpacesPlus writes + (§2.2, §11.4, doc S3, 2018-2019).
	SpacesPlus
)

// Variant is one named request shape of Okta's, with its source.
type Variant struct {
	// Name names it in feature files and on the command line, such as
	// "full-push-value".
	Name string
	// Shows is what Okta sends under it, in one line.
	Shows string
	// Source is the section of docs/okta-protocol.md and the dated sources
	// it rests on.
	Source string
	// Default reports whether current Okta sends it: the zero Variants.
	Default bool
	set     func(*Variants)
	is      func(Variants) bool
}

// Apply sets v in vs.
func (v Variant) Apply(vs *Variants) { v.set(vs) }

// AllVariants lists every named variant, the defaults included, grouped by
// the field they set.
func AllVariants() []Variant {
	return []Variant{
		{Name: "full-push-path", Default: true,
			Shows:  `Push Now: PATCH {"op":"replace","path":"members","value":[…]}, then the rename {"op":"replace","value":{"id","displayName"}} as a PATCH of its own`,
			Source: "docs/okta-protocol.md §11.1 (doc S1, current; seen S27, 2023-02; S33a, 2020-03)",
			set:    func(vs *Variants) { vs.FullPush = FullPushPath },
			is:     func(vs Variants) bool { return vs.FullPush == FullPushPath }},
		{Name: "full-push-value",
			Shows:  `Push Now: one PATCH {"op":"replace","value":{"members":[…],"id","displayName"}}, no path`,
			Source: "docs/okta-protocol.md §11.2 (seen S47, 2024-02)",
			set:    func(vs *Variants) { vs.FullPush = FullPushValue },
			is:     func(vs Variants) bool { return vs.FullPush == FullPushValue }},
		{Name: "locale-en-US", Default: true,
			Shows:  `POST /Users carries "locale":"en-US"`,
			Source: "docs/okta-protocol.md §11.3 (doc S1, 2022 to now)",
			set:    func(vs *Variants) { vs.Locale = LocaleDash },
			is:     func(vs Variants) bool { return vs.Locale == LocaleDash }},
		{Name: "locale-en_US",
			Shows:  `POST /Users carries "locale":"en_US"`,
			Source: "docs/okta-protocol.md §11.3 (doc S3, 2019)",
			set:    func(vs *Variants) { vs.Locale = LocaleUnderscore },
			is:     func(vs Variants) bool { return vs.Locale == LocaleUnderscore }},
		{Name: "locale-unmapped",
			Shows:  `POST /Users carries no locale`,
			Source: "docs/okta-protocol.md §11.3 (doc S22b: an attribute without a mapping is not sent)",
			set:    func(vs *Variants) { vs.Locale = LocaleUnmapped },
			is:     func(vs Variants) bool { return vs.Locale == LocaleUnmapped }},
		{Name: "query-percent20", Default: true,
			Shows:  `lookups encode spaces as %20: filter=userName%20eq%20%22…%22`,
			Source: "docs/okta-protocol.md §2.2, §11.4 (doc S1, 2019 to now)",
			set:    func(vs *Variants) { vs.QuerySpaces = SpacesPercent },
			is:     func(vs Variants) bool { return vs.QuerySpaces == SpacesPercent }},
		{Name: "query-plus",
			Shows:  `lookups encode spaces as +: filter=userName+eq+%22…%22`,
			Source: "docs/okta-protocol.md §2.2, §11.4 (doc S3, 2018-2019)",
			set:    func(vs *Variants) { vs.QuerySpaces = SpacesPlus },
			is:     func(vs Variants) bool { return vs.QuerySpaces == SpacesPlus }},
	}
}

// LookupVariant finds a variant by name (case-insensitively).
func LookupVariant(name string) (Variant, error) {
	var names []string
	for _, v := range AllVariants() {
		if strings.EqualFold(v.Name, name) {
			return v, nil
		}
		names = append(names, v.Name)
	}
	return Variant{}, fmt.Errorf("Okta request variant %q: expected one of %s", name, strings.Join(names, ", "))
}

// Names returns the names of the variants vs is made of, one per field.
func (vs Variants) Names() []string {
	var out []string
	for _, v := range AllVariants() {
		if v.is(vs) {
			out = append(out, v.Name)
		}
	}
	return out
}

// locale is the value of a create's locale, "" for none.
func (vs Variants) locale() string {
	switch vs.Locale {
	case LocaleUnderscore:
		return "en_US"
	case LocaleUnmapped:
		return ""
	}
	return "en-US"
}

func (vs Variants) check() error {
	if vs.FullPush > FullPushValue || vs.Locale > LocaleUnmapped || vs.QuerySpaces > SpacesPlus || vs.FullPush < 0 || vs.Locale < 0 || vs.QuerySpaces < 0 {
		return fmt.Errorf("variants %+v: not one of the defined values", vs)
	}
	return nil
}
