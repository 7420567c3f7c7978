package features

import (
	"fmt"
	"slices"
	"strings"
)

// Capability is one provisioning feature an Okta app integration supports,
// named as Okta's Admin Console and OIN Wizard name it (docs/app-features.md,
// docs/okta-protocol.md §10.6). Every Okta-core scenario carries the tags of
// the capabilities it needs; an app declares the ones it supports (run
// --supports, or "supports" in an app pack's catalogue.json), and a scenario
// that needs one it does not is skipped.
type Capability struct {
	Name string // Okta's name: "Push Groups"
	Tag  string // the scenario tag: "@push-groups"
	// Where says where an Okta admin turns it on.
	Where string
}

// Users is the capability every app has: Okta manages users in every SCIM
// app integration (the connection test, authentication, lookups and reads
// by id). It cannot be left out of a declaration.
const Users = "Users"

// capabilities is the vocabulary, in the order Okta's pages list them
// (read-only).
var capabilities = []Capability{
	{Users, "@users", "always on: the OIN Wizard's Users object and its required Read operation"},
	{"Create Users", "@create-users", "Provisioning > To App"},
	{"Update User Attributes", "@update-user-attributes", "Provisioning > To App"},
	{"Deactivate Users", "@deactivate-users", "Provisioning > To App (reactivation included)"},
	{"Sync Password", "@sync-password", "Provisioning > To App"},
	{"Import Users", "@import-users", "Provisioning > To Okta"},
	{"Import Groups", "@import-groups", "Provisioning > Integration (checked by default)"},
	{"Push Groups", "@push-groups", "the Push Groups tab"},
	{"Import User Schema", "@import-user-schema", "the OIN Wizard's user operations"},
	{"Entitlements", "@entitlements", "Governance > Entitlement Management"},
	{"Enterprise Attributes", "@enterprise-attributes", "Profile Editor: attributes under the enterprise extension's namespace"},
	{"Custom Attributes", "@custom-attributes", "Profile Editor: attributes under a custom extension's namespace"},
	{"OAuth", "@oauth", "Provisioning > Integration: the OAuth 2 authentication mode"},
}

// Capabilities returns the vocabulary, Users first, in Okta's order.
func Capabilities() []Capability { return slices.Clone(capabilities) }

// CapabilityOfTag returns the capability whose tag is tag (with its "@").
func CapabilityOfTag(tag string) (Capability, bool) {
	i := slices.IndexFunc(capabilities, func(c Capability) bool { return c.Tag == tag })
	if i < 0 {
		return Capability{}, false
	}
	return capabilities[i], true
}

// ParseSupports reads a declaration: Okta's names (or their tags without
// "@"), separated by commas, in any case ("Create Users, Push Groups",
// "create-users,push-groups"), or "all". Users is always in the result; the
// result is in the vocabulary's order.
func ParseSupports(s string) ([]Capability, error) {
	var names []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return capabilitiesNamed(names)
}

func capabilitiesNamed(names []string) ([]Capability, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("no feature named: expected Okta's names, such as \"Create Users, Push Groups\", or all (%s)", vocabularyList())
	}
	on := map[string]bool{Users: true}
	for _, n := range names {
		if strings.EqualFold(n, "all") {
			return Capabilities(), nil
		}
		i := slices.IndexFunc(capabilities, func(c Capability) bool {
			return strings.EqualFold(c.Name, n) || strings.EqualFold(c.Tag, "@"+n) || strings.EqualFold(c.Tag, n)
		})
		if i < 0 {
			return nil, fmt.Errorf("feature %q: not one of Okta's (%s, or all)", n, vocabularyList())
		}
		on[capabilities[i].Name] = true
	}
	var out []Capability
	for _, c := range capabilities {
		if on[c.Name] {
			out = append(out, c)
		}
	}
	return out, nil
}

func vocabularyList() string {
	var out []string
	for _, c := range capabilities {
		out = append(out, c.Name)
	}
	return strings.Join(out, ", ")
}

// CapabilityNames are the names of cs, in order.
func CapabilityNames(cs []Capability) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}
