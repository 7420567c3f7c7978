package explore

import "fmt"

// stepID names one step of the suite's vocabulary that explore writes.
type stepID uint8

// The steps explore writes.
const (
	stepFreshOrg stepID = iota
	stepTokenAs
	stepTokenInUse
	stepOktaUser
	stepOktaUserNamed
	stepOktaGroup
	stepAssign
	stepUnassign
	stepChange
	stepDeactivate
	stepReactivate
	stepPush
	stepPushNow
	stepZincGroup
	stepLink
	stepAddMember
	stepSetting
	stepRemoveMember
	stepRename
	stepUnlink
	stepImport
	stepTestCredentials
	stepSend
	stepSendWith
	stepConsoleCreate
	stepConsoleRename
	stepConsoleUnlink
	stepConsoleRetention
	stepConsoleFolder
	stepResponseStatus
	stepResponseStatusOr
	stepHeader
	stepResponseError
	stepResponseHeader
	stepResponseJSON
	stepResponseList
	stepResponsePaging
	stepResponseListOf
	stepActive
	stepNotInZinc
	stepExactlyOne
	stepKeepsID
	stepUserField
	stepInNoGroup
	stepGroupMembers
	stepGroupNamed
	stepGroupGone
	stepGroupVisible
	stepGroupNewID
	stepConsoleListsUser
	stepConsoleListsGroup
	stepConsoleShows
	stepNoTasks
	stepHasTask
	stepTaskDetail
	stepCredentials
	stepImportFinds
	stepImportEach
	stepImportGrantFinds
	stepZincGrantable
	stepGrant
	stepZincUsers
	stepGroupImportFinds
	stepLoses
	stepLosesGroup
	stepPushState
	stepSuspend
	stepPushIs
	stepDeactivatesItself
	stepImportDeactivated
	stepSwapsIDs
	stepNewID
	numSteps
)

// stepText is the one table from explore's steps to the suite's wording
// (steps/vocabulary.go): when the vocabulary changes, this is the line to
// change, and TestStepsMatchVocabulary says which one (read-only).
var stepText = [numSteps]string{
	stepFreshOrg:          `a fresh Zinc organization%s`,
	stepTokenAs:           `the token is sent as %s`,
	stepTokenInUse:        `the API token in use is %s`,
	stepOktaUser:          `Okta has a user %s %s`,
	stepOktaUserNamed:     `Okta has a user %s %s with the username "%s"`,
	stepOktaGroup:         `Okta has a group "%s"`,
	stepAssign:            `Okta assigns %s to the app`,
	stepUnassign:          `Okta unassigns %s from the app`,
	stepChange:            `Okta changes %s's %s to "%s"`,
	stepDeactivate:        `Okta deactivates %s`,
	stepReactivate:        `Okta reactivates %s`,
	stepPush:              `Okta pushes the group "%s"`,
	stepPushNow:           `Okta pushes the group "%s" now`,
	stepZincGroup:         `Zinc has a group "%s"`,
	stepLink:              `Okta pushes the group "%s" linked to the Zinc group "%s"`,
	stepAddMember:         `Okta adds %s to the group "%s"`,
	stepSetting:           `Okta's app setting "%s" is %s`,
	stepRemoveMember:      `Okta removes %s from the group "%s"`,
	stepRename:            `Okta renames the group "%s" to "%s"`,
	stepUnlink:            `Okta unlinks the pushed group "%s" and %s it in Zinc`,
	stepImport:            `Okta imports the %s`,
	stepTestCredentials:   `Okta tests the API credentials`,
	stepSend:              `I send %s %s`,
	stepSendWith:          `I send %s %s with:`,
	stepConsoleCreate:     `the Zinc admin creates the group "%s" in the console`,
	stepConsoleRename:     `the Zinc admin renames the group "%s" to "%s" in the console`,
	stepConsoleUnlink:     `the Zinc admin unlinks the group "%s"`,
	stepConsoleRetention:  `the Zinc admin %s groups deleted in the directory`,
	stepConsoleFolder:     `the Zinc admin sets the destination folder to "%s"`,
	stepResponseStatus:    `the response status is %d`,
	stepResponseStatusOr:  `the response status is %d or %d`,
	stepHeader:            `requests carry the header "%s: %s"`,
	stepResponseError:     `the response is a SCIM error %s%s`,
	stepResponseHeader:    `the response header %s %s "%s"`,
	stepResponseJSON:      `the response's %s %s`,
	stepResponseList:      `the response is a ListResponse`,
	stepResponsePaging:    `the response's paging numbers are JSON integers, with itemsPerPage counting its Resources`,
	stepResponseListOf:    `the response is a ListResponse of %d resources`,
	stepActive:            `%s is %s in Zinc`,
	stepNotInZinc:         `%s is not in Zinc`,
	stepExactlyOne:        `Zinc has exactly one user for %s`,
	stepKeepsID:           `%s keeps the same Zinc id`,
	stepUserField:         `%s's %s in Zinc %s`,
	stepInNoGroup:         `%s is in no Zinc group`,
	stepGroupMembers:      `the Zinc group "%s" has exactly the members %s`,
	stepGroupNamed:        `the Zinc group "%s" is named "%s"`,
	stepGroupGone:         `the Zinc group "%s" is gone from SCIM`,
	stepGroupVisible:      `the Zinc group "%s" is visible over SCIM`,
	stepGroupNewID:        `the Zinc group "%s" has a new id`,
	stepConsoleListsUser:  `the Zinc console %s %s in Users`,
	stepConsoleListsGroup: `the Zinc console %s the group "%s"`,
	stepConsoleShows:      `the console group "%s" shows %s %s`,
	stepNoTasks:           `Okta has no failed tasks`,
	stepHasTask:           `Okta has a failed task saying "%s"`,
	stepTaskDetail:        `Okta's failed task shows Zinc's error detail`,
	stepCredentials:       `Okta reports the API credentials as rejected, saying "%s"`,
	stepImportFinds:       `Okta's user import %s %s`,
	stepImportEach:        `Okta's user import finds each of the %d users, once`,
	stepImportGrantFinds:  `Okta's %s import %s "%s"`,
	stepZincGrantable:     `Zinc has the entitlement "%s" of type "%s"`,
	stepGrant:             `Okta grants %s the entitlement "%s"`,
	stepZincUsers:         `Zinc has %d users`,
	stepGroupImportFinds:  `Okta's group import %s "%s"`,
	stepLoses:             `Zinc loses %s`,
	stepLosesGroup:        `Zinc loses the group "%s"`,
	stepPushState:         `Okta %s the push of the group "%s"`,
	stepSuspend:           `Okta %s %s`,
	stepPushIs:            `Okta's push of the group "%s" is %s`,
	stepDeactivatesItself: `Zinc deactivates %s itself`,
	stepImportDeactivated: `Okta's user import deactivated %s in Okta`,
	stepSwapsIDs:          `Zinc restores a backup in which %s and %s have each other's ids`,
	stepNewID:             `Zinc gives %s a new id`,
}

// step renders one step. stepResponseError takes the status and a scimType
// ("" for none).
func step(id stepID, args ...any) string {
	if id == stepResponseError && len(args) == 2 {
		if t, _ := args[1].(string); t != "" {
			args[1] = fmt.Sprintf(` with scimType "%s"`, t)
		}
	}
	return fmt.Sprintf(stepText[id], args...)
}
