package explore

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// applyConsole runs one Admin Console action (the Zinc pack's); id is the
// SCIM id of the group it acts on, "" when Okta has not pushed it.
func (e *episode) applyConsole(a Action, g *groupState, id string) (outcome, error) {
	var out outcome
	switch a.Kind {
	case ConsoleCreateGroup:
		if e.consoleGroup {
			return out, errSkip
		}
		body, _ := json.Marshal(map[string]string{"displayName": e.groupName(consoleGroupName)})
		ans, err := e.admin(http.MethodPost, "/groups", body)
		if err != nil {
			return out, err
		}
		if ans.status != http.StatusCreated {
			return out, errSkip
		}
		e.consoleGroup = true
		return out, nil
	case ConsoleRenameSynced:
		if id == "" || g.consoleU {
			return out, errSkip
		}
		body, _ := json.Marshal(map[string]string{"displayName": consoleRename})
		ans, err := e.admin(http.MethodPatch, "/groups/"+id, body)
		if err != nil {
			return out, err
		}
		if ans.status != http.StatusForbidden {
			out.v = &Violation{Invariant: "synced groups are read-only in the console", Pack: PackZinc,
				Message: fmt.Sprintf("renaming the synced group %q in the console: expected 403, got %d", g.label, ans.status), Evidence: ans.String(),
				Then: []string{step(stepResponseStatus, 403)}}
		}
		return out, nil
	case ConsoleUnlink:
		if id == "" || g.consoleU {
			return out, errSkip
		}
		ans, err := e.admin(http.MethodPost, "/groups/"+id+"/unlink", nil)
		if err != nil {
			return out, err
		}
		if ans.status != http.StatusOK {
			return out, errSkip
		}
		g.consoleU = true
		e.unlinked[id] = true
		return out, nil
	case ConsoleDropDeleted:
		if !e.keepDeleted {
			return out, errSkip
		}
		ans, err := e.admin(http.MethodPut, "/settings", []byte(`{"retainDeletedGroups":false}`))
		if err != nil {
			return out, err
		}
		if ans.status != http.StatusOK {
			return out, errSkip
		}
		e.keepDeleted = false
		return out, nil
	case ConsoleRootFolder:
		if e.rootFolder {
			return out, errSkip
		}
		ans, err := e.admin(http.MethodPut, "/settings", []byte(`{"destinationFolder":"Root Level Folder"}`))
		if err != nil {
			return out, err
		}
		if ans.status != http.StatusOK {
			return out, errSkip
		}
		e.rootFolder = true
		return out, nil
	}
	return out, fmt.Errorf("apply %s: not a console action", a.Kind)
}
