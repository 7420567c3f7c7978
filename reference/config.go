package reference

import (
	"crypto/rand"
	"fmt"
	"time"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// Config configures a Server. Token is required; the zero value of every other
// field picks the default documented on it.
type Config struct {
	// Token is the Production SCIM token of the default organization (id "default").
	Token string
	// SandboxToken is the default organization's Sandbox token; empty leaves the
	// default organization without a Sandbox token.
	SandboxToken string
	// AdminToken opens the Admin Console API under /admin/; empty disables that API.
	AdminToken string
	// Entitlements and Roles seed the default organization (both
	// environments) with the values /Entitlements and /Roles list (Okta's
	// Entitlement schema needs DisplayName and Type; a role has no Type).
	// The Admin Console API adds more to any organization.
	Entitlements, Roles []Entitlement
	// Faults names deliberate defects (see Faults); New refuses unknown names.
	Faults []string
	// Mode is the app the server behaves as: ModeZinc (the default, "")
	// serves Zinc's documented rules; ModePlain a plain RFC 7644 server.
	Mode string
	// MaxBodyBytes caps request bodies; larger ones get 413. Default 1 MiB.
	MaxBodyBytes int64
	// MaxResults caps a list page (count), advertised as filter.maxResults. Default 1000.
	MaxResults int
	// Now is the clock; default time.Now.
	Now func() time.Time
	// OAuth, if set, serves an OAuth 2.0 authorization server for the SCIM
	// API at /oauth/ (see OAuthConfig); nil serves none.
	OAuth *OAuthConfig
	// NewID makes resource and organization ids; default random UUIDs (version 4).
	// It must not return the same id twice.
	NewID func() string
}

// Entitlement is a value an organization's users can be granted: an
// entitlement (Type set, such as "License") or a role (Type empty). Config
// seeds the default organization with them; the Admin Console API adds them to
// any organization. Its fields are ID (empty: the server makes one),
// DisplayName, Type and Description, as Okta's Entitlement schema names them.
type Entitlement = store.Entitlement

// Modes of Config.Mode.
const (
	// ModeZinc serves Zinc's documented provisioning behaviour (the
	// catalogue's ZN-* rules).
	ModeZinc = "zinc"
	// ModePlain serves a plain RFC 7643/7644 server, with none of Zinc's
	// rules: any unique userName (no email needed), changeable; emails and
	// displayName as sent and nothing invented when none is sent; a PATCH
	// remove of active or displayName leaves it unassigned (not shown);
	// deactivated users keep their groups (so reactivated ones are still in
	// them); a group change naming an unknown member is refused whole; the
	// Admin Console lists deactivated users and lets synced groups be
	// edited; POST /Users/.search and /Groups/.search are answered, and so
	// is a query of the server root (GET / and POST /.search).
	// /Schemas describes these rules. DELETE /Users is allowed
	// (204), as in both modes. The Admin Console API stays, as the
	// harness's way to make organizations. docs/reference-server.md says
	// what plain mode is and is not.
	ModePlain = "plain"
)

// Defaults.
const (
	DefaultMaxBodyBytes = 1 << 20
	DefaultMaxResults   = 1000
	// DefaultOrg is the id of the organization that Config's tokens belong to.
	DefaultOrg = "default"
)

func (c *Config) fill() error {
	if c.Token == "" {
		return fmt.Errorf("reference: Config.Token is empty: the default organization needs a Production SCIM token")
	}
	seen := map[string]string{c.Token: "Token"}
	for name, t := range map[string]string{"SandboxToken": c.SandboxToken, "AdminToken": c.AdminToken} {
		if t == "" {
			continue
		}
		if other, dup := seen[t]; dup {
			return fmt.Errorf("reference: Config.%s equals Config.%s: every token must be distinct", name, other)
		}
		seen[t] = name
	}
	if c.OAuth != nil && (c.OAuth.ClientID == "" || c.OAuth.ClientSecret == "") {
		return fmt.Errorf("reference: Config.OAuth needs a ClientID and a ClientSecret")
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxResults <= 0 {
		c.MaxResults = DefaultMaxResults
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.NewID == nil {
		c.NewID = newUUID
	}
	return nil
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 36)
	j := 0
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = hex[c>>4], hex[c&0xf]
		j += 2
	}
	return string(out)
}
