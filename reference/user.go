package reference

import (
	"slices"
	"strings"
)

// user is a stored Zinc user. Zinc keeps one identifier: userName is the email
// and the primary email, so no emails are stored (unless rules.Users.EmailsFromUserName is off).
// displayName is derived from the name parts when it is written out.
type user struct {
	id, userName, externalID string
	given, middle, family    string
	locale                   string // on the user, not in x: Okta's create body carries it
	active                   bool
	pos                      int32 // index in envStore.userOrder
	created, modified        int64 // Unix nanoseconds, whole milliseconds
	version                  uint64
	groups                   []*group   // every group the user is in, console groups too
	x                        *userExtra // rarely set attributes; nil for most users
}

// userExtra holds the optional profile attributes Okta may map, plus the state
// that only some rules need.
type userExtra struct {
	nickName, title, userType, preferredLanguage, timezone, profileURL string
	phoneNumbers                                                       []phoneNumber
	enterprise                                                         enterprise
	custom                                                             custom
	grants                                                             [numKinds][]string // entitlement and role ids

	displayName string  // rules.Users.DisplayNameFromNames off
	emails      []email // rules.Users.EmailsFromUserName off
	// storedEmails and storedDisplayName say that emails and displayName
	// are as stored, possibly none, never the userName or the names
	// (rules.Users.EmailsFromUserName and DisplayNameFromNames off).
	storedEmails, storedDisplayName bool
	// activeUnassigned says that a PATCH removed active and nothing set it
	// since (rules.Users.RemovedActiveIsInactive off): it is not shown.
	activeUnassigned bool
	password         string   // rules.Users.StorePassword
	prevGroups       []*group // rules.Users.ReactivationRestoresGroups
}

// enterprise is the enterprise User extension (RFC 7643 section 4.3).
type enterprise struct {
	employeeNumber, costCenter, organization, division, department, managerID string
}

func (e *enterprise) empty() bool { return *e == enterprise{} }

// custom is Zinc's custom User extension (customSchema).
type custom struct {
	officeLocation, badgeNumber string
}

func (e *custom) empty() bool { return *e == custom{} }

func (x *userExtra) empty() bool {
	return x.nickName == "" && x.title == "" && x.userType == "" && x.preferredLanguage == "" &&
		x.timezone == "" && x.profileURL == "" && len(x.phoneNumbers) == 0 &&
		x.enterprise.empty() && x.custom.empty() && len(x.grants[kindEntitlement]) == 0 && len(x.grants[kindRole]) == 0 &&
		x.displayName == "" && len(x.emails) == 0 && x.password == "" &&
		len(x.prevGroups) == 0 && !x.storedEmails && !x.storedDisplayName && !x.activeUnassigned
}

// ext returns u's extra attributes, creating them.
func (u *user) ext() *userExtra {
	if u.x == nil {
		u.x = &userExtra{}
	}
	return u.x
}

// clone copies u for a PATCH or PUT to work on; groups stay shared (only the
// store changes them, after the request is known to succeed).
func (u *user) clone() *user {
	c := *u
	if u.x != nil {
		x := *u.x
		x.phoneNumbers = append([]phoneNumber(nil), u.x.phoneNumbers...)
		x.emails = append([]email(nil), u.x.emails...)
		for k := range x.grants {
			x.grants[k] = append([]string(nil), u.x.grants[k]...)
		}
		c.x = &x
	}
	return &c
}

// stamp is u's meta.version and meta.lastModified: the latest of its own and of
// the rename stamps of the visible groups it is in, whose names its groups list
// shows. O(u's groups). Every other change of u's representation (attributes,
// memberships, a group hidden or shown) bumps u itself.
func (u *user) stamp() (version uint64, modified int64) {
	version, modified = u.version, u.modified
	for _, g := range u.groups {
		if g.pos >= 0 {
			version, modified = max(version, g.refVersion), max(modified, g.refModified)
		}
	}
	return version, modified
}

// etag is u's version as its ETag names it.
func (u *user) etag() uint64 {
	v, _ := u.stamp()
	return v
}

// sameAttrs reports whether w, a changed clone of u, stores what u stores: a
// request that changes nothing keeps the version and lastModified.
func sameAttrs(u, w *user) bool {
	return u.userName == w.userName && u.externalID == w.externalID && u.given == w.given &&
		u.middle == w.middle && u.family == w.family && u.locale == w.locale && u.active == w.active && u.x.equal(w.x)
}

// equal compares the stored attributes of x and y; nil is the empty set.
func (x *userExtra) equal(y *userExtra) bool {
	var none userExtra
	if x == nil {
		x = &none
	}
	if y == nil {
		y = &none
	}
	return x.nickName == y.nickName && x.title == y.title && x.userType == y.userType &&
		x.preferredLanguage == y.preferredLanguage && x.timezone == y.timezone &&
		x.profileURL == y.profileURL && slices.Equal(x.phoneNumbers, y.phoneNumbers) &&
		x.enterprise == y.enterprise && x.custom == y.custom && slices.Equal(x.grants[kindEntitlement], y.grants[kindEntitlement]) &&
		slices.Equal(x.grants[kindRole], y.grants[kindRole]) && x.displayName == y.displayName && slices.Equal(x.emails, y.emails) &&
		x.password == y.password && x.storedEmails == y.storedEmails && x.storedDisplayName == y.storedDisplayName &&
		x.activeUnassigned == y.activeUnassigned
}

// displayName is Zinc's derived display name: first name, space, last name.
func (u *user) displayName() string {
	if u.x != nil && (u.x.storedDisplayName || u.x.displayName != "") {
		return u.x.displayName
	}
	return joinName(u.given, u.family)
}

func joinName(given, family string) string {
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
func (u *user) pack() {
	fields := [...]*string{&u.id, &u.userName, &u.externalID, &u.given, &u.middle, &u.family, &u.locale}
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

// ownEmails reports whether u's emails are the stored ones (possibly none)
// rather than Zinc's one email, the userName.
func (u *user) ownEmails() bool { return u.x != nil && u.x.storedEmails }

// zincEmail is Zinc's one email of u: the userName, work, primary (ZN-18).
func (u *user) zincEmail() email { return email{value: u.userName, typ: "work", primary: true} }

// shownEmails are the emails u shows.
func (u *user) shownEmails() []email {
	if u.ownEmails() {
		return u.x.emails
	}
	return []email{u.zincEmail()}
}
