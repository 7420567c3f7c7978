package reference

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// userInput is a User body of POST or PUT. Attribute names match
// case-insensitively; unknown attributes are ignored.
type userInput struct {
	Schemas           []string         `json:"schemas"`
	ID                json.RawMessage  `json:"id"`
	Meta              json.RawMessage  `json:"meta"`
	ExternalID        *string          `json:"externalId"`
	UserName          *string          `json:"userName"`
	Name              *nameInput       `json:"name"`
	DisplayName       *string          `json:"displayName"`
	NickName          *string          `json:"nickName"`
	Title             *string          `json:"title"`
	UserType          *string          `json:"userType"`
	PreferredLanguage *string          `json:"preferredLanguage"`
	Locale            *string          `json:"locale"`
	Timezone          *string          `json:"timezone"`
	ProfileURL        *string          `json:"profileUrl"`
	Active            *flexBool        `json:"active"`
	Password          *string          `json:"password"`
	Emails            []typedInput     `json:"emails"`
	PhoneNumbers      []typedInput     `json:"phoneNumbers"`
	Enterprise        *enterpriseInput `json:"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`
	Custom            *customInput     `json:"urn:scimharness:schemas:extension:zinc:1.0:User"`
	Entitlements      []grantInput     `json:"entitlements"`
	Roles             []grantInput     `json:"roles"`
}

type customInput struct {
	OfficeLocation *string `json:"officeLocation"`
	BadgeNumber    *string `json:"badgeNumber"`
}

// grantInput is an element of a user's entitlements or roles. Only value is
// kept: display and type come from the organization's /Entitlements and
// /Roles, and are read only to check that they are strings.
type grantInput struct {
	Value   string  `json:"value"`
	Display *string `json:"display"`
	Type    *string `json:"type"`
}

type nameInput struct {
	GivenName  *string `json:"givenName"`
	FamilyName *string `json:"familyName"`
	MiddleName *string `json:"middleName"`
}

// typedInput is an element of emails or phoneNumbers. display is read only to
// check its type (a string): Zinc stores no display of either.
type typedInput struct {
	Value   string   `json:"value"`
	Type    string   `json:"type"`
	Display *string  `json:"display"`
	Primary flexBool `json:"primary"`
}

type enterpriseInput struct {
	EmployeeNumber *string `json:"employeeNumber"`
	CostCenter     *string `json:"costCenter"`
	Organization   *string `json:"organization"`
	Division       *string `json:"division"`
	Department     *string `json:"department"`
	Manager        *struct {
		Value string `json:"value"`
	} `json:"manager"`
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// checkSchemas refuses a body whose schemas do not include want (a missing
// schemas attribute is accepted).
func checkSchemas(got []string, want string) *scimError {
	if got == nil {
		return nil
	}
	for _, s := range got {
		if strings.EqualFold(s, want) {
			return nil
		}
	}
	return errorf(http.StatusBadRequest, typeInvalidSyntax, "schemas %q must include %q", got, want)
}

func mutabilityUserName(stored, sent string) *scimError {
	return errorf(http.StatusBadRequest, typeMutability,
		"userName is immutable in Zinc: it is the user's email and unique identifier (stored %q, sent %q); to change it, create a new user with the new email and remove the old one",
		stored, sent)
}

// userNameHint says what a userName is, for the error of a missing one: an
// email address in Zinc (ZN-18), any unique string in plain mode.
func (c *call) userNameHint() string {
	if c.s.rules.Users.UserNameIsEmail {
		return "the user's email address"
	}
	return "the user's unique identifier (any string)"
}

// checkUserName applies ZN-18 to a userName for a new user.
func (c *call) checkUserName(name *string) *scimError {
	if name == nil || *name == "" {
		return errorf(http.StatusBadRequest, typeInvalidValue, "userName is required: send %s", c.userNameHint())
	}
	if !c.s.rules.Users.UserNameIsEmail {
		return nil
	}
	if len(*name) > maxEmailOctets {
		return errorf(http.StatusBadRequest, typeInvalidValue,
			"userName is %d octets long: an email address is at most %d (RFC 5321), and Zinc's userName is the user's email", len(*name), maxEmailOctets)
	}
	if !isEmail(*name) {
		return errorf(http.StatusBadRequest, typeInvalidValue,
			"userName %q is not an email address: Zinc identifies users by email, so userName must be one (it becomes the email and primary email)", *name)
	}
	return nil
}

// checkEmails applies ZN-17/ZN-18 to the emails of an update: each must be the
// userName, since Zinc keeps one value for both.
func checkEmails(in []typedInput, userName string) *scimError {
	for _, e := range in {
		if !strings.EqualFold(e.Value, userName) {
			return mutabilityEmail(e.Value, userName)
		}
	}
	return nil
}

func mutabilityEmail(sent, userName string) *scimError {
	return errorf(http.StatusBadRequest, typeMutability,
		"emails value %q differs from userName %q: in Zinc the email is the userName and cannot be changed; create a new user for a new email", sent, userName)
}

// setProfile copies the optional attributes of in into u (absent ones
// cleared). phoneNumbers may hold one primary (RFC 7643 section 2.4).
func (c *call) setProfile(u *store.User, in *userInput) *scimError {
	phones, err := typedList(in.PhoneNumbers, "phoneNumbers")
	if err != nil {
		return err
	}
	u.Locale = deref(in.Locale)
	if in.NickName == nil && in.Title == nil && in.UserType == nil && in.PreferredLanguage == nil &&
		in.Timezone == nil && in.ProfileURL == nil && len(in.PhoneNumbers) == 0 &&
		in.Enterprise == nil && in.Custom == nil && len(in.Entitlements) == 0 && len(in.Roles) == 0 && u.Extra == nil {
		return nil
	}
	rule := &c.s.rules
	x := u.Ext()
	x.NickName, x.Title, x.UserType = deref(in.NickName), deref(in.Title), deref(in.UserType)
	x.PreferredLanguage, x.Timezone = deref(in.PreferredLanguage), deref(in.Timezone)
	x.ProfileURL = deref(in.ProfileURL)
	x.PhoneNumbers = phones
	old := x.Enterprise
	x.Enterprise = store.Enterprise{}
	if e := in.Enterprise; e != nil && rule.Users.KeepEnterprise {
		x.Enterprise = store.Enterprise{EmployeeNumber: deref(e.EmployeeNumber), CostCenter: deref(e.CostCenter),
			Organization: deref(e.Organization), Division: deref(e.Division), Department: deref(e.Department)}
		if e.Manager != nil {
			x.Enterprise.ManagerID = e.Manager.Value
		}
	}
	oldCustom := x.Custom
	x.Custom = store.Custom{}
	if e := in.Custom; e != nil && rule.Users.KeepCustom {
		x.Custom = store.Custom{OfficeLocation: deref(e.OfficeLocation), BadgeNumber: deref(e.BadgeNumber)}
	}
	if !rule.Users.ClearExtensions {
		keepOld(&x.Enterprise.Department, old.Department)
		keepOld(&x.Enterprise.EmployeeNumber, old.EmployeeNumber)
		keepOld(&x.Enterprise.CostCenter, old.CostCenter)
		keepOld(&x.Enterprise.Organization, old.Organization)
		keepOld(&x.Enterprise.Division, old.Division)
		keepOld(&x.Enterprise.ManagerID, old.ManagerID)
		keepOld(&x.Custom.OfficeLocation, oldCustom.OfficeLocation)
		keepOld(&x.Custom.BadgeNumber, oldCustom.BadgeNumber)
	}
	if rule.Users.KeepGrants {
		x.Grants[store.KindEntitlement] = grantIDs(in.Entitlements)
		x.Grants[store.KindRole] = grantIDs(in.Roles)
	}
	return nil
}

// keepOld is rules.Users.ClearExtensions off: an empty value keeps the stored one.
func keepOld(dst *string, old string) {
	if *dst == "" {
		*dst = old
	}
}

// grantIDs are the values of a user's entitlements or roles, without
// repeats, in the order sent.
func grantIDs(in []grantInput) []string {
	var out []string
	for _, g := range in {
		if !slices.Contains(out, g.Value) {
			out = append(out, g.Value)
		}
	}
	return out
}

// checkGrants applies OK-26 to w: every entitlement and role a user holds is
// one that the organization lists (Okta grants only values it imported from
// /Entitlements and /Roles).
func (c *call) checkGrants(w *store.User) *scimError {
	if w.Extra == nil {
		return nil
	}
	for k := range store.NumKinds {
		for _, id := range w.Extra.Grants[k] {
			if c.env.Grants[k].Get(id) == nil {
				name := strings.ToLower(k.String())
				return errorf(http.StatusBadRequest, typeInvalidValue,
					"%ss value %q names no %s of this organization: GET %s lists them", name, id, name, k.Endpoint())
			}
		}
	}
	return nil
}

// setAsSent keeps what the rules say is kept as sent: displayName and
// emails (an absent one is none, RFC 7644 section 3.5.1), password. emails
// may hold one primary (RFC 7643 section 2.4).
func (c *call) setAsSent(u *store.User, in *userInput) *scimError {
	rule := &c.s.rules
	if !rule.Users.DisplayNameFromNames {
		x := u.Ext()
		x.DisplayName, x.StoredDisplayName = deref(in.DisplayName), true
	}
	if !rule.Users.EmailsFromUserName {
		list, err := typedList(in.Emails, "emails")
		if err != nil {
			return err
		}
		x := u.Ext()
		x.Emails, x.StoredEmails = list, true
	}
	if rule.Users.StorePassword && in.Password != nil {
		u.Ext().Password = *in.Password
	}
	return nil
}

// newUser builds a user from a POST body (ZN-18, ZN-19, OK-04).
func (c *call) newUser(in *userInput) (*store.User, *scimError) {
	if err := checkSchemas(in.Schemas, userSchema); err != nil {
		return nil, err
	}
	if err := c.checkUserName(in.UserName); err != nil {
		return nil, err
	}
	u := &store.User{UserName: *in.UserName, Active: true}
	if in.Active != nil {
		u.Active = bool(*in.Active)
	}
	if in.ExternalID != nil {
		u.ExternalID = *in.ExternalID
	}
	if n := in.Name; n != nil {
		u.Given, u.Middle, u.Family = deref(n.GivenName), deref(n.MiddleName), deref(n.FamilyName)
	}
	if err := c.setProfile(u, in); err != nil {
		return nil, err
	}
	if err := c.setAsSent(u, in); err != nil {
		return nil, err
	}
	if u.Extra != nil && u.Extra.Empty() {
		u.Extra = nil
	}
	return u, nil
}

// replaceUser applies a PUT body to w, a clone of the stored user. PUT replaces
// the name and profile attributes; userName and the email must not change; an
// absent externalId, active or password keeps its value.
func (c *call) replaceUser(w *store.User, in *userInput) *scimError {
	rule := &c.s.rules
	if !rule.Patch.PutIgnoresReadOnly && (len(in.ID) > 0 || len(in.Meta) > 0) {
		return errorf(http.StatusBadRequest, typeMutability, "id and meta are read-only and must not be sent")
	}
	if err := checkSchemas(in.Schemas, userSchema); err != nil {
		return err
	}
	if in.UserName == nil || *in.UserName == "" {
		return errorf(http.StatusBadRequest, typeInvalidValue, "userName is required in a PUT: send %s", c.userNameHint())
	}
	if !strings.EqualFold(*in.UserName, w.UserName) && !rule.Users.PutUserNameChecked {
		// The fault put-ignores-username: the id is taken as the truth, the
		// body's userName and emails are dropped and the rest is applied.
		in.UserName, in.Emails = &w.UserName, nil
	}
	if !strings.EqualFold(*in.UserName, w.UserName) {
		if rule.Users.UserNameImmutable {
			return mutabilityUserName(w.UserName, *in.UserName)
		}
		if err := c.checkUserName(in.UserName); err != nil {
			return err
		}
		w.UserName = *in.UserName
	}
	if rule.Users.UserNameImmutable && rule.Users.EmailsFromUserName {
		if err := checkEmails(in.Emails, w.UserName); err != nil {
			return err
		}
	}
	if rule.Users.PutReplacesName {
		w.Given, w.Middle, w.Family = "", "", ""
		if n := in.Name; n != nil {
			w.Given, w.Middle, w.Family = deref(n.GivenName), deref(n.MiddleName), deref(n.FamilyName)
		}
	}
	if in.ExternalID != nil {
		w.ExternalID = *in.ExternalID
	}
	if in.Active != nil && (bool(*in.Active) || rule.Users.PutDeactivates) {
		w.Active = bool(*in.Active)
		if w.Extra != nil {
			w.Extra.ActiveUnassigned = false
		}
	}
	if w.Extra != nil {
		w.Extra.DisplayName = ""
	}
	if err := c.setProfile(w, in); err != nil {
		return err
	}
	if err := c.setAsSent(w, in); err != nil {
		return err
	}
	if in.Password != nil && !rule.Users.PasswordKeepsActive {
		w.Active = false
	}
	return nil
}
