package admin

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/store"
)

type consoleUser struct {
	ID          string `json:"id"`
	UserName    string `json:"userName"`
	DisplayName string `json:"displayName"`
	GivenName   string `json:"givenName"`
	FamilyName  string `json:"familyName"`
}

// listUsers is the Users section: active users only (ZN-24, ZN-26), by userName.
func (a *call) listUsers() *apiError {
	rule := &a.api.cfg.Rules
	e := a.env
	e.RLock()
	out := []consoleUser{}
	if rule.ListsSyncedUsers {
		for _, u := range e.UserOrder {
			if u.Active || !rule.ActiveUsersOnly {
				out = append(out, toConsoleUser(u))
			}
		}
	}
	e.RUnlock()
	slices.SortFunc(out, func(x, y consoleUser) int {
		return cmp.Or(strings.Compare(store.FoldKey(x.UserName), store.FoldKey(y.UserName)), strings.Compare(x.ID, y.ID))
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

func toConsole(g *store.Group) consoleGroup {
	ids := make([]string, len(g.Members))
	for i, u := range g.Members {
		ids[i] = u.ID
	}
	return consoleGroup{ID: g.ID, DisplayName: g.DisplayName, Folder: g.Folder, Origin: g.Origin.String(),
		Synced: g.Synced, DeletedInDirectory: g.DeletedInDirectory, Members: ids}
}

// listGroups shows every group the console has, by displayName then id.
func (a *call) listGroups() *apiError {
	e := a.env
	e.RLock()
	out := make([]consoleGroup, 0, len(e.Groups))
	for _, g := range e.Groups {
		out = append(out, toConsole(g))
	}
	e.RUnlock()
	slices.SortFunc(out, func(x, y consoleGroup) int {
		return cmp.Or(strings.Compare(x.DisplayName, y.DisplayName), strings.Compare(x.ID, y.ID))
	})
	a.reply(http.StatusOK, map[string]any{"groups": out})
	return nil
}

func (a *call) getGroup(id string) *apiError {
	e := a.env
	e.RLock()
	g := e.Groups[id]
	var out consoleGroup
	if g != nil {
		out = toConsole(g)
	}
	e.RUnlock()
	if g == nil {
		return errorf(http.StatusNotFound, "no group %q in this organization", id)
	}
	a.reply(http.StatusOK, out)
	return nil
}

type consoleGroupRequest struct {
	DisplayName *string `json:"displayName"`
	Folder      *string `json:"folder"`
}

// createGroup makes a console group: never visible over SCIM (ZN-20).
func (a *call) createGroup() *apiError {
	var in consoleGroupRequest
	if e := a.decode(&in); e != nil {
		return e
	}
	if in.DisplayName == nil || strings.TrimSpace(*in.DisplayName) == "" {
		return errorf(http.StatusBadRequest, "displayName is required")
	}
	folder := store.RootFolder
	if in.Folder != nil && *in.Folder != "" {
		folder = *in.Folder
	}
	now := a.now()
	e := a.env
	e.Lock()
	defer e.Unlock()
	if !e.FolderExists(folder) {
		return errorf(http.StatusBadRequest, "there is no folder %q: create it first, or use %q", folder, store.RootFolder)
	}
	e.Begin(now)
	g := &store.Group{ID: a.api.cfg.NewID(), DisplayName: *in.DisplayName, Folder: folder, Origin: store.FromConsole,
		Created: now, Modified: now, Version: e.NextVersion()}
	e.InsertGroup(g, !a.api.cfg.Rules.ConsoleGroupsHidden)
	a.reply(http.StatusCreated, toConsole(g))
	return nil
}

// editable refuses console changes to a synced group (ZN-21).
func (a *call) editable(g *store.Group) *apiError {
	if g.Synced && a.api.cfg.Rules.SyncedGroupsReadOnly {
		return errorf(http.StatusForbidden,
			"the group %q is synced from your directory, which is its source of truth: change it in Okta, or unlink it first (Group Settings, Unlink)", g.DisplayName)
	}
	return nil
}

// changeGroup is a console change of the group id, under the environment's
// write lock: check refuses a group the change may not touch (a.editable for
// the console's edits), and change validates the rest of the request and
// makes it, answering it. The write is stamped with the request's time
// before change runs; a change that refuses the request changes nothing.
func (a *call) changeGroup(id string, check func(*store.Group) *apiError, change func(*store.Env, *store.Group) *apiError) *apiError {
	e := a.env
	e.Lock()
	defer e.Unlock()
	g := e.Groups[id]
	if g == nil {
		return errorf(http.StatusNotFound, "no group %q in this organization", id)
	}
	if err := check(g); err != nil {
		return err
	}
	e.Begin(a.now())
	return change(e, g)
}

func (a *call) patchGroup(id string) *apiError {
	var in consoleGroupRequest
	if e := a.decode(&in); e != nil {
		return e
	}
	return a.changeGroup(id, a.editable, func(e *store.Env, g *store.Group) *apiError {
		if in.Folder != nil && !e.FolderExists(*in.Folder) {
			return errorf(http.StatusBadRequest, "there is no folder %q", *in.Folder)
		}
		if in.DisplayName != nil && strings.TrimSpace(*in.DisplayName) == "" {
			return errorf(http.StatusBadRequest, "displayName cannot be empty")
		}
		if in.DisplayName != nil {
			e.RenameGroup(g, *in.DisplayName)
		}
		if in.Folder != nil && *in.Folder != g.Folder {
			g.Folder = *in.Folder
			e.TouchGroup(g)
		}
		a.reply(http.StatusOK, toConsole(g))
		return nil
	})
}

func (a *call) putMembers(id string) *apiError {
	var in struct {
		Members []string `json:"members"`
	}
	if e := a.decode(&in); e != nil {
		return e
	}
	return a.changeGroup(id, a.editable, func(e *store.Env, g *store.Group) *apiError {
		users := make([]*store.User, 0, len(in.Members))
		for _, uid := range in.Members {
			u := e.Users[uid]
			if u == nil || !u.Active {
				return errorf(http.StatusBadRequest, "%q is not an active user of this organization", uid)
			}
			users = append(users, u)
		}
		e.SetMembers(g, users) // bumps g only when the membership changes
		a.reply(http.StatusOK, toConsole(g))
		return nil
	})
}

func (a *call) deleteGroup(id string) *apiError {
	return a.changeGroup(id, a.editable, func(e *store.Env, g *store.Group) *apiError {
		e.DeleteGroup(g)
		a.reply(http.StatusNoContent, nil)
		return nil
	})
}

// unlink detaches a synced group from the directory (ZN-22): it keeps its
// members, becomes editable, and SCIM no longer sees it; there is no re-link
// (ZN-23): a later push creates a new group.
func (a *call) unlink(id string) *apiError {
	synced := func(g *store.Group) *apiError {
		if !g.Synced {
			return errorf(http.StatusConflict, "the group %q is not synced with a directory, so there is nothing to unlink", g.DisplayName)
		}
		return nil
	}
	return a.changeGroup(id, synced, func(e *store.Env, g *store.Group) *apiError {
		g.Synced = false
		if a.api.cfg.Rules.UnlinkHides {
			e.HideGroup(g)
		}
		e.TouchGroup(g)
		a.reply(http.StatusOK, toConsole(g))
		return nil
	})
}

type settingsJSON struct {
	RetainDeletedGroups *bool   `json:"retainDeletedGroups"`
	DestinationFolder   *string `json:"destinationFolder"`
}

func (a *call) settingsReply(s store.Settings) {
	a.reply(http.StatusOK, settingsJSON{RetainDeletedGroups: &s.RetainDeletedGroups, DestinationFolder: &s.DestinationFolder})
}

func (a *call) getSettings() *apiError {
	a.env.RLock()
	s := a.env.Settings
	a.env.RUnlock()
	a.settingsReply(s)
	return nil
}

func (a *call) putSettings() *apiError {
	var in settingsJSON
	if e := a.decode(&in); e != nil {
		return e
	}
	e := a.env
	e.Lock()
	defer e.Unlock()
	if in.DestinationFolder != nil && !e.FolderExists(*in.DestinationFolder) {
		return errorf(http.StatusBadRequest, "destinationFolder %q names no existing folder: create it first, or use %q", *in.DestinationFolder, store.RootFolder)
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

func (a *call) listFolders() *apiError {
	a.env.RLock()
	out := slices.Clone(a.env.Folders)
	a.env.RUnlock()
	a.reply(http.StatusOK, map[string]any{"folders": out})
	return nil
}

func (a *call) createFolder() *apiError {
	var in struct {
		Name string `json:"name"`
	}
	if e := a.decode(&in); e != nil {
		return e
	}
	if strings.TrimSpace(in.Name) == "" {
		return errorf(http.StatusBadRequest, "name is required")
	}
	e := a.env
	e.Lock()
	defer e.Unlock()
	if e.FolderExists(in.Name) {
		return errorf(http.StatusConflict, "the folder %q exists already", in.Name)
	}
	e.Folders = append(e.Folders, in.Name)
	a.reply(http.StatusCreated, map[string]string{"name": in.Name})
	return nil
}
