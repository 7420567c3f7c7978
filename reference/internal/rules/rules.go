// Package rules holds the seams of the reference server: every point where
// what it does can be changed, named after the behaviour it implements. The
// server reads its Rules, a plain value, at each seam; a mode (Zinc, Plain)
// is a set of rules, and a fault (package faults) is a change to one or a
// few of them. A seam is a field: reading one costs a load, and a server
// with no fault on allocates nothing for them.
//
// Every field is true (or its documented value) in Zinc(): the server as
// Zinc documents it. A field's comment names the behaviour (catalogue ID) it
// carries and what the server does when it is false.
package rules

import "net/http"

// Rules are the seams of one server, grouped by the part of the server that
// reads them.
type Rules struct {
	Auth         Auth
	Errors       Errors
	Lists        Lists
	Users        Users
	Groups       Groups
	Patch        Patch
	Orgs         Orgs
	Console      Console
	Discovery    Discovery
	Entitlements Entitlements
	OAuth        OAuth
}

// Auth is how a SCIM request's credentials are checked (ZN-12, ZN-13, OK-02).
type Auth struct {
	// RequireAuthorization refuses a request without an Authorization
	// header (ZN-12); false serves it as the default organization.
	RequireAuthorization bool
	// Explain401 gives a 401 its WWW-Authenticate header and a SCIM error
	// body (ZN-12); false answers a bare 401.
	Explain401 bool
	// TokenPerEnvironment lets a token open its own environment's base URL
	// only (ZN-13); false lets it open both.
	TokenPerEnvironment bool
	// AcceptBasic takes HTTP Basic credentials as well as Bearer (OK-02).
	AcceptBasic bool
	// AcceptApplicationJSON takes bodies labelled application/json as well
	// as application/scim+json (OK-01); false answers 415.
	AcceptApplicationJSON bool
}

// Errors is how an error is answered (OK-07, OK-15).
type Errors struct {
	// SCIMBody answers errors in the SCIM Error schema (OK-15); false
	// answers them as plain text.
	SCIMBody bool
	// NotFoundBody gives a 404 its error body (OK-07); false answers a
	// bare 404.
	NotFoundBody bool
}

// Lists is how /Users and /Groups lists are answered (OK-03, OK-08,
// ZN-14).
type Lists struct {
	// Schemas gives a ListResponse its schemas attribute (ZN-14).
	Schemas bool
	// ItemsPerPageReturned makes itemsPerPage the number of resources on
	// the page (OK-08); false makes it the requested count.
	ItemsPerPageReturned bool
	// Numbers writes totalResults, itemsPerPage and startIndex as JSON
	// numbers (OK-08); false writes them as strings.
	Numbers bool
	// TotalIsAllMatches makes totalResults the number of matches of the
	// whole query (OK-08); false makes it the page's size.
	TotalIsAllMatches bool
	// StableUserOrder lists users in the same order on every request
	// (OK-08); false starts each list somewhere else.
	StableUserOrder bool
	// EmptyWhenNoMatch answers a filter that matches nothing with an empty
	// ListResponse (OK-03); false answers 404.
	EmptyWhenNoMatch bool
	// PostSearch answers POST /Users/.search and /Groups/.search as the
	// GET of the same query (RFC 7644 section 3.4.3; plain mode only), and
	// a query of the server root (GET / and POST /.search, section 3.4.2)
	// with the users and groups it selects; false answers 501 (and 404 to
	// GET /), as Zinc does: Okta never searches so. A mode's rule, no
	// fault's: no Okta behaviour reads it.
	PostSearch bool
	// GroupTotalIsAllMatches makes /Groups' totalResults the number of
	// matching groups (OK-37); false makes it the page's size, so that
	// Okta's group import stops after its first page.
	GroupTotalIsAllMatches bool
	// InactiveUsersListed lists inactive users, active:false, in an
	// unfiltered GET /Users, as Okta's profile-sourcing import reads them
	// (OK-46); false leaves them out.
	InactiveUsersListed bool
}

// Users is how users are created, changed and shown (ZN-01..ZN-05,
// ZN-11, ZN-17..ZN-19, OK-04..OK-06, OK-09, OK-13, OK-26..OK-29).
type Users struct {
	// Filter applies GET /Users filters (OK-13); false lists every user.
	Filter bool
	// UserNameCaseInsensitive matches userName filters case-insensitively
	// (OK-06).
	UserNameCaseInsensitive bool
	// CreateReturnsID gives the user a POST answers its id (ZN-01).
	CreateReturnsID bool
	// DuplicateConflict answers 409 uniqueness to a POST of a userName that
	// exists (OK-05); false answers 201 with the existing user.
	DuplicateConflict bool
	// UniqueIgnoresCase makes userName unique without regard to case
	// (OK-36; RFC 7643 §4.1.1: caseExact false): a POST of a userName that
	// differs from an existing one only in case is a conflict; false
	// creates a second user.
	UniqueIgnoresCase bool
	// PasswordKeepsActive leaves a user active when its password is
	// changed by PATCH or PUT (OK-35, Okta's Sync Password); false
	// deactivates it, as one server does.
	PasswordKeepsActive bool
	// PutReplacesName makes PUT replace the user's name (ZN-02); false
	// keeps the stored one.
	PutReplacesName bool
	// PutDeactivates makes PUT active:false deactivate (ZN-03).
	PutDeactivates bool
	// PatchDeactivates makes a no-path PATCH {"active":false} (Okta's
	// deactivation) deactivate (ZN-11).
	PatchDeactivates bool
	// PatchRemoveActive takes a PATCH remove of active (ZN-03); false
	// refuses it with 400.
	PatchRemoveActive bool
	// RemovedActiveIsInactive reads an active that a PATCH removed, which
	// RFC 7644 section 3.5.2.2 leaves unassigned, as false: the user is
	// deactivated (ZN-03, Zinc only). False leaves it unassigned: not
	// shown, and the user keeps its access.
	RemovedActiveIsInactive bool
	// DeactivationLeavesGroups removes a deactivated user from every group
	// (ZN-04, Zinc only).
	DeactivationLeavesGroups bool
	// ReactivationRestoresGroups puts a reactivated user back into the
	// groups it was in. False in both modes: ZN-05 restores none.
	ReactivationRestoresGroups bool
	// DeactivatedVisible answers GET /Users/{id} of a deactivated user
	// with active:false (ZN-04); false answers 404.
	DeactivatedVisible bool
	// UserNameImmutable refuses a change of userName with 400 mutability
	// (ZN-17, Zinc only).
	UserNameImmutable bool
	// UserNameIsEmail refuses a userName that is not an email address
	// (ZN-18, Zinc only).
	UserNameIsEmail bool
	// EmailsFromUserName shows the userName as the user's only email,
	// primary, and refuses other emails (ZN-18, Zinc only); false keeps
	// emails as sent.
	EmailsFromUserName bool
	// DisplayNameFromNames derives displayName from the first and last
	// name (ZN-19, Zinc only); false keeps displayName as sent.
	DisplayNameFromNames bool
	// StorePassword keeps the password and returns it. False in both
	// modes: OK-04 returns none.
	StorePassword bool
	// KeepGrants keeps the entitlements and roles sent in POST, PUT and
	// PATCH (OK-26).
	KeepGrants bool
	// KeepEnterprise keeps the enterprise extension's attributes (OK-27).
	KeepEnterprise bool
	// KeepCustom keeps the custom extension's attributes (OK-28).
	KeepCustom bool
	// ClearExtensions clears an extension attribute sent empty, null or
	// left out of a PUT (OK-29); false keeps its stored value.
	ClearExtensions bool
	// DeletedGone answers 404 to GET, PUT and PATCH of a user deleted over
	// SCIM, so that Okta's stale link becomes a task (OK-40); false answers
	// them as if the user still existed (a stale copy).
	DeletedGone bool
	// MovedIDGone answers 404 to GET, PUT and PATCH of an id the app moved
	// a user away from (the Admin Console's new-id, OK-48); false answers
	// as a stale copy would, so Okta's stale link never becomes a task.
	MovedIDGone bool
	// PutUserNameChecked refuses a PUT whose userName is not the stored
	// one when the change is not allowed (Zinc: 400 mutability, ZN-17;
	// plain: 409 uniqueness when another user holds it; OK-47); false keeps
	// the stored userName and emails silently and applies the rest, so a
	// write Okta meant for another user (an id a restore gave to someone
	// else) changes this one.
	PutUserNameChecked bool
}

// Groups is how groups are pushed, changed and deleted (ZN-06..ZN-10,
// ZN-23, ZN-25, ZN-27, OK-12, OK-18).
type Groups struct {
	// Filter applies GET /Groups filters (OK-12); false lists every group.
	Filter bool
	// CreateStatus is the status of a POST /Groups that created a group
	// (ZN-07): 201.
	CreateStatus int
	// CreateWithMembers keeps the members of a POST /Groups (ZN-06).
	CreateWithMembers bool
	// PushCreatesNew makes a push of a name an unlinked group has create a
	// new group (ZN-23); false re-links the unlinked one.
	PushCreatesNew bool
	// DestinationFolder puts pushed groups in the organization's destination
	// folder (ZN-27); false always in the default one.
	DestinationFolder bool
	// Rename applies a new displayName from PUT or PATCH (ZN-08).
	Rename bool
	// PutReplacesMembers makes PUT /Groups/{id} replace the members
	// (OK-18).
	PutReplacesMembers bool
	// ReplaceMembers makes a PATCH replace of members drop the members not
	// given (ZN-10); false only adds.
	ReplaceMembers bool
	// RemoveFilteredMembers makes a PATCH remove of members[value eq "…"]
	// remove only those (ZN-10); false removes every member.
	RemoveFilteredMembers bool
	// UnknownMembers is what a POST, PUT or PATCH that names a member id
	// the server does not know does to the other members it names
	// (OK-34).
	UnknownMembers UnknownMembers
	// Delete makes DELETE /Groups/{id} delete (ZN-09).
	Delete bool
	// Retention keeps a deleted group in the console when the
	// organization's retention setting says so (ZN-25).
	Retention bool
	// DeletedGone answers 404 to PUT and PATCH of a group deleted over
	// SCIM, so that Okta's push of it goes to ERROR (OK-41); false answers
	// them as if the group still existed.
	DeletedGone bool
}

// UnknownMembers is what a group change naming an unknown member id does.
type UnknownMembers uint8

const (
	// RefuseChange refuses the whole change with 400 invalidValue and
	// applies none of it: RFC 7644 section 3.5.2 makes a PATCH atomic
	// (plain mode).
	RefuseChange UnknownMembers = iota
	// SkipUnknown applies the change to the known members and skips the
	// unknown ids, as it skips deactivated users: Okta does not retry a
	// failed push, so a refusal would keep the known members out until
	// the next push (Zinc mode; docs/reference-server.md).
	SkipUnknown
	// LoseChange answers success and applies nothing: the known members
	// are lost without a word (a fault).
	LoseChange
)

// Patch is how PATCH bodies are read (OK-10, OK-11).
type Patch struct {
	// NoPath applies operations without a path (OK-10); false answers
	// success and changes nothing.
	NoPath bool
	// NoPathIgnoresID takes a no-path value carrying the resource's id,
	// Okta's group rename (OK-11); false refuses it with 400 mutability.
	NoPathIgnoresID bool
	// PutIgnoresReadOnly takes a PUT body carrying id or meta, ignoring
	// them (OK-09); false refuses it with 400.
	PutIgnoresReadOnly bool
}

// Orgs is which organizations may use SCIM (ZN-15, ZN-16).
type Orgs struct {
	// CheckProvisioning refuses organizations without provisioning (ZN-16).
	CheckProvisioning bool
	// CheckSyncScope refuses organizations not allowed to sync both users
	// and groups (ZN-15).
	CheckSyncScope bool
}

// Console is the Admin Console API's view of users and groups (ZN-20..ZN-26).
type Console struct {
	// ConsoleGroupsHidden keeps groups made in the console off SCIM (ZN-20).
	ConsoleGroupsHidden bool
	// SyncedGroupsReadOnly refuses console changes to synced groups (ZN-21,
	// Zinc only).
	SyncedGroupsReadOnly bool
	// UnlinkHides takes an unlinked group off SCIM (ZN-22).
	UnlinkHides bool
	// ActiveUsersOnly lists only active users in the Users section (ZN-24,
	// Zinc only).
	ActiveUsersOnly bool
	// ListsSyncedUsers lists users created over SCIM in the Users section
	// (ZN-26).
	ListsSyncedUsers bool
}

// Discovery is what /ServiceProviderConfig, /Schemas and /ResourceTypes
// answer (OK-17, OK-23, OK-30).
type Discovery struct {
	// GetOnly answers 405 to methods other than GET and HEAD (OK-17).
	GetOnly bool
	// SchemasTellTheRules makes /Schemas describe the rules the server
	// keeps (userName immutable in Zinc mode, readWrite in plain mode, …;
	// ZN-17); false describes the other mode's.
	SchemasTellTheRules bool
	// EntitlementTypes lists the Entitlement and Role resource types in
	// /ResourceTypes (OK-23).
	EntitlementTypes bool
	// CustomSchema describes the custom User extension in /Schemas (OK-30).
	CustomSchema bool
}

// Entitlements is how /Entitlements and /Roles answer (OK-24, OK-25).
type Entitlements struct {
	// Type gives entitlements their type (OK-24).
	Type bool
	// Paging applies startIndex and count (OK-25); false answers every
	// value.
	Paging bool
}

// OAuth is how the OAuth authorization server checks and issues tokens
// (OK-19..OK-22).
type OAuth struct {
	// CheckSecret refuses a wrong client secret (OK-19).
	CheckSecret bool
	// RefreshTokens issues a refresh token for offline_access (OK-20).
	RefreshTokens bool
	// Expiry refuses an expired access token (OK-20).
	Expiry bool
	// Revocation makes a revoked refresh token stop working (OK-21).
	Revocation bool
	// CheckRedirect sends codes only to allow-listed redirect URIs (OK-22).
	CheckRedirect bool
}

// Zinc is the server as Zinc documents it (Config.Mode "zinc").
func Zinc() Rules {
	return Rules{
		Auth:   Auth{RequireAuthorization: true, Explain401: true, TokenPerEnvironment: true, AcceptBasic: true, AcceptApplicationJSON: true},
		Errors: Errors{SCIMBody: true, NotFoundBody: true},
		Lists: Lists{Schemas: true, ItemsPerPageReturned: true, Numbers: true, TotalIsAllMatches: true, StableUserOrder: true, EmptyWhenNoMatch: true,
			GroupTotalIsAllMatches: true, InactiveUsersListed: true},
		Users: Users{Filter: true, UserNameCaseInsensitive: true, CreateReturnsID: true, DuplicateConflict: true,
			UniqueIgnoresCase: true, PasswordKeepsActive: true,
			PutReplacesName: true, PutDeactivates: true, PatchDeactivates: true, PatchRemoveActive: true, RemovedActiveIsInactive: true,
			DeactivationLeavesGroups: true, DeactivatedVisible: true,
			UserNameImmutable: true, UserNameIsEmail: true, EmailsFromUserName: true, DisplayNameFromNames: true,
			KeepGrants: true, KeepEnterprise: true, KeepCustom: true, ClearExtensions: true,
			DeletedGone: true, MovedIDGone: true, PutUserNameChecked: true},
		Groups: Groups{Filter: true, CreateStatus: http.StatusCreated, CreateWithMembers: true, PushCreatesNew: true,
			DestinationFolder: true, Rename: true, PutReplacesMembers: true, ReplaceMembers: true, UnknownMembers: SkipUnknown,
			RemoveFilteredMembers: true, Delete: true, Retention: true, DeletedGone: true},
		Patch:        Patch{NoPath: true, NoPathIgnoresID: true, PutIgnoresReadOnly: true},
		Orgs:         Orgs{CheckProvisioning: true, CheckSyncScope: true},
		Console:      Console{ConsoleGroupsHidden: true, SyncedGroupsReadOnly: true, UnlinkHides: true, ActiveUsersOnly: true, ListsSyncedUsers: true},
		Discovery:    Discovery{GetOnly: true, SchemasTellTheRules: true, EntitlementTypes: true, CustomSchema: true},
		Entitlements: Entitlements{Type: true, Paging: true},
		OAuth:        OAuth{CheckSecret: true, RefreshTokens: true, Expiry: true, Revocation: true, CheckRedirect: true},
	}
}

// Plain is a plain RFC 7643/7644 server (Config.Mode "plain"): Zinc's rules
// without the ones only Zinc has (the fields marked "Zinc only"), and a
// group change naming an unknown member refused whole.
func Plain() Rules {
	r := Zinc()
	r.Users.UserNameImmutable = false
	r.Users.UserNameIsEmail = false
	r.Users.EmailsFromUserName = false
	r.Users.DisplayNameFromNames = false
	r.Users.DeactivationLeavesGroups = false
	r.Users.RemovedActiveIsInactive = false
	r.Groups.UnknownMembers = RefuseChange
	r.Lists.PostSearch = true
	r.Console.ActiveUsersOnly = false
	r.Console.SyncedGroupsReadOnly = false
	return r
}
