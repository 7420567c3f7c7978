package main

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// What run, list and selfcheck share beside package suite: the embedded
// reference server with everything the suite needs.

// embedded is the reference server, served in-process on loopback, with a
// Sandbox token, the Admin Console API and the OAuth authorization server,
// so that every scenario can run.
type embedded struct {
	root                  string
	token, sandbox, admin string
	oauth                 reference.OAuthConfig // Okta's client at the authorization server
	srv                   *http.Server
}

// startEmbedded serves a reference server with fresh tokens and faults. The
// caller must call close.
func startEmbedded(faults ...string) (*embedded, error) { return startEmbeddedMode("", faults...) }

// startEmbeddedMode is startEmbedded with the server's mode (reference.Config.Mode).
func startEmbeddedMode(mode string, faults ...string) (*embedded, error) {
	e := &embedded{token: randomToken(), sandbox: randomToken(), admin: randomToken(),
		oauth: reference.OAuthConfig{ClientID: "okta-" + randomToken()[:8], ClientSecret: randomToken()}}
	oc := e.oauth
	h, err := reference.New(reference.Config{Token: e.token, SandboxToken: e.sandbox, AdminToken: e.admin, Faults: faults, OAuth: &oc, Mode: mode})
	if err != nil {
		return nil, fmt.Errorf("reference server: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("reference server: listen: %w", err)
	}
	e.root = "http://" + ln.Addr().String()
	e.srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = e.srv.Serve(ln) }()
	return e, nil
}

// config is a steps.Config for the embedded server.
func (e *embedded) config(client *http.Client) steps.Config {
	return steps.Config{
		BaseURL: e.root + "/scim/v2", SandboxURL: e.root + "/sandbox/scim/v2",
		Token: e.token, SandboxToken: e.sandbox,
		AdminURL: e.root + "/admin", AdminToken: e.admin,
		HTTPClient: client,
		OAuth:      embeddedOAuth(e.root, e.oauth),
	}
}

// close stops the server. The suite is over by then, so a connection still
// open (a client's spare one, dialled and never used) is closed after a
// moment rather than waited for.
func (e *embedded) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if e.srv.Shutdown(ctx) != nil {
		_ = e.srv.Close()
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return "see its message above"
	}
	return s
}

func basicAuth(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
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
