package reference

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

type consoleUser struct {
	ID          string `json:"id"`
	UserName    string `json:"userName"`
	DisplayName string `json:"displayName"`
	GivenName   string `json:"givenName"`
	FamilyName  string `json:"familyName"`
}

// listUsers is the Users section: active users only (ZN-24, ZN-26), by userName.
func (a *adminCall) listUsers() *adminError {
	rule := &a.s.rules
	e := a.env
	e.mu.RLock()
	out := []consoleUser{}
	if rule.Console.ListsSyncedUsers {
		for _, u := range e.userOrder {
			if u.active || !rule.Console.ActiveUsersOnly {
				out = append(out, consoleUser{ID: u.id, UserName: u.userName, DisplayName: u.displayName(), GivenName: u.given, FamilyName: u.family})
			}
		}
	}
	e.mu.RUnlock()
	slices.SortFunc(out, func(x, y consoleUser) int {
		return cmp.Or(strings.Compare(foldKey(x.UserName), foldKey(y.UserName)), strings.Compare(x.ID, y.ID))
	})
	a.reply(http.StatusOK, map[string]any{"users": out})
	return nil
}

type consoleGroup struct {
	ID                 string   `json:"id"`
	DisplayName        string   `json:"displayName"`
	Folder             string   `json:"folder"`
	Origin             string   `json:"origin"`
	Synced             bool     `json:"synced"`
	DeletedInDirectory bool     `json:"deletedInDirectory"`
	Members            []string `json:"members"`
}

func toConsole(g *group) consoleGroup {
	ids := make([]string, len(g.members))
	for i, u := range g.members {
		ids[i] = u.id
	}
	return consoleGroup{ID: g.id, DisplayName: g.displayName, Folder: g.folder, Origin: g.origin.String(),
		Synced: g.synced, DeletedInDirectory: g.deletedInDirectory, Members: ids}
}

// listGroups shows every group the console has, by displayName then id.
func (a *adminCall) listGroups() *adminError {
	e := a.env
	e.mu.RLock()
	out := make([]consoleGroup, 0, len(e.groups))
	for _, g := range e.groups {
		out = append(out, toConsole(g))
	}
	e.mu.RUnlock()
	slices.SortFunc(out, func(x, y consoleGroup) int {
		return cmp.Or(strings.Compare(x.DisplayName, y.DisplayName), strings.Compare(x.ID, y.ID))
	})
	a.reply(http.StatusOK, map[string]any{"groups": out})
	return nil
}

func (a *adminCall) getGroup(id string) *adminError {
	e := a.env
	e.mu.RLock()
	g := e.groups[id]
	var out consoleGroup
	if g != nil {
		out = toConsole(g)
	}
	e.mu.RUnlock()
	if g == nil {
		return adminErr(http.StatusNotFound, "no group %q in this organization", id)
	}
	a.reply(http.StatusOK, out)
	return nil
}

type consoleGroupRequest struct {
	DisplayName *string `json:"displayName"`
	Folder      *string `json:"folder"`
}

// createGroup makes a console group: never visible over SCIM (ZN-20).
func (a *adminCall) createGroup() *adminError {
	var in consoleGroupRequest
	if e := a.decode(&in); e != nil {
		return e
	}
	if in.DisplayName == nil || strings.TrimSpace(*in.DisplayName) == "" {
		return adminErr(http.StatusBadRequest, "displayName is required")
	}
	folder := rootFolder
	if in.Folder != nil && *in.Folder != "" {
		folder = *in.Folder
	}
	now := a.now()
	e := a.env
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.folderExists(folder) {
		return adminErr(http.StatusBadRequest, "there is no folder %q: create it first, or use %q", folder, rootFolder)
	}
	e.begin(now)
	g := &group{id: a.s.cfg.NewID(), displayName: *in.DisplayName, folder: folder, origin: fromConsole,
		created: now, modified: now, version: e.nextVersion()}
	e.insertGroup(g, !a.s.rules.Console.ConsoleGroupsHidden)
	a.reply(http.StatusCreated, toConsole(g))
	return nil
}

// editable refuses console changes to a synced group (ZN-21).
func (a *adminCall) editable(g *group) *adminError {
	if g.synced && a.s.rules.Console.SyncedGroupsReadOnly {
		return adminErr(http.StatusForbidden,
			"the group %q is synced from your directory, which is its source of truth: change it in Okta, or unlink it first (Group Settings, Unlink)", g.displayName)
	}
	return nil
}

func (a *adminCall) lockedGroup(id string) (*group, *adminError) {
	g := a.env.groups[id]
	if g == nil {
		return nil, adminErr(http.StatusNotFound, "no group %q in this organization", id)
	}
	return g, nil
}

func (a *adminCall) patchGroup(id string) *adminError {
	var in consoleGroupRequest
	if e := a.decode(&in); e != nil {
		return e
	}
	now := a.now()
	e := a.env
	e.mu.Lock()
	defer e.mu.Unlock()
	g, err := a.lockedGroup(id)
	if err != nil {
		return err
	}
	if err := a.editable(g); err != nil {
		return err
	}
	if in.Folder != nil && !e.folderExists(*in.Folder) {
		return adminErr(http.StatusBadRequest, "there is no folder %q", *in.Folder)
	}
	if in.DisplayName != nil && strings.TrimSpace(*in.DisplayName) == "" {
		return adminErr(http.StatusBadRequest, "displayName cannot be empty")
	}
	e.begin(now)
	if in.DisplayName != nil {
		e.renameGroup(g, *in.DisplayName)
	}
	if in.Folder != nil && *in.Folder != g.folder {
		g.folder = *in.Folder
		e.touchGroup(g)
	}
	a.reply(http.StatusOK, toConsole(g))
	return nil
}

func (a *adminCall) putMembers(id string) *adminError {
	var in struct {
		Members []string `json:"members"`
	}
	if e := a.decode(&in); e != nil {
		return e
	}
	now := a.now()
	e := a.env
	e.mu.Lock()
	defer e.mu.Unlock()
	g, err := a.lockedGroup(id)
	if err != nil {
		return err
	}
	if err := a.editable(g); err != nil {
		return err
	}
	users := make([]*user, 0, len(in.Members))
	for _, uid := range in.Members {
		u := e.users[uid]
		if u == nil || !u.active {
			return adminErr(http.StatusBadRequest, "%q is not an active user of this organization", uid)
		}
		users = append(users, u)
	}
	e.begin(now)
	e.setMembers(g, users) // bumps g only when the membership changes
	a.reply(http.StatusOK, toConsole(g))
	return nil
}

func (a *adminCall) deleteGroup(id string) *adminError {
	e := a.env
	e.mu.Lock()
	defer e.mu.Unlock()
	g, err := a.lockedGroup(id)
	if err != nil {
		return err
	}
	if err := a.editable(g); err != nil {
		return err
	}
	e.begin(a.now())
	e.deleteGroup(g)
	a.reply(http.StatusNoContent, nil)
	return nil
}

// unlink detaches a synced group from the directory (ZN-22): it keeps its
// members, becomes editable, and SCIM no longer sees it; there is no re-link
// (ZN-23): a later push creates a new group.
func (a *adminCall) unlink(id string) *adminError {
	e := a.env
	e.mu.Lock()
	defer e.mu.Unlock()
	g, err := a.lockedGroup(id)
	if err != nil {
		return err
	}
	if !g.synced {
		return adminErr(http.StatusConflict, "the group %q is not synced with a directory, so there is nothing to unlink", g.displayName)
	}
	e.begin(a.now())
	g.synced = false
	if a.s.rules.Console.UnlinkHides {
		e.hideGroup(g)
	}
	e.touchGroup(g)
	a.reply(http.StatusOK, toConsole(g))
	return nil
}

type settingsJSON struct {
	RetainDeletedGroups *bool   `json:"retainDeletedGroups"`
	DestinationFolder   *string `json:"destinationFolder"`
}

func (a *adminCall) settingsReply(s settings) {
	a.reply(http.StatusOK, settingsJSON{RetainDeletedGroups: &s.retainDeletedGroups, DestinationFolder: &s.destinationFolder})
}

func (a *adminCall) getSettings() *adminError {
	a.env.mu.RLock()
	s := a.env.settings
	a.env.mu.RUnlock()
	a.settingsReply(s)
	return nil
}

func (a *adminCall) putSettings() *adminError {
	var in settingsJSON
	if e := a.decode(&in); e != nil {
		return e
	}
	e := a.env
	e.mu.Lock()
	defer e.mu.Unlock()
	if in.DestinationFolder != nil && !e.folderExists(*in.DestinationFolder) {
		return adminErr(http.StatusBadRequest, "destinationFolder %q names no existing folder: create it first, or use %q", *in.DestinationFolder, rootFolder)
	}
	if in.RetainDeletedGroups != nil {
		e.settings.retainDeletedGroups = *in.RetainDeletedGroups
	}
	if in.DestinationFolder != nil {
		e.settings.destinationFolder = *in.DestinationFolder
	}
	a.settingsReply(e.settings)
	return nil
}

func (a *adminCall) listFolders() *adminError {
	a.env.mu.RLock()
	out := slices.Clone(a.env.folders)
	a.env.mu.RUnlock()
	a.reply(http.StatusOK, map[string]any{"folders": out})
	return nil
}

func (a *adminCall) createFolder() *adminError {
	var in struct {
		Name string `json:"name"`
	}
	if e := a.decode(&in); e != nil {
		return e
	}
	if strings.TrimSpace(in.Name) == "" {
		return adminErr(http.StatusBadRequest, "name is required")
	}
	e := a.env
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.folderExists(in.Name) {
		return adminErr(http.StatusConflict, "the folder %q exists already", in.Name)
	}
	e.folders = append(e.folders, in.Name)
	a.reply(http.StatusCreated, map[string]string{"name": in.Name})
	return nil
}
