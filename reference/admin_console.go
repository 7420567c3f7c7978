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
	e.Mu.RLock()
	out := []consoleUser{}
	if rule.Console.ListsSyncedUsers {
		for _, u := range e.UserOrder {
			if u.Active || !rule.Console.ActiveUsersOnly {
				out = append(out, consoleUser{ID: u.ID, UserName: u.UserName, DisplayName: u.DisplayName(), GivenName: u.Given, FamilyName: u.Family})
			}
		}
	}
	e.Mu.RUnlock()
	slices.SortFunc(out, func(x, y consoleUser) int {
		return cmp.Or(strings.Compare(FoldKey(x.UserName), FoldKey(y.UserName)), strings.Compare(x.ID, y.ID))
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

func toConsole(g *Group) consoleGroup {
	ids := make([]string, len(g.Members))
	for i, u := range g.Members {
		ids[i] = u.ID
	}
	return consoleGroup{ID: g.ID, DisplayName: g.DisplayName, Folder: g.Folder, Origin: g.Origin.String(),
		Synced: g.Synced, DeletedInDirectory: g.DeletedInDirectory, Members: ids}
}

// listGroups shows every group the console has, by displayName then id.
func (a *adminCall) listGroups() *adminError {
	e := a.env
	e.Mu.RLock()
	out := make([]consoleGroup, 0, len(e.Groups))
	for _, g := range e.Groups {
		out = append(out, toConsole(g))
	}
	e.Mu.RUnlock()
	slices.SortFunc(out, func(x, y consoleGroup) int {
		return cmp.Or(strings.Compare(x.DisplayName, y.DisplayName), strings.Compare(x.ID, y.ID))
	})
	a.reply(http.StatusOK, map[string]any{"groups": out})
	return nil
}

func (a *adminCall) getGroup(id string) *adminError {
	e := a.env
	e.Mu.RLock()
	g := e.Groups[id]
	var out consoleGroup
	if g != nil {
		out = toConsole(g)
	}
	e.Mu.RUnlock()
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
	folder := RootFolder
	if in.Folder != nil && *in.Folder != "" {
		folder = *in.Folder
	}
	now := a.now()
	e := a.env
	e.Mu.Lock()
	defer e.Mu.Unlock()
	if !e.FolderExists(folder) {
		return adminErr(http.StatusBadRequest, "there is no folder %q: create it first, or use %q", folder, RootFolder)
	}
	e.Begin(now)
	g := &Group{ID: a.s.cfg.NewID(), DisplayName: *in.DisplayName, Folder: folder, Origin: FromConsole,
		Created: now, Modified: now, Version: e.NextVersion()}
	e.InsertGroup(g, !a.s.rules.Console.ConsoleGroupsHidden)
	a.reply(http.StatusCreated, toConsole(g))
	return nil
}

// editable refuses console changes to a synced group (ZN-21).
func (a *adminCall) editable(g *Group) *adminError {
	if g.Synced && a.s.rules.Console.SyncedGroupsReadOnly {
		return adminErr(http.StatusForbidden,
			"the group %q is synced from your directory, which is its source of truth: change it in Okta, or unlink it first (Group Settings, Unlink)", g.DisplayName)
	}
	return nil
}

func (a *adminCall) lockedGroup(id string) (*Group, *adminError) {
	g := a.env.Groups[id]
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
	e.Mu.Lock()
	defer e.Mu.Unlock()
	g, err := a.lockedGroup(id)
	if err != nil {
		return err
	}
	if err := a.editable(g); err != nil {
		return err
	}
	if in.Folder != nil && !e.FolderExists(*in.Folder) {
		return adminErr(http.StatusBadRequest, "there is no folder %q", *in.Folder)
	}
	if in.DisplayName != nil && strings.TrimSpace(*in.DisplayName) == "" {
		return adminErr(http.StatusBadRequest, "displayName cannot be empty")
	}
	e.Begin(now)
	if in.DisplayName != nil {
		e.RenameGroup(g, *in.DisplayName)
	}
	if in.Folder != nil && *in.Folder != g.Folder {
		g.Folder = *in.Folder
		e.TouchGroup(g)
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
	e.Mu.Lock()
	defer e.Mu.Unlock()
	g, err := a.lockedGroup(id)
	if err != nil {
		return err
	}
	if err := a.editable(g); err != nil {
		return err
	}
	users := make([]*User, 0, len(in.Members))
	for _, uid := range in.Members {
		u := e.Users[uid]
		if u == nil || !u.Active {
			return adminErr(http.StatusBadRequest, "%q is not an active user of this organization", uid)
		}
		users = append(users, u)
	}
	e.Begin(now)
	e.SetMembers(g, users) // bumps g only when the membership changes
	a.reply(http.StatusOK, toConsole(g))
	return nil
}

func (a *adminCall) deleteGroup(id string) *adminError {
	e := a.env
	e.Mu.Lock()
	defer e.Mu.Unlock()
	g, err := a.lockedGroup(id)
	if err != nil {
		return err
	}
	if err := a.editable(g); err != nil {
		return err
	}
	e.Begin(a.now())
	e.DeleteGroup(g)
	a.reply(http.StatusNoContent, nil)
	return nil
}

// unlink detaches a synced group from the directory (ZN-22): it keeps its
// members, becomes editable, and SCIM no longer sees it; there is no re-link
// (ZN-23): a later push creates a new group.
func (a *adminCall) unlink(id string) *adminError {
	e := a.env
	e.Mu.Lock()
	defer e.Mu.Unlock()
	g, err := a.lockedGroup(id)
	if err != nil {
		return err
	}
	if !g.Synced {
		return adminErr(http.StatusConflict, "the group %q is not synced with a directory, so there is nothing to unlink", g.DisplayName)
	}
	e.Begin(a.now())
	g.Synced = false
	if a.s.rules.Console.UnlinkHides {
		e.HideGroup(g)
	}
	e.TouchGroup(g)
	a.reply(http.StatusOK, toConsole(g))
	return nil
}

type settingsJSON struct {
	RetainDeletedGroups *bool   `json:"retainDeletedGroups"`
	DestinationFolder   *string `json:"destinationFolder"`
}

func (a *adminCall) settingsReply(s Settings) {
	a.reply(http.StatusOK, settingsJSON{RetainDeletedGroups: &s.RetainDeletedGroups, DestinationFolder: &s.DestinationFolder})
}

func (a *adminCall) getSettings() *adminError {
	a.env.Mu.RLock()
	s := a.env.Settings
	a.env.Mu.RUnlock()
	a.settingsReply(s)
	return nil
}

func (a *adminCall) putSettings() *adminError {
	var in settingsJSON
	if e := a.decode(&in); e != nil {
		return e
	}
	e := a.env
	e.Mu.Lock()
	defer e.Mu.Unlock()
	if in.DestinationFolder != nil && !e.FolderExists(*in.DestinationFolder) {
		return adminErr(http.StatusBadRequest, "destinationFolder %q names no existing folder: create it first, or use %q", *in.DestinationFolder, RootFolder)
	}
	if in.RetainDeletedGroups != nil {
		e.Settings.RetainDeletedGroups = *in.RetainDeletedGroups
	}
	if in.DestinationFolder != nil {
		e.Settings.DestinationFolder = *in.DestinationFolder
	}
	a.settingsReply(e.Settings)
	return nil
}

func (a *adminCall) listFolders() *adminError {
	a.env.Mu.RLock()
	out := slices.Clone(a.env.Folders)
	a.env.Mu.RUnlock()
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
	e.Mu.Lock()
	defer e.Mu.Unlock()
	if e.FolderExists(in.Name) {
		return adminErr(http.StatusConflict, "the folder %q exists already", in.Name)
	}
	e.Folders = append(e.Folders, in.Name)
	a.reply(http.StatusCreated, map[string]string{"name": in.Name})
	return nil
}
