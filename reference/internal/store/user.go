package store

import (
	"slices"
	"strings"
)

// User is a stored Zinc user. Zinc keeps one identifier: userName is the email
// and the primary email, so no emails are stored (unless rules.Users.EmailsFromUserName is off).
// displayName is derived from the name parts when it is written out.
type User struct {
	ID, UserName, ExternalID string
	Given, Middle, Family    string
	Locale                   string // on the user, not in x: Okta's create body carries it
	Active                   bool
	Pos                      int32 // index in Env.UserOrder
	Created, Modified        int64 // Unix nanoseconds, whole milliseconds
	Version                  uint64
	Groups                   []*Group   // every group the user is in, console groups too
	Extra                    *UserExtra // rarely set attributes; nil for most users
}

// UserExtra holds the optional profile attributes Okta may map, plus the state
// that only some rules need.
type UserExtra struct {
	NickName, Title, UserType, PreferredLanguage, Timezone, ProfileURL string
	PhoneNumbers                                                       []PhoneNumber
	Enterprise                                                         Enterprise
	Custom                                                             Custom
	Grants                                                             [NumKinds][]string // entitlement and role ids

	DisplayName string  // rules.Users.DisplayNameFromNames off
	Emails      []Email // rules.Users.EmailsFromUserName off
	// StoredEmails and storedDisplayName say that emails and displayName
	// are as stored, possibly none, never the userName or the names
	// (rules.Users.EmailsFromUserName and DisplayNameFromNames off).
	StoredEmails, StoredDisplayName bool
	// ActiveUnassigned says that a PATCH removed active and nothing set it
	// since (rules.Users.RemovedActiveIsInactive off): it is not shown.
	ActiveUnassigned bool
	Password         string   // rules.Users.StorePassword
	prevGroups       []*Group // rules.Users.ReactivationRestoresGroups
}

// Enterprise is the enterprise User extension (RFC 7643 section 4.3).
type Enterprise struct {
	EmployeeNumber, CostCenter, Organization, Division, Department, ManagerID string
}

// Empty reports whether no attribute of e is set.
func (e *Enterprise) Empty() bool { return *e == Enterprise{} }

// Custom is Zinc's custom User extension (customSchema).
type Custom struct {
	OfficeLocation, BadgeNumber string
}

// Empty reports whether no attribute of e is set.
func (e *Custom) Empty() bool { return *e == Custom{} }

// Empty reports whether x holds nothing, so that the user needs none.
func (x *UserExtra) Empty() bool {
	return x.NickName == "" && x.Title == "" && x.UserType == "" && x.PreferredLanguage == "" &&
		x.Timezone == "" && x.ProfileURL == "" && len(x.PhoneNumbers) == 0 &&
		x.Enterprise.Empty() && x.Custom.Empty() && len(x.Grants[KindEntitlement]) == 0 && len(x.Grants[KindRole]) == 0 &&
		x.DisplayName == "" && len(x.Emails) == 0 && x.Password == "" &&
		len(x.prevGroups) == 0 && !x.StoredEmails && !x.StoredDisplayName && !x.ActiveUnassigned
}

// Ext returns u's extra attributes, creating them.
func (u *User) Ext() *UserExtra {
	if u.Extra == nil {
		u.Extra = &UserExtra{}
	}
	return u.Extra
}

// Clone copies u for a PATCH or PUT to work on; groups stay shared (only the
// store changes them, after the request is known to succeed).
func (u *User) Clone() *User {
	c := *u
	if u.Extra != nil {
		x := *u.Extra
		x.PhoneNumbers = append([]PhoneNumber(nil), u.Extra.PhoneNumbers...)
		x.Emails = append([]Email(nil), u.Extra.Emails...)
		for k := range x.Grants {
			x.Grants[k] = append([]string(nil), u.Extra.Grants[k]...)
		}
		c.Extra = &x
	}
	return &c
}

// Stamp is u's meta.version and meta.lastModified: the latest of its own and of
// the rename stamps of the visible groups it is in, whose names its groups list
// shows. O(u's groups). Every other change of u's representation (attributes,
// memberships, a group hidden or shown) bumps u itself.
func (u *User) Stamp() (version uint64, modified int64) {
	version, modified = u.Version, u.Modified
	for _, g := range u.Groups {
		if g.Pos >= 0 {
			version, modified = max(version, g.refVersion), max(modified, g.refModified)
		}
	}
	return version, modified
}

// ETag is u's version as its ETag names it.
func (u *User) ETag() uint64 {
	v, _ := u.Stamp()
	return v
}

// sameAttrs reports whether w, a changed clone of u, stores what u stores: a
// request that changes nothing keeps the version and lastModified.
func sameAttrs(u, w *User) bool {
	return u.UserName == w.UserName && u.ExternalID == w.ExternalID && u.Given == w.Given &&
		u.Middle == w.Middle && u.Family == w.Family && u.Locale == w.Locale && u.Active == w.Active && u.Extra.equal(w.Extra)
}

// equal compares the stored attributes of x and y; nil is the empty set.
func (x *UserExtra) equal(y *UserExtra) bool {
	var none UserExtra
	if x == nil {
		x = &none
	}
	if y == nil {
		y = &none
	}
	return x.NickName == y.NickName && x.Title == y.Title && x.UserType == y.UserType &&
		x.PreferredLanguage == y.PreferredLanguage && x.Timezone == y.Timezone &&
		x.ProfileURL == y.ProfileURL && slices.Equal(x.PhoneNumbers, y.PhoneNumbers) &&
		x.Enterprise == y.Enterprise && x.Custom == y.Custom && slices.Equal(x.Grants[KindEntitlement], y.Grants[KindEntitlement]) &&
		slices.Equal(x.Grants[KindRole], y.Grants[KindRole]) && x.DisplayName == y.DisplayName && slices.Equal(x.Emails, y.Emails) &&
		x.Password == y.Password && x.StoredEmails == y.StoredEmails && x.StoredDisplayName == y.StoredDisplayName &&
		x.ActiveUnassigned == y.ActiveUnassigned
}

// DisplayName is Zinc's derived display name: first name, space, last name.
func (u *User) DisplayName() string {
	if u.Extra != nil && (u.Extra.StoredDisplayName || u.Extra.DisplayName != "") {
		return u.Extra.DisplayName
	}
	return JoinName(u.Given, u.Family)
}

// JoinName is Zinc's display name of the name parts: given, space, family.
func JoinName(given, family string) string {
	switch {
	case given == "":
		return family
	case family == "":
		return given
	}
	return given + " " + family
}

// pack moves u's strings into one allocation: less memory per user (one
// allocation header and size-class rounding instead of six) and fewer cache and
// TLB misses when a user is read. Strings set later are allocated on their own.
func (u *User) pack() {
	fields := [...]*string{&u.ID, &u.UserName, &u.ExternalID, &u.Given, &u.Middle, &u.Family, &u.Locale}
	n := 0
	for _, f := range fields {
		n += len(*f)
	}
	var b strings.Builder
	b.Grow(n)
	for _, f := range fields {
		b.WriteString(*f)
	}
	all := b.String()
	for _, f := range fields {
		l := len(*f)
		*f, all = all[:l], all[l:]
	}
}

// OwnEmails reports whether u's emails are the stored ones (possibly none)
// rather than Zinc's one email, the userName.
func (u *User) OwnEmails() bool { return u.Extra != nil && u.Extra.StoredEmails }

// ZincEmail is Zinc's one email of u: the userName, work, primary (ZN-18).
func (u *User) ZincEmail() Email { return Email{Value: u.UserName, Type: "work", Primary: true} }

// ShownEmails are the emails u shows.
func (u *User) ShownEmails() []Email {
	if u.OwnEmails() {
		return u.Extra.Emails
	}
	return []Email{u.ZincEmail()}
}

// MemberDisplay is what a member reference shows: the display name, or the
// userName for a user without names.
func MemberDisplay(u *User) string {
	if d := u.DisplayName(); d != "" {
		return d
	}
	return u.UserName
}

// TypedValue is an element of a multi-valued attribute with value, type and
// primary: emails and phoneNumbers (RFC 7643 section 2.4).
type TypedValue struct {
	Value, Type string
	Primary     bool
}

// email and phoneNumber are the elements of emails and phoneNumbers.
type (
	Email       = TypedValue
	PhoneNumber = TypedValue
)
