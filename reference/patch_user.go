package reference

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// applyUserOp applies one PATCH operation to w, a clone of the stored user.
func (c *call) applyUserOp(w *user, op *patchOp) *scimError {
	rule := &c.s.rules
	p := &op.path
	if p.Filter != nil || p.Sub != "" {
		return c.applyUserValuePath(w, op)
	}
	str := func() (string, *scimError) { return decodeString(op.value, p.Text) }
	switch op.key {
	case "active":
		if op.kind == opRemove {
			// RFC 7644 section 3.5.2.2: active becomes unassigned, which Zinc
			// reads as inactive (see the package doc).
			if !rule.Users.PatchRemoveActive {
				return errorf(http.StatusBadRequest, typeInvalidValue, "active cannot be removed: replace it with true or false")
			}
			if rule.Users.RemovedActiveIsInactive {
				w.active = false
			} else {
				w.ext().activeUnassigned = true // plain: no value, no change of access
			}
			break
		}
		b, err := decodeBool(op.value, "active")
		if err != nil {
			return err
		}
		if !b && op.noPath && !rule.Users.PatchDeactivates {
			break
		}
		w.active = b
		if w.x != nil {
			w.x.activeUnassigned = false
		}
	case "username":
		if op.kind == opRemove {
			return mutabilityUserName(w.userName, "")
		}
		s, err := str()
		if err != nil {
			return err
		}
		if !strings.EqualFold(s, w.userName) {
			if rule.Users.UserNameImmutable {
				return mutabilityUserName(w.userName, s)
			}
			if err := c.checkUserName(&s); err != nil {
				return err
			}
			w.userName = s
		}
	case "name":
		if op.kind == opRemove {
			w.given, w.middle, w.family = "", "", ""
			return nil
		}
		var n nameInput
		if err := json.Unmarshal(op.value, &n); err != nil {
			return errorf(http.StatusBadRequest, typeInvalidValue, "the value for name must be an object such as {\"givenName\":\"Jane\",\"familyName\":\"Doe\"}")
		}
		if n.GivenName != nil {
			w.given = *n.GivenName
		}
		if n.MiddleName != nil {
			w.middle = *n.MiddleName
		}
		if n.FamilyName != nil {
			w.family = *n.FamilyName
		}
	case "name.givenname", "name.familyname", "name.middlename":
		s := ""
		if op.kind != opRemove {
			var err *scimError
			if s, err = str(); err != nil {
				return err
			}
		}
		switch op.key {
		case "name.givenname":
			w.given = s
		case "name.familyname":
			w.family = s
		default:
			w.middle = s
		}
	case "displayname", "name.formatted":
		// Derived from the names in Zinc (ZN-19): accepted and ignored.
		if op.key == "displayname" && !rule.Users.DisplayNameFromNames {
			s := ""
			if op.kind != opRemove {
				var err *scimError
				if s, err = str(); err != nil {
					return err
				}
			}
			x := w.ext()
			x.displayName, x.storedDisplayName = s, true
		}
	case "externalid":
		s := ""
		if op.kind != opRemove {
			var err *scimError
			if s, err = str(); err != nil {
				return err
			}
		}
		w.externalID = s
	case "password":
		if op.kind != opRemove {
			s, err := str()
			if err != nil {
				return err
			}
			if rule.Users.StorePassword {
				w.ext().password = s
			}
			if !rule.Users.PasswordKeepsActive {
				w.active = false
			}
		}
	case "emails", "emails.value", "emails.type", "emails.primary", "emails.display":
		return c.patchEmails(w, op)
	case "phonenumbers", "phonenumbers.value", "phonenumbers.type", "phonenumbers.primary", "phonenumbers.display":
		return patchPhoneNumbers(w, op)
	case "enterprise", "enterprise:manager":
		return patchEnterprise(w, op)
	case "custom":
		return patchCustom(w, op)
	case "entitlements", "roles":
		if !c.s.rules.Users.KeepGrants {
			return nil
		}
		return patchGrants(w, op, nil)
	case "groups":
		return errorf(http.StatusBadRequest, typeMutability, "groups is read-only on a User: change memberships through /Groups")
	case "id", "meta", "schemas":
		if !op.noPath && op.key != "schemas" {
			return errorf(http.StatusBadRequest, typeMutability, "%s is read-only", p.Text)
		}
	default:
		if ptr := extraField(w, op.key); ptr != nil {
			s := ""
			if op.kind != opRemove {
				var err *scimError
				if s, err = str(); err != nil {
					return err
				}
			}
			*ptr = s
			return nil
		}
		if !op.noPath {
			return errorf(http.StatusBadRequest, typeInvalidPath, "%q is not an attribute of Users that can be changed", p.Text)
		}
		// Unknown attributes in a no-path value are ignored, as in POST and PUT.
	}
	return nil
}

// applyUserValuePath handles paths with a value filter or a trailing
// sub-attribute: emails[type eq "work"].value, phoneNumbers[type eq "work"].
func (c *call) applyUserValuePath(w *user, op *patchOp) *scimError {
	p := &op.path
	switch op.key {
	case "emails":
		return c.patchEmails(w, op)
	case "phonenumbers":
		return patchPhoneNumbers(w, op)
	case "entitlements", "roles":
		if op.kind != opRemove || p.Sub != "" {
			break
		}
		pred, err := compile(grantFilterSchema, p.Filter, matchOpts{})
		if err != nil {
			return err
		}
		if !c.s.rules.Users.KeepGrants {
			return nil
		}
		return patchGrants(w, op, pred)
	}
	return errorf(http.StatusBadRequest, typeInvalidPath, "the PATCH path %q is not supported on Users", p.Text)
}

// patchEmails applies an operation on emails: as on any multi-valued
// attribute (patchTyped) when emails are kept as sent; in Zinc (ZN-17,
// ZN-18) to the one email, the userName, whose value must stay the userName
// (setting it to the same address is accepted, anything else is a change of
// identifier), while its type and primary stay fixed.
func (c *call) patchEmails(w *user, op *patchOp) *scimError {
	rule := &c.s.rules
	list, err := patchTyped(w.shownEmails(), op, "emails")
	if err != nil {
		return err
	}
	if !rule.Users.EmailsFromUserName {
		x := w.ext()
		x.emails, x.storedEmails = list, true
		return nil
	}
	if !rule.Users.UserNameImmutable {
		return nil
	}
	if len(list) == 0 {
		return errorf(http.StatusBadRequest, typeMutability, "the email cannot be removed: in Zinc it is the userName")
	}
	for _, e := range list {
		if !strings.EqualFold(e.value, w.userName) {
			return mutabilityEmail(e.value, w.userName)
		}
	}
	return nil
}

// patchPhoneNumbers applies an operation on phoneNumbers (patchTyped).
func patchPhoneNumbers(w *user, op *patchOp) *scimError {
	var old []phoneNumber
	if w.x != nil {
		old = w.x.phoneNumbers
	}
	list, err := patchTyped(old, op, "phoneNumbers")
	if err != nil {
		return err
	}
	w.ext().phoneNumbers = list
	return nil
}

// patchEnterprise sets the whole enterprise extension or its manager.
func patchEnterprise(w *user, op *patchOp) *scimError {
	x := w.ext()
	if op.key == "enterprise:manager" {
		if op.kind == opRemove {
			x.enterprise.managerID = ""
			return nil
		}
		var m struct {
			Value string `json:"value"`
		}
		if err := json.Unmarshal(op.value, &m); err != nil {
			return errorf(http.StatusBadRequest, typeInvalidValue, "the value for manager must be an object such as {\"value\":\"<user id>\"}")
		}
		x.enterprise.managerID = m.Value
		return nil
	}
	if op.kind == opRemove {
		x.enterprise = enterprise{}
		return nil
	}
	var in enterpriseInput
	if err := json.Unmarshal(op.value, &in); err != nil {
		return errorf(http.StatusBadRequest, typeInvalidValue, "the value for %s must be an object", enterpriseSchema)
	}
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	e := &x.enterprise
	set(&e.employeeNumber, in.EmployeeNumber)
	set(&e.costCenter, in.CostCenter)
	set(&e.organization, in.Organization)
	set(&e.division, in.Division)
	set(&e.department, in.Department)
	if in.Manager != nil {
		e.managerID = in.Manager.Value
	}
	return nil
}

// patchGrants applies an operation on a user's entitlements or roles: add
// appends values not yet held, replace sets the list, remove drops the values
// that match (all of them without a filter).
func patchGrants(w *user, op *patchOp, match func(string) bool) *scimError {
	k := kindEntitlement
	if op.key == "roles" {
		k = kindRole
	}
	x := w.ext()
	if op.kind == opRemove {
		kept := x.grants[k][:0]
		for _, id := range x.grants[k] {
			if match != nil && !match(id) {
				kept = append(kept, id)
			}
		}
		x.grants[k] = kept
		return nil
	}
	list, err := decodeList[grantInput](op.value, op.path.Text)
	if err != nil {
		return err
	}
	if op.kind == opReplace {
		x.grants[k] = nil
	}
	for _, id := range grantIDs(list) {
		if !slices.Contains(x.grants[k], id) {
			x.grants[k] = append(x.grants[k], id)
		}
	}
	return nil
}

// patchCustom sets or removes the whole custom extension.
func patchCustom(w *user, op *patchOp) *scimError {
	x := w.ext()
	if op.kind == opRemove {
		x.custom = custom{}
		return nil
	}
	var in customInput
	if err := json.Unmarshal(op.value, &in); err != nil {
		return errorf(http.StatusBadRequest, typeInvalidValue, "the value for %s must be an object", customSchema)
	}
	if in.OfficeLocation != nil {
		x.custom.officeLocation = *in.OfficeLocation
	}
	if in.BadgeNumber != nil {
		x.custom.badgeNumber = *in.BadgeNumber
	}
	return nil
}

// extraField points at the optional string attribute key of w, or is nil when key
// names none.
func extraField(w *user, key string) *string {
	switch key {
	case "nickname", "title", "usertype", "preferredlanguage", "locale", "timezone", "profileurl",
		"enterprise:employeenumber", "enterprise:costcenter", "enterprise:organization",
		"enterprise:division", "enterprise:department", "enterprise:manager.value",
		"custom:officelocation", "custom:badgenumber":
	default:
		return nil
	}
	if key == "locale" {
		return &w.locale
	}
	x := w.ext()
	switch key {
	case "nickname":
		return &x.nickName
	case "title":
		return &x.title
	case "usertype":
		return &x.userType
	case "preferredlanguage":
		return &x.preferredLanguage
	case "timezone":
		return &x.timezone
	case "profileurl":
		return &x.profileURL
	case "enterprise:employeenumber":
		return &x.enterprise.employeeNumber
	case "enterprise:costcenter":
		return &x.enterprise.costCenter
	case "enterprise:organization":
		return &x.enterprise.organization
	case "enterprise:division":
		return &x.enterprise.division
	case "enterprise:department":
		return &x.enterprise.department
	case "custom:officelocation":
		return &x.custom.officeLocation
	case "custom:badgenumber":
		return &x.custom.badgeNumber
	}
	return &x.enterprise.managerID
}
