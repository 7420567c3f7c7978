package reference

import (
	"strings"

	"github.com/scimharness/scimharness/reference/internal/store"
)

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

func buildTypedFilterSchema(noun string) *schemaSpec[store.TypedValue] {
	s := newSchema[store.TypedValue](noun, "", "")
	s.attrs["value"] = str(false, func(v store.TypedValue) string { return v.Value })
	s.attrs["type"] = str(false, func(v store.TypedValue) string { return v.Type })
	s.attrs["primary"] = boolean(func(v store.TypedValue) bool { return v.Primary })
	return s
}

// typedFilterSchema is the value filter of attr: emails or phoneNumbers.
func typedFilterSchema(attr string) *schemaSpec[store.TypedValue] {
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

func buildUserFilterSchema() *schemaSpec[*store.User] {
	s := newSchema[*store.User]("User", userSchema, enterpriseSchema)
	a := s.attrs
	a["id"] = str(true, func(u *store.User) string { return u.ID })
	a["externalid"] = str(true, func(u *store.User) string { return u.ExternalID })
	a["username"] = str(false, func(u *store.User) string { return u.UserName })
	a["displayname"] = str(false, (*store.User).DisplayName)
	a["name.givenname"] = str(false, func(u *store.User) string { return u.Given })
	a["name.familyname"] = str(false, func(u *store.User) string { return u.Family })
	a["name.middlename"] = str(false, func(u *store.User) string { return u.Middle })
	a["name.formatted"] = str(false, (*store.User).DisplayName)
	a["name"] = str(false, func(u *store.User) string { return u.Given + u.Middle + u.Family })
	// active removed by a PATCH in plain mode is unassigned: it has no value,
	// so eq and pr match nothing and "not (active pr)" matches (RFC 7644
	// section 3.4.2.2), rather than the user's last state.
	a["active"] = attrSpec[*store.User]{kind: kBool, each: func(u *store.User, yield func(value) bool) bool {
		if u.Extra != nil && u.Extra.ActiveUnassigned {
			return false
		}
		return yield(value{b: u.Active})
	}}
	a["meta.resourcetype"] = str(false, func(*store.User) string { return "User" })
	a["meta.created"] = datetime(func(u *store.User) int64 { return u.Created })
	a["meta.lastmodified"] = datetime(func(u *store.User) int64 { _, m := u.Stamp(); return m })
	extra := func(get func(*store.UserExtra) string) func(*store.User) string {
		return func(u *store.User) string {
			if u.Extra == nil {
				return ""
			}
			return get(u.Extra)
		}
	}
	a["nickname"] = str(false, extra(func(x *store.UserExtra) string { return x.NickName }))
	a["title"] = str(false, extra(func(x *store.UserExtra) string { return x.Title }))
	a["usertype"] = str(false, extra(func(x *store.UserExtra) string { return x.UserType }))
	a["preferredlanguage"] = str(false, extra(func(x *store.UserExtra) string { return x.PreferredLanguage }))
	a["locale"] = str(false, func(u *store.User) string { return u.Locale })
	a["timezone"] = str(false, extra(func(x *store.UserExtra) string { return x.Timezone }))
	a["profileurl"] = str(true, extra(func(x *store.UserExtra) string { return x.ProfileURL }))
	a["enterprise:employeenumber"] = str(false, extra(func(x *store.UserExtra) string { return x.Enterprise.EmployeeNumber }))
	a["enterprise:costcenter"] = str(false, extra(func(x *store.UserExtra) string { return x.Enterprise.CostCenter }))
	a["enterprise:organization"] = str(false, extra(func(x *store.UserExtra) string { return x.Enterprise.Organization }))
	a["enterprise:division"] = str(false, extra(func(x *store.UserExtra) string { return x.Enterprise.Division }))
	a["enterprise:department"] = str(false, extra(func(x *store.UserExtra) string { return x.Enterprise.Department }))
	a["enterprise:manager.value"] = str(true, extra(func(x *store.UserExtra) string { return x.Enterprise.ManagerID }))

	multi(s, "emails", func(u *store.User, yield func(store.Email) bool) bool {
		if u.OwnEmails() {
			for _, e := range u.Extra.Emails {
				if yield(e) {
					return true
				}
			}
			return false
		}
		return yield(u.ZincEmail())
	}, emailFilterSchema)

	multi(s, "phonenumbers", func(u *store.User, yield func(store.PhoneNumber) bool) bool {
		if u.Extra == nil {
			return false
		}
		for _, p := range u.Extra.PhoneNumbers {
			if yield(p) {
				return true
			}
		}
		return false
	}, phoneFilterSchema)

	groups := newSchema[*store.Group]("groups value", "", "")
	groups.attrs["value"] = str(true, func(g *store.Group) string { return g.ID })
	groups.attrs["display"] = str(false, func(g *store.Group) string { return g.DisplayName })
	multi(s, "groups", func(u *store.User, yield func(*store.Group) bool) bool {
		for _, g := range u.Groups {
			if g.SCIMVisible() && yield(g) {
				return true
			}
		}
		return false
	}, groups)
	return s
}

func buildGroupFilterSchema() *schemaSpec[*store.Group] {
	s := newSchema[*store.Group]("Group", groupSchema, "")
	a := s.attrs
	a["id"] = str(true, func(g *store.Group) string { return g.ID })
	a["externalid"] = str(true, func(g *store.Group) string { return g.ExternalID })
	a["displayname"] = str(false, func(g *store.Group) string { return g.DisplayName })
	a["meta.resourcetype"] = str(false, func(*store.Group) string { return "Group" })
	a["meta.created"] = datetime(func(g *store.Group) int64 { return g.Created })
	a["meta.lastmodified"] = datetime(func(g *store.Group) int64 { return g.Modified })

	multi(s, "members", func(g *store.Group, yield func(*store.User) bool) bool {
		for _, u := range g.Members {
			if yield(u) {
				return true
			}
		}
		return false
	}, memberFilterSchema)
	return s
}

func buildMemberFilterSchema() *schemaSpec[*store.User] {
	s := newSchema[*store.User]("members value", "", "")
	s.attrs["value"] = str(true, func(u *store.User) string { return u.ID })
	s.attrs["display"] = str(false, store.MemberDisplay)
	s.attrs["type"] = str(false, func(*store.User) string { return "User" })
	return s
}
