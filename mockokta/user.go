package mockokta

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// User is an Okta user: the profile Okta maps to the app and the user's status.
type User struct {
	// ID is the Okta user id ("00u…"), sent as externalId. AddUser generates
	// it when empty.
	ID string
	// Login is the Okta username; it is sent as userName and identifies the
	// user in every Org method (case-insensitively, as Okta logins are).
	Login string
	// Email is the primary work email; AddUser uses Login when it is empty.
	Email     string
	FirstName string
	LastName  string
	// Attributes are the other mapped attributes, keyed by SCIM attribute
	// path: "title", "locale", "name.middleName", or with a schema URN,
	// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department".
	// Values are anything encoding/json encodes. The attributes the org sets
	// itself (userName, name.givenName, name.familyName, emails, displayName,
	// externalId, groups, password, active, schemas, id, meta) are refused.
	// An attribute whose value is "" has been emptied in Okta: it goes out
	// as Config.EmptyValues says (docs/okta-entitlements-and-schema.md §6).
	Attributes map[string]any
	// Grants are the entitlements and roles granted to the user, values an
	// entitlement import found (Org.Grant and Org.Revoke change them; nil
	// means the org has never managed the user's grants, and its PUTs leave
	// the server's lists alone).
	Grants []Grant
	// Status is the user's status in Okta; AddUser treats "" as StatusActive.
	Status UserStatus
}

// UserStatus is an Okta user status.
type UserStatus string

// The Okta user statuses the org models.
const (
	StatusActive        UserStatus = "ACTIVE"
	StatusDeprovisioned UserStatus = "DEPROVISIONED" // deactivated in Okta
	// StatusSuspended cannot sign in to Okta but keeps its app assignments
	// and group memberships; suspending sends the app nothing
	// (docs/okta-protocol.md §12.6, C9295, C9300).
	StatusSuspended UserStatus = "SUSPENDED"
)

// displayName is Okta's default mapping, "First Last" (docs/okta-protocol.md §2.3).
func (u *User) displayName() string {
	switch {
	case u.FirstName == "":
		return u.LastName
	case u.LastName == "":
		return u.FirstName
	}
	return u.FirstName + " " + u.LastName
}

// taskName is how a task message names the user: its display name (S1 shows
// "Error while creating user <displayName>"), or its login without names.
func (u *User) taskName() string {
	if dn := u.displayName(); dn != "" {
		return dn
	}
	return u.Login
}

// profile is a User prepared for encoding: its extra attributes parsed,
// validated and pre-encoded once, so that building a request only appends
// bytes. A profile is never modified after prepareProfile returns, so it is
// shared freely between goroutines.
type profile struct {
	User
	core []attr // top-level core attributes, by name
	name []attr // name.* beyond givenName and familyName, by name
	exts []ext  // extension schemas, by URN
}

// attr is one attribute: a pre-encoded value, or sub-attributes.
type attr struct {
	name string
	raw  json.RawMessage
	sub  []attr
	omit bool // an emptied value that EmptyOmitted leaves out
}

type ext struct {
	urn   string
	attrs []attr
}

// reserved are the attributes the org writes itself.
var reserved = map[string]bool{
	"schemas": true, "id": true, "meta": true, "userName": true, "name.givenName": true,
	"name.familyName": true, "emails": true, "displayName": true, "externalId": true,
	"groups": true, "password": true, "active": true, "name": true, "entitlements": true, "roles": true,
}

func prepareProfile(u User, empty EmptyValues) (*profile, error) {
	if u.Login == "" {
		return nil, fmt.Errorf("user has no login")
	}
	if u.Email == "" {
		u.Email = u.Login
	}
	if u.Status == "" {
		u.Status = StatusActive
	}
	if u.Status != StatusActive && u.Status != StatusDeprovisioned && u.Status != StatusSuspended {
		return nil, fmt.Errorf("user %s: status %q: expected %q, %q or %q", u.Login, u.Status, StatusActive, StatusDeprovisioned, StatusSuspended)
	}
	p := &profile{User: u}
	if len(u.Attributes) > 0 {
		// Keep the caller's map out of reach: copy it.
		p.Attributes = make(map[string]any, len(u.Attributes))
	}
	exts := map[string][]attr{}
	keys := make([]string, 0, len(u.Attributes))
	for k := range u.Attributes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := u.Attributes[k]
		p.Attributes[k] = v
		raw, err := encodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("user %s: attribute %q: %w", u.Login, k, err)
		}
		omit := false
		if v == "" {
			switch empty {
			case EmptyAsNull:
				raw = json.RawMessage("null")
			case EmptyOmitted:
				omit = true
			}
		}
		urn, path := splitURN(k)
		parts := strings.Split(path, ".")
		if path == "" || len(parts) > 2 || parts[0] == "" || (len(parts) == 2 && parts[1] == "") {
			return nil, fmt.Errorf("user %s: attribute %q: expected name, name.sub or urn:…:name", u.Login, k)
		}
		if urn == "" && reserved[path] {
			return nil, fmt.Errorf("user %s: attribute %q is written by the org itself", u.Login, k)
		}
		switch {
		case urn != "":
			exts[urn] = addAttr(exts[urn], parts, raw, omit)
		case parts[0] == "name":
			p.name = addAttr(p.name, parts[1:], raw, omit)
		default:
			p.core = addAttr(p.core, parts, raw, omit)
		}
	}
	urns := make([]string, 0, len(exts))
	for urn := range exts {
		urns = append(urns, urn)
	}
	sort.Strings(urns)
	for _, urn := range urns {
		p.exts = append(p.exts, ext{urn: urn, attrs: exts[urn]})
	}
	return p, nil
}

// splitURN splits "urn:…:User:department" into the URN and "department".
func splitURN(key string) (urn, path string) {
	if !strings.HasPrefix(strings.ToLower(key), "urn:") {
		return "", key
	}
	i := strings.LastIndexByte(key, ':')
	return key[:i], key[i+1:]
}

// addAttr adds a value at parts (one or two names) to a list kept in key
// order (keys arrive sorted, so "a" precedes "a.b").
func addAttr(list []attr, parts []string, raw json.RawMessage, omit bool) []attr {
	if len(parts) == 1 {
		return append(list, attr{name: parts[0], raw: raw, omit: omit})
	}
	for i := range list {
		if list[i].name == parts[0] {
			list[i].raw, list[i].omit = nil, false // a parent value gives way to its sub-attributes
			list[i].sub = append(list[i].sub, attr{name: parts[1], raw: raw, omit: omit})
			return list
		}
	}
	return append(list, attr{name: parts[0], sub: []attr{{name: parts[1], raw: raw, omit: omit}}})
}

func encodeValue(v any) (json.RawMessage, error) {
	if s, ok := v.(string); ok {
		return appendString(nil, s), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// maps reports whether the user's own attributes map the top-level core
// attribute name (an emptied one included).
func (p *profile) maps(name string) bool {
	for _, a := range p.core {
		if a.name == name {
			return true
		}
	}
	return false
}
