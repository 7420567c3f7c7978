package reference

import "strings"

// Schema URNs.
const (
	userSchema       = "urn:ietf:params:scim:schemas:core:2.0:User"
	groupSchema      = "urn:ietf:params:scim:schemas:core:2.0:Group"
	enterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	listSchema       = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	patchSchema      = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
)

// The filterable attributes of Users and Groups: read-only tables built once.
var (
	emailFilterSchema  = buildTypedFilterSchema("emails value")
	phoneFilterSchema  = buildTypedFilterSchema("phoneNumbers value")
	grantFilterSchema  = buildGrantFilterSchema()
	userFilterSchema   = buildUserFilterSchema()
	memberFilterSchema = buildMemberFilterSchema()
	groupFilterSchema  = buildGroupFilterSchema()
)

func buildTypedFilterSchema(noun string) *schemaSpec[typedValue] {
	s := newSchema[typedValue](noun, "", "")
	s.attrs["value"] = str(false, func(v typedValue) string { return v.value })
	s.attrs["type"] = str(false, func(v typedValue) string { return v.typ })
	s.attrs["primary"] = boolean(func(v typedValue) bool { return v.primary })
	return s
}

// typedFilterSchema is the value filter of attr: emails or phoneNumbers.
func typedFilterSchema(attr string) *schemaSpec[typedValue] {
	if strings.EqualFold(attr, "emails") {
		return emailFilterSchema
	}
	return phoneFilterSchema
}

// buildGrantFilterSchema is the filter of entitlements[value eq "…"] and
// roles[value eq "…"]: a user's grants are stored as their ids.
func buildGrantFilterSchema() *schemaSpec[string] {
	s := newSchema[string]("entitlements value", "", "")
	s.attrs["value"] = str(true, func(id string) string { return id })
	return s
}

func buildUserFilterSchema() *schemaSpec[*user] {
	s := newSchema[*user]("User", userSchema, enterpriseSchema)
	a := s.attrs
	a["id"] = str(true, func(u *user) string { return u.id })
	a["externalid"] = str(true, func(u *user) string { return u.externalID })
	a["username"] = str(false, func(u *user) string { return u.userName })
	a["displayname"] = str(false, (*user).displayName)
	a["name.givenname"] = str(false, func(u *user) string { return u.given })
	a["name.familyname"] = str(false, func(u *user) string { return u.family })
	a["name.middlename"] = str(false, func(u *user) string { return u.middle })
	a["name.formatted"] = str(false, (*user).displayName)
	a["name"] = str(false, func(u *user) string { return u.given + u.middle + u.family })
	a["active"] = boolean(func(u *user) bool { return u.active })
	a["meta.created"] = datetime(func(u *user) int64 { return u.created })
	a["meta.lastmodified"] = datetime(func(u *user) int64 { _, m := u.stamp(); return m })
	extra := func(get func(*userExtra) string) func(*user) string {
		return func(u *user) string {
			if u.x == nil {
				return ""
			}
			return get(u.x)
		}
	}
	a["nickname"] = str(false, extra(func(x *userExtra) string { return x.nickName }))
	a["title"] = str(false, extra(func(x *userExtra) string { return x.title }))
	a["usertype"] = str(false, extra(func(x *userExtra) string { return x.userType }))
	a["preferredlanguage"] = str(false, extra(func(x *userExtra) string { return x.preferredLanguage }))
	a["locale"] = str(false, func(u *user) string { return u.locale })
	a["timezone"] = str(false, extra(func(x *userExtra) string { return x.timezone }))
	a["profileurl"] = str(true, extra(func(x *userExtra) string { return x.profileURL }))
	a["enterprise:employeenumber"] = str(false, extra(func(x *userExtra) string { return x.enterprise.employeeNumber }))
	a["enterprise:costcenter"] = str(false, extra(func(x *userExtra) string { return x.enterprise.costCenter }))
	a["enterprise:organization"] = str(false, extra(func(x *userExtra) string { return x.enterprise.organization }))
	a["enterprise:division"] = str(false, extra(func(x *userExtra) string { return x.enterprise.division }))
	a["enterprise:department"] = str(false, extra(func(x *userExtra) string { return x.enterprise.department }))
	a["enterprise:manager.value"] = str(true, extra(func(x *userExtra) string { return x.enterprise.managerID }))

	multi(s, "emails", func(u *user, yield func(email) bool) bool {
		if u.ownEmails() {
			for _, e := range u.x.emails {
				if yield(e) {
					return true
				}
			}
			return false
		}
		return yield(u.zincEmail())
	}, emailFilterSchema)

	multi(s, "phonenumbers", func(u *user, yield func(phoneNumber) bool) bool {
		if u.x == nil {
			return false
		}
		for _, p := range u.x.phoneNumbers {
			if yield(p) {
				return true
			}
		}
		return false
	}, phoneFilterSchema)

	groups := newSchema[*group]("groups value", "", "")
	groups.attrs["value"] = str(true, func(g *group) string { return g.id })
	groups.attrs["display"] = str(false, func(g *group) string { return g.displayName })
	multi(s, "groups", func(u *user, yield func(*group) bool) bool {
		for _, g := range u.groups {
			if g.scimVisible() && yield(g) {
				return true
			}
		}
		return false
	}, groups)
	return s
}

func buildGroupFilterSchema() *schemaSpec[*group] {
	s := newSchema[*group]("Group", groupSchema, "")
	a := s.attrs
	a["id"] = str(true, func(g *group) string { return g.id })
	a["externalid"] = str(true, func(g *group) string { return g.externalID })
	a["displayname"] = str(false, func(g *group) string { return g.displayName })
	a["meta.created"] = datetime(func(g *group) int64 { return g.created })
	a["meta.lastmodified"] = datetime(func(g *group) int64 { return g.modified })

	multi(s, "members", func(g *group, yield func(*user) bool) bool {
		for _, u := range g.members {
			if yield(u) {
				return true
			}
		}
		return false
	}, memberFilterSchema)
	return s
}

func buildMemberFilterSchema() *schemaSpec[*user] {
	s := newSchema[*user]("members value", "", "")
	s.attrs["value"] = str(true, func(u *user) string { return u.id })
	s.attrs["display"] = str(false, memberDisplay)
	s.attrs["type"] = str(false, func(*user) string { return "User" })
	return s
}

// memberDisplay is what a member reference shows: the display name, or the
// userName for a user without names.
func memberDisplay(u *user) string {
	if d := u.displayName(); d != "" {
		return d
	}
	return u.userName
}
