package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/scimharness/scimharness/steps"
)

// oauthFlags are Okta's OAuth 2.0 settings for `scimharness run --target`:
// the integrator's own authorization server (docs/okta-oauth.md). Without
// them the scenarios tagged @oauth skip; the embedded run uses the
// reference server's.
type oauthFlags struct {
	authorizeURL string
	tokenURL     string
	revokeURL    string
	clientID     string
	clientSecret string
	scopes       string
	redirectURI  string
	signIn       signInFlags
}

// signInFlags collects repeated --oauth-sign-in name=value.
type signInFlags []string

func (s *signInFlags) String() string     { return strings.Join(*s, ",") }
func (s *signInFlags) Set(v string) error { *s = append(*s, v); return nil }

func (f *oauthFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&f.authorizeURL, "oauth-authorize-url", "", "OAuth 2.0: the target's authorize endpoint (Okta's authorization-code grant; the @oauth scenarios skip without it)")
	fs.StringVar(&f.tokenURL, "oauth-token-url", "", "OAuth 2.0: the target's token endpoint")
	fs.StringVar(&f.revokeURL, "oauth-revoke-url", "", "OAuth 2.0: the target's RFC 7009 revocation endpoint (the revocation scenarios skip without it)")
	fs.StringVar(&f.clientID, "client-id", "", "OAuth 2.0: the client id the target gave Okta")
	fs.StringVar(&f.clientSecret, "client-secret", getenv("SCIMHARNESS_CLIENT_SECRET"), "OAuth 2.0: the client secret (default $SCIMHARNESS_CLIENT_SECRET)")
	fs.StringVar(&f.scopes, "oauth-scopes", "", `OAuth 2.0: scopes Okta asks for, separated by spaces, such as "scim" (scenarios add offline_access)`)
	fs.StringVar(&f.redirectURI, "oauth-redirect-uri", "", "OAuth 2.0: Okta's redirect URI in use (default https://system-admin.okta.com/admin/app/cpc/zinc/oauth/callback)")
	fs.Var(&f.signIn, "oauth-sign-in", "OAuth 2.0: name=value of a field the admin fills on the sign-in or consent page (repeatable; redacted; the value {organization token} is the scenario organization's Production token)")
}

func (f *oauthFlags) given() bool {
	return f.authorizeURL != "" || f.tokenURL != "" || f.revokeURL != "" || f.clientID != "" || f.scopes != "" || f.redirectURI != "" || len(f.signIn) > 0
}

// validate checks the flags for --target; given is false for the embedded
// server and an image, which have their own.
func (f *oauthFlags) validate(target bool) error {
	if !f.given() {
		return nil
	}
	if !target {
		return errors.New("--oauth-* and --client-id need --target: the embedded server and the reference image bring their own authorization server")
	}
	var errs []error
	for _, u := range []struct{ name, v string }{{"--oauth-authorize-url", f.authorizeURL}, {"--oauth-token-url", f.tokenURL}} {
		if u.v == "" {
			errs = append(errs, fmt.Errorf("OAuth 2.0 needs %s", u.name))
		}
	}
	for _, u := range []struct{ name, v string }{{"--oauth-authorize-url", f.authorizeURL}, {"--oauth-token-url", f.tokenURL}, {"--oauth-revoke-url", f.revokeURL}, {"--oauth-redirect-uri", f.redirectURI}} {
		if u.v != "" && !strings.HasPrefix(u.v, "http://") && !strings.HasPrefix(u.v, "https://") {
			errs = append(errs, fmt.Errorf("%s %q: want an http:// or https:// URL", u.name, u.v))
		}
	}
	if f.clientID == "" || f.clientSecret == "" {
		errs = append(errs, errors.New("OAuth 2.0 needs --client-id and --client-secret (or $SCIMHARNESS_CLIENT_SECRET)"))
	}
	for _, kv := range f.signIn {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
			errs = append(errs, fmt.Errorf("--oauth-sign-in %q: want name=value", kv))
		}
	}
	return errors.Join(errs...)
}

// config is the steps' OAuth settings, nil when none were given.
func (f *oauthFlags) config() *steps.OAuthConfig {
	if !f.given() {
		return nil
	}
	c := &steps.OAuthConfig{AuthorizeURL: f.authorizeURL, TokenURL: f.tokenURL, RevokeURL: f.revokeURL,
		ClientID: f.clientID, ClientSecret: f.clientSecret, Scopes: strings.Fields(f.scopes), RedirectURI: f.redirectURI}
	if len(f.signIn) > 0 {
		c.SignIn = map[string]string{}
		for _, kv := range f.signIn {
			k, v, _ := strings.Cut(kv, "=")
			c.SignIn[k] = v
		}
	}
	return c
}

// secrets are the client secret and the sign-in values, for redaction.
func (f *oauthFlags) secrets() []string {
	out := []string{f.clientSecret}
	for _, kv := range f.signIn {
		if _, v, _ := strings.Cut(kv, "="); len(v) >= minSecret {
			out = append(out, v)
		}
	}
	return out
}

// oauthSecret is cfg's OAuth client secret, "" without OAuth.
func oauthSecret(cfg steps.Config) string {
	if cfg.OAuth == nil {
		return ""
	}
	return cfg.OAuth.ClientSecret
}
