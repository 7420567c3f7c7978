package steps

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// Okta's memory of the app (docs/okta-protocol.md §12, docs/okta-memory.md):
// the app-side events that make the app and Okta disagree, Okta's push
// mappings, rules, suspension and sourcing, and what Okta then remembers.

// appLosesUser is "the app loses Alice": the app no longer has the user Okta
// links, as after a restore from a backup made before she was created. The
// harness plays it with a DELETE of the user over the app's own SCIM API (a
// request Okta never sends, §5.6), so it runs against any target.
func (st *scenario) appLosesUser(ctx context.Context, who string) error {
	return st.appDeletes(ctx, "Users", who, st.userID)
}

// appLosesGroup is `the app loses the group "Engineering"`, played as
// appLosesUser is, with DELETE /Groups/{id}.
func (st *scenario) appLosesGroup(ctx context.Context, label string) error {
	return st.appDeletes(ctx, "Groups", label, st.groupID)
}

func (st *scenario) appDeletes(ctx context.Context, resource, label string, idOf func(string) (string, error)) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	id, err := idOf(label)
	if err != nil {
		return err
	}
	u, err := st.scimURL("/" + resource + "/" + id)
	if err != nil {
		return err
	}
	x := st.send(ctx, "scim", http.MethodDelete, u, nil, st.rawHeader(false))
	if x.status < 200 || x.status > 299 {
		return st.failOn(x, "the app could not be made to lose %s: DELETE %s: expected 2xx, got %d", label, u, x.status)
	}
	return nil
}

// appDeactivatesItself is "the app deactivates Alice itself": the user is
// deactivated in the app, not by Okta (an app admin, or the app's own
// rule). The harness plays it with a PATCH of active over the app's SCIM
// API.
func (st *scenario) appDeactivatesItself(ctx context.Context, who string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	id, err := st.userID(who)
	if err != nil {
		return err
	}
	u, err := st.scimURL("/Users/" + id)
	if err != nil {
		return err
	}
	body := []byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}`)
	x := st.send(ctx, "scim", http.MethodPatch, u, body, st.rawHeader(true))
	if x.status != http.StatusOK && x.status != http.StatusNoContent {
		return st.failOn(x, "the app could not be made to deactivate %s: PATCH %s: expected 200 or 204, got %d", who, u, x.status)
	}
	return nil
}

// oktaPushState is `Okta deactivates the push of the group "Engineering"`
// (C9319), or activates it (C9320), or retries it (Retry All Groups).
func (st *scenario) oktaPushState(ctx context.Context, verb, label string) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		switch verb {
		case "deactivates":
			return o.DeactivatePush(g.oktaName)
		case "activates":
			return o.ActivatePush(ctx, g.oktaName)
		default:
			return o.RetryPush(ctx, g.oktaName)
		}
	})
}

// oktaPushRule is `Okta pushes the groups whose names start with "Eng" by
// the rule "Engineering teams"` (C9323). The prefix is the scenario's
// group label, run prefix and all.
func (st *scenario) oktaPushRule(ctx context.Context, prefix, rule string) error {
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		return o.CreatePushRule(ctx, rule, st.displayNameFor(prefix))
	})
}

// oktaDeletesRule is `Okta deletes the push rule "Engineering teams" and
// deletes its groups in the app` (C9325), or leaves them (C9326).
func (st *scenario) oktaDeletesRule(ctx context.Context, rule, mode string) error {
	m := mockokta.LeaveInApp
	if mode == "deletes" {
		m = mockokta.DeleteInApp
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.DeletePushRule(ctx, rule, m) })
}

// oktaDeactivatesRule is `Okta deactivates the push rule "Engineering
// teams"` (C9324): no later group is pushed by it; the groups it pushed
// stay pushed. Nothing is sent.
func (st *scenario) oktaDeactivatesRule(ctx context.Context, rule string) error {
	return st.act(ctx, func(_ context.Context, o *mockokta.Org) error { return o.DeactivatePushRule(rule) })
}

// oktaSuspends is "Okta suspends Alice" (C9295), or unsuspends her (C9300).
func (st *scenario) oktaSuspends(ctx context.Context, verb, who string) error {
	logins, err := st.oktaLogins(who)
	if err != nil {
		return err
	}
	return st.act(ctx, func(_ context.Context, o *mockokta.Org) error {
		if verb == "suspends" {
			return o.SuspendUser(logins[0])
		}
		return o.UnsuspendUser(logins[0])
	})
}

// pushStateIs is `Okta's push of the group "Engineering" is in ERROR,
// saying "Not Found"`: the Group Push mapping as the Push Groups tab shows
// it.
func (st *scenario) pushStateIs(label, state, saying string) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	want := map[string]mockokta.PushStatus{"active": mockokta.PushActive, "inactive": mockokta.PushInactive, "in ERROR": mockokta.PushError}[state]
	var m mockokta.PushMapping
	ok := false
	if st.okta != nil {
		m, ok = st.okta.PushMapping(g.oktaName)
	}
	switch {
	case !ok:
		return st.failure(st.blockExchanges(), "expected Okta's push of %q to be %s, but the group is not on the Push Groups tab", label, state)
	case m.Status != want:
		msg := ""
		if m.Error != "" {
			msg = ": " + m.Error
		}
		return st.failure(st.blockExchanges(), "expected Okta's push of %q to be %s, got %s%s", label, want, m.Status, msg)
	case saying != "" && !strings.Contains(m.Error, st.expandOr(saying)):
		return st.failure(st.blockExchanges(), "expected Okta's push of %q to say %q, got %q", label, st.expandOr(saying), m.Error)
	}
	return nil
}

// expandOr expands placeholders, leaving s as it is when one is unknown.
func (st *scenario) expandOr(s string) string {
	if e, err := st.expand(s, false); err == nil {
		return e
	}
	return s
}

// oktaLinkIs is "Okta holds no link for Alice" or "Okta links Alice to her
// app user": Okta's link, compared with the user the app finds by userName.
func (st *scenario) oktaLinkIs(ctx context.Context, verb, who string) error {
	logins, err := st.oktaLogins(who)
	if err != nil {
		return err
	}
	var au mockokta.AppUser
	if st.okta != nil {
		au, _ = st.okta.AppUser(logins[0])
	}
	if verb == "holds no link for" {
		if au.SCIMID != "" {
			return st.failure(st.blockExchanges(), "expected Okta to hold no link for %s, but it links %s", who, au.SCIMID)
		}
		return nil
	}
	x, found, err := st.lookupUser(ctx, who)
	if err != nil {
		return err
	}
	if len(found) != 1 {
		return st.failOn(x, "expected the app to have one user %s for Okta to link, found %d", st.person(who).userName, len(found))
	}
	if id := found[0].Get("id").String(); au.SCIMID != id {
		return st.failOn(x, "expected Okta to link %s to the app user %s, got the link %q", who, id, au.SCIMID)
	}
	return nil
}

// oktaUserStatusIs is "Alice is deactivated in Okta" (or active, or
// suspended): the Okta user's status.
func (st *scenario) oktaUserStatusIs(who, state string) error {
	logins, err := st.oktaLogins(who)
	if err != nil {
		return err
	}
	want := map[string]mockokta.UserStatus{"active": mockokta.StatusActive, "deactivated": mockokta.StatusDeprovisioned, "suspended": mockokta.StatusSuspended}[state]
	var u mockokta.User
	if st.okta != nil {
		u, _ = st.okta.User(logins[0])
	}
	if u.Status != want {
		return st.failure(st.blockExchanges(), "expected %s to be %s in Okta (%s), got %s", who, state, want, u.Status)
	}
	return nil
}

// importRemoved is "Okta's user import reports 1 user removed": the app
// users Okta links that the import did not find (C9304's "users removed").
// A user of the scenario's that a page shift hid from the import counts as
// removed too (importAgainWhile), so a count above n is looked at again; a
// count below it is the app's.
func (st *scenario) importRemoved(ctx context.Context, n int) error {
	return st.importAgainWhile(ctx, func() error { return st.importRemovedOnce(n) }, func() bool { return st.userImport.Removed > n })
}

func (st *scenario) importRemovedOnce(n int) error {
	if st.userImport == nil {
		return st.noImport("users", st.userImportErr)
	}
	if st.userImport.Removed != n {
		return st.failure(st.blockExchanges(), "expected Okta's user import to report %d users removed, got %d", n, st.userImport.Removed)
	}
	return nil
}

// importDeactivated is "Okta's user import deactivated Alice in Okta"
// (profile sourcing, C9361). An import that saw the user and did not
// deactivate her is the app's answer, and an app that leaves inactive users
// out of GET /Users leaves her out every time; one that did not see her at
// all may have met a page shift (importAgainWhile).
func (st *scenario) importDeactivated(ctx context.Context, who string) error {
	return st.importAgainWhile(ctx, func() error { return st.importDeactivatedOnce(who) }, func() bool { return !st.importSaw(who) })
}

// importSaw reports whether the last user import listed the person.
func (st *scenario) importSaw(who string) bool {
	name := st.person(who).userName
	for _, r := range st.userImport.Resources {
		if strings.EqualFold(r.Name, name) {
			return true
		}
	}
	return false
}

// importDeactivatedOnce checks the last user import's deactivations.
func (st *scenario) importDeactivatedOnce(who string) error {
	if st.userImport == nil {
		return st.noImport("users", st.userImportErr)
	}
	logins, err := st.oktaLogins(who)
	if err != nil {
		return err
	}
	for _, l := range st.userImport.Deactivated {
		if strings.EqualFold(l, logins[0]) {
			return nil
		}
	}
	return st.failure(st.blockExchanges(), "expected Okta's user import to deactivate %s in Okta, the app being the source; it deactivated %v (an app that leaves inactive users out of GET /Users keeps them active in Okta)", who, st.userImport.Deactivated)
}

// assignmentShows is `Okta's assignment of Alice shows the error "Error
// while creating user"`: the error the Assignments tab shows for the user.
func (st *scenario) assignmentShows(who, text string) error {
	logins, err := st.oktaLogins(who)
	if err != nil {
		return err
	}
	var au mockokta.AppUser
	if st.okta != nil {
		au, _ = st.okta.AppUser(logins[0])
	}
	want := st.expandOr(text)
	if !strings.Contains(au.Error, want) {
		return st.failure(st.blockExchanges(), "expected Okta's assignment of %s to show the error %q, got %q", who, want, au.Error)
	}
	return nil
}

// appSwapsIDs is "the app restores a backup in which Alice and Bob have
// each other's ids": a restore from a backup whose ids were issued in
// another order, so that the id Okta links to Alice names Bob in the app.
// SCIM cannot express it: the harness asks the Admin Console API
// (docs/design.md, "App events"), so the step needs one.
func (st *scenario) appSwapsIDs(ctx context.Context, a, b string) error {
	const what = "Restoring a backup with other ids"
	if err := st.needAdmin(what); err != nil {
		return err
	}
	var ids []string
	for _, who := range []string{a, b} {
		id, err := st.userID(who)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	x, err := st.admin(ctx, http.MethodPost, "/users/swap-ids", map[string][]string{"ids": ids})
	if err != nil {
		return err
	}
	if x.status != http.StatusOK {
		return st.failOn(x, "%s: POST …/users/swap-ids: expected 200, got %s", what, statusText(x))
	}
	return nil
}

// appGivesNewID is "the app gives Alice a new id": the app moves the user
// Okta links to a new id, and the old one names nobody. Played through the
// Admin Console API, as appSwapsIDs is.
func (st *scenario) appGivesNewID(ctx context.Context, who string) error {
	const what = "Giving a user a new id"
	if err := st.needAdmin(what); err != nil {
		return err
	}
	id, err := st.userID(who)
	if err != nil {
		return err
	}
	x, err := st.admin(ctx, http.MethodPost, "/users/"+url.PathEscape(id)+"/new-id", nil)
	if err != nil {
		return err
	}
	if x.status != http.StatusOK {
		return st.failOn(x, "%s: POST …/users/%s/new-id: expected 200, got %s", what, id, statusText(x))
	}
	if got := gjson.GetBytes(x.respBody, "user.id").String(); got == "" || got == id {
		return st.failOn(x, "%s: POST …/users/%s/new-id: expected the user with a new id, got %q", what, id, got)
	}
	return nil
}
