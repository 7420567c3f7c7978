package reference

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/rules"
	"github.com/scimharness/scimharness/reference/internal/store"
)

// The discovery endpoints (RFC 7644 section 4): GET only, anything else 405.

func (c *call) discovery(seg, id string) {
	m := c.r.Method
	if m != http.MethodGet && m != http.MethodHead {
		if !c.s.rules.Discovery.GetOnly && m == http.MethodPost {
			c.writeJSON(http.StatusOK, map[string]any{"schemas": []string{}})
			return
		}
		c.methodNotAllowed("GET")
		return
	}
	switch seg {
	case "serviceproviderconfig":
		if id != "" {
			c.fail(errorf(http.StatusNotFound, "", "/ServiceProviderConfig has no sub-resources"))
			return
		}
		c.writeJSON(http.StatusOK, c.serviceProviderConfig())
	case "schemas":
		c.listOrOne(c.schemaDefs(), id, "Schema")
	case "resourcetypes":
		c.listOrOne(c.resourceTypes(), id, "ResourceType")
	}
}

// listOrOne answers the whole list as a ListResponse, or the element whose id is
// id.
func (c *call) listOrOne(all []map[string]any, id, kind string) {
	for _, r := range all {
		r["meta"] = map[string]any{"resourceType": kind, "location": c.base + "/" + kind + "s/" + r["id"].(string)}
	}
	if id == "" {
		c.writeJSON(http.StatusOK, map[string]any{
			"schemas": []string{listSchema}, "totalResults": len(all), "itemsPerPage": len(all), "startIndex": 1, "Resources": all,
		})
		return
	}
	for _, r := range all {
		if strings.EqualFold(r["id"].(string), id) {
			c.writeJSON(http.StatusOK, r)
			return
		}
	}
	c.fail(errorf(http.StatusNotFound, "", "%s %q not found", kind, id))
}

func (c *call) writeJSON(status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		c.fail(errorf(http.StatusInternalServerError, "", "encoding the response: %v", err))
		return
	}
	b := getBuf()
	b.b = append(b.b, data...)
	writeBody(c.w, status, b, c.s.mediaType())
}

func (c *call) serviceProviderConfig() map[string]any {
	return map[string]any{
		"schemas":          []string{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"},
		"documentationUri": "https://github.com/scimharness/scimharness/tree/main/reference",
		"patch":            map[string]any{"supported": true},
		"bulk":             map[string]any{"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
		"filter":           map[string]any{"supported": true, "maxResults": c.s.cfg.MaxResults},
		"changePassword":   map[string]any{"supported": false}, // no password is kept (package doc)
		"sort":             map[string]any{"supported": false},
		"etag":             map[string]any{"supported": true},
		"authenticationSchemes": []map[string]any{
			{"type": "oauthbearertoken", "name": "OAuth Bearer Token", "primary": true,
				"description": "The organization's " + c.app() + "API token as 'Authorization: Bearer <token>' (or the raw token as the header value)."},
			{"type": "httpbasic", "name": "HTTP Basic",
				"description": "HTTP Basic with the organization's " + c.app() + "API token as the password and any user name."},
		},
		"meta": map[string]any{"resourceType": "ServiceProviderConfig", "location": c.base + "/ServiceProviderConfig"},
	}
}

// app names the app in discovery's descriptions: "Zinc " in Zinc mode,
// nothing in plain mode, which is no particular app.
func (c *call) app() string {
	if c.s.cfg.Mode == ModePlain {
		return ""
	}
	return "Zinc "
}

// resourceTypes are User (with the enterprise and Zinc's custom extension,
// which Okta's Import User Schema reads, OK-28, OK-30), Group, and the two
// resource types of Okta's entitlement management, which Okta's entitlement
// import discovers here (OK-23).
func (c *call) resourceTypes() []map[string]any {
	rt := []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}
	out := []map[string]any{
		{"schemas": rt, "id": "User", "name": "User",
			"endpoint": "/Users", "description": c.app() + "users", "schema": userSchema,
			"schemaExtensions": []map[string]any{{"schema": enterpriseSchema, "required": false}, {"schema": customSchema, "required": false}}},
		{"schemas": rt, "id": "Group", "name": "Group",
			"endpoint": "/Groups", "description": c.app() + "groups created by the directory", "schema": groupSchema},
	}
	if !c.s.rules.Discovery.EntitlementTypes {
		return out
	}
	return append(out,
		map[string]any{"schemas": rt, "id": "Entitlement", "name": "Entitlement", "endpoint": "/Entitlements",
			"description": c.app() + "licenses and other entitlements a user can be granted", "schema": store.EntitlementSchema},
		map[string]any{"schemas": rt, "id": "Role", "name": "Role", "endpoint": "/Roles",
			"description": c.app() + "roles a user can be granted", "schema": store.RoleSchema})
}

// schemaAttr is an attribute definition (RFC 7643 section 7).
type schemaAttr struct {
	Name          string       `json:"name"`
	Type          string       `json:"type"`
	MultiValued   bool         `json:"multiValued"`
	Description   string       `json:"description"`
	Required      bool         `json:"required"`
	CaseExact     bool         `json:"caseExact"`
	Mutability    string       `json:"mutability"`
	Returned      string       `json:"returned"`
	Uniqueness    string       `json:"uniqueness"`
	SubAttributes []schemaAttr `json:"subAttributes,omitempty"`
	ReferenceType []string     `json:"referenceTypes,omitempty"`
}

func sa(name, typ, desc string) schemaAttr {
	return schemaAttr{Name: name, Type: typ, Description: desc, Mutability: "readWrite", Returned: "default", Uniqueness: "none"}
}

func (a schemaAttr) multi() schemaAttr              { a.MultiValued = true; return a }
func (a schemaAttr) required() schemaAttr           { a.Required = true; return a }
func (a schemaAttr) exact() schemaAttr              { a.CaseExact = true; return a }
func (a schemaAttr) mut(m string) schemaAttr        { a.Mutability = m; return a }
func (a schemaAttr) ret(r string) schemaAttr        { a.Returned = r; return a }
func (a schemaAttr) unique(u string) schemaAttr     { a.Uniqueness = u; return a }
func (a schemaAttr) sub(s ...schemaAttr) schemaAttr { a.SubAttributes = s; return a }
func (a schemaAttr) refs(r ...string) schemaAttr    { a.ReferenceType = r; return a }

func typedSubs(what string) []schemaAttr {
	return []schemaAttr{
		sa("value", "string", "The "+what+"."),
		sa("type", "string", "A label: work, home, other."),
		sa("primary", "boolean", "The primary value."),
	}
}

// grantSubs are the sub-attributes of a user's entitlements (withType) or roles.
func grantSubs(what string, withType bool) []schemaAttr {
	out := []schemaAttr{
		sa("value", "string", "The id of the "+what+", as /"+what+"s lists it.").exact(),
		sa("display", "string", "Its displayName.").mut("readOnly"),
	}
	if withType {
		out = append(out, sa("type", "string", "Its type.").mut("readOnly"))
	}
	return out
}

// toldRules are the user rules /Schemas describes: the mode's (a fault is a
// defect the schema does not announce), or with
// rules.Discovery.SchemasTellTheRules off, the other mode's.
func (c *call) toldRules() rules.Users {
	u := c.s.mode.Users
	if !c.s.rules.Discovery.SchemasTellTheRules {
		u.UserNameImmutable, u.UserNameIsEmail = !u.UserNameImmutable, !u.UserNameIsEmail
		u.EmailsFromUserName, u.DisplayNameFromNames = !u.EmailsFromUserName, !u.DisplayNameFromNames
		u.DeactivationLeavesGroups, u.RemovedActiveIsInactive = !u.DeactivationLeavesGroups, !u.RemovedActiveIsInactive
	}
	return u
}

// userAttrs are the attributes of the User schema whose definitions follow
// the rules the server keeps (RFC 7643 section 7): Zinc's in Zinc mode, a
// plain RFC 7643 User's in plain mode.
func (c *call) userAttrs() (description string, userName, displayName, active, emails schemaAttr) {
	u := c.toldRules()
	description = "A user. Every attribute is kept as sent (RFC 7643 section 4.1)."
	userName = sa("userName", "string", "The user's unique identifier, unique case-insensitively; it may change.").required().unique("server")
	if u.UserNameIsEmail {
		userName.Description = "The user's email address, unique case-insensitively."
	}
	if u.UserNameImmutable {
		userName = userName.mut("immutable")
		userName.Description = "The user's email address: Zinc's unique, immutable identifier."
		description = "A Zinc user. userName is the email and primary email; displayName is derived from the first and last name."
	}
	displayName = sa("displayName", "string", "The name shown for the user, as sent.")
	if u.DisplayNameFromNames {
		displayName = sa("displayName", "string", "First name, space, last name: derived, never taken from a request.").mut("readOnly")
	}
	active = sa("active", "boolean", "Whether the user may sign in. Removing it leaves it unassigned: not shown, with no change of access (RFC 7644 section 3.5.2.2).")
	if u.DeactivationLeavesGroups && u.RemovedActiveIsInactive {
		active.Description = "false removes the user from the organization and every group, and so does removing active (unassigned reads as false); true brings it back in no group."
	}
	emails = sa("emails", "complex", "Email addresses, as sent; at most one primary, each (type, value) once (RFC 7643 section 2.4).").multi().sub(typedSubs("email address")...)
	if u.EmailsFromUserName {
		emails = sa("emails", "complex", "Exactly one: the userName, primary, type work.").multi().mut("readOnly").sub(typedSubs("email address")...)
	}
	return description, userName, displayName, active, emails
}

func (c *call) schemaDefs() []map[string]any {
	schema := []string{"urn:ietf:params:scim:schemas:core:2.0:Schema"}
	userDescription, userName, displayName, active, emails := c.userAttrs()
	out := []map[string]any{
		{"schemas": schema, "id": userSchema, "name": "User", "description": userDescription,
			"attributes": []schemaAttr{
				userName,
				sa("name", "complex", "The user's name.").sub(
					sa("formatted", "string", "First and last name.").mut("readOnly"),
					sa("givenName", "string", "First name."),
					sa("middleName", "string", "Middle name."),
					sa("familyName", "string", "Last name.")),
				displayName,
				sa("nickName", "string", "Casual name."),
				sa("profileUrl", "reference", "Profile URL.").refs("external"),
				sa("title", "string", "Title."),
				sa("userType", "string", "User type."),
				sa("preferredLanguage", "string", "Preferred language."),
				sa("locale", "string", "Locale."),
				sa("timezone", "string", "Time zone."),
				active,
				sa("password", "string", "Accepted and discarded: never stored, compared or returned, so no password can be changed (changePassword.supported is false).").mut("writeOnly").ret("never"),
				emails,
				sa("phoneNumbers", "complex", "Phone numbers; at most one primary, each (type, value) once (RFC 7643 section 2.4).").multi().sub(typedSubs("phone number")...),
				sa("groups", "complex", "The directory groups the user is in.").multi().mut("readOnly").sub(
					sa("value", "string", "Group id.").mut("readOnly"),
					sa("$ref", "reference", "Group URI.").mut("readOnly").refs("Group"),
					sa("display", "string", "Group name.").mut("readOnly"),
					sa("type", "string", "direct.").mut("readOnly")),
				sa("entitlements", "complex", "The entitlements the user is granted: values of /Entitlements.").multi().sub(grantSubs("Entitlement", true)...),
				sa("roles", "complex", "The roles the user is granted: values of /Roles.").multi().sub(grantSubs("Role", false)...),
			}},
		{"schemas": schema, "id": groupSchema, "name": "Group", "description": "A " + c.app() + "group created by the directory.",
			"attributes": []schemaAttr{
				sa("displayName", "string", "The group's name, unique among directory groups.").required().unique("server"),
				sa("members", "complex", "The group's users.").multi().sub(
					sa("value", "string", "User id.").mut("immutable").exact(),
					sa("$ref", "reference", "User URI.").mut("immutable").refs("User"),
					sa("display", "string", "The user's name.").mut("readOnly"),
					sa("type", "string", "User.").mut("immutable")),
			}},
		{"schemas": schema, "id": enterpriseSchema, "name": "EnterpriseUser", "description": "Enterprise User extension.",
			"attributes": []schemaAttr{
				sa("employeeNumber", "string", "Employee number."),
				sa("costCenter", "string", "Cost center."),
				sa("organization", "string", "Organization."),
				sa("division", "string", "Division."),
				sa("department", "string", "Department."),
				sa("manager", "complex", "The user's manager.").sub(
					sa("value", "string", "The manager's user id.").exact(),
					sa("$ref", "reference", "The manager's URI.").refs("User")),
			}},
		{"schemas": schema, "id": store.EntitlementSchema, "name": "Entitlement", "description": "Okta's Entitlement schema: a value a user can be granted.",
			"attributes": []schemaAttr{
				sa("id", "string", "The entitlement's id.").required().mut("readOnly").exact().unique("server"),
				sa("displayName", "string", "Its name.").required().mut("readOnly"),
				sa("type", "string", "Its type, such as License.").required().mut("readOnly"),
				sa("description", "string", "At most 1000 characters.").mut("readOnly"),
			}},
		{"schemas": schema, "id": store.RoleSchema, "name": "Role", "description": "Okta's Role schema: a role a user can be granted.",
			"attributes": []schemaAttr{
				sa("id", "string", "The role's id.").required().mut("readOnly").exact().unique("server"),
				sa("displayName", "string", "Its name.").required().mut("readOnly"),
				sa("description", "string", "Its description.").mut("readOnly"),
			}},
	}
	if !c.s.rules.Discovery.CustomSchema {
		return out
	}
	return append(out, map[string]any{"schemas": schema, "id": customSchema, "name": "ZincUser",
		"description": "Zinc's custom User attributes, mapped in Okta with this external namespace.",
		"attributes": []schemaAttr{
			sa("officeLocation", "string", "The office the user works from."),
			sa("badgeNumber", "string", "The user's building badge number."),
		}})
}
