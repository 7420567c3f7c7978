package reference

import (
	"strconv"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// appendUser appends u as a SCIM User.
func (c *call) appendUser(b []byte, u *store.User, p projection) []byte {
	x := u.Extra
	display := u.DisplayName()
	hasEnterprise := x != nil && !x.Enterprise.Empty() && p.want(bEnterprise)
	hasCustom := x != nil && !x.Custom.Empty() && p.want(bCustom)
	b = append(b, `{"schemas":["`+userSchema...)
	if hasEnterprise {
		b = append(b, `","`+enterpriseSchema...)
	}
	if hasCustom {
		b = append(b, `","`+customSchema...)
	}
	b = append(b, `"]`...)
	if !p.noID {
		b = appendField(b, "id", u.ID)
	}
	if u.ExternalID != "" && p.want(bExternalID) {
		b = appendField(b, "externalId", u.ExternalID)
	}
	if p.want(bUserName) {
		b = appendField(b, "userName", u.UserName)
	}
	if p.want(bName) && (u.Given != "" || u.Family != "" || u.Middle != "") {
		b = append(b, `,"name":{`...)
		n := len(b)
		if u.Given != "" {
			b = appendField(b, "givenName", u.Given)
		}
		if u.Middle != "" {
			b = appendField(b, "middleName", u.Middle)
		}
		if u.Family != "" {
			b = appendField(b, "familyName", u.Family)
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
			{bNickName, "nickName", x.NickName}, {bTitle, "title", x.Title}, {bUserType, "userType", x.UserType},
			{bPreferredLanguage, "preferredLanguage", x.PreferredLanguage},
		} {
			if f.value != "" && p.want(f.bit) {
				b = appendField(b, f.name, f.value)
			}
		}
	}
	if u.Locale != "" && p.want(bLocale) {
		b = appendField(b, "locale", u.Locale)
	}
	if x != nil {
		if x.Timezone != "" && p.want(bTimezone) {
			b = appendField(b, "timezone", x.Timezone)
		}
		if x.ProfileURL != "" && p.want(bProfileURL) {
			b = appendField(b, "profileUrl", x.ProfileURL)
		}
	}
	if p.want(bActive) && (x == nil || !x.ActiveUnassigned) {
		b = append(b, `,"active":`...)
		b = strconv.AppendBool(b, u.Active)
	}
	if p.want(bEmails) {
		switch {
		case !u.OwnEmails():
			b = append(b, `,"emails":[`...)
			b = appendTyped(b, u.UserName, "work", true)
			b = append(b, ']')
		case len(x.Emails) > 0:
			b = append(b, `,"emails":[`...)
			for i, e := range x.Emails {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendTyped(b, e.Value, e.Type, e.Primary)
			}
			b = append(b, ']')
		}
	}
	if x != nil && len(x.PhoneNumbers) > 0 && p.want(bPhoneNumbers) {
		b = append(b, `,"phoneNumbers":[`...)
		for i, ph := range x.PhoneNumbers {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendTyped(b, ph.Value, ph.Type, ph.Primary)
		}
		b = append(b, ']')
	}
	if p.want(bGroups) {
		b = append(b, `,"groups":[`...)
		first := true
		for _, g := range u.Groups {
			if !g.SCIMVisible() {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, `{"value":`...)
			b = appendString(b, g.ID)
			b = appendField(b, "display", g.DisplayName)
			b = append(b, `,"$ref":"`...)
			b = appendRaw(b, c.base)
			b = append(b, "/Groups/"...)
			b = appendRaw(b, g.ID)
			b = append(b, `","type":"direct"}`...)
		}
		b = append(b, ']')
	}
	if x != nil {
		b = c.appendGrants(b, x, p)
	}
	if x != nil && x.Password != "" {
		b = appendField(b, "password", x.Password) // only with rules.Users.StorePassword
	}
	if hasEnterprise {
		b = appendEnterprise(b, c, &x.Enterprise)
	}
	if hasCustom {
		b = appendCustom(b, &x.Custom)
	}
	if p.want(bMeta) {
		v, m := u.Stamp()
		b = c.appendMeta(b, "User", "/Users/", u.ID, u.Created, m, v)
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

func appendEnterprise(b []byte, c *call, e *store.Enterprise) []byte {
	b = append(b, `,"`+enterpriseSchema+`":{`...)
	n := len(b)
	for _, f := range [...]struct{ name, value string }{
		{"employeeNumber", e.EmployeeNumber}, {"costCenter", e.CostCenter}, {"organization", e.Organization},
		{"division", e.Division}, {"department", e.Department},
	} {
		if f.value != "" {
			b = appendField(b, f.name, f.value)
		}
	}
	if e.ManagerID != "" {
		b = append(b, `,"manager":{"value":`...)
		b = appendString(b, e.ManagerID)
		b = append(b, `,"$ref":"`...)
		b = appendRaw(b, c.base)
		b = append(b, "/Users/"...)
		b = appendRaw(b, e.ManagerID)
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
func (c *call) appendGrants(b []byte, x *store.UserExtra, p projection) []byte {
	for k, name := range [store.NumKinds]string{"entitlements", "roles"} {
		ids := x.Grants[k]
		if len(ids) == 0 || !p.want([store.NumKinds]attrBit{bEntitlements, bRoles}[k]) {
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
			if v := c.env.Grants[k].Get(id); v != nil {
				b = appendField(b, "display", v.DisplayName)
				if store.GrantKind(k) == store.KindEntitlement {
					b = appendField(b, "type", v.Type)
				}
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return b
}

func appendCustom(b []byte, e *store.Custom) []byte {
	b = append(b, `,"`+customSchema+`":{`...)
	n := len(b)
	for _, f := range [...]struct{ name, value string }{
		{"officeLocation", e.OfficeLocation}, {"badgeNumber", e.BadgeNumber},
	} {
		if f.value != "" {
			b = appendField(b, f.name, f.value)
		}
	}
	return append(dropComma(b, n), '}')
}
