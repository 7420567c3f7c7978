package steps

import (
	"fmt"

	"github.com/scimharness/scimharness/mockokta"
)

// A scenario tagged @oin or @aiw shows what Okta sends to an app of that
// kind: an OIN (template) app gets PATCH for lifecycle and groups, an AIW
// (custom) app GET then PUT. An app is one or the other, so with
// Config.ProfileOnly (the CLI's --profile given) the scenarios of the other
// profile skip, saying why; without it both run, each as its tag says, and
// the untagged ones as Config.Profile.

// profileUnmet is why a scenario with tags cannot run under the run's
// profile, "" when it can.
func (s *Suite) profileUnmet(tags []string) string {
	if !s.cfg.ProfileOnly {
		return ""
	}
	for _, t := range tags {
		var p mockokta.Profile
		switch t {
		case "@oin":
			p = mockokta.OIN
		case "@aiw":
			p = mockokta.AIW
		default:
			continue
		}
		if p != s.cfg.Profile {
			return fmt.Sprintf("the app is an %s app (--profile %s): this scenario is what Okta sends to an %s app", s.cfg.Profile, lower(s.cfg.Profile), p)
		}
	}
	return ""
}

func lower(p mockokta.Profile) string {
	if p == mockokta.AIW {
		return "aiw"
	}
	return "oin"
}
