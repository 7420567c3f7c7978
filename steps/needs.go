package steps

import (
	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/mockokta"
)

// What a scenario needs of the target, known before it runs: a scenario
// that needs a capability the target lacks (the Admin Console API, a Sandbox
// base URL, another auth style than the run's) is skipped at its first step,
// whatever comes before the step that needs it. Otherwise an Okta step that
// breaks earlier would fail a scenario that this target cannot run at all.

// adminReason is the skip reason of a scenario that needs the Admin Console
// API on a target without one.
func adminReason(what string) string {
	return what + " needs the Admin Console API (--admin-url and --admin-token), which this target does not offer."
}

// sandboxURLReason is the skip reason of a Sandbox scenario without
// --sandbox-url.
const sandboxURLReason = "The target has no Sandbox base URL (give --sandbox-url)."

// unsupportedReason is the skip reason of a scenario that needs an Okta
// provisioning feature the app does not declare.
func (s *Suite) unsupportedReason(c features.Capability) string {
	r := "The app does not support " + c.Name
	if s.cfg.SupportsFrom != "" {
		r += " (not declared by " + s.cfg.SupportsFrom + ")"
	}
	return r + "."
}

// supports reports whether the app declares the capability (every one
// when nothing is declared).
func (s *Suite) supports(name string) bool {
	if s.cfg.Supports == nil {
		return true
	}
	for _, c := range s.cfg.Supports {
		if c.Name == name {
			return true
		}
	}
	return false
}

// unmet says why the scenario cannot run against the suite's target: a
// feature of Okta's its tags name that the app does not support, else the
// first step that cannot run; "" when it can.
func (s *Suite) unmet(sc *godog.Scenario) string {
	for _, t := range sc.Tags {
		if c, ok := features.CapabilityOfTag(t.Name); ok && !s.supports(c.Name) {
			return s.unsupportedReason(c)
		}
	}
	for _, step := range sc.Steps {
		for i, rx := range s.patterns {
			m := rx.FindStringSubmatch(step.Text)
			if m == nil {
				continue
			}
			d := vocabulary[i]
			if d.AdminAPI && !s.HasAdmin() {
				return adminReason("The step \"" + step.Text + "\"")
			}
			if d.needs != nil {
				if r := d.needs(s, m[1:]); r != "" {
					return r
				}
			}
		}
	}
	return ""
}

// needsAuthStyle: "the token is sent as …" runs only in the run's style.
func needsAuthStyle(s *Suite, args []string) string {
	if authStyles[args[0]] != s.cfg.Auth {
		return AuthSkipReason(s.cfg.Auth)
	}
	return ""
}

// needsSandboxURL: "requests go to the Sandbox base URL" needs one.
func needsSandboxURL(s *Suite, args []string) string {
	if args[0] == "Sandbox" && s.cfg.SandboxURL == "" {
		return sandboxURLReason
	}
	return ""
}

// authStyles are the styles of "the token is sent as …" (read-only).
var authStyles = map[string]AuthStyle{
	"a bearer token":               AuthBearer,
	"the raw Authorization header": AuthHeader,
	"the Basic auth password":      AuthBasic,
}

// oktaSettings are the mock Okta org's provisioning settings: each feature
// of the app's declaration turned on, the others off.
func (s *Suite) oktaSettings() *mockokta.Settings {
	o := mockokta.DefaultSettings()
	o.CreateUsers = s.supports("Create Users")
	o.UpdateUserAttributes = s.supports("Update User Attributes")
	o.DeactivateUsers = s.supports("Deactivate Users")
	o.SyncPassword = s.supports("Sync Password")
	o.PushGroups = s.supports("Push Groups")
	o.ImportGroups = s.supports("Import Groups")
	return &o
}
