package explore

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/mockokta"
)

// Okta's memory (docs/okta-memory.md): the app loses a user or a group Okta
// links, and Okta, which still holds the old id, must learn it from the
// app's answer. The invariant: Okta's memory and the app agree, or Okta
// shows the admin a task (or a Group Push mapping in ERROR) saying they do
// not. The app-side loss is played with a DELETE over the app's own SCIM
// API, so it runs against any target.

const memoryInvariant = "Okta's memory and the app agree, or Okta shows a task"

// memoryKinds are the actions of Okta's memory: the app loses what Okta
// links or deactivates a user itself; Okta pauses, activates and retries a
// push, suspends and unsuspends.
var memoryKinds = []kindInfo{
	{kind: AppLosesUser, name: "app-loses-user", pack: PackCore, weight: 1, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			if a.app.SCIMID == "" || a.p.lost || a.p.renamed || e.isSwapped(a.app.SCIMID) {
				return outcome{}, errSkip
			}
			if err := e.lose("/Users/", a.app.SCIMID); err != nil {
				return outcome{}, err
			}
			a.p.lost, a.p.tainted = true, true
			return outcome{}, nil
		},
		steps: func(a Action) []string { return []string{step(stepLoses, a.who())} }},

	{kind: AppLosesGroup, name: "app-loses-group", pack: PackCore, weight: 1, group: true,
		apply: func(e *episode, a act) (outcome, error) {
			if a.og.SCIMID == "" || e.isLost(a.og.SCIMID) || a.g.consoleU {
				return outcome{}, errSkip
			}
			return outcome{}, e.lose("/Groups/", a.og.SCIMID)
		},
		steps: func(a Action) []string { return []string{step(stepLosesGroup, a.group())} }},

	{kind: PausePush, name: "pause-push", pack: PackCore, weight: 1, group: true,
		apply: func(e *episode, a act) (outcome, error) {
			if m, mapped := e.org.PushMapping(a.og.Name); !mapped || m.Status != mockokta.PushActive {
				return outcome{}, errSkip
			}
			return outcome{}, e.okta(e.org.DeactivatePush(a.og.Name))
		},
		steps: func(a Action) []string { return []string{step(stepPushState, "deactivates", a.group())} }},

	{kind: ActivatePush, name: "activate-push", pack: PackCore, weight: 1, group: true, groupTask: true,
		apply: resumePush,
		steps: func(a Action) []string { return []string{step(stepPushState, "activates", a.group())} }},

	{kind: RetryPush, name: "retry-push", pack: PackCore, weight: 1, group: true, groupTask: true,
		apply: resumePush,
		steps: func(a Action) []string { return []string{step(stepPushState, "retries", a.group())} }},

	{kind: Suspend, name: "suspend", pack: PackCore, weight: 1, user: true,
		apply: suspend,
		steps: func(a Action) []string { return []string{step(stepSuspend, "suspends", a.who())} }},

	{kind: Unsuspend, name: "unsuspend", pack: PackCore, weight: 1, user: true,
		apply: suspend,
		steps: func(a Action) []string { return []string{step(stepSuspend, "unsuspends", a.who())} }},

	// AppDeactivates: the app deactivates the user itself, with the app as
	// profile source: Okta's next import must see it and deactivate the
	// Okta user (C9359, C9361).
	{kind: AppDeactivates, name: "app-deactivates-user", pack: PackCore, weight: 1, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			o, p, app := e.org, a.p, a.app
			if app.SCIMID == "" || !app.Active || p.lost || p.renamed || p.tainted {
				return out, errSkip
			}
			s := o.Settings()
			s.ProfileSourcing = true
			o.SetSettings(s)
			body := []byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}`)
			ans, err := e.scim(http.MethodPatch, "/Users/"+url.PathEscape(app.SCIMID), body)
			if err != nil {
				return out, err
			}
			if ans.status != http.StatusOK && ans.status != http.StatusNoContent {
				return out, errSkip // the target cannot be made to deactivate it
			}
			imp, err := o.ImportUsers(e.ctx)
			if err != nil {
				if e.ctx.Err() != nil {
					return out, e.ctx.Err()
				}
				return out, nil // a failed import is a task: afterAction reports it
			}
			if !containsFold(imp.Deactivated, p.login) {
				out.v = &Violation{Invariant: memoryInvariant, Pack: PackCore,
					Message: fmt.Sprintf("the app deactivated %s itself; Okta's profile-sourcing import (it read %d users) did not see the user inactive, so %s stays active in Okta", e.name(a.User), len(imp.Resources), e.name(a.User)),
					Then:    []string{step(stepImportDeactivated, e.name(a.User))}}
			}
			return out, nil
		},
		steps: func(a Action) []string {
			return []string{step(stepSetting, "Allow the app to source Okta users", "on"), step(stepDeactivatesItself, a.who()), step(stepImport, "users")}
		}},

	// PausedRemove is C9319 and C9320 in one: the push is paused, a member
	// leaves in Okta (nothing is sent), and the activation pushes the
	// whole membership at once.
	{kind: PausedRemove, name: "paused-remove", pack: PackCore, weight: 3, user: true, group: true, groupTask: true,
		apply: func(e *episode, a act) (outcome, error) {
			o, og := e.org, a.og
			if m, mapped := o.PushMapping(og.Name); !mapped || m.Status != mockokta.PushActive || !containsFold(og.Members, a.p.login) || a.g.consoleU {
				return outcome{}, errSkip
			}
			if err := o.DeactivatePush(og.Name); err != nil {
				return outcome{}, errSkip
			}
			if err := e.okta(o.RemoveMembers(e.ctx, og.Name, a.p.login)); err != nil {
				return outcome{}, err
			}
			err := o.ActivatePush(e.ctx, og.Name)
			e.notePush(a.g, nil, false)
			return outcome{}, e.okta(err)
		},
		steps: func(a Action) []string {
			g := a.group()
			return []string{step(stepPushState, "deactivates", g), step(stepRemoveMember, a.who(), g), step(stepPushState, "activates", g)}
		}},
}

// appEventKinds are the app's changes of ids that SCIM cannot express,
// played through the Admin Console API (docs/design.md, "App events").
var appEventKinds = []kindInfo{
	// AppSwapsIDs: a restore from a backup whose ids were issued in another
	// order gives the person's id to another (OK-47): Okta's writes for
	// either then go to the other's record, and a PUT carrying the other's
	// userName must be refused.
	{kind: AppSwapsIDs, name: "app-swaps-ids", pack: PackCore, admin: true, weight: 1, user: true,
		more: func(a Action) []int { return []int{swapPartner(a)} },
		apply: func(e *episode, a act) (outcome, error) {
			q := &e.people[swapPartner(a.Action)]
			qa, _ := e.org.AppUser(q.login)
			for _, x := range []struct {
				p   *personState
				app mockokta.AppUser
			}{{a.p, a.app}, {q, qa}} {
				if x.app.SCIMID == "" || x.p.lost || x.p.renamed || e.isSwapped(x.app.SCIMID) {
					return outcome{}, errSkip
				}
			}
			body, _ := json.Marshal(map[string][]string{"ids": {a.app.SCIMID, qa.SCIMID}})
			ans, err := e.admin(http.MethodPost, "/users/swap-ids", body)
			if err != nil {
				return outcome{}, err
			}
			if ans.status != http.StatusOK {
				return outcome{}, errSkip // the console cannot play it
			}
			x, y := a.app.SCIMID, qa.SCIMID
			e.mu.Lock()
			e.swapped[x], e.swapped[y] = a.p.userName, q.userName
			e.renameMember(map[string]string{x: y, y: x})
			e.mu.Unlock()
			a.p.lost, a.p.tainted, q.lost, q.tainted = true, true, true, true
			// Okta's memberships name each by the other's id from now on,
			// and Okta's deactivation of one deactivates the other in the
			// app: the model no longer follows the groups' members.
			for i := range e.groups {
				e.groups[i].tainted = true
			}
			return outcome{}, nil
		},
		steps: func(a Action) []string {
			return []string{step(stepSwapsIDs, a.who(), People[swapPartner(a)].First)}
		}},

	// AppMovesUser: the app moves the person to a new id (OK-48): the id
	// Okta links names nobody, as for a lost user.
	{kind: AppMovesUser, name: "app-moves-user", pack: PackCore, admin: true, weight: 1, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			old := a.app.SCIMID
			if old == "" || a.p.lost || a.p.renamed || e.isSwapped(old) {
				return outcome{}, errSkip
			}
			ans, err := e.admin(http.MethodPost, "/users/"+url.PathEscape(old)+"/new-id", nil)
			if err != nil {
				return outcome{}, err
			}
			moved := ans.json().Get("user.id").String()
			if ans.status != http.StatusOK || moved == "" || moved == old {
				return outcome{}, errSkip // the console cannot play it
			}
			e.mu.Lock()
			e.lost[old] = true
			e.renameMember(map[string]string{old: moved})
			e.mu.Unlock()
			a.p.lost, a.p.tainted = true, true
			return outcome{}, nil
		},
		steps: func(a Action) []string { return []string{step(stepNewID, a.who())} }},
}

// swapPartner is the person whose id AppSwapsIDs swaps with the action's.
func swapPartner(a Action) int { return (a.User + 1 + a.Value%2) % len(People) }

func (e *episode) isSwapped(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.swapped[id]
	return ok
}

// renameMember follows the app's new ids in explore's model of the
// memberships: the app's groups show a member under its new id. e.mu is
// held.
func (e *episode) renameMember(to map[string]string) {
	for _, m := range []map[string]bool{e.repushed, e.dropped} {
		renameKeys(m, to)
	}
	for _, set := range e.expected {
		renameKeys(set, to)
	}
}

func renameKeys(m map[string]bool, to map[string]string) {
	moved := map[string]bool{}
	for from, id := range to {
		if m[from] {
			moved[id] = true
			delete(m, from)
		}
	}
	for id := range moved {
		m[id] = true
	}
}

// resumePush is Okta activating a paused push, or retrying one in ERROR.
func resumePush(e *episode, a act) (outcome, error) {
	var out outcome
	o, og, g := e.org, a.og, a.g
	m, mapped := o.PushMapping(og.Name)
	want := mockokta.PushInactive
	if a.Kind == RetryPush {
		want = mockokta.PushError
	}
	if !mapped || m.Status != want {
		return out, errSkip
	}
	out.mayTask = g.consoleU // a group unlinked in the console is gone from SCIM
	var err error
	if a.Kind == RetryPush {
		err = o.RetryPush(e.ctx, og.Name)
	} else {
		err = o.ActivatePush(e.ctx, og.Name)
	}
	e.notePush(g, og.Members, m.SCIMID == "")
	if now, _ := o.PushMapping(og.Name); err == nil && now.Status == mockokta.PushActive &&
		(o.Settings().RenameGroups || e.sc.Setup.Profile == mockokta.AIW) {
		g.nameStale = false // the whole push carries Okta's name
	}
	return out, e.okta(err)
}

// suspend is Okta suspending or unsuspending a user: Okta sends nothing.
func suspend(e *episode, a act) (outcome, error) {
	u, _ := e.org.User(a.p.login)
	from := mockokta.StatusActive
	if a.Kind == Unsuspend {
		from = mockokta.StatusSuspended
	}
	if u.Status != from {
		return outcome{}, errSkip
	}
	if a.Kind == Suspend {
		return outcome{}, e.okta(e.org.SuspendUser(a.p.login))
	}
	return outcome{}, e.okta(e.org.UnsuspendUser(a.p.login))
}

// lose deletes a user or group over SCIM, as the app losing it would leave
// it; a target that cannot delete it skips the action.
func (e *episode) lose(prefix, id string) error {
	ans, err := e.scim(http.MethodDelete, prefix+url.PathEscape(id), nil)
	if err != nil {
		return err
	}
	if ans.status < 200 || ans.status > 299 {
		return errSkip
	}
	e.mu.Lock()
	e.lost[id] = true
	e.mu.Unlock()
	return nil
}

func (e *episode) isLost(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.lost[id]
}

// silentLoss is the violation of a 2xx answer to Okta's request for a user
// or group the app lost: Okta then believes a write that did nothing, and
// shows nobody. A push naming a member the app lost may succeed without it
// (docs/okta-protocol.md §7.8): the membership invariant checks the rest.
// e.mu is held.
func (e *episode) silentLoss(x *mockokta.Exchange) *Violation {
	id := lastSegment(x.URL)
	evidence := fmt.Sprintf("%s %s -> %d %s", x.Method, x.URL, x.Status, truncate(string(redact.Passwords(x.ResponseBody)), 400))
	if want, ok := e.swapped[id]; ok && x.Kind == "put-user" && strings.EqualFold(gjson.GetBytes(x.RequestBody, "userName").String(), want) {
		return &Violation{Invariant: memoryInvariant, Pack: PackCore,
			Message:  fmt.Sprintf("Okta's put-user of %s carried the userName %s, which a restore gave to another user's id, and was answered %d: the app took a write meant for another user, and no task tells the admin", id, want, x.Status),
			Evidence: evidence, Then: []string{step(stepHasTask, "Error while")}}
	}
	if len(e.lost) == 0 || x.Kind == "delete-group" {
		return nil
	}
	switch x.Kind {
	case "get-user", "put-user", "patch-user":
		if e.lost[id] {
			return &Violation{Invariant: memoryInvariant, Pack: PackCore,
				Message:  fmt.Sprintf("Okta's %s of %s, a user the app lost, was answered %d: Okta believes it, and no task tells the admin the app no longer has the user", x.Kind, id, x.Status),
				Evidence: evidence, Then: []string{step(stepHasTask, "Not Found")}}
		}
	case "get-group", "put-group", "patch-group":
		label := e.groupLabel(x.Target)
		if e.lost[id] {
			return &Violation{Invariant: memoryInvariant, Pack: PackCore,
				Message:  fmt.Sprintf("Okta's %s of %s, a group the app lost, was answered %d: the Group Push mapping stays active and the members never arrive", x.Kind, id, x.Status),
				Evidence: evidence, Then: []string{step(stepPushIs, label, "in ERROR")}}
		}
	}
	return nil
}

// groupLabel is the cast's label of an Okta group name.
func (e *episode) groupLabel(name string) string {
	for _, g := range e.groups {
		if strings.HasPrefix(name, e.groupName(g.label)) {
			return g.label
		}
	}
	return name
}

// checkMemory reports the first silent loss Okta met.
func (e *episode) checkMemory(Action) (*Violation, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.silent, nil
}

// explainedByLoss reports whether a task is Okta showing the admin a loss:
// its request was for a user or group the app lost, or pushed a member it
// lost.
func (e *episode) explainedByLoss(t mockokta.Task) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.swapped[lastSegment(t.URL)]; ok {
		return true // Okta refused a write for a user whose id a restore gave away
	}
	if len(e.lost) == 0 {
		return false
	}
	if e.lost[lastSegment(t.URL)] {
		return true
	}
	tr := e.org.Transcript()
	for i := len(tr) - 1; i >= 0; i-- {
		x := tr[i]
		if x.Method != t.Method || x.URL != t.URL {
			continue
		}
		body := string(x.RequestBody)
		for id := range e.lost {
			if strings.Contains(body, `"`+id+`"`) {
				return true
			}
		}
		return false
	}
	return false
}
