// Package reference is the reference SCIM 2.0 server: Zinc's documented
// provisioning behaviour, as Okta's SCIM client uses it.
//
// A Server is an http.Handler. Tests mount it with httptest.NewServer; the binary
// serves it with `scimharness serve`:
//
//	srv, err := reference.New(reference.Config{Token: "SCIMTOKEN", AdminToken: "ADMINTOKEN"})
//	if err != nil { ... }
//	ts := httptest.NewServer(srv)
//	defer ts.Close()
//	// SCIM: ts.URL+"/scim/v2" (Production) and ts.URL+"/sandbox/scim/v2" (Sandbox)
//	// Admin Console API: ts.URL+"/admin/" (docs/design.md has the contract)
//
// The caller must give Config.Token; the other Config fields have defaults. Faults
// lists deliberate defects that Config.Faults switches on, one behaviour each, so
// that a conformance suite can show that it notices a broken server.
//
// Config.Mode ModePlain (`scimharness serve --mode plain`) serves a plain RFC
// 7644 server instead, with none of Zinc's rules (see ModePlain): the Okta
// core of the suite passes against it, the Zinc pack fails on exactly the
// Zinc rules it drops.
//
// # Layout
//
// The package is the server's public face (New, Config, Server, the modes,
// Faults; server.go wires the parts together) and the SCIM protocol
// handlers: routing and authentication (scim.go, auth.go), users*.go,
// groups*.go, patch*.go, list.go, search.go, discovery.go, entitlements.go,
// with decoding (decode.go, user_input.go, group_input.go), filters
// (match.go, filterable.go) and answers (respond.go, errors.go, json.go,
// user_json.go, group_json.go). Its parts under internal/:
//
//   - internal/store: the organizations (store.Orgs, with the SCIM tokens
//     that open them) and each environment's data (store.Env): users,
//     groups, memberships, the indexes and their case folding, versions,
//     entitlements, settings and folders. No HTTP. A caller holds an Env's
//     lock for the whole request and changes the data through Env's methods,
//     which keep indexes, versions and memberships in step.
//   - internal/admin: the Admin Console API under /admin/, over the store.
//   - internal/rules: the seams. Every point where the server's behaviour
//     can change is a named field of rules.Rules, read where the behaviour
//     is (c.s.rules.Users.UserNameImmutable); rules.Zinc() and rules.Plain()
//     are the two modes.
//   - internal/faults: the faults, one table entry each (name, behaviour,
//     description, the seam it breaks). New applies Config.Faults to the
//     mode's rules; no other code knows a fault by name. A new fault is a
//     new entry, and a new seam if none fits.
//   - internal/oauth: the OAuth 2.0 authorization server (Config.OAuth).
//   - internal/scimfilter: the filter and PATCH path parser.
//   - internal/tokens: tokens read from the Authorization header, kept and
//     compared by their hashes.
//   - internal/drain: what both APIs do with the rest of a body over
//     Config.MaxBodyBytes.
//
// # What it implements
//
// SCIM 2.0 (RFC 7643, RFC 7644): /Users and /Groups (GET list with filter,
// startIndex, count, attributes, excludedAttributes; POST; GET, PUT, PATCH, DELETE
// by id), /ServiceProviderConfig, /Schemas and /ResourceTypes (GET; other methods
// 405). Filters (eq ne co sw ew gt ge lt le pr, and or not, grouping, value paths)
// are parsed by github.com/scim2/filter-parser/v2 through internal/scimfilter.
// PATCH takes add, remove and replace, with and without a path, value-filter paths
// and Okta's no-path object forms. Errors are in the SCIM Error schema; 401 carries
// WWW-Authenticate; resources carry meta and an ETag, and If-Match is honoured
// (412). Bodies may be application/scim+json or application/json; answers are
// application/scim+json. Bodies over Config.MaxBodyBytes get 413 with a SCIM
// error; the server reads and discards up to 8 MiB past the limit first, so
// that a client that writes its whole body before reading gets the answer. A
// longer body (or one announced longer by Content-Length) is not read: the
// 413 is sent and the connection closed.
//
// Zinc's rules (features/zinc/catalogue.json, ZN-*): userName must be an email and is the
// only email (responses show emails as exactly that value, primary, type work);
// userName cannot change (400 mutability); displayName is first name, space, last
// name; deactivation removes the user from the organization and every group,
// while GET /Users/{id} still answers it with active:false and the same id;
// reactivation keeps the id and restores no group; groups created in the Admin
// Console are invisible over SCIM; synced groups are read-only in the console;
// unlinking hides a group from SCIM and makes it editable, and a later push of the
// same name creates a new group; a setting decides whether a group deleted over
// SCIM is kept in the console; pushed groups land in the destination folder;
// Production and Sandbox are separate stores with separate tokens; organizations
// without provisioning, or not allowed to sync both users and groups, are refused.
//
// Okta's entitlement management and extension attributes
// (docs/okta-entitlements-and-schema.md, OK-23..OK-30): /Entitlements and
// /Roles list an organization's values in Okta's Entitlement and Role schemas
// (read-only, paged by startIndex and count; Config.Entitlements and
// Config.Roles seed the default organization, the Admin Console API any);
// /ResourceTypes advertises both, and the User type's extensions, the
// enterprise one and Zinc's custom urn:scimharness:schemas:extension:zinc:1.0:User
// (officeLocation, badgeNumber), which /Schemas describes. Users keep
// entitlements and roles (POST, PUT, PATCH add/replace/remove, also
// entitlements[value eq "…"]) and both extensions, returned under their URN,
// which the answer's schemas lists.
//
// # Choices where the documents are silent
//
// Each keeps Okta's client working; the conformance features tagged @inferred
// test them.
//
//   - A token of one environment used at the other's base URL gets 401 whose
//     detail names the right base URL. The admin token never opens SCIM, a SCIM
//     token never opens /admin/. Discovery endpoints need a token too.
//   - An organization without provisioning gets 403 on /Users and /Groups, detail
//     "provisioning is not enabled …". One not allowed to sync both users and groups
//     gets 403 naming what is missing ("… not allowed to sync groups …"), which is
//     what Okta's Test API Credentials (GET /Users) then shows. Discovery still works.
//   - Deactivated users stay in GET /Users lists and filters with active:false:
//     Okta's lookup must find them to reactivate them with the same id (ZN-05),
//     and Okta's import skips inactive users itself. The console's Users section
//     does not list them.
//   - A POST /Users whose emails differ from userName is accepted and the emails are
//     replaced by the userName (the documents: "this value becomes both email and
//     primary email"). In PUT and PATCH an email other than the userName is a change
//     of identifier: 400 mutability. A userName that differs only in letter case is
//     no change and keeps the stored spelling.
//   - userName must read back unchanged through net/mail, have a dot in its
//     domain and be at most 254 octets, the longest address RFC 5321 allows
//     (400 invalidValue otherwise, in POST and wherever a userName is set).
//   - A PATCH remove of active (RFC 7644 section 3.5.2.2: it becomes
//     unassigned) deactivates the user, as active:false does, with what ZN-04
//     says follows: Zinc has no third state, a user is in the organization or
//     not, and an unassigned active asserts nothing, so it reads as false
//     (GET shows active:false). Reading it as true would let a request that
//     names no state bring a deactivated user back.
//   - PUT replaces the names and profile attributes; an absent externalId, active
//     or password keeps its value (Okta's PUT bodies often omit externalId). A
//     displayName in any request is accepted and ignored; id and meta echoed back
//     are ignored (OK-09).
//   - Attributes Zinc does not know are accepted and dropped on POST, PUT and in
//     no-path PATCH values; a PATCH path naming one gets 400 invalidPath. Stored
//     besides the names: externalId, nickName, title, userType, preferredLanguage,
//     locale, timezone, profileUrl, phoneNumbers and the enterprise extension.
//     password is accepted and discarded: neither stored, compared nor
//     returned. So /ServiceProviderConfig says changePassword is not
//     supported (in both modes; Okta does not read it). A stored hash would
//     serve only a filter password eq "…", and nothing here authenticates a
//     user: it would be a secret kept for nothing.
//   - Group displayNames are unique among the groups SCIM sees, case-insensitively:
//     a POST, PUT or rename to a taken name gets 409 uniqueness. Console-made,
//     unlinked and retained groups do not count.
//   - Adding a deactivated user to a group is skipped without error (Zinc has
//     removed it from the organization), and so is an unknown user id in a
//     POST, PUT, add or replace of members, while the known members are
//     taken: Okta keeps ids the app lost (a restored database) and does not
//     retry a failed push, so refusing the whole change would keep the known
//     members out until the admin pushes again (OK-34, docs/okta-protocol.md
//     §7.8; plain mode refuses it whole, as RFC 7644 makes a PATCH atomic).
//     A reference to a group is 400 invalidValue and nothing changes. Removing a user
//     who is not a member, or an id that names no user, succeeds and changes
//     nothing, in both forms: path members[value eq "…"], and path members with
//     a list of references. RFC 7644 leaves it open, and Okta retries nothing on
//     a 400.
//   - The operations of a PATCH apply in order (RFC 7644 section 3.5.2): a
//     member filter is evaluated against the membership that the operations
//     before it left.
//   - A group PATCH answers 204 unless the request names attributes or
//     excludedAttributes; it then answers 200 with the group (RFC 7644 section
//     3.5.2 allows both; Okta accepts both). A user PATCH answers 200 with the user.
//   - Deleted-group retention is on by default (the documents' troubleshooting
//     entry starts from a deleted group still visible in Zinc); a retained group
//     is unlinked, marked deletedInDirectory and can be deleted in the console.
//   - Console-made groups go to the Root Level Folder unless a folder is given.
//   - The Admin Console API acts on Production; ?env=sandbox selects the Sandbox.
//   - count above Config.MaxResults (default 1000, advertised as filter.maxResults)
//     is capped; a missing count means MaxResults. sortBy is ignored (sort is not
//     supported, as ServiceProviderConfig says). POST .search (at the root, on
//     /Users and on /Groups), /Bulk and /Me answer 501; plain mode answers
//     POST /Users/.search and /Groups/.search as the GET of the same query,
//     and a query of the server root (GET / or POST /.search, RFC 7644
//     sections 3.4.2 and 3.4.3) with the users, then the groups, its filter
//     selects, paged together; there an attribute one resource type does not
//     have has no value (pr and eq are false), and meta.resourceType can be
//     filtered on.
//   - Lists are in creation order, which is stable under paging.
//   - A user's entitlement or role must be one /Entitlements or /Roles lists
//     (400 invalidValue otherwise); display and type in a request are ignored
//     and answered from those lists. A PUT without them, or an extension
//     attribute sent empty, null or left out of a PUT, clears it.
//   - meta.version (the ETag) and meta.lastModified change whenever a
//     resource's representation does, also through a linked resource: a group
//     renamed, unlinked or deleted changes its members' groups, a member's
//     display name changes its groups' members. A request that changes nothing
//     (removing a non-member, Okta's rename PATCH with the name unchanged, a PUT
//     of what is stored) keeps both.
//   - A query string that is not valid URL encoding gets 400 invalidValue rather
//     than losing the parameter (a lost filter would list every user).
//   - Bodies must be UTF-8 (RFC 8259): invalid bytes, and an unpaired
//     surrogate escape (\ud800), get 400 invalidSyntax rather than being
//     stored as U+FFFD. A filter or PATCH path may nest parentheses and
//     brackets at most 32 deep. A duplicate key in a body is read as
//     encoding/json reads it (the last one wins), the same for every attribute.
//     null for an optional attribute means absent. A body without Content-Type
//     is read as JSON; any media type other than application/json or a +json
//     type gets 415.
//   - startIndex and count beyond int64 are read as its bounds (a huge
//     startIndex is past the end, a huge count the cap); non-integers get 400
//     invalidValue.
//   - A request with more than one Authorization header gets 401 (SCIM and the
//     console alike), and "Bearer" or "Basic" without a credential says that the
//     header carries no token. Tokens are looked up and compared through their
//     SHA-256 hashes (crypto/subtle for the admin token), in time independent of
//     their contents and lengths.
//
// # Cost
//
// Users and groups are typed structs with indexes (a user's strings share one
// allocation: about 415 bytes per user at 100,000 users created by Okta's POST
// body, locale and memberships included; locale is on the user, the rarer
// profile attributes in a separate struct that most users lack): id, case-folded userName,
// externalId and (visible) group displayName lookups are map hits (the fold is
// the one of strings.EqualFold, which filters use, so uniqueness, lookups and
// scans agree on what "differs only in case" means); a filter
// whose top-level and-chain holds an eq on one of them is answered from the index;
// other filters scan. Okta's filter and PATCH path shapes are read without the
// general parser (internal/scimfilter's fast paths, fuzzed against it). A membership change is O(1) per member (a slice plus a
// position map), a user's groups are kept on the user, a rename re-keys one index
// entry and stamps the group (a member's version is the latest of its own and
// its visible groups' rename stamps, O(its groups) to read), a member's display
// change bumps its groups, O(its groups), and a list page slices the creation
// order, O(count). DELETE /Users and
// the hiding of a group (delete, unlink) shift the creation order, O(n): Okta
// never deletes users and rarely groups. Each organization environment has one
// RWMutex, held for the whole request; responses are built under it and written
// after it is released.
//
// With Config.OAuth the server is also the OAuth 2.0 authorization server of
// its SCIM API, as Okta's OIN apps need (docs/okta-oauth.md §3): /oauth/authorize
// allows only Okta's callback URIs (test-plan case C21902) and shows a consent
// page where the Zinc admin signs in with the organization's Production API
// token; /oauth/token takes the authorization_code and refresh_token grants
// (client_secret_basic or client_secret_post, PKCE when sent, single-use codes,
// refresh tokens only for offline_access, rotated at each refresh);
// /oauth/revoke is RFC 7009's. Access tokens expire after an hour of the
// organization's clock, which the Admin Console API moves (POST
// /admin/orgs/{org}/clock).
package reference
