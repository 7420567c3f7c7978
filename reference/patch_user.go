package reference

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// applyUserOp applies one PATCH operation to w, a clone of the stored user.
func (c *call) applyUserOp(w *store.User, op *patchOp) *scimError {
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
				w.Active = false
			} else {
				w.Ext().ActiveUnassigned = true // plain: no value, no change of access
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
		w.Active = b
		if w.Extra != nil {
			w.Extra.ActiveUnassigned = false
		}
	case "username":
		if op.kind == opRemove {
			return mutabilityUserName(w.UserName, "")
		}
		s, err := str()
		if err != nil {
			return err
		}
		if !strings.EqualFold(s, w.UserName) {
			if rule.Users.UserNameImmutable {
				return mutabilityUserName(w.UserName, s)
			}
			if err := c.checkUserName(&s); err != nil {
				return err
			}
			w.UserName = s
		}
	case "name":
		if op.kind == opRemove {
			w.Given, w.Middle, w.Family = "", "", ""
			return nil
		}
		var n nameInput
		if err := json.Unmarshal(op.value, &n); err != nil {
			return errorf(http.StatusBadRequest, typeInvalidValue, "the value for name must be an object such as {\"givenName\":\"Jane\",\"familyName\":\"Doe\"}")
		}
		if n.GivenName != nil {
			w.Given = *n.GivenName
		}
		if n.MiddleName != nil {
			w.Middle = *n.MiddleName
		}
		if n.FamilyName != nil {
			w.Family = *n.FamilyName
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
			w.Given = s
		case "name.familyname":
			w.Family = s
		default:
			w.Middle = s
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
			x := w.Ext()
			x.DisplayName, x.StoredDisplayName = s, true
		}
	case "externalid":
		s := ""
		if op.kind != opRemove {
			var err *scimError
			if s, err = str(); err != nil {
				return err
			}
		}
		w.ExternalID = s
	case "password":
		if op.kind != opRemove {
			s, err := str()
			if err != nil {
				return err
			}
			if rule.Users.StorePassword {
				w.Ext().Password = s
			}
			if !rule.Users.PasswordKeepsActive {
				w.Active = false
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
func (c *call) applyUserValuePath(w *store.User, op *patchOp) *scimError {
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
func (c *call) patchEmails(w *store.User, op *patchOp) *scimError {
	rule := &c.s.rules
	list, err := patchTyped(w.ShownEmails(), op, "emails")
	if err != nil {
		return err
	}
	if !rule.Users.EmailsFromUserName {
		x := w.Ext()
		x.Emails, x.StoredEmails = list, true
		return nil
	}
	if !rule.Users.UserNameImmutable {
		return nil
	}
	if len(list) == 0 {
		return errorf(http.StatusBadRequest, typeMutability, "the email cannot be removed: in Zinc it is the userName")
	}
	for _, e := range list {
		if !strings.EqualFold(e.Value, w.UserName) {
			return mutabilityEmail(e.Value, w.UserName)
		}
	}
	return nil
}

// patchPhoneNumbers applies an operation on phoneNumbers (patchTyped).
func patchPhoneNumbers(w *store.User, op *patchOp) *scimError {
	var old []store.PhoneNumber
	if w.Extra != nil {
		old = w.Extra.PhoneNumbers
	}
	list, err := patchTyped(old, op, "phoneNumbers")
	if err != nil {
		return err
	}
	w.Ext().PhoneNumbers = list
	return nil
}

// patchEnterprise sets the whole enterprise extension or its manager.
func patchEnterprise(w *store.User, op *patchOp) *scimError {
	x := w.Ext()
	if op.key == "enterprise:manager" {
		if op.kind == opRemove {
			x.Enterprise.ManagerID = ""
			return nil
		}
		var m struct {
			Value string `json:"value"`
		}
		if err := json.Unmarshal(op.value, &m); err != nil {
			return errorf(http.StatusBadRequest, typeInvalidValue, "the value for manager must be an object such as {\"value\":\"<user id>\"}")
		}
		x.Enterprise.ManagerID = m.Value
		return nil
	}
	if op.kind == opRemove {
		x.Enterprise = store.Enterprise{}
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
	e := &x.Enterprise
	set(&e.EmployeeNumber, in.EmployeeNumber)
	set(&e.CostCenter, in.CostCenter)
	set(&e.Organization, in.Organization)
	set(&e.Division, in.Division)
	set(&e.Department, in.Department)
	if in.Manager != nil {
		e.ManagerID = in.Manager.Value
	}
	return nil
}

// patchGrants applies an operation on a user's entitlements or roles: add
// appends values not yet held, replace sets the list, remove drops the values
// that match (all of them without a filter).
func patchGrants(w *store.User, op *patchOp, match func(string) bool) *scimError {
	k := store.KindEntitlement
	if op.key == "roles" {
		k = store.KindRole
	}
	x := w.Ext()
	if op.kind == opRemove {
		kept := x.Grants[k][:0]
		for _, id := range x.Grants[k] {
			if match != nil && !match(id) {
				kept = append(kept, id)
			}
		}
		x.Grants[k] = kept
		return nil
	}
	list, err := decodeList[grantInput](op.value, op.path.Text)
	if err != nil {
		return err
	}
	if op.kind == opReplace {
		x.Grants[k] = nil
	}
	for _, id := range grantIDs(list) {
		if !slices.Contains(x.Grants[k], id) {
			x.Grants[k] = append(x.Grants[k], id)
		}
	}
	return nil
}

// patchCustom sets or removes the whole custom extension.
func patchCustom(w *store.User, op *patchOp) *scimError {
	x := w.Ext()
	if op.kind == opRemove {
		x.Custom = store.Custom{}
		return nil
	}
	var in customInput
	if err := json.Unmarshal(op.value, &in); err != nil {
		return errorf(http.StatusBadRequest, typeInvalidValue, "the value for %s must be an object", customSchema)
	}
	if in.OfficeLocation != nil {
		x.Custom.OfficeLocation = *in.OfficeLocation
	}
	if in.BadgeNumber != nil {
		x.Custom.BadgeNumber = *in.BadgeNumber
	}
	return nil
}

// extraField points at the optional string attribute key of w, or is nil when key
// names none.
func extraField(w *store.User, key string) *string {
	switch key {
	case "nickname", "title", "usertype", "preferredlanguage", "locale", "timezone", "profileurl",
		"enterprise:employeenumber", "enterprise:costcenter", "enterprise:organization",
		"enterprise:division", "enterprise:department", "enterprise:manager.value",
		"custom:officelocation", "custom:badgenumber":
	default:
		return nil
	}
	if key == "locale" {
		return &w.Locale
	}
	x := w.Ext()
	switch key {
	case "nickname":
		return &x.NickName
	case "title":
		return &x.Title
	case "usertype":
		return &x.UserType
	case "preferredlanguage":
		return &x.PreferredLanguage
	case "timezone":
		return &x.Timezone
	case "profileurl":
		return &x.ProfileURL
	case "enterprise:employeenumber":
		return &x.Enterprise.EmployeeNumber
	case "enterprise:costcenter":
		return &x.Enterprise.CostCenter
	case "enterprise:organization":
		return &x.Enterprise.Organization
	case "enterprise:division":
		return &x.Enterprise.Division
	case "enterprise:department":
		return &x.Enterprise.Department
	case "custom:officelocation":
		return &x.Custom.OfficeLocation
	case "custom:badgenumber":
		return &x.Custom.BadgeNumber
	}
	return &x.Enterprise.ManagerID
}
