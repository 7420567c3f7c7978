package steps

import (
	"regexp"
	"strings"
	"sync"
)

// StepDoc describes one step of the vocabulary, for `scimharness steps`.
type StepDoc struct {
	Actor string // "Okta", "App admin", "App event", "SCIM", "Setup" or "Then"
	// Pattern is the anchored regular expression godog matches, for the app
	// named by VocabularyFor (where a step names the app, it takes "the app"
	// and that name).
	Pattern string
	Example string // a step text it matches, as a feature file would write it
	// AdminAPI reports that the step needs the Admin Console API (it skips
	// the scenario without one).
	AdminAPI bool
}

// stepDef is a StepDoc and the handler it binds to a scenario's state.
type stepDef struct {
	StepDoc
	bind func(*scenario) any
	// needs, if set, says why a scenario with this step cannot run against
	// the suite's target ("" when it can), given the step's arguments. A
	// step with AdminAPI needs the Admin Console API without it.
	needs func(s *Suite, args []string) string
}

// people matches "Alice", "Alice and Bob", "Alice, Bob and Carol".
const people = `([A-Z]\w*(?:(?:, | and )[A-Z]\w*)*)`

// vocabulary is every step, grouped by actor. It is read-only.
var vocabulary = []stepDef{
	// Setup: the target, the credentials and headers in use.
	{StepDoc{"Setup", `^a fresh {app} organization(?: (with provisioning turned off|not allowed to sync groups|not allowed to sync users))?$`, `a fresh app organization not allowed to sync groups`, true},
		func(s *scenario) any { return s.freshOrg }, nil},
	{StepDoc{"Setup", `^the API token in use is (wrong|missing|the Production token|the Sandbox token)$`, `the API token in use is wrong`, false},
		func(s *scenario) any { return s.tokenInUse }, nil},
	{StepDoc{"Setup", `^the token is sent as (a bearer token|the raw Authorization header|the Basic auth password)$`, `the token is sent as the Basic auth password`, false},
		func(s *scenario) any { return s.tokenSentAs }, needsAuthStyle},
	{StepDoc{"Setup", `^requests go to the (Production|Sandbox) base URL$`, `requests go to the Sandbox base URL`, false},
		func(s *scenario) any { return s.requestsGoTo }, needsSandboxURL},
	{StepDoc{"Setup", `^requests carry the header "([A-Za-z0-9-]+): ([^"]*)"$`, `requests carry the header "Content-Type: application/json"`, false},
		func(s *scenario) any { return s.requestsCarryHeader }, nil},
	{StepDoc{"Setup", `^requests carry no "([A-Za-z0-9-]+)" header$`, `requests carry no "Accept-Charset" header`, false},
		func(s *scenario) any { return s.requestsCarryNoHeader }, nil},
	{StepDoc{"Setup", `^Okta's OAuth 2\.0 settings are:$`, "Okta's OAuth 2.0 settings are:\n  | scopes       | offline_access |\n  | redirect URI | https://system-admin.okta.com/admin/app/cpc/{appName}/oauth/callback |", false},
		func(s *scenario) any { return s.oauthSettings }, needsOAuth},
	{StepDoc{"Setup", `^(\d+) (minute|hour|day)s? pass(?:es)?$`, `2 hours pass`, false},
		func(s *scenario) any { return s.timePasses }, nil},
	{StepDoc{"Setup", `^the target serves (/\S+)$`, `the target serves /ServiceProviderConfig`, false},
		func(s *scenario) any { return s.targetServes }, nil},
	{StepDoc{"Setup", `^the next (\d+) requests? to {the app} (?:is|are) answered with 429(?: and Retry-After "([^"]*)")?$`, `the next 2 requests to the app are answered with 429 and Retry-After "120"`, false},
		func(s *scenario) any { return s.nextRequestsThrottled }, nil},
	{StepDoc{"Setup", `^{the app} has a user ([A-Z]\w*) (\w+)$`, `the app has a user Alice Smith`, false},
		func(s *scenario) any { return s.appHasUser }, nil},
	{StepDoc{"Setup", `^([A-Z]\w*) is created over SCIM between Okta's lookup and its create$`, `Alice is created over SCIM between Okta's lookup and its create`, false},
		func(s *scenario) any { return s.createdBeforeOkta }, nil},
	{StepDoc{"Setup", `^{the app} has (\d+) users$`, `the app has 120 users`, false},
		func(s *scenario) any { return s.zincHasUsers }, nil},
	{StepDoc{"Setup", `^{the app} has (\d+) groups$`, `the app has 120 groups`, false},
		func(s *scenario) any { return s.zincHasGroups }, nil},
	{StepDoc{"Setup", `^{the app} has a group "([^"]+)"(?: with ` + people + `)?$`, `the app has a group "Lunch" with Alice and Bob`, false},
		func(s *scenario) any { return s.appHasGroup }, nil},
	{StepDoc{"Setup", `^{the app} has lost ([A-Z]\w*)$`, `the app has lost Bob`, false},
		func(s *scenario) any { return s.appLost }, nil},
	{StepDoc{"Setup", `^the target's User resource type lists the extension "(urn:[^"]+)"$`, `the target's User resource type lists the extension "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`, false},
		func(s *scenario) any { return s.userTypeLists }, nil},
	{StepDoc{"Setup", `^the target lists at least (\d+) values? at the (Entitlement|Role) endpoint$`, `the target lists at least 2 values at the Entitlement endpoint`, false},
		func(s *scenario) any { return s.targetListsValues }, nil},
	{StepDoc{"Setup", `^{the app} has the (entitlement|role) "([^"]+)"(?: of type "([^"]+)")?$`, `the app has the entitlement "Pro license" of type "License"`, false},
		func(s *scenario) any { return s.zincHasGrantable }, nil},

	// Okta: the Okta admin's actions, sent as Okta sends them.
	{StepDoc{"Okta", `^Okta has a user ([A-Z]\w*) (\w+)$`, `Okta has a user Alice Smith`, false},
		func(s *scenario) any { return s.oktaHasUser }, nil},
	{StepDoc{"Okta", `^Okta has a user ([A-Z]\w*) (\w+) with the username "([^"]+)"$`, `Okta has a user Alice Smith with the username "alice.smith"`, false},
		func(s *scenario) any { return s.oktaHasUserNamed }, nil},
	{StepDoc{"Okta", `^Okta has a group "([^"]+)"(?: with ` + people + `)?$`, `Okta has a group "Engineering" with Alice and Bob`, false},
		func(s *scenario) any { return s.oktaHasGroup }, nil},
	{StepDoc{"Okta", `^Okta assigns ` + people + ` to the app$`, `Okta assigns Alice and Bob to the app`, false},
		func(s *scenario) any { return s.oktaAssigns }, nil},
	{StepDoc{"Okta", `^Okta assigns the app to the group "([^"]+)"$`, `Okta assigns the app to the group "Everyone"`, false},
		func(s *scenario) any { return s.oktaAssignsGroup }, nil},
	{StepDoc{"Okta", `^Okta unassigns ([A-Z]\w*) from the app$`, `Okta unassigns Alice from the app`, false},
		func(s *scenario) any { return s.oktaUnassigns }, nil},
	{StepDoc{"Okta", `^Okta changes ([A-Z]\w*)'s password$`, `Okta changes Alice's password`, false},
		func(s *scenario) any { return s.oktaChangesPassword }, nil},
	{StepDoc{"Okta", `^Okta changes ([A-Z]\w*)'s (first name|last name|username|[A-Za-z][\w.:]*) to "([^"]*)"$`, `Okta changes Alice's first name to "Alicia"`, false},
		func(s *scenario) any { return s.oktaChanges }, nil},
	{StepDoc{"Okta", `^Okta deactivates ([A-Z]\w*)$`, `Okta deactivates Alice`, false},
		func(s *scenario) any { return s.oktaDeactivates }, nil},
	{StepDoc{"Okta", `^Okta reactivates ([A-Z]\w*)$`, `Okta reactivates Alice`, false},
		func(s *scenario) any { return s.oktaReactivates }, nil},
	{StepDoc{"Okta", `^the admin clicks "Authenticate with {the app}"$`, `the admin clicks "Authenticate with the app"`, false},
		func(s *scenario) any { return s.authenticate }, needsOAuth},
	{StepDoc{"App admin", `^{the app} revokes Okta's refresh token$`, `the app revokes Okta's refresh token`, false},
		func(s *scenario) any { return s.revokeRefreshToken }, needsRevokeURL},
	{StepDoc{"Okta", `^Okta tests the API credentials$`, `Okta tests the API credentials`, false},
		func(s *scenario) any { return s.oktaTestsCredentials }, nil},
	{StepDoc{"Okta", `^Okta pushes the group "([^"]+)"$`, `Okta pushes the group "Engineering"`, false},
		func(s *scenario) any { return s.oktaPushes }, nil},
	{StepDoc{"Okta", `^Okta pushes the group "([^"]+)" now$`, `Okta pushes the group "Engineering" now`, false},
		func(s *scenario) any { return s.oktaPushesNow }, nil},
	{StepDoc{"Okta", `^Okta pushes the group "([^"]+)" linked to the {app} group "([^"]+)"$`, `Okta pushes the group "Engineering" linked to the app group "Lunch"`, false},
		func(s *scenario) any { return s.oktaLinks }, nil},
	{StepDoc{"Okta", `^Okta sends the "([^"]+)" request shape$`, `Okta sends the "full-push-value" request shape`, false},
		func(s *scenario) any { return s.oktaSendsVariant }, nil},
	{StepDoc{"Okta", `^Okta's app setting "(` + settingNames + `)" is (on|off)$`, `Okta's app setting "Rename app groups to match group name in Okta" is off`, false},
		func(s *scenario) any { return s.oktaSetting }, nil},
	{StepDoc{"Okta", `^Okta adds ` + people + ` to the group "([^"]+)"$`, `Okta adds Carol to the group "Engineering"`, false},
		func(s *scenario) any { return s.oktaAddsMember }, nil},
	{StepDoc{"Okta", `^Okta removes ([A-Z]\w*) from the group "([^"]+)"$`, `Okta removes Bob from the group "Engineering"`, false},
		func(s *scenario) any { return s.oktaRemovesMember }, nil},
	{StepDoc{"Okta", `^Okta renames the group "([^"]+)" to "([^"]+)"$`, `Okta renames the group "Engineering" to "Platform"`, false},
		func(s *scenario) any { return s.oktaRenames }, nil},
	{StepDoc{"Okta", `^Okta unlinks the pushed group "([^"]+)" and (deletes|leaves) it in {the app}$`, `Okta unlinks the pushed group "Engineering" and deletes it in the app`, false},
		func(s *scenario) any { return s.oktaUnlinks }, nil},
	{StepDoc{"Okta", `^Okta imports the (users|groups|entitlements|user schema)$`, `Okta imports the users`, false},
		func(s *scenario) any { return s.oktaImports }, nil},
	{StepDoc{"Okta", `^Okta (grants|revokes) ([A-Z]\w*) the (entitlement|role) "([^"]+)"$`, `Okta grants Alice the entitlement "Pro license"`, false},
		func(s *scenario) any { return s.oktaGrants }, nil},
	{StepDoc{"Okta", `^Okta (deactivates|activates|retries) the push of the group "([^"]+)"$`, `Okta deactivates the push of the group "Engineering"`, false},
		func(s *scenario) any { return s.oktaPushState }, nil},
	{StepDoc{"Okta", `^Okta pushes the groups whose names start with "([^"]+)" by the rule "([^"]+)"$`, `Okta pushes the groups whose names start with "Eng" by the rule "Engineering teams"`, false},
		func(s *scenario) any { return s.oktaPushRule }, nil},
	{StepDoc{"Okta", `^Okta deletes the push rule "([^"]+)" and (deletes|leaves) its groups in {the app}$`, `Okta deletes the push rule "Engineering teams" and deletes its groups in the app`, false},
		func(s *scenario) any { return s.oktaDeletesRule }, nil},
	{StepDoc{"Okta", `^Okta deactivates the push rule "([^"]+)"$`, `Okta deactivates the push rule "Engineering teams"`, false},
		func(s *scenario) any { return s.oktaDeactivatesRule }, nil},
	{StepDoc{"Okta", `^Okta (suspends|unsuspends) ([A-Z]\w*)$`, `Okta suspends Alice`, false},
		func(s *scenario) any { return s.oktaSuspends }, nil},
	{StepDoc{"Okta", `^Okta sends emptied values as (empty strings|null|absent attributes)$`, `Okta sends emptied values as null`, false},
		func(s *scenario) any { return s.oktaSendsEmpty }, nil},
	{StepDoc{"Okta", `^Okta pushes grants by (PUT|PATCH)$`, `Okta pushes grants by PATCH`, false},
		func(s *scenario) any { return s.oktaPushesGrantsBy }, nil},

	// App admin: the app's Admin Console, through the Admin Console API.
	{StepDoc{"App admin", `^the {app} admin creates the group "([^"]+)" in the console$`, `the app admin creates the group "Lunch" in the console`, true},
		func(s *scenario) any { return s.adminCreatesGroup }, nil},
	{StepDoc{"App admin", `^the {app} admin renames the group "([^"]+)" to "([^"]+)" in the console$`, `the app admin renames the group "Engineering" to "Eng Social" in the console`, true},
		func(s *scenario) any { return s.adminRenames }, nil},
	{StepDoc{"App admin", `^the {app} admin deletes the group "([^"]+)" in the console$`, `the app admin deletes the group "Engineering" in the console`, true},
		func(s *scenario) any { return s.adminDeletes }, nil},
	{StepDoc{"App admin", `^the {app} admin sets the members of the group "([^"]+)" to (nobody|` + people[1:len(people)-1] + `) in the console$`, `the app admin sets the members of the group "Engineering" to Alice in the console`, true},
		func(s *scenario) any { return s.adminSetsMembers }, nil},
	{StepDoc{"App admin", `^the {app} admin unlinks the group "([^"]+)"$`, `the app admin unlinks the group "Engineering"`, true},
		func(s *scenario) any { return s.adminUnlinks }, nil},
	{StepDoc{"App admin", `^the {app} admin (keeps|removes) groups deleted in the directory$`, `the app admin keeps groups deleted in the directory`, true},
		func(s *scenario) any { return s.adminRetention }, nil},
	{StepDoc{"App admin", `^the {app} admin creates the folder "([^"]+)"$`, `the app admin creates the folder "Teams"`, true},
		func(s *scenario) any { return s.adminCreatesFolder }, nil},
	{StepDoc{"App admin", `^the {app} admin sets the destination folder to "([^"]+)"$`, `the app admin sets the destination folder to "Root Level Folder"`, true},
		func(s *scenario) any { return s.adminSetsFolder }, nil},

	// App events: the app's own changes that Okta does not know about
	// (docs/okta-memory.md), played over the app's SCIM API.
	{StepDoc{"App event", `^{the app} loses ([A-Z]\w*)$`, `the app loses Alice`, false},
		func(s *scenario) any { return s.appLosesUser }, nil},
	{StepDoc{"App event", `^{the app} loses the group "([^"]+)"$`, `the app loses the group "Engineering"`, false},
		func(s *scenario) any { return s.appLosesGroup }, nil},
	{StepDoc{"App event", `^{the app} deactivates ([A-Z]\w*) itself$`, `the app deactivates Alice itself`, false},
		func(s *scenario) any { return s.appDeactivatesItself }, nil},
	{StepDoc{"App event", `^{the app} restores a backup in which ([A-Z]\w*) and ([A-Z]\w*) have each other's ids$`, `the app restores a backup in which Alice and Bob have each other's ids`, true},
		func(s *scenario) any { return s.appSwapsIDs }, nil},
	{StepDoc{"App event", `^{the app} gives ([A-Z]\w*) a new id$`, `the app gives Alice a new id`, true},
		func(s *scenario) any { return s.appGivesNewID }, nil},

	// SCIM: raw requests, relative to the SCIM base URL in use.
	{StepDoc{"SCIM", `^I send (GET|DELETE) ((?:/|\{(?:Entitlement|Role)\.endpoint\}).*)$`, `I send GET /Users/{Alice.id}`, false},
		func(s *scenario) any { return s.iSend }, nil},
	{StepDoc{"SCIM", `^I send (POST|PUT|PATCH) ((?:/|\{(?:Entitlement|Role)\.endpoint\}).*) with:$`, `I send PATCH /Users/{Alice.id} with:`, false},
		func(s *scenario) any { return s.iSendWith }, nil},
	{StepDoc{"SCIM", `^I PUT ([A-Z]\w*) back to {the app} with (\S+) set to (.+)$`, `I PUT Alice back to the app with name.givenName set to "Alicia"`, false},
		func(s *scenario) any { return s.iPutBack }, nil},

	// Then: the last response, the app's state over SCIM and in the console,
	// and what Okta did and shows.
	{StepDoc{"Then", `^the response status is (\d{3}(?: or \d{3})*)$`, `the response status is 200 or 204`, false},
		func(s *scenario) any { return s.responseStatus }, nil},
	{StepDoc{"Then", `^the response is a SCIM error(?: (\d{3}))?(?: with scimType "([^"]+)")?$`, `the response is a SCIM error 400 with scimType "mutability"`, false},
		func(s *scenario) any { return s.responseIsError }, nil},
	{StepDoc{"Then", `^the response is a ListResponse(?: of (\d+) resources?)?$`, `the response is a ListResponse of 1 resource`, false},
		func(s *scenario) any { return s.responseIsList }, nil},
	{StepDoc{"Then", `^the response's paging numbers are JSON integers, with itemsPerPage counting its Resources$`, `the response's paging numbers are JSON integers, with itemsPerPage counting its Resources`, false},
		func(s *scenario) any { return s.responsePaging }, nil},
	{StepDoc{"Then", `^the response header ([A-Za-z0-9-]+) (is|contains) "([^"]*)"$`, `the response header Content-Type contains "application/scim+json"`, false},
		func(s *scenario) any { return s.responseHeader }, nil},
	{StepDoc{"Then", `^(the response|Okta's last request|Okta's first request)'s (\S+) ((?:is|contains|does not contain|has) .+)$`, `the response's emails.0.value is "{Carol.userName}"`, false},
		func(s *scenario) any { return s.jsonMatches }, nil},
	{StepDoc{"Then", `^reading (/\w+) in pages of (\d+) gives the same resources in the same order as one page$`, `reading /Users in pages of 2 gives the same resources in the same order as one page`, false},
		func(s *scenario) any { return s.pagesMatchOnePage }, nil},
	{StepDoc{"Then", `^totalResults of /Users counts the (\d+) users$`, `totalResults of /Users counts the 120 users`, false},
		func(s *scenario) any { return s.totalCounts }, nil},
	{StepDoc{"Then", `^the page of /Users past the last is empty$`, `the page of /Users past the last is empty`, false},
		func(s *scenario) any { return s.pastLastEmpty }, nil},
	{StepDoc{"Then", `^reading /Users twice in pages of 100 gives the same order$`, `reading /Users twice in pages of 100 gives the same order`, false},
		func(s *scenario) any { return s.sameOrderTwice }, nil},
	{StepDoc{"Then", `^([A-Z]\w*) is (active|inactive) in {the app}$`, `Alice is inactive in the app`, false},
		func(s *scenario) any { return s.userActive }, nil},
	{StepDoc{"Then", `^([A-Z]\w*) is not in {the app}$`, `Alice is not in the app`, false},
		func(s *scenario) any { return s.userNotInApp }, nil},
	{StepDoc{"Then", `^{the app} has exactly one user for ([A-Z]\w*)$`, `the app has exactly one user for Alice`, false},
		func(s *scenario) any { return s.exactlyOneUser }, nil},
	{StepDoc{"Then", `^([A-Z]\w*) keeps the same {app} id$`, `Alice keeps the same app id`, false},
		func(s *scenario) any { return s.userKeepsID }, nil},
	{StepDoc{"Then", `^([A-Z]\w*)'s (\S+) in {the app} ((?:is|contains|does not contain|has) .+)$`, `Alice's name.givenName in the app is "Alicia"`, false},
		func(s *scenario) any { return s.userField }, nil},
	{StepDoc{"Then", `^([A-Z]\w*) is in no {app} group$`, `Alice is in no app group`, false},
		func(s *scenario) any { return s.inNoGroup }, nil},
	{StepDoc{"Then", `^the {app} group "([^"]+)" has exactly the members (nobody|` + people[1:len(people)-1] + `)$`, `the app group "Engineering" has exactly the members Alice and Bob`, false},
		func(s *scenario) any { return s.groupMembers }, nil},
	{StepDoc{"Then", `^the {app} group "([^"]+)" is named "([^"]+)"$`, `the app group "Engineering" is named "Platform"`, false},
		func(s *scenario) any { return s.groupNamed }, nil},
	{StepDoc{"Then", `^the {app} group "([^"]+)" is gone from SCIM$`, `the app group "Engineering" is gone from SCIM`, false},
		func(s *scenario) any { return s.groupGone }, nil},
	{StepDoc{"Then", `^the {app} group "([^"]+)" is visible over SCIM$`, `the app group "Engineering" is visible over SCIM`, false},
		func(s *scenario) any { return s.groupVisible }, nil},
	{StepDoc{"Then", `^the {app} group "([^"]+)" (keeps the same id|has a new id)$`, `the app group "Engineering" has a new id`, false},
		func(s *scenario) any { return s.groupIDChange }, nil},
	{StepDoc{"Then", `^the {app} console (lists|does not list) ([A-Z]\w*) in Users$`, `the app console does not list Alice in Users`, true},
		func(s *scenario) any { return s.consoleListsUser }, nil},
	{StepDoc{"Then", `^the {app} console (lists|does not list) the group "([^"]+)"$`, `the app console does not list the group "Engineering"`, true},
		func(s *scenario) any { return s.consoleListsGroup }, nil},
	{StepDoc{"Then", `^the console group "([^"]+)" shows (\w+) (.+)$`, `the console group "Engineering" shows folder "External Directory Groups"`, true},
		func(s *scenario) any { return s.consoleGroupShows }, nil},
	{StepDoc{"Then", `^the console group "([^"]+)" has exactly the members (nobody|` + people[1:len(people)-1] + `)$`, `the console group "Engineering" has exactly the members Alice`, true},
		func(s *scenario) any { return s.consoleGroupMembers }, nil},
	{StepDoc{"Then", `^the earlier {app} group "([^"]+)" is unchanged in the console$`, `the earlier app group "Engineering" is unchanged in the console`, true},
		func(s *scenario) any { return s.earlierGroupUnchanged }, nil},
	{StepDoc{"Then", `^Okta's authentication with {the app} (succeeds|fails)$`, `Okta's authentication with the app fails`, false},
		func(s *scenario) any { return s.authenticationIs }, needsOAuth},
	{StepDoc{"Then", `^Okta sent its SCIM requests with (its first|a refreshed) access token$`, `Okta sent its SCIM requests with a refreshed access token`, false},
		func(s *scenario) any { return s.sentWithToken }, needsOAuth},
	{StepDoc{"Then", `^Okta's first access token no longer opens the SCIM API$`, `Okta's first access token no longer opens the SCIM API`, true},
		func(s *scenario) any { return s.firstTokenRefused }, needsOAuth},
	{StepDoc{"Then", `^either the {app} group "([^"]+)" has exactly the members ` + people + ` and Okta has no failed tasks, or it has exactly the members (nobody|` + people[1:len(people)-1] + `) and Okta has a failed task$`, `either the app group "Engineering" has exactly the members Alice and Carol and Okta has no failed tasks, or it has exactly the members Alice and Okta has a failed task`, false},
		func(s *scenario) any { return s.pushWholeOrFailedWhole }, nil},
	{StepDoc{"Then", `^Okta has no failed tasks$`, `Okta has no failed tasks`, false},
		func(s *scenario) any { return s.oktaHasNoTasks }, nil},
	{StepDoc{"Then", `^Okta has a failed task saying "([^"]+)"$`, `Okta has a failed task saying "Errors reported by remote server"`, false},
		func(s *scenario) any { return s.oktaHasTask }, nil},
	{StepDoc{"Then", `^Okta's failed task shows {the app}'s error detail$`, `Okta's failed task shows the app's error detail`, false},
		func(s *scenario) any { return s.oktaTaskShowsDetail }, nil},
	{StepDoc{"Then", `^Okta reports the API credentials as (verified|rejected)(?:, saying "([^"]+)")?$`, `Okta reports the API credentials as rejected, saying "groups"`, false},
		func(s *scenario) any { return s.credentialsReported }, nil},
	{StepDoc{"Then", `^Okta sent these requests:$`, "Okta sent these requests:\n  | GET  | /Users?filter=userName eq \"{Alice.userName}\"&startIndex=1&count=100 |\n  | POST | /Users |", false},
		func(s *scenario) any { return s.oktaSent }, nil},
	{StepDoc{"Then", `^Okta's requests began with:$`, "Okta's requests began with:\n  | GET | /Groups?filter=displayName eq \"{Engineering.displayName}\"&startIndex=1&count=100 |", false},
		func(s *scenario) any { return s.oktaBegan }, nil},
	{StepDoc{"Then", `^Okta sent no(?: (GET|POST|PUT|PATCH|DELETE))? requests?(?: to (/\S*))?$`, `Okta sent no DELETE request to /Users`, false},
		func(s *scenario) any { return s.oktaSentNo }, nil},
	{StepDoc{"Then", `^every (request|request with a body) Okta sent carried the header "([^"]+)"$`, `every request Okta sent carried the header "User-Agent: Okta SCIM Client 1.0.0"`, false},
		func(s *scenario) any { return s.everyRequestCarried }, nil},
	{StepDoc{"Then", `^Okta's user import (finds|does not find) ` + people + `$`, `Okta's user import does not find Alice`, false},
		func(s *scenario) any { return s.importFindsUsers }, nil},
	{StepDoc{"Then", `^Okta's group import (finds|does not find) "([^"]+)"$`, `Okta's group import finds "Engineering"`, false},
		func(s *scenario) any { return s.importFindsGroup }, nil},
	{StepDoc{"Then", `^Okta's group import finds each of the (\d+) groups, once$`, `Okta's group import finds each of the 120 groups, once`, false},
		func(s *scenario) any { return s.importFindsBulkGroups }, nil},
	{StepDoc{"Then", `^Okta's user import finds each of the (\d+) users, once$`, `Okta's user import finds each of the 120 users, once`, false},
		func(s *scenario) any { return s.importFindsBulk }, nil},
	{StepDoc{"Then", `^Okta's (entitlement|schema) import (finds|does not find) "([^"]+)"$`, `Okta's schema import finds "urn:scimharness:schemas:extension:zinc:1.0:User:officeLocation"`, false},
		func(s *scenario) any { return s.importFindsGrant }, nil},
	{StepDoc{"Then", `^Okta's schema import finds the attributes of "(urn:[^"]+)"$`, `Okta's schema import finds the attributes of "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`, false},
		func(s *scenario) any { return s.importFindsExtension }, nil},
	{StepDoc{"Then", `^Okta's import scanned (\d+) (users?|groups?)$`, `Okta's import scanned 1 user`, false},
		func(s *scenario) any { return s.importScanned }, nil},
	{StepDoc{"Then", `^Okta's push of the group "([^"]+)" is (active|inactive|in ERROR)(?:, saying "([^"]+)")?$`, `Okta's push of the group "Engineering" is in ERROR, saying "Not Found"`, false},
		func(s *scenario) any { return s.pushStateIs }, nil},
	{StepDoc{"Then", `^Okta (holds no link for|links) ([A-Z]\w*)(?: to (?:her|his|their) {app} user)?$`, `Okta links Alice to her app user`, false},
		func(s *scenario) any { return s.oktaLinkIs }, nil},
	{StepDoc{"Then", `^([A-Z]\w*) is (active|deactivated|suspended) in Okta$`, `Alice is deactivated in Okta`, false},
		func(s *scenario) any { return s.oktaUserStatusIs }, nil},
	{StepDoc{"Then", `^Okta's user import reports (\d+) users? removed$`, `Okta's user import reports 1 user removed`, false},
		func(s *scenario) any { return s.importRemoved }, nil},
	{StepDoc{"Then", `^Okta's user import deactivated ([A-Z]\w*) in Okta$`, `Okta's user import deactivated Alice in Okta`, false},
		func(s *scenario) any { return s.importDeactivated }, nil},
	{StepDoc{"Then", `^Okta's assignment of ([A-Z]\w*) shows the error "([^"]+)"$`, `Okta's assignment of Alice shows the error "Error while creating user"`, false},
		func(s *scenario) any { return s.assignmentShows }, nil},
	{StepDoc{"Then", `^Okta waited (\d+(?:(?:, | and )\d+)*) seconds before retrying$`, `Okta waited 120 and 240 seconds before retrying`, false},
		func(s *scenario) any { return s.oktaWaited }, nil},
}

// Vocabulary lists every step with an example, grouped by actor, in the
// app-neutral wording ("the app"): VocabularyFor("").
func Vocabulary() []StepDoc { return VocabularyFor("") }

// VocabularyFor lists every step as a suite for the app named app
// (Config.AppName) matches it: where a step names the app, its pattern
// takes "the app" and app ("Alice is inactive in the app", "Alice is
// inactive in the app"; "the app group", "the app group").
func VocabularyFor(app string) []StepDoc {
	out := make([]StepDoc, len(vocabulary))
	for i, d := range vocabulary {
		out[i] = d.StepDoc
		out[i].Pattern = expandApp(d.Pattern, app)
	}
	return out
}

// expandApp fills a pattern's app placeholders: "{the app}" where the app
// is a noun ("in {the app}"), "{app}" where it qualifies one ("the {app}
// group").
func expandApp(pattern, app string) string {
	noun, adj := "the app", "app"
	if app != "" {
		q := regexp.QuoteMeta(app)
		noun, adj = "(?:the app|"+q+")", "(?:app|"+q+")"
	}
	return strings.NewReplacer("{the app}", noun, "{app}", adj).Replace(pattern)
}

// compile compiles the vocabulary's expressions for an app: only those
// that name the app are compiled anew, the others are fixedPatterns'.
func compile(app string) []*regexp.Regexp {
	fixed := fixedPatterns()
	out := make([]*regexp.Regexp, len(vocabulary))
	for i, d := range vocabulary {
		if out[i] = fixed[i]; out[i] == nil {
			out[i] = regexp.MustCompile(expandApp(d.Pattern, app))
		}
	}
	return out
}

// fixedPatterns are the vocabulary's expressions that name no app,
// compiled once for every suite (a *regexp.Regexp is safe for concurrent
// use), nil where a pattern names the app: a suite per run compiled all
// of them, each self-check run once more.
var fixedPatterns = sync.OnceValue(func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(vocabulary))
	for i, d := range vocabulary {
		if expandApp(d.Pattern, "") == d.Pattern {
			out[i] = regexp.MustCompile(d.Pattern)
		}
	}
	return out
})

// Match returns the vocabulary entries whose pattern, for the app named
// app, matches a step text. A feature file's step must match exactly one.
// It compiles the vocabulary on every call: to match many steps, make a
// Matcher once.
func Match(app, text string) []StepDoc { return NewMatcher(app).Match(text) }

// Matcher matches step texts against the vocabulary for one app, its
// patterns compiled once. It is read-only, safe for concurrent use.
type Matcher struct {
	docs []StepDoc
	rxs  []*regexp.Regexp
}

// NewMatcher compiles the vocabulary for the app named app (Config.AppName).
func NewMatcher(app string) *Matcher {
	return &Matcher{docs: VocabularyFor(app), rxs: compile(app)}
}

// Match returns the vocabulary entries whose pattern matches a step text.
func (m *Matcher) Match(text string) []StepDoc {
	var out []StepDoc
	for i, rx := range m.rxs {
		if rx.MatchString(text) {
			out = append(out, m.docs[i])
		}
	}
	return out
}
