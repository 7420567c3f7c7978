// Package store is the reference server's data: its organizations (Orgs,
// with the SCIM tokens that open them) and, for each organization's two
// environments (Production, Sandbox), an Env holding users, groups,
// memberships, the entitlements and roles users can be granted, and the
// Admin Console's settings and folders. It knows no HTTP and no SCIM syntax:
// the SCIM handlers (package reference) and the Admin Console API (package
// admin) read and change it.
//
// Users and groups are typed structs with indexes: by id, by case-folded
// userName and group displayName (FoldKey, the fold of strings.EqualFold, so
// that uniqueness, lookups and filters agree), by externalId, and in
// creation order (the stable list order). A membership is kept on both
// sides, a slice plus a position map on the group and the group list on the
// user, so a change is O(1) per member. Every change stamps what it changes
// with a new version (the ETag) and the write's time (Begin); a change that
// alters how a linked resource shows (a rename, a member's display name)
// stamps that one too.
//
// The caller must hold an Env's lock for the whole request (RLock to read,
// Lock to write, which makes each request atomic), call Begin before a
// write, and change users and groups through Env's methods (InsertUser,
// CommitUser, AddMember, RenameGroup, HideGroup, …), which keep the indexes,
// versions and memberships in step, rather than by writing their fields. A
// *User or *Group, and a slice from the store, must not be kept past the
// lock.
package store
