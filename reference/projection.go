package reference

import (
	"net/url"
	"strings"
)

// attrBit is one top-level attribute for the attributes and excludedAttributes
// query parameters (RFC 7644 section 3.4.2.5).
type attrBit uint32

const (
	bExternalID attrBit = 1 << iota
	bUserName
	bName
	bDisplayName
	bNickName
	bTitle
	bUserType
	bPreferredLanguage
	bLocale
	bTimezone
	bProfileURL
	bActive
	bEmails
	bPhoneNumbers
	bGroups
	bEnterprise
	bMeta
	bMembers
	bEntitlements
	bRoles
	bCustom
)

var attrBits = map[string]attrBit{
	"externalid": bExternalID, "username": bUserName, "name": bName, "displayname": bDisplayName,
	"nickname": bNickName, "title": bTitle, "usertype": bUserType, "preferredlanguage": bPreferredLanguage,
	"locale": bLocale, "timezone": bTimezone, "profileurl": bProfileURL, "active": bActive,
	"emails": bEmails, "phonenumbers": bPhoneNumbers, "groups": bGroups, "meta": bMeta, "members": bMembers,
	"entitlements": bEntitlements, "roles": bRoles,
}

// projection says which attributes a response carries. id and schemas are always
// returned; the zero projection returns every attribute returned by default.
type projection struct {
	include, exclude attrBit
	noID             bool // rules.Users.CreateReturnsID off
}

func (p projection) want(b attrBit) bool {
	if p.include != 0 {
		return p.include&b != 0
	}
	return p.exclude&b == 0
}

// asked reports whether the request named attributes or excludedAttributes.
func asked(q url.Values) bool { return q.Get("attributes") != "" || q.Get("excludedAttributes") != "" }

func parseProjection(q url.Values) projection {
	var p projection
	if v := q.Get("attributes"); v != "" {
		p.include = attrList(v)
		if p.include == 0 {
			p.include = 1 << 31 // only names this server does not know: id and schemas
		}
	}
	if v := q.Get("excludedAttributes"); v != "" {
		p.exclude = attrList(v)
	}
	return p
}

// attrList reads a comma-separated attribute list; unknown names are ignored and
// a sub-attribute (name.givenName) selects its whole parent.
func attrList(v string) attrBit {
	var bits attrBit
	for _, a := range strings.Split(v, ",") {
		a = lower(strings.TrimSpace(a))
		if strings.HasPrefix(a, lower(enterpriseSchema)) {
			bits |= bEnterprise
			continue
		}
		if strings.HasPrefix(a, lower(customSchema)) {
			bits |= bCustom
			continue
		}
		for _, urn := range []string{userSchema, groupSchema} {
			if u := lower(urn) + ":"; strings.HasPrefix(a, u) {
				a = a[len(u):]
			}
		}
		if i := strings.IndexByte(a, '.'); i >= 0 {
			a = a[:i]
		}
		bits |= attrBits[a]
	}
	return bits
}
