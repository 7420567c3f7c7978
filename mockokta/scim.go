package mockokta

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/scimharness/scimharness/internal/jsonenc"
)

const (
	userSchema  = "urn:ietf:params:scim:schemas:core:2.0:User"
	groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
	patchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
)

// appendCreateUser appends Okta's POST /Users body (docs/okta-protocol.md §2.3): the core
// User schema, userName, name, one primary work email, displayName, the other
// mapped core attributes, externalId (the Okta user id), an empty groups list,
// a password (a placeholder unless the password is synced) and active.
// Extension attributes go under their schema URN, which is also listed in
// schemas (§10.4; listing the URN is an inference, RFC 7643 §3).
//
// locale, when not "", is what Okta's default mapping sends (§11.3), unless
// the user's own attributes map a locale.
func appendCreateUser(b []byte, p *profile, password, locale string) []byte {
	b = append(b, `{"schemas":["`+userSchema+`"`...)
	for _, e := range p.exts {
		b = append(b, ',')
		b = appendString(b, e.urn)
	}
	b = append(b, `],"userName":`...)
	b = appendString(b, p.Login)
	b = append(b, `,"name":{"givenName":`...)
	b = appendString(b, p.FirstName)
	b = append(b, `,"familyName":`...)
	b = appendString(b, p.LastName)
	for _, a := range p.name {
		if a.omit {
			continue
		}
		b = append(b, ',')
		b = appendAttr(b, a)
	}
	b = append(b, `},"emails":[{"primary":true,"value":`...)
	b = appendString(b, p.Email)
	b = append(b, `,"type":"work"}],"displayName":`...)
	b = appendString(b, p.displayName())
	if locale != "" && !p.maps("locale") {
		b = append(b, `,"locale":`...)
		b = appendString(b, locale)
	}
	for _, a := range p.core {
		if a.omit {
			continue
		}
		b = append(b, ',')
		b = appendAttr(b, a)
	}
	b = append(b, `,"externalId":`...)
	b = appendString(b, p.ID)
	b = append(b, `,"groups":[],"password":`...)
	b = appendString(b, password)
	b = append(b, `,"active":true`...)
	b = appendGrants(b, p)
	for _, e := range p.exts {
		b = append(b, ',')
		b = appendString(b, e.urn)
		b = append(b, ':')
		b = appendObject(b, e.attrs)
	}
	return append(b, '}')
}

func appendAttr(b []byte, a attr) []byte {
	b = appendString(b, a.name)
	b = append(b, ':')
	if a.sub != nil {
		return appendObject(b, a.sub)
	}
	return append(b, a.raw...)
}

func appendObject(b []byte, attrs []attr) []byte {
	b = append(b, '{')
	first := true
	for _, a := range attrs {
		if a.omit {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendAttr(b, a)
	}
	return append(b, '}')
}

// mergeUser writes Okta's view of the user over the server's representation
// cur (a GET /Users/{id} answer) for a PUT (docs/okta-protocol.md §4.1: "the
// retrieved object, changed attributes modified"; §2.5: the link PUT is the
// profile merged over the GET answer). The server's own attributes (id, meta,
// anything Okta does not map) go back unchanged. password is sent only when
// not empty (AIW password sync, §6). The keys come out sorted.
func mergeUser(cur map[string]any, p *profile, active bool, password string) []byte {
	schemas := []any{userSchema}
	if old, ok := cur["schemas"].([]any); ok {
		schemas = old
		if !containsString(schemas, userSchema) {
			schemas = append([]any{userSchema}, schemas...)
		}
	}
	for _, e := range p.exts {
		if !containsString(schemas, e.urn) {
			schemas = append(schemas, e.urn)
		}
	}
	cur["schemas"] = schemas
	cur["userName"] = p.Login
	name, _ := cur["name"].(map[string]any)
	if name == nil {
		name = map[string]any{}
	}
	name["givenName"] = p.FirstName
	name["familyName"] = p.LastName
	mergeAttrs(name, p.name)
	cur["name"] = name
	// Inference: Okta maps one primary work email and replaces the list.
	cur["emails"] = []any{map[string]any{"primary": true, "value": p.Email, "type": "work"}}
	cur["displayName"] = p.displayName()
	mergeAttrs(cur, p.core)
	cur["externalId"] = p.ID
	// Every PUT Okta was seen sending, and its docs' example, carry an
	// empty groups list, whatever the server answered: groups is read-only
	// for Okta (docs/okta-protocol.md §11.5).
	cur["groups"] = []any{}
	cur["active"] = active
	// A password in the server's answer is the server's bug, never Okta's
	// to send back: only the password Okta syncs goes out.
	delete(cur, "password")
	if password != "" {
		cur["password"] = password
	}
	for _, e := range p.exts {
		m, _ := cur[e.urn].(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		mergeAttrs(m, e.attrs)
		cur[e.urn] = m
	}
	if p.Grants != nil {
		// The org manages the user's grants: both lists go out whole
		// (docs/okta-entitlements-and-schema.md §4, an inference).
		cur["entitlements"], cur["roles"] = grantLists(p)
	}
	return appendJSON(make([]byte, 0, 512), cur)
}

// mergeAttrs writes attrs over m; an emptied value that EmptyOmitted leaves
// out is taken out of m, so that the PUT clears it.
func mergeAttrs(m map[string]any, attrs []attr) {
	for _, a := range attrs {
		if a.omit {
			delete(m, a.name)
			continue
		}
		if a.sub == nil {
			m[a.name] = a.raw
			continue
		}
		sub, _ := m[a.name].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
		}
		mergeAttrs(sub, a.sub)
		m[a.name] = sub
	}
}

func containsString(list []any, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// encodeJSON encodes v compactly without HTML escaping (Okta's Java client
// does not escape <, > and &).
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only values decoded from JSON or pre-encoded ones reach here.
		panic(fmt.Sprintf("mockokta: encoding a request body: %v", err))
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// appendPatchReplace appends a PatchOp with one no-path replace of key (docs/okta-protocol.md
// §5.1: deactivation; §5.4 and §6: activation and password by the same shape,
// an inference).
func appendPatchReplace(b []byte, key string, value []byte) []byte {
	b = append(b, `{"schemas":["`+patchSchema+`"],"Operations":[{"op":"replace","value":{`...)
	b = appendString(b, key)
	b = append(b, ':')
	b = append(b, value...)
	return append(b, `}}]}`...)
}

// member is a group member as Okta pushes it: value is the SCIM user id,
// display the user's login (docs/okta-protocol.md §7.6).
type member struct {
	uid     string // Okta user id
	scimID  string
	display string
}

// appendGroupPatch appends a membership PatchOp (docs/okta-protocol.md §7.6,
// §11.1): one remove per member by value filter, then one add of {value,
// display} (no type), or a replace of members by path. The rename goes in a
// PATCH of its own (appendGroupRename), as Okta's docs and a 2023 capture
// show.
func appendGroupPatch(b []byte, removes, adds []member, replace bool) []byte {
	b = append(b, `{"schemas":["`+patchSchema+`"],"Operations":[`...)
	first := true
	sep := func() {
		if !first {
			b = append(b, ',')
		}
		first = false
	}
	for _, m := range removes {
		sep()
		b = append(b, `{"op":"remove","path":`...)
		b = appendString(b, `members[value eq "`+escapeFilter(m.scimID)+`"]`)
		b = append(b, '}')
	}
	if replace || len(adds) > 0 {
		sep()
		if replace {
			b = append(b, `{"op":"replace","path":"members","value":`...)
		} else {
			b = append(b, `{"op":"add","path":"members","value":`...)
		}
		b = appendMembers(b, adds)
		b = append(b, '}')
	}
	return append(b, `]}`...)
}

// appendGroupRename appends the rename PatchOp, a replace without a path of
// {id, displayName} (docs/okta-protocol.md §7.5).
func appendGroupRename(b []byte, scimID, name string) []byte {
	b = append(b, `{"schemas":["`+patchSchema+`"],"Operations":[{"op":"replace","value":{"id":`...)
	b = appendString(b, scimID)
	b = append(b, `,"displayName":`...)
	b = appendString(b, name)
	return append(b, `}}]}`...)
}

// appendGroupReplaceValue appends the full push of FullPushValue: one replace
// without a path whose value holds the members, the id and the displayName
// (docs/okta-protocol.md §11.2, in the captured key order).
func appendGroupReplaceValue(b []byte, scimID, name string, ms []member) []byte {
	b = append(b, `{"schemas":["`+patchSchema+`"],"Operations":[{"op":"replace","value":{"members":`...)
	b = appendMembers(b, ms)
	b = append(b, `,"id":`...)
	b = appendString(b, scimID)
	b = append(b, `,"displayName":`...)
	b = appendString(b, name)
	return append(b, `}}]}`...)
}

func appendMembers(b []byte, ms []member) []byte {
	b = append(b, '[')
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"value":`...)
		b = appendString(b, m.scimID)
		b = append(b, `,"display":`...)
		b = appendString(b, m.display)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendCreateGroup is Okta's POST /Groups body: no members (docs/okta-protocol.md
// §7.2; memberships follow separately).
func appendCreateGroup(b []byte, name string) []byte {
	b = append(b, `{"schemas":["`+groupSchema+`"],"displayName":`...)
	b = appendString(b, name)
	return append(b, `,"members":[]}`...)
}

// appendPutGroup is the AIW group write: schemas, id, displayName and the
// full members list (docs/okta-protocol.md §7.6, §11.5: the id is in Okta's
// example and in the 2023 captures).
func appendPutGroup(b []byte, scimID, name string, ms []member) []byte {
	b = append(b, `{"schemas":["`+groupSchema+`"],"id":`...)
	b = appendString(b, scimID)
	b = append(b, `,"displayName":`...)
	b = appendString(b, name)
	b = append(b, `,"members":`...)
	b = appendMembers(b, ms)
	return append(b, '}')
}

// escapeFilter escapes a value for a SCIM filter's quoted string (RFC 7644
// §3.4.2.2 uses JSON string rules).
func escapeFilter(v string) string {
	if !strings.ContainsAny(v, `"\`) {
		return v
	}
	q := appendString(nil, v)
	return string(q[1 : len(q)-1])
}

// filterQuery is Okta's lookup query: filter, startIndex=1, count=100, in that
// order, spaces as %20, or as + under SpacesPlus (docs/okta-protocol.md §2.2,
// §7.3, §11.4).
func filterQuery(attr, value string, spaces QuerySpaces) string {
	f := queryEscape(attr + ` eq "` + escapeFilter(value) + `"`)
	if spaces == SpacesPlus {
		f = strings.ReplaceAll(f, "%20", "+")
	}
	return "filter=" + f + "&startIndex=1&count=100"
}

// queryEscape percent-encodes like Okta's current examples: %20 for a space,
// %22 for a quote, %40 for @.
func queryEscape(s string) string {
	const hex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreservedQuery(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreservedQuery(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	return string(b)
}

func unreservedQuery(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// appendString appends s as a JSON string, without HTML escaping.
func appendString(b []byte, s string) []byte { return jsonenc.AppendString(b, s) }

// listPage is a ListResponse as Okta reads it (parseList, listjson.go).
type listPage struct {
	total     int
	resources []resource
	raw       []json.RawMessage // the same resources, as sent (slices of the body)
	shared    bool              // resources are a PageCache's, read by other orgs: never change or reuse them
}

// resource is the part of a User or Group that Okta reads.
type resource struct {
	ID          string `json:"id"`
	UserName    string `json:"userName"`
	DisplayName string `json:"displayName"`
	Active      *bool  `json:"active"`
	Name        struct {
		GivenName  string `json:"givenName"`
		FamilyName string `json:"familyName"`
	} `json:"name"`
	Emails  []listEmail  `json:"emails"`
	Members []listMember `json:"members"`
}

type listEmail struct {
	Value   string `json:"value"`
	Primary bool   `json:"primary"`
}

type listMember struct {
	Value   string `json:"value"`
	Display string `json:"display"`
}

func jsonInt(name string, raw json.RawMessage, required bool) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		if required {
			return 0, fmt.Errorf("list response: %s: expected an integer, got nothing", name)
		}
		return 0, nil
	}
	n, err := strconv.Atoi(string(raw))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("list response: %s: expected a non-negative integer, got %s", name, truncate(string(raw), 40))
	}
	return n, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
