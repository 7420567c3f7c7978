package main

import (
	"flag"

	"github.com/scimharness/scimharness/internal/refserver"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/suite"
)

// What run, list and selfcheck share beside package suite: the embedded
// reference server with everything the suite needs.

// startEmbedded serves the embedded reference server in-process on loopback
// with fresh tokens and faults: with a Sandbox token, the Admin Console API
// and the OAuth authorization server, so that every scenario can run. Its
// Config reaches it. The caller must call Close.
func startEmbedded(faults ...string) (*refserver.Server, error) {
	return startEmbeddedMode("", faults...)
}

// startEmbeddedMode is startEmbedded with the server's mode (reference.Config.Mode).
func startEmbeddedMode(mode string, faults ...string) (*refserver.Server, error) {
	return refserver.Start(reference.Config{Token: randomToken(), SandboxToken: randomToken(), AdminToken: randomToken(),
		OAuth:  &reference.OAuthConfig{ClientID: "okta-" + randomToken()[:8], ClientSecret: randomToken()},
		Faults: faults, Mode: mode})
}

// registerAppFlags registers --app and --app-dir: which app pack a command
// loads beside the Okta core.
func registerAppFlags(fs *flag.FlagSet, app, dir *string) {
	fs.StringVar(app, "app", suite.AppZinc, "the app pack beside the Okta core: zinc (the embedded Zinc pack), or none (the Okta core alone)")
	fs.StringVar(dir, "app-dir", "", "directory of an app pack of your own (catalogue.json and feature files, see docs/app-packs.md), instead of --app")
}

// replaySources mounts only the feature files in dir, written in the
// embedded Zinc pack's wording (explore's replays).
func replaySources(dir string) (*suite.Sources, error) {
	parts, err := suite.Load(suite.AppZinc, "")
	if err != nil {
		return nil, err
	}
	return suite.NewSources(parts, []string{dir}, true)
}
