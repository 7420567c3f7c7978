package main

import (
	"flag"
	"net/http"

	"github.com/scimharness/scimharness/internal/refserver"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// What run, list and selfcheck share beside package suite: the embedded
// reference server with everything the suite needs.

// embedded is the reference server, served in-process on loopback, with a
// Sandbox token, the Admin Console API and the OAuth authorization server,
// so that every scenario can run.
type embedded struct{ *refserver.Server }

// startEmbedded serves a reference server with fresh tokens and faults. The
// caller must call close.
func startEmbedded(faults ...string) (*embedded, error) { return startEmbeddedMode("", faults...) }

// startEmbeddedMode is startEmbedded with the server's mode (reference.Config.Mode).
func startEmbeddedMode(mode string, faults ...string) (*embedded, error) {
	s, err := refserver.Start(reference.Config{Token: randomToken(), SandboxToken: randomToken(), AdminToken: randomToken(),
		OAuth:  &reference.OAuthConfig{ClientID: "okta-" + randomToken()[:8], ClientSecret: randomToken()},
		Faults: faults, Mode: mode})
	if err != nil {
		return nil, err
	}
	return &embedded{s}, nil
}

// config is a steps.Config for the embedded server.
func (e *embedded) config(client *http.Client) steps.Config { return e.Config(client) }

// close stops the server.
func (e *embedded) close() { e.Close() }

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
