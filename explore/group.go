package explore

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/scimharness/scimharness/mockokta"
)

// groupKinds are Okta's actions on a group: Group Push, memberships,
// rename, Push Now, unlink, the group import, and the app settings that
// decide what a push sends.
var groupKinds = []kindInfo{
	{kind: PushGroup, name: "push-group", pack: PackCore, weight: 6, group: true,
		apply: func(e *episode, a act) (outcome, error) {
			if a.og.SCIMID != "" {
				return outcome{}, errSkip
			}
			err := e.okta(e.org.PushGroup(e.ctx, a.og.Name))
			e.notePush(a.g, a.og.Members, true)
			return outcome{}, err
		},
		steps: func(a Action) []string { return []string{step(stepPush, a.group())} }},

	{kind: AddMember, name: "add-member", pack: PackCore, weight: 10, user: true, group: true, groupTask: true,
		apply: changeMember,
		steps: func(a Action) []string { return []string{step(stepAddMember, a.who(), a.group())} }},

	{kind: RemoveMember, name: "remove-member", pack: PackCore, weight: 5, user: true, group: true, groupTask: true,
		apply: changeMember,
		steps: func(a Action) []string { return []string{step(stepRemoveMember, a.who(), a.group())} }},

	{kind: RenameGroup, name: "rename-group", pack: PackCore, weight: 3, group: true, groupTask: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			o, g := e.org, a.g
			to := e.groupName(g.label + " " + renames[a.Value%len(renames)])
			if a.og.Name == to {
				return out, errSkip
			}
			out.mayTask = g.consoleU
			m, _ := o.PushMapping(a.og.Name)
			err := e.okta(o.RenameGroup(e.ctx, a.og.Name, to))
			if _, ok := o.Group(to); ok {
				g.renamed = true
				// With "Rename app groups" off, or the push paused or in
				// error, the app keeps the old name.
				live := m.Status == mockokta.PushActive
				g.nameStale = a.og.SCIMID != "" && (g.nameStale || !o.Settings().RenameGroups || !live)
				if o.Settings().RenameGroups && live {
					g.nameStale = false
				}
			}
			return out, err
		},
		steps: func(a Action) []string {
			return []string{step(stepRename, a.group(), a.group()+" "+renames[a.Value%len(renames)])}
		}},

	{kind: PushNow, name: "push-now", pack: PackCore, weight: 6, group: true, groupTask: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			if a.og.SCIMID == "" {
				return out, errSkip
			}
			out.mayTask = a.g.consoleU
			err := e.okta(e.org.PushNow(e.ctx, a.og.Name))
			e.notePush(a.g, a.og.Members, false)
			return out, err
		},
		steps: func(a Action) []string { return []string{step(stepPushNow, a.group())} }},

	{kind: UnlinkDelete, name: "unlink-delete", pack: PackCore, weight: 1, group: true, groupTask: true,
		apply: unlink,
		steps: func(a Action) []string { return []string{step(stepUnlink, a.group(), "deletes")} }},

	{kind: UnlinkLeave, name: "unlink-leave", pack: PackCore, weight: 2, group: true, groupTask: true,
		apply: unlink,
		steps: func(a Action) []string { return []string{step(stepUnlink, a.group(), "leaves")} }},

	{kind: ImportGroups, name: "import-groups", pack: PackCore, weight: 2,
		// The import is run by the import invariants, which read its result.
		apply: func(*episode, act) (outcome, error) { return outcome{}, nil },
		steps: func(Action) []string { return []string{step(stepImport, "groups")} }},

	{kind: LinkExisting, name: "link-existing", pack: PackCore, weight: 1, group: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			g := a.g
			if a.og.SCIMID != "" || g.linked != "" || len(g.pastIDs) > 0 {
				return out, errSkip
			}
			name := e.groupName(linkedName(a.Group))
			body, _ := json.Marshal(map[string]any{"schemas": []string{schemaGroup}, "displayName": name})
			ans, err := e.scim(http.MethodPost, "/Groups", body)
			if err != nil {
				return out, err
			}
			if ans.status != http.StatusCreated || ans.json().Get("id").String() == "" {
				return out, errSkip // the target cannot make the group to link to
			}
			g.linked = linkedName(a.Group)
			// Without "Push group memberships immediately" the link sends
			// nothing, and the app group keeps its own name.
			g.nameStale = !e.org.Settings().PushMembershipsImmediately || !e.org.Settings().RenameGroups
			err = e.okta(e.org.LinkGroup(e.ctx, a.og.Name, ans.json().Get("id").String()))
			e.notePush(g, a.og.Members, false)
			return out, err
		},
		steps: func(a Action) []string {
			return []string{step(stepZincGroup, linkedName(a.Group)), step(stepLink, a.group(), linkedName(a.Group))}
		}},

	// ToggleSetting turns one of Okta's app settings (Value%2) on (Group 1)
	// or off (Group 0).
	{kind: ToggleSetting, name: "toggle-setting", pack: PackCore, weight: 5,
		apply: func(e *episode, a act) (outcome, error) {
			s, on := e.org.Settings(), a.Group == 1
			p := &s.PushMembershipsImmediately
			if a.Value%2 == 1 {
				p = &s.RenameGroups
			}
			if *p == on {
				return outcome{}, errSkip
			}
			*p = on
			e.org.SetSettings(s)
			return outcome{}, nil
		},
		steps: func(a Action) []string {
			state := "off"
			if a.Group == 1 {
				state = "on"
			}
			return []string{step(stepSetting, settingName[a.Value%2], state)}
		}},
}

// settingName are Okta's names of the settings ToggleSetting sets, by
// Value%2 (read-only).
var settingName = [2]string{"Push group memberships immediately", "Rename app groups to match group name in Okta"}

// changeMember is Okta adding the person to the group, or removing them.
func changeMember(e *episode, a act) (outcome, error) {
	var out outcome
	member := containsFold(a.og.Members, a.p.login)
	if member == (a.Kind == AddMember) {
		return out, errSkip
	}
	out.mayTask = a.g.consoleU
	var err error
	if a.Kind == AddMember {
		err = e.okta(e.org.AddMembers(e.ctx, a.og.Name, a.p.login))
	} else {
		err = e.okta(e.org.RemoveMembers(e.ctx, a.og.Name, a.p.login))
	}
	if a.Kind == AddMember && a.og.SCIMID != "" {
		a.p.reactivated = false
	}
	return out, err
}

// unlink is Okta unlinking a pushed group, deleting it in the app or
// leaving it there.
func unlink(e *episode, a act) (outcome, error) {
	var out outcome
	g, og := a.g, a.og
	if og.SCIMID == "" {
		return out, errSkip
	}
	out.mayTask = g.consoleU
	mode := mockokta.LeaveInApp
	if a.Kind == UnlinkDelete {
		mode = mockokta.DeleteInApp
	}
	err := e.okta(e.org.UnlinkGroup(e.ctx, og.Name, mode))
	if now, _ := e.org.Group(og.Name); err == nil && now.SCIMID == "" {
		g.pastIDs = append(g.pastIDs, og.SCIMID)
		if a.Kind == UnlinkDelete && !g.consoleU {
			g.deleted = og.SCIMID
		}
		g.consoleU, g.tainted, g.root = false, false, false
	}
	return out, err
}

// notePush records that Okta pushed the group's memberships: its members
// are no longer "reactivated and in no group".
func (e *episode) notePush(g *groupState, members []string, created bool) {
	og, _ := e.org.Group(e.currentName(g))
	if og.SCIMID == "" {
		return
	}
	if g.firstID == "" {
		g.firstID = og.SCIMID
	}
	if created && e.rootFolder && !slices.Contains(g.pastIDs, og.SCIMID) {
		g.root = true
	}
	for i := range e.people {
		if containsFold(members, e.people[i].login) {
			e.people[i].reactivated = false
		}
	}
}

// currentName is the group's name in Okta now, through its renames.
func (e *episode) currentName(g *groupState) string {
	for _, r := range append([]string{""}, renames...) {
		name := g.label
		if r != "" {
			name += " " + r
		}
		if og, ok := e.org.Group(e.groupName(name)); ok {
			return og.Name
		}
	}
	return e.groupName(g.label)
}
