package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/scimharness/scimharness/mockokta"
)

// targetFlags say which SCIM server to test and how to authenticate, for every
// command that talks to one. With no --target, the command serves the reference
// server in-process on loopback.
type targetFlags struct {
	target   string
	token    string
	auth     string
	username string
	password string
	profile  string
	http     clientFlags
}

func (t *targetFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&t.target, "target", "", "SCIM base URL to test, such as https://app.example.com/scim/v2 (default: the embedded reference server)")
	fs.StringVar(&t.token, "token", getenv("SCIMHARNESS_TOKEN"), "the target's API token (default $SCIMHARNESS_TOKEN)")
	fs.StringVar(&t.auth, "auth", "bearer", "how the token is sent: bearer (Authorization: Bearer T), header (Authorization: T) or basic")
	fs.StringVar(&t.username, "username", "", "user name for --auth basic")
	fs.StringVar(&t.password, "password", getenv("SCIMHARNESS_PASSWORD"), "password for --auth basic (default $SCIMHARNESS_PASSWORD)")
	fs.StringVar(&t.profile, "profile", "oin", "Okta client profile: oin (template apps: PATCH for lifecycle and groups) or aiw (custom apps: GET then PUT)")
	t.http.register(fs)
}

// validate checks the flags that do not depend on the target being up.
func (t *targetFlags) validate() error {
	var errs []error
	if t.target != "" {
		if !strings.HasPrefix(t.target, "http://") && !strings.HasPrefix(t.target, "https://") {
			errs = append(errs, fmt.Errorf("--target %q: want an http:// or https:// URL", t.target))
		}
		switch t.auth {
		case "bearer", "header":
			if t.token == "" {
				errs = append(errs, fmt.Errorf("--auth %s needs --token (or $SCIMHARNESS_TOKEN)", t.auth))
			}
		case "basic":
			if t.username == "" && t.token == "" {
				errs = append(errs, errors.New("--auth basic needs --username and --password"))
			}
		default:
			errs = append(errs, fmt.Errorf("--auth %q: want bearer, header or basic", t.auth))
		}
	} else if t.auth != "bearer" && t.auth != "header" && t.auth != "basic" {
		errs = append(errs, fmt.Errorf("--auth %q: want bearer, header or basic", t.auth))
	}
	if _, err := t.oktaProfile(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (t *targetFlags) oktaProfile() (mockokta.Profile, error) {
	switch strings.ToLower(t.profile) {
	case "oin":
		return mockokta.OIN, nil
	case "aiw":
		return mockokta.AIW, nil
	}
	return 0, fmt.Errorf("--profile %q: want oin or aiw", t.profile)
}

// oktaAuth is how mockokta authenticates to the target.
func (t *targetFlags) oktaAuth() mockokta.Auth {
	switch t.auth {
	case "header":
		return mockokta.HeaderToken(t.token)
	case "basic":
		user, pass := t.username, t.password
		if user == "" && pass == "" {
			user, pass = "okta", t.token
		}
		return mockokta.Basic(user, pass)
	}
	return mockokta.Bearer(t.token)
}

// oktaAuthFor is oktaAuth with another token, for the in-process server.
func (t *targetFlags) oktaAuthFor(token string) mockokta.Auth {
	c := *t
	c.token, c.username, c.password = token, "", ""
	return c.oktaAuth()
}

// redactURL drops user information from a URL for display.
func redactURL(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.Index(u[i+3:], "@"); j >= 0 && !strings.Contains(u[i+3:i+3+j], "/") {
			return u[:i+3] + u[i+3+j+1:]
		}
	}
	return u
}

// randomToken is a fresh 128-bit token in hex.
func randomToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
