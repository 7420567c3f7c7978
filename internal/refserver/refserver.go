// Package refserver wires the reference server to the suite: Config says
// where a steps.Config finds each part of a reference server (SCIM in both
// environments, the Admin Console API, the OAuth authorization server), and
// Start serves one on loopback. It is the one place that knows the reference
// server's URL layout as the steps need it; the embedded runs of
// cmd/scimharness, the banner of its serve command and the tests of steps
// use it.
package refserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/scimharness/scimharness/internal/framing"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/steps"
)

// Config is the steps.Config that reaches the reference server configured by
// cfg and served at root (its scheme and host, no path): its Production
// SCIM API, and the Sandbox API, the Admin Console API and the OAuth
// authorization server when cfg enables them. Set AppName and anything
// else the run needs on the result.
func Config(root string, cfg reference.Config, client *http.Client) steps.Config {
	c := steps.Config{BaseURL: root + "/scim/v2", Token: cfg.Token, HTTPClient: client}
	if cfg.SandboxToken != "" {
		c.SandboxURL, c.SandboxToken = root+"/sandbox/scim/v2", cfg.SandboxToken
	}
	if cfg.AdminToken != "" {
		c.AdminURL, c.AdminToken = root+"/admin", cfg.AdminToken
	}
	if o := cfg.OAuth; o != nil {
		app := o.AppName
		if app == "" {
			app = reference.DefaultOAuthApp
		}
		// The consent page takes the scenario organization's token as the
		// admin's sign-in.
		c.OAuth = &steps.OAuthConfig{
			AuthorizeURL: root + "/oauth/authorize", TokenURL: root + "/oauth/token", RevokeURL: root + "/oauth/revoke",
			ClientID: o.ClientID, ClientSecret: o.ClientSecret, AppInstance: app,
			SignIn: map[string]string{"token": steps.OrgToken},
		}
	}
	return c
}

// Server is a reference server served on loopback.
type Server struct {
	// URL is the server's root, http://127.0.0.1:port.
	URL string
	// Ref is the configuration it was started with.
	Ref reference.Config
	// Handler is the reference server itself, for callers that serve
	// requests in process.
	Handler http.Handler
	srv     *http.Server
}

// Start serves a reference server configured by cfg on a loopback port. The
// caller must call Close.
func Start(cfg reference.Config) (*Server, error) {
	h, err := reference.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("reference server: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("reference server: listen: %w", err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), Ref: cfg, Handler: h,
		srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}}
	ln = framing.Guard(s.srv, ln)
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Config is the steps.Config that reaches s (see the function Config).
func (s *Server) Config(client *http.Client) steps.Config { return Config(s.URL, s.Ref, client) }

// Close stops the server. A connection still open (a client's spare one,
// dialled and never used) is closed after a moment rather than waited for.
func (s *Server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if s.srv.Shutdown(ctx) != nil {
		_ = s.srv.Close()
	}
}
