package reference

import "strconv"

// appendUser appends u as a SCIM User.
func (c *call) appendUser(b []byte, u *user, p projection) []byte {
	x := u.x
	display := u.displayName()
	hasEnterprise := x != nil && !x.enterprise.empty() && p.want(bEnterprise)
	hasCustom := x != nil && !x.custom.empty() && p.want(bCustom)
	b = append(b, `{"schemas":["`+userSchema...)
	if hasEnterprise {
		b = append(b, `","`+enterpriseSchema...)
	}
	if hasCustom {
		b = append(b, `","`+customSchema...)
	}
	b = append(b, `"]`...)
	if !p.noID {
		b = appendField(b, "id", u.id)
	}
	if u.externalID != "" && p.want(bExternalID) {
		b = appendField(b, "externalId", u.externalID)
	}
	if p.want(bUserName) {
		b = appendField(b, "userName", u.userName)
	}
	if p.want(bName) && (u.given != "" || u.family != "" || u.middle != "") {
		b = append(b, `,"name":{`...)
		n := len(b)
		if u.given != "" {
			b = appendField(b, "givenName", u.given)
		}
		if u.middle != "" {
			b = appendField(b, "middleName", u.middle)
		}
		if u.family != "" {
			b = appendField(b, "familyName", u.family)
		}
		if display != "" {
			b = appendField(b, "formatted", display)
		}
		b = dropComma(b, n)
		b = append(b, '}')
	}
	if display != "" && p.want(bDisplayName) {
		b = appendField(b, "displayName", display)
	}
	if x != nil {
		for _, f := range [...]struct {
			bit         attrBit
			name, value string
		}{
			{bNickName, "nickName", x.nickName}, {bTitle, "title", x.title}, {bUserType, "userType", x.userType},
			{bPreferredLanguage, "preferredLanguage", x.preferredLanguage},
		} {
			if f.value != "" && p.want(f.bit) {
				b = appendField(b, f.name, f.value)
			}
		}
	}
	if u.locale != "" && p.want(bLocale) {
		b = appendField(b, "locale", u.locale)
	}
	if x != nil {
		if x.timezone != "" && p.want(bTimezone) {
			b = appendField(b, "timezone", x.timezone)
		}
		if x.profileURL != "" && p.want(bProfileURL) {
			b = appendField(b, "profileUrl", x.profileURL)
		}
	}
	if p.want(bActive) && (x == nil || !x.activeUnassigned) {
		b = append(b, `,"active":`...)
		b = strconv.AppendBool(b, u.active)
	}
	if p.want(bEmails) {
		switch {
		case !u.ownEmails():
			b = append(b, `,"emails":[`...)
			b = appendTyped(b, u.userName, "work", true)
			b = append(b, ']')
		case len(x.emails) > 0:
			b = append(b, `,"emails":[`...)
			for i, e := range x.emails {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendTyped(b, e.value, e.typ, e.primary)
			}
			b = append(b, ']')
		}
	}
	if x != nil && len(x.phoneNumbers) > 0 && p.want(bPhoneNumbers) {
		b = append(b, `,"phoneNumbers":[`...)
		for i, ph := range x.phoneNumbers {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendTyped(b, ph.value, ph.typ, ph.primary)
		}
		b = append(b, ']')
	}
	if p.want(bGroups) {
		b = append(b, `,"groups":[`...)
		first := true
		for _, g := range u.groups {
			if !g.scimVisible() {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, `{"value":`...)
			b = appendString(b, g.id)
			b = appendField(b, "display", g.displayName)
			b = append(b, `,"$ref":"`...)
			b = appendRaw(b, c.base)
			b = append(b, "/Groups/"...)
			b = appendRaw(b, g.id)
			b = append(b, `","type":"direct"}`...)
		}
		b = append(b, ']')
	}
	if x != nil {
		b = c.appendGrants(b, x, p)
	}
	if x != nil && x.password != "" {
		b = appendField(b, "password", x.password) // only with rules.Users.StorePassword
	}
	if hasEnterprise {
		b = appendEnterprise(b, c, &x.enterprise)
	}
	if hasCustom {
		b = appendCustom(b, &x.custom)
	}
	if p.want(bMeta) {
		v, m := u.stamp()
		b = c.appendMeta(b, "User", "/Users/", u.id, u.created, m, v)
	}
	return append(b, '}')
}

// dropComma removes the comma at b[n], which the first of a run of fields wrote.
func dropComma(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	copy(b[n:], b[n+1:])
	return b[:len(b)-1]
}

// appendRaw appends s JSON-escaped without quotes.
func appendRaw(b []byte, s string) []byte {
	n := len(b)
	b = appendString(b, s)
	copy(b[n:], b[n+1:len(b)-1])
	return b[:len(b)-2]
}

func appendTyped(b []byte, v, typ string, primary bool) []byte {
	b = append(b, `{"value":`...)
	b = appendString(b, v)
	if typ != "" {
		b = appendField(b, "type", typ)
	}
	if primary {
		b = append(b, `,"primary":true`...)
	}
	return append(b, '}')
}

func appendEnterprise(b []byte, c *call, e *enterprise) []byte {
	b = append(b, `,"`+enterpriseSchema+`":{`...)
	n := len(b)
	for _, f := range [...]struct{ name, value string }{
		{"employeeNumber", e.employeeNumber}, {"costCenter", e.costCenter}, {"organization", e.organization},
		{"division", e.division}, {"department", e.department},
	} {
		if f.value != "" {
			b = appendField(b, f.name, f.value)
		}
	}
	if e.managerID != "" {
		b = append(b, `,"manager":{"value":`...)
		b = appendString(b, e.managerID)
		b = append(b, `,"$ref":"`...)
		b = appendRaw(b, c.base)
		b = append(b, "/Users/"...)
		b = appendRaw(b, e.managerID)
		b = append(b, `"}`...)
	}
	return append(dropComma(b, n), '}')
}

// appendMeta appends the meta attribute of a resource.
func (c *call) appendMeta(b []byte, kind, path, id string, created, modified int64, version uint64) []byte {
	b = append(b, `,"meta":{"resourceType":"`...)
	b = append(b, kind...)
	b = append(b, `","created":`...)
	b = appendTime(b, created)
	b = append(b, `,"lastModified":`...)
	b = appendTime(b, modified)
	b = append(b, `,"location":"`...)
	b = appendRaw(b, c.base)
	b = append(b, path...)
	b = appendRaw(b, id)
	b = append(b, `","version":"W/\"`...)
	b = strconv.AppendUint(b, version, 10)
	return append(b, `\""}`...)
}

// appendGrants appends a user's entitlements ({value, display, type}) and
// roles ({value, display}), named as the organization's /Entitlements and
// /Roles name them.
func (c *call) appendGrants(b []byte, x *userExtra, p projection) []byte {
	for k, name := range [numKinds]string{"entitlements", "roles"} {
		ids := x.grants[k]
		if len(ids) == 0 || !p.want([numKinds]attrBit{bEntitlements, bRoles}[k]) {
			continue
		}
		b = append(b, `,"`...)
		b = append(b, name...)
		b = append(b, `":[`...)
		for i, id := range ids {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"value":`...)
			b = appendString(b, id)
			if v := c.env.grants[k].get(id); v != nil {
				b = appendField(b, "display", v.DisplayName)
				if grantKind(k) == kindEntitlement {
					b = appendField(b, "type", v.Type)
				}
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return b
}

func appendCustom(b []byte, e *custom) []byte {
	b = append(b, `,"`+customSchema+`":{`...)
	n := len(b)
	for _, f := range [...]struct{ name, value string }{
		{"officeLocation", e.officeLocation}, {"badgeNumber", e.badgeNumber},
	} {
		if f.value != "" {
			b = appendField(b, f.name, f.value)
		}
	}
	return append(dropComma(b, n), '}')
}
