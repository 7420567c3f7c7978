package admin

import (
	"net/http"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// The app's own changes to its users' ids, which Okta does not learn about
// (docs/okta-memory.md, docs/design.md "App events"): a restore from a
// backup whose ids were issued in another order, and an id changed inside
// the app. SCIM cannot express either.

func toConsoleUser(u *store.User) consoleUser {
	return consoleUser{ID: u.ID, UserName: u.UserName, DisplayName: u.DisplayName(), GivenName: u.Given, FamilyName: u.Family}
}

// newUserID is POST .../users/{id}/new-id: the user gets a new id, and the
// old one names nobody (404 over SCIM).
func (a *call) newUserID(id string) *apiError {
	now := a.now()
	e := a.env
	e.Lock()
	defer e.Unlock()
	u := e.Users[id]
	if u == nil {
		return errorf(http.StatusNotFound, "no user %q in this organization", id)
	}
	e.Begin(now)
	e.MoveUser(u, a.api.cfg.NewID())
	a.reply(http.StatusOK, map[string]any{"previousId": id, "user": toConsoleUser(u)})
	return nil
}

type swapRequest struct {
	IDs []string `json:"ids"`
}

// swapUserIDs is POST .../users/swap-ids {"ids":[a,b]}: the two users get
// each other's id, as after a restore from a backup whose ids were issued in
// another order.
func (a *call) swapUserIDs() *apiError {
	var in swapRequest
	if e := a.decode(&in); e != nil {
		return e
	}
	if len(in.IDs) != 2 || in.IDs[0] == in.IDs[1] {
		return errorf(http.StatusBadRequest, `send the ids of two different users: {"ids":["<id>","<id>"]}`)
	}
	now := a.now()
	e := a.env
	e.Lock()
	defer e.Unlock()
	var us [2]*store.User
	for i, id := range in.IDs {
		if us[i] = e.Users[id]; us[i] == nil {
			return errorf(http.StatusNotFound, "no user %q in this organization", id)
		}
	}
	e.Begin(now)
	e.SwapUserIDs(us[0], us[1])
	a.reply(http.StatusOK, map[string]any{"users": []consoleUser{toConsoleUser(us[0]), toConsoleUser(us[1])}})
	return nil
}
