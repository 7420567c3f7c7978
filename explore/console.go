package explore

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// consoleKinds are the Zinc pack's Admin Console actions: a console group,
// a rename and an unlink of a synced group, retention of deleted groups,
// the destination folder.
var consoleKinds = []kindInfo{
	{kind: ConsoleCreateGroup, name: "console-create-group", pack: PackZinc, admin: true, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) {
			if e.consoleGroup {
				return outcome{}, errSkip
			}
			body, _ := json.Marshal(map[string]string{"displayName": e.groupName(consoleGroupName)})
			ans, err := e.admin(http.MethodPost, "/groups", body)
			if err != nil {
				return outcome{}, err
			}
			if ans.status != http.StatusCreated {
				return outcome{}, errSkip
			}
			e.consoleGroup = true
			return outcome{}, nil
		},
		steps: func(Action) []string { return []string{step(stepConsoleCreate, consoleGroupName)} }},

	{kind: ConsoleRenameSynced, name: "console-rename-synced", pack: PackZinc, admin: true, weight: 1, group: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			id := a.og.SCIMID
			if e.isLost(id) {
				return out, errSkip // the app lost the group: it is no longer synced
			}
			if id == "" || a.g.consoleU {
				return out, errSkip
			}
			body, _ := json.Marshal(map[string]string{"displayName": consoleRename})
			ans, err := e.admin(http.MethodPatch, "/groups/"+id, body)
			if err != nil {
				return out, err
			}
			if ans.status != http.StatusForbidden {
				out.v = &Violation{Invariant: "synced groups are read-only in the console", Pack: PackZinc,
					Message: fmt.Sprintf("renaming the synced group %q in the console: expected 403, got %d", a.g.label, ans.status), Evidence: ans.String(),
					Then: []string{step(stepResponseStatus, 403)}}
			}
			return out, nil
		},
		steps: func(a Action) []string { return []string{step(stepConsoleRename, a.group(), consoleRename)} }},

	{kind: ConsoleUnlink, name: "console-unlink", pack: PackZinc, admin: true, weight: 2, group: true,
		apply: func(e *episode, a act) (outcome, error) {
			id := a.og.SCIMID
			if e.isLost(id) {
				return outcome{}, errSkip // the app lost the group: it is no longer synced
			}
			if id == "" || a.g.consoleU {
				return outcome{}, errSkip
			}
			ans, err := e.admin(http.MethodPost, "/groups/"+id+"/unlink", nil)
			if err != nil {
				return outcome{}, err
			}
			if ans.status != http.StatusOK {
				return outcome{}, errSkip
			}
			a.g.consoleU = true
			e.unlinked[id] = true
			return outcome{}, nil
		},
		steps: func(a Action) []string { return []string{step(stepConsoleUnlink, a.group())} }},

	{kind: ConsoleDropDeleted, name: "console-drop-deleted", pack: PackZinc, admin: true, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) {
			if !e.keepDeleted {
				return outcome{}, errSkip
			}
			if err := e.consoleSetting(`{"retainDeletedGroups":false}`); err != nil {
				return outcome{}, err
			}
			e.keepDeleted = false
			return outcome{}, nil
		},
		steps: func(Action) []string { return []string{step(stepConsoleRetention, "removes")} }},

	{kind: ConsoleRootFolder, name: "console-root-folder", pack: PackZinc, admin: true, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) {
			if e.rootFolder {
				return outcome{}, errSkip
			}
			if err := e.consoleSetting(`{"destinationFolder":"Root Level Folder"}`); err != nil {
				return outcome{}, err
			}
			e.rootFolder = true
			return outcome{}, nil
		},
		steps: func(Action) []string { return []string{step(stepConsoleFolder, "Root Level Folder")} }},
}

// consoleSetting changes the organization's console settings; a console
// that does not take it skips the action.
func (e *episode) consoleSetting(body string) error {
	ans, err := e.admin(http.MethodPut, "/settings", []byte(body))
	if err != nil {
		return err
	}
	if ans.status != http.StatusOK {
		return errSkip
	}
	return nil
}
