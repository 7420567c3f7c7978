package reference

import (
	"fmt"
	"slices"
	"strings"
)

// Fault is a deliberate defect the server can be started with (Config.Faults,
// `scimharness serve --fault NAME`). Each breaks exactly one catalogued behaviour,
// so that a suite can show it notices when that behaviour is wrong.
type Fault struct {
	Name        string // the value for Config.Faults and --fault
	Behaviour   string // the catalogue ID it breaks (ZN-17, OK-05, …)
	Description string // what the server then does wrong
}

// faultID indexes faultTable; a server's faults are a bitset of them.
type faultID uint8

const (
	fCreateWithoutID faultID = iota
	fProfileUpdateIgnored
	fPutDeactivateIgnored
	fDeactivateKeepsGroups
	fDeactivatedUser404
	fReactivateRestoresGroups
	fGroupPushDropsMembers
	fGroupCreate200
	fGroupRenameIgnored
	fGroupDeleteIgnored
	fMemberRemoveClearsAll
	fAuthNotChecked
	fUnauthorizedEmptyBody
	fTokensCrossEnvironments
	fListWithoutSchemas
	fSyncScopeNotChecked
	fProvisioningNotChecked
	fMutableUserName
	fUserNameNotEmail
	fEmailsFromRequest
	fDisplayNameFromRequest
	fConsoleGroupsVisible
	fSyncedGroupsEditable
	fUnlinkKeepsSCIM
	fRelinkOnPush
	fConsoleListsInactive
	fRetentionIgnored
	fConsoleHidesSyncedUsers
	fDestinationFolderIgnored
	fApplicationJSONRejected
	fBasicAuthRejected
	fFilterMiss404
	fPasswordReturned
	fExternalIDDropped
	fDuplicateCreate201
	fUserNameFilterCaseSensitive
	fNotFoundEmptyBody
	fItemsPerPageCount
	fPagingNumbersAsStrings
	fPutRejectsReadOnly
	fNoPathPatchIgnored
	fPatchRejectsID
	fGroupFilterIgnored
	fPlainTextErrors
	fDiscoveryAcceptsPost
	fGroupPutKeepsMembers
	fMembersReplaceAdds
	fUserFilterIgnored
	fPatchDeactivateIgnored
	fPatchRemoveActiveRefused
	fTotalResultsPageSize
	fPageOrderUnstable
	fOAuthSecretNotChecked
	fOAuthNoRefreshToken
	fOAuthExpiredAccepted
	fOAuthRevocationIgnored
	fOAuthRedirectNotChecked
	fResourceTypesWithoutEntitlements
	fEntitlementsWithoutType
	fEntitlementPagingIgnored
	fUserEntitlementsDropped
	fEnterpriseExtensionDropped
	fCustomExtensionDropped
	fClearIgnored
	fSchemasOmitExtension
	numFaults
)

var faultTable = [numFaults]Fault{
	fCreateWithoutID:             {"create-without-id", "ZN-01", "POST /Users answers 201 with a user that has no id"},
	fProfileUpdateIgnored:        {"profile-update-ignored", "ZN-02", "PUT /Users/{id} answers 200 but keeps the stored first and last name"},
	fPutDeactivateIgnored:        {"put-deactivate-ignored", "ZN-03", "PUT /Users/{id} with active:false leaves the user active"},
	fDeactivateKeepsGroups:       {"deactivate-keeps-groups", "ZN-04", "deactivating a user keeps its group memberships"},
	fDeactivatedUser404:          {"deactivated-user-404", "ZN-04", "GET /Users/{id} of a deactivated user answers 404"},
	fReactivateRestoresGroups:    {"reactivate-restores-groups", "ZN-05", "reactivating a user puts it back into the groups it was in"},
	fGroupPushDropsMembers:       {"group-push-drops-members", "ZN-06", "POST /Groups ignores the members in the request"},
	fGroupCreate200:              {"group-create-200", "ZN-07", "POST /Groups answers 200 instead of 201"},
	fGroupRenameIgnored:          {"group-rename-ignored", "ZN-08", "a PATCH that renames a group answers success but keeps the old displayName"},
	fGroupDeleteIgnored:          {"group-delete-ignored", "ZN-09", "DELETE /Groups/{id} answers 204 but the group stays visible over SCIM"},
	fMemberRemoveClearsAll:       {"member-remove-clears-all", "ZN-10", `a PATCH remove of members[value eq "…"] removes every member`},
	fAuthNotChecked:              {"auth-not-checked", "ZN-12", "SCIM requests without an Authorization header are served as the default organization"},
	fUnauthorizedEmptyBody:       {"unauthorized-empty-body", "ZN-12", "401 answers have no body and no WWW-Authenticate header"},
	fTokensCrossEnvironments:     {"tokens-cross-environments", "ZN-13", "a token opens both the Production and the Sandbox base URL"},
	fListWithoutSchemas:          {"list-without-schemas", "ZN-14", "ListResponse bodies have no schemas attribute"},
	fSyncScopeNotChecked:         {"sync-scope-not-checked", "ZN-15", "organizations not allowed to sync both users and groups are served normally"},
	fProvisioningNotChecked:      {"provisioning-not-checked", "ZN-16", "organizations without provisioning are served normally"},
	fMutableUserName:             {"mutable-username", "ZN-17", "PUT and PATCH may change userName (and the email with it)"},
	fUserNameNotEmail:            {"username-not-email", "ZN-18", "a userName that is not an email address is accepted"},
	fEmailsFromRequest:           {"emails-from-request", "ZN-18", "emails are stored as sent instead of being the userName, primary"},
	fDisplayNameFromRequest:      {"displayname-from-request", "ZN-19", "displayName is taken from the request instead of first and last name"},
	fConsoleGroupsVisible:        {"console-groups-visible", "ZN-20", "groups created in the Admin Console are listed, found and readable over SCIM"},
	fSyncedGroupsEditable:        {"synced-groups-editable", "ZN-21", "the Admin Console may rename, delete and change members of synced groups"},
	fUnlinkKeepsSCIM:             {"unlink-keeps-scim", "ZN-22", "an unlinked group stays visible over SCIM and keeps following the directory"},
	fRelinkOnPush:                {"relink-on-push", "ZN-23", "pushing a group named like an unlinked one re-links that group instead of creating a new one"},
	fConsoleListsInactive:        {"console-lists-inactive", "ZN-24", "the Admin Console's Users section lists deactivated users too"},
	fRetentionIgnored:            {"retention-ignored", "ZN-25", "DELETE /Groups/{id} removes the group from the console even when the retention setting keeps it"},
	fConsoleHidesSyncedUsers:     {"console-hides-synced-users", "ZN-26", "the Admin Console's Users section does not list users created over SCIM"},
	fDestinationFolderIgnored:    {"destination-folder-ignored", "ZN-27", `pushed groups always land in "External Directory Groups", whatever the setting`},
	fApplicationJSONRejected:     {"application-json-rejected", "OK-01", "bodies labelled application/json are refused with 415"},
	fBasicAuthRejected:           {"basic-auth-rejected", "OK-02", "HTTP Basic authentication is refused"},
	fFilterMiss404:               {"filter-miss-404", "OK-03", "a filter that matches nothing answers 404 instead of an empty ListResponse"},
	fPasswordReturned:            {"password-returned", "OK-04", "the password is stored and returned in User responses"},
	fExternalIDDropped:           {"externalid-dropped", "OK-04", "externalId is not kept"},
	fDuplicateCreate201:          {"duplicate-create-201", "OK-05", "a second POST /Users with the same userName answers 201 with the existing user"},
	fUserNameFilterCaseSensitive: {"username-filter-case-sensitive", "OK-06", "userName filters match case-sensitively"},
	fNotFoundEmptyBody:           {"not-found-empty-body", "OK-07", "404 answers have no body"},
	fItemsPerPageCount:           {"items-per-page-count", "OK-08", "itemsPerPage reports the requested count, not the resources returned"},
	fPagingNumbersAsStrings:      {"paging-numbers-as-strings", "OK-08", "totalResults, startIndex and itemsPerPage are JSON strings"},
	fPutRejectsReadOnly:          {"put-rejects-read-only", "OK-09", "PUT bodies carrying id or meta are refused with 400"},
	fNoPathPatchIgnored:          {"no-path-patch-ignored", "OK-10", "PATCH operations without a path answer success and change nothing"},
	fPatchRejectsID:              {"patch-rejects-id", "OK-11", "a no-path PATCH value carrying id (Okta's group rename) is refused with 400 mutability"},
	fGroupFilterIgnored:          {"group-filter-ignored", "OK-12", "GET /Groups ignores the filter and lists every group"},
	fPlainTextErrors:             {"plain-text-errors", "OK-15", "error bodies are plain text instead of the SCIM Error schema"},
	fDiscoveryAcceptsPost:        {"discovery-accepts-post", "OK-17", "POST to /ServiceProviderConfig, /Schemas and /ResourceTypes answers 200 instead of 405"},
	fGroupPutKeepsMembers:        {"group-put-keeps-members", "OK-18", "PUT /Groups/{id} ignores members (the AIW profile's membership push)"},
	fMembersReplaceAdds:          {"members-replace-adds", "ZN-10", "a PATCH replace of members adds the given members and keeps the others"},
	fUserFilterIgnored:           {"user-filter-ignored", "OK-13", "GET /Users ignores the filter and lists every user, so Okta's lookup cannot tell whether its user exists"},
	fPatchDeactivateIgnored:      {"patch-deactivate-ignored", "ZN-11", `a no-path PATCH {"active":false} (Okta's deactivation, as when a provisioning rule unassigns the app) answers 200 and leaves the user active`},
	fTotalResultsPageSize:        {"total-results-page-size", "OK-08", "totalResults is the number of resources on the page, so Okta's import stops after its first page of 100"},
	fPageOrderUnstable:           {"page-order-unstable", "OK-08", "GET /Users lists the users in an order that changes from one request to the next"},
	fPatchRemoveActiveRefused:    {"patch-remove-active-refused", "ZN-03", "a PATCH remove of active is refused with 400 instead of leaving active unassigned, which deactivates the user"},
	fOAuthSecretNotChecked:       {"oauth-secret-not-checked", "OK-19", "the OAuth token endpoint takes any client secret with Okta's client id"},
	fOAuthNoRefreshToken:         {"oauth-no-refresh-token", "OK-20", "the OAuth token endpoint issues no refresh token, offline_access or not"},
	fOAuthExpiredAccepted:        {"oauth-expired-access-token-accepted", "OK-20", "an expired OAuth access token still opens the SCIM API"},
	fOAuthRevocationIgnored:      {"oauth-revocation-ignored", "OK-21", "the OAuth revocation endpoint answers 200 but the revoked refresh token keeps working"},
	fOAuthRedirectNotChecked:     {"oauth-redirect-uri-not-checked", "OK-22", "the OAuth authorize endpoint sends codes to any redirect URI, not only the allow-listed ones"},

	fResourceTypesWithoutEntitlements: {"resource-types-without-entitlements", "OK-23", "/ResourceTypes lists User and Group only, not the Entitlement and Role resource types that /Entitlements and /Roles serve"},
	fEntitlementsWithoutType:          {"entitlements-without-type", "OK-24", "resources of /Entitlements lack type, which Okta's Entitlement schema requires"},
	fEntitlementPagingIgnored:         {"entitlement-paging-ignored", "OK-25", "/Entitlements and /Roles ignore startIndex and count and answer every value (itemsPerPage is the total)"},
	fUserEntitlementsDropped:          {"user-entitlements-dropped", "OK-26", "entitlements and roles sent in a user's POST, PUT or PATCH answer success and are not kept"},
	fEnterpriseExtensionDropped:       {"enterprise-extension-dropped", "OK-27", "enterprise-extension attributes in POST and PUT bodies are accepted and dropped"},
	fCustomExtensionDropped:           {"custom-extension-dropped", "OK-28", "attributes of the custom extension that /ResourceTypes lists for User are accepted and dropped"},
	fClearIgnored:                     {"clear-ignored", "OK-29", "an extension attribute sent empty, null or left out of a PUT keeps its stored value"},
	fSchemasOmitExtension:             {"schemas-omit-extension", "OK-30", "/Schemas does not describe the custom extension that /ResourceTypes lists for User"},
}

// OAuth reports whether the fault is in the OAuth authorization server
// (/oauth/, its names start with "oauth-") rather than in the SCIM API or the
// Admin Console API: only a client that runs Okta's OAuth flow can notice it.
func (f Fault) OAuth() bool { return strings.HasPrefix(f.Name, "oauth-") }

// alsoBreaks names, for a fault that breaks an app behaviour Okta's client
// needs from every app, the Okta-core behaviour it breaks too (ZN-03's
// ignored deactivation is OK-31's as well).
var alsoBreaks = [numFaults][]string{
	fCreateWithoutID:        {"OK-31"},
	fProfileUpdateIgnored:   {"OK-31"},
	fPutDeactivateIgnored:   {"OK-31"},
	fDeactivatedUser404:     {"OK-31"},
	fPatchDeactivateIgnored: {"OK-31"},
	fGroupRenameIgnored:     {"OK-11"},
	fGroupDeleteIgnored:     {"OK-32"},
	fMemberRemoveClearsAll:  {"OK-32"},
	fMembersReplaceAdds:     {"OK-32"},
	fAuthNotChecked:         {"OK-33"},
	fUnauthorizedEmptyBody:  {"OK-33"},
	fListWithoutSchemas:     {"OK-08"},
}

// Faults lists every fault the server knows, in a stable order.
func Faults() []Fault { return slices.Clone(faultTable[:]) }

// Behaviours lists the catalogue IDs f breaks: f.Behaviour first, then any
// Okta-core behaviour it breaks too. A suite that loads any of them must
// fail a scenario tagged with one of them.
func (f Fault) Behaviours() []string {
	out := []string{f.Behaviour}
	if i := slices.IndexFunc(faultTable[:], func(g Fault) bool { return g.Name == f.Name }); i >= 0 {
		out = append(out, alsoBreaks[i]...)
	}
	return out
}

// faultSet is a bitset of faultIDs, one word per 64 faults.
type faultSet [(numFaults + 63) / 64]uint64

func (s faultSet) has(f faultID) bool { return s[f/64]&(1<<(f%64)) != 0 }

func parseFaults(names []string) (faultSet, error) {
	var s faultSet
	for _, n := range names {
		i := slices.IndexFunc(faultTable[:], func(f Fault) bool { return strings.EqualFold(f.Name, n) })
		if i < 0 {
			return faultSet{}, fmt.Errorf("unknown fault %q (list them with 'scimharness faults')", n)
		}
		s[i/64] |= 1 << (i % 64)
	}
	return s, nil
}
