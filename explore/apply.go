package explore

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/scimharness/scimharness/mockokta"
)

// outcome is what applying one action did.
type outcome struct {
	// mustTask: the pack expects Okta to fail (Zinc refuses it); mayTask:
	// Okta may fail, for a reason the model does not follow further.
	mustTask, mayTask bool
	// v is a violation the action's own answer shows (a probe's).
	v *Violation
}

// apply runs one action. errSkip means it does not apply in this state;
// another error is the target failing to answer at all.
func (e *episode) apply(a Action) (outcome, error) {
	var out outcome
	o := e.org
	ctx := e.ctx
	p := &e.people[a.User]
	g := &e.groups[a.Group]
	okta := func(fn func() error) error {
		err := fn()
		var te *mockokta.TaskError
		if err == nil || errors.As(err, &te) {
			return nil
		}
		if e.ctx.Err() != nil {
			return e.ctx.Err()
		}
		return errSkip // a usage error: the action does not apply
	}
	app, _ := o.AppUser(p.login)
	og, _ := o.Group(e.currentName(g))
	switch a.Kind {
	case Assign:
		if app.Assigned {
			return out, errSkip
		}
		out.mustTask = p.nonEmail && e.pack == PackZinc
		out.mayTask = p.renamed
		return out, okta(func() error { return o.Assign(ctx, p.login) })
	case Unassign:
		if !app.Assigned {
			return out, errSkip
		}
		out.mayTask = p.renamed
		return out, okta(func() error { return o.Unassign(ctx, p.login) })
	case ChangeFirstName, ChangeLastName:
		u, _ := o.User(p.login)
		v := firstNames[a.Value%len(firstNames)]
		if a.Kind == ChangeLastName {
			v = lastNames[a.Value%len(lastNames)]
		}
		if (a.Kind == ChangeFirstName && u.FirstName == v) || (a.Kind == ChangeLastName && u.LastName == v) {
			return out, errSkip
		}
		out.mayTask = p.renamed
		// Okta pushes a profile only to an app user active in the app; one
		// changed meanwhile stays stale there until the next profile push.
		p.stale = app.SCIMID != "" && !app.Active || (p.stale && !app.Active)
		return out, okta(func() error {
			return o.UpdateUser(ctx, p.login, func(u *mockokta.User) {
				if a.Kind == ChangeFirstName {
					u.FirstName = v
				} else {
					u.LastName = v
				}
			})
		})
	case ChangeUsername:
		if p.renamed || app.SCIMID == "" || !app.Active || p.lost {
			return out, errSkip
		}
		newLogin := "renamed." + p.login
		out.mustTask = true
		err := okta(func() error {
			return o.UpdateUser(ctx, p.login, func(u *mockokta.User) { u.Login = newLogin })
		})
		if _, ok := o.User(newLogin); ok {
			p.login = newLogin
		}
		p.renamed = true
		return out, err
	case Deactivate:
		if u, _ := o.User(p.login); u.Status != mockokta.StatusActive {
			return out, errSkip
		}
		out.mayTask = p.renamed
		return out, okta(func() error { return o.DeactivateUser(ctx, p.login) })
	case Reactivate:
		if u, _ := o.User(p.login); u.Status == mockokta.StatusActive {
			return out, errSkip
		}
		out.mayTask = p.renamed
		err := okta(func() error { return o.ReactivateUser(ctx, p.login) })
		if err == nil {
			p.reactivated = true
			e.mu.Lock()
			delete(e.repushed, app.SCIMID)
			e.mu.Unlock()
		}
		return out, err
	case PushGroup:
		if og.SCIMID != "" {
			return out, errSkip
		}
		err := okta(func() error { return o.PushGroup(ctx, og.Name) })
		e.notePush(g, og.Members, true)
		return out, err
	case LinkExisting:
		if og.SCIMID != "" || g.linked != "" || len(g.pastIDs) > 0 {
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
		g.nameStale = !o.Settings().PushMembershipsImmediately || !o.Settings().RenameGroups
		err = okta(func() error { return o.LinkGroup(ctx, og.Name, ans.json().Get("id").String()) })
		e.notePush(g, og.Members, false)
		return out, err
	case AddMember, RemoveMember:
		member := containsFold(og.Members, p.login)
		if member == (a.Kind == AddMember) {
			return out, errSkip
		}
		out.mayTask = g.consoleU
		err := okta(func() error {
			if a.Kind == AddMember {
				return o.AddMembers(ctx, og.Name, p.login)
			}
			return o.RemoveMembers(ctx, og.Name, p.login)
		})
		if a.Kind == AddMember && og.SCIMID != "" {
			p.reactivated = false
		}
		return out, err
	case RenameGroup:
		to := e.groupName(g.label + " " + renames[a.Value%len(renames)])
		if og.Name == to {
			return out, errSkip
		}
		out.mayTask = g.consoleU
		m, _ := o.PushMapping(og.Name)
		err := okta(func() error { return o.RenameGroup(ctx, og.Name, to) })
		if _, ok := o.Group(to); ok {
			g.renamed = true
			// With "Rename app groups" off, or the push paused or in
			// error, the app keeps the old name.
			live := m.Status == mockokta.PushActive
			g.nameStale = og.SCIMID != "" && (g.nameStale || !o.Settings().RenameGroups || !live)
			if o.Settings().RenameGroups && live {
				g.nameStale = false
			}
		}
		return out, err
	case PushNow:
		if og.SCIMID == "" {
			return out, errSkip
		}
		out.mayTask = g.consoleU
		err := okta(func() error { return o.PushNow(ctx, og.Name) })
		e.notePush(g, og.Members, false)
		return out, err
	case UnlinkDelete, UnlinkLeave:
		if og.SCIMID == "" {
			return out, errSkip
		}
		out.mayTask = g.consoleU
		mode := mockokta.LeaveInApp
		if a.Kind == UnlinkDelete {
			mode = mockokta.DeleteInApp
		}
		err := okta(func() error { return o.UnlinkGroup(ctx, og.Name, mode) })
		if now, _ := o.Group(og.Name); err == nil && now.SCIMID == "" {
			g.pastIDs = append(g.pastIDs, og.SCIMID)
			if a.Kind == UnlinkDelete && !g.consoleU {
				g.deleted = og.SCIMID
			}
			g.consoleU, g.tainted, g.root = false, false, false
		}
		return out, err
	case ImportUsers, ImportGroups:
		return out, nil // run by the import invariants, which read the result
	case ProbeNoToken, ProbeSandboxToken:
		return e.probeToken(a.Kind)
	case ProbeDiscoveryPost:
		ans, err := e.scim(http.MethodPost, "/ServiceProviderConfig", []byte(`{}`))
		if err != nil {
			return out, err
		}
		if ans.status != http.StatusMethodNotAllowed {
			out.v = &Violation{Invariant: "discovery endpoints are read-only", Pack: PackCore,
				Message: fmt.Sprintf("POST /ServiceProviderConfig: expected 405, got %d", ans.status), Evidence: ans.String(),
				Then: []string{step(stepResponseStatus, 405)}}
		}
		return out, nil
	case ProbeDuplicateCreate:
		if app.SCIMID == "" || p.renamed || p.lost {
			return out, errSkip
		}
		ans, err := e.scim(http.MethodPost, "/Users", duplicateBody(p.userName, People[a.User]))
		if err != nil {
			return out, err
		}
		if ans.status != http.StatusConflict || !isSCIMError(ans, http.StatusConflict, "uniqueness") {
			out.v = &Violation{Invariant: "a second create of a userName is refused", Pack: PackCore,
				Message: fmt.Sprintf("POST /Users with %s's userName again: expected 409 uniqueness, got %d", People[a.User].First, ans.status), Evidence: ans.String(),
				Then: []string{step(stepResponseError, "409", "uniqueness")}}
		}
		return out, nil
	case ProbeForeignCreate:
		if e.foreign {
			return out, errSkip
		}
		e.foreign = true
		return e.probeForeign()
	case ProbeRemoveActive:
		if e.foreignID == "" || e.removedActive {
			return out, errSkip
		}
		e.removedActive = true
		return e.probeRemoveActive()
	case ProbeGroupWithMembers:
		if app.SCIMID == "" || !app.Active || e.probeGroup || p.lost {
			return out, errSkip
		}
		e.probeGroup = true
		return e.probeGroupWithMembers(a.User, app.SCIMID)
	case ProbeApplicationJSON:
		if e.probeJSON {
			return out, errSkip
		}
		e.probeJSON = true
		return e.probeApplicationJSON()
	case ChangeEnterprise, ChangeCustom:
		key := enterpriseAttr
		if a.Kind == ChangeCustom {
			key = customAttr
		}
		v := extValues[a.Value%len(extValues)]
		u, _ := o.User(p.login)
		if cur, _ := u.Attributes[key].(string); cur == v || !app.Active || app.SCIMID == "" || p.renamed {
			return out, errSkip // only what Okta pushes is checked
		}
		err := okta(func() error {
			return o.UpdateUser(ctx, p.login, func(u *mockokta.User) {
				if u.Attributes == nil {
					u.Attributes = map[string]any{}
				}
				u.Attributes[key] = v
			})
		})
		if p.ext == nil {
			p.ext = map[string]bool{}
		}
		p.ext[key] = true
		return out, err
	case GrantEntitlement:
		if !app.Active || app.SCIMID == "" || p.granted != "" || p.renamed {
			return out, errSkip
		}
		return e.grant(p)
	case ProbeUserSchema:
		return e.probeUserSchema()
	case ProbeBulkUsers:
		if e.bulk > 0 {
			return out, errSkip
		}
		return out, e.makeBulk()
	case ToggleSetting:
		s, on := o.Settings(), a.Group == 1
		p := &s.PushMembershipsImmediately
		if a.Value%2 == 1 {
			p = &s.RenameGroups
		}
		if *p == on {
			return out, errSkip
		}
		*p = on
		o.SetSettings(s)
		return out, nil
	case ConsoleCreateGroup, ConsoleRenameSynced, ConsoleUnlink, ConsoleDropDeleted, ConsoleRootFolder:
		if (a.Kind == ConsoleRenameSynced || a.Kind == ConsoleUnlink) && e.isLost(og.SCIMID) {
			return out, errSkip // the app lost the group: it is no longer synced
		}
		return e.applyConsole(a, g, og.SCIMID)
	case AppLosesUser, AppLosesGroup, PausePush, ActivatePush, RetryPush, Suspend, Unsuspend, AppDeactivates, PausedRemove:
		return e.applyMemory(a, p, g)
	}
	return out, fmt.Errorf("apply %s: unknown action", a.Kind)
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

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func duplicateBody(userName string, p Person) []byte {
	b, _ := json.Marshal(map[string]any{"schemas": []string{schemaUser}, "userName": userName,
		"name": map[string]string{"givenName": p.First, "familyName": p.Last}, "active": true})
	return b
}

func isSCIMError(a *answer, status int, scimType string) bool {
	doc := a.json()
	if a.status != status || !hasString(doc.Get("schemas").Array(), schemaError) || doc.Get("status").String() != fmt.Sprint(status) {
		return false
	}
	return scimType == "" || doc.Get("scimType").String() == scimType
}
