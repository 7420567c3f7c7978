package mockokta

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
)

// UnlinkMode is what unlinking a pushed group does to the app group.
type UnlinkMode int

const (
	// LeaveInApp leaves the group in the app: nothing is sent.
	LeaveInApp UnlinkMode = iota
	// DeleteInApp deletes it: DELETE /Groups/{id}, answered 204.
	DeleteInApp
)

// AssignGroup assigns the app to the group's members (group-based
// assignment): every member not yet provisioned goes through Okta's
// assignment flow, as with Assign.
func (o *Org) AssignGroup(ctx context.Context, name string) error {
	const action = "assign-group"
	o.mu.Lock()
	g := o.groupByName(name)
	if g == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: group %q: not in the org", action, name)
	}
	g.assigns = true
	var run []string
	for uid := range g.members.all {
		u := o.users[uid]
		u.via[g.id] = true
		if u.assigned() && !u.active {
			run = append(run, uid)
		}
	}
	o.mu.Unlock()
	return forEach(run, func(uid string) error { return o.provision(ctx, action, uid) })
}

// UnassignGroup removes the group's assignment of the app: members left with
// no assignment are deactivated in the app, as with Unassign.
func (o *Org) UnassignGroup(ctx context.Context, name string) error {
	const action = "unassign-group"
	o.mu.Lock()
	g := o.groupByName(name)
	if g == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: group %q: not in the org", action, name)
	}
	g.assigns = false
	var run []string
	for uid := range g.members.all {
		u := o.users[uid]
		delete(u.via, g.id)
		if !u.assigned() && u.active {
			run = append(run, uid)
		}
	}
	o.mu.Unlock()
	return forEach(run, func(uid string) error { return o.deprovision(ctx, action, uid) })
}

// AddMembers adds users to the group. If the group assigns the app, the new
// members are provisioned; then, if the group is pushed and Push group
// memberships immediately is on, the new memberships are pushed (§7.6).
func (o *Org) AddMembers(ctx context.Context, name string, logins ...string) error {
	const action = "add-members"
	o.mu.Lock()
	g := o.groupByName(name)
	if g == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: group %q: not in the org", action, name)
	}
	us, err := o.lookupUsers(action, logins)
	if err != nil {
		o.mu.Unlock()
		return err
	}
	var run []string
	for _, u := range us {
		if !g.members.add(u.p.ID) {
			continue
		}
		if g.assigns {
			u.via[g.id] = true
			if u.assigned() && !u.active {
				run = append(run, u.p.ID)
			}
		}
	}
	push := g.live() && o.settings.PushGroups && o.settings.PushMembershipsImmediately
	gid := g.id
	o.mu.Unlock()
	err = forEach(run, func(uid string) error { return o.provision(ctx, action, uid) })
	if push {
		err = errors.Join(err, o.pushMembers(ctx, action, gid, false))
	}
	return err
}

// RemoveMembers removes users from the group. If the group is pushed (and
// Push group memberships immediately is on), the removals are pushed; if the
// group assigns the app, members left with no assignment are deactivated in
// the app (ZN-11: a provisioning rule can deactivate).
func (o *Org) RemoveMembers(ctx context.Context, name string, logins ...string) error {
	const action = "remove-members"
	o.mu.Lock()
	g := o.groupByName(name)
	if g == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: group %q: not in the org", action, name)
	}
	us, err := o.lookupUsers(action, logins)
	if err != nil {
		o.mu.Unlock()
		return err
	}
	var run []string
	for _, u := range us {
		if !g.members.remove(u.p.ID) {
			continue
		}
		if g.assigns {
			delete(u.via, g.id)
			if !u.assigned() && u.active {
				run = append(run, u.p.ID)
			}
		}
	}
	push := g.live() && o.settings.PushGroups && o.settings.PushMembershipsImmediately
	gid := g.id
	o.mu.Unlock()
	if push {
		err = o.pushMembers(ctx, action, gid, false)
	}
	return errors.Join(err, forEach(run, func(uid string) error { return o.deprovision(ctx, action, uid) }))
}

// PushGroup pushes the group (docs/okta-protocol.md §7.2, §7.3): a lookup by
// displayName; on a miss a POST /Groups with no members, on a hit a link to
// the app group. Then, if Push group memberships immediately is on, the
// memberships: OIN sends PATCH adds after a create, and a full push (as
// Push Now) after a link (an inference: the linked group takes Okta's
// membership); AIW sends GET then PUT with every member in both cases, also
// for an empty group (S25). Only members that Okta provisioned and that are
// active are pushed (§7.1). The group gets an active Group Push mapping,
// which a failed request puts in the ERROR state (see PushMapping).
func (o *Org) PushGroup(ctx context.Context, name string) error {
	return o.pushByRule(ctx, "push-group", name, "")
}

// pushByRule is PushGroup for a mapping that rule ("" for none) makes.
func (o *Org) pushByRule(ctx context.Context, action, name, rule string) error {
	g, err := o.groupToPush(action, name)
	if err != nil {
		return err
	}
	g.push.Lock()
	defer g.push.Unlock()
	o.mu.Lock()
	if g.mapped {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: already on the Push Groups tab (%s): use PushNow or RetryPush", action, name, g.status)
	}
	g.mapped, g.status, g.failure, g.rule = true, PushActive, "", rule
	o.mu.Unlock()
	return o.markPush(g, o.pushLocked(ctx, action, g))
}

// pushLocked creates or finds the app group of a mapping without one, then
// pushes its memberships; g.push is held.
func (o *Org) pushLocked(ctx context.Context, action string, g *group) error {
	o.mu.Lock()
	name, memberships := g.name, o.settings.PushMembershipsImmediately
	o.mu.Unlock()

	f := o.groupFlow(action, name)
	scimID, found, err := o.lookupGroup(ctx, f, name)
	if err != nil {
		return err
	}
	if !found {
		if scimID, err = o.createGroup(ctx, f, name); err != nil {
			return err
		}
	}
	o.mu.Lock()
	g.scimID = scimID
	g.pushed = map[string]string{}
	o.mu.Unlock()
	if !memberships {
		return nil
	}
	return o.pushMembersLocked(ctx, action, g, found || o.profile == AIW)
}

// groupToPush finds the group that a push or a link acts on: it must be in
// the org, and Push Groups must be on.
func (o *Org) groupToPush(action, name string) (*group, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch g := o.groupByName(name); {
	case g == nil:
		return nil, fmt.Errorf("%s: group %q: not in the org", action, name)
	case !o.settings.PushGroups:
		return nil, fmt.Errorf("%s %s: Push Groups is off", action, name)
	default:
		return g, nil
	}
}

// PushNow pushes the group's whole membership (docs/okta-protocol.md §7.6): OIN
// sends PATCH replace members (beyond one batch, the rest follow as adds, an
// inference), AIW GET then PUT with every member.
func (o *Org) PushNow(ctx context.Context, name string) error {
	const action = "push-now"
	o.mu.Lock()
	g, err := o.pushedLocked(action, name, PushActive, ": use ActivatePush or RetryPush")
	if err == nil && g.scimID == "" {
		err = fmt.Errorf("%s: group %q: not a pushed group of the org", action, name)
	}
	if err != nil {
		o.mu.Unlock()
		return err
	}
	gid := g.id
	o.mu.Unlock()
	return o.pushMembers(ctx, action, gid, true)
}

// pushedLocked finds the group name for action: it must be on the Push
// Groups tab, its push in status want (else the error ends with hint), and
// the API integration enabled. o.mu is held.
func (o *Org) pushedLocked(action, name string, want PushStatus, hint string) (*group, error) {
	g := o.groupByName(name)
	switch {
	case g == nil || !g.mapped:
		return nil, fmt.Errorf("%s: group %q: not a pushed group of the org", action, name)
	case g.status != want:
		return nil, fmt.Errorf("%s %s: the push is %s%s", action, name, g.status, hint)
	case o.raw.IntegrationDisabled:
		return nil, fmt.Errorf("%s %s: the API integration is disabled", action, name)
	}
	return g, nil
}

// RenameGroup renames the group in Okta. If it is pushed and Rename app
// groups to match is on, the rename is pushed: PATCH with the rename
// operation for OIN (§7.5), GET then PUT with the new displayName and every
// member for AIW. A group not on the Push Groups tab whose new name an
// active push rule matches is pushed by the rule (CreatePushRule).
func (o *Org) RenameGroup(ctx context.Context, name, newName string) error {
	const action = "rename-group"
	o.mu.Lock()
	g := o.groupByName(name)
	if g == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: group %q: not in the org", action, name)
	}
	if newName == "" {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: empty new name", action, name)
	}
	if _, dup := o.names[newName]; dup && newName != name {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: %q: already in the org", action, name, newName)
	}
	delete(o.names, name)
	o.names[newName] = g.id
	g.name = newName
	run := g.live() && o.settings.PushGroups && o.settings.RenameGroups
	gid := g.id
	rule := ""
	if !g.mapped {
		rule = o.ruleFor(newName)
	}
	o.mu.Unlock()
	if rule != "" {
		// A group renamed to match an active push rule is pushed by it,
		// as a group made to match is (S55; an inference, §12.5).
		return o.pushByRule(ctx, "push-rule", newName, rule)
	}
	if !run {
		return nil
	}
	if o.profile == AIW {
		return o.pushMembers(ctx, action, gid, true)
	}
	g.push.Lock()
	defer g.push.Unlock()
	o.mu.Lock()
	scimID, newName := g.scimID, g.name
	o.mu.Unlock()
	if scimID == "" {
		return nil // unlinked meanwhile
	}
	f := o.groupFlow(action, newName)
	c := &call{action: action, target: newName, kind: "patch-group", method: http.MethodPatch,
		path: "/Groups/" + url.PathEscape(scimID), body: appendGroupRename(nil, scimID, newName)}
	return o.markPush(g, o.write(ctx, f, c, "200 with the group or 204", "Error while updating group "+newName))
}

// UnlinkGroup stops pushing the group and removes its Group Push mapping,
// whatever its state (active, inactive or in error: "Delete the pushed
// group", docs/okta-protocol.md §12.3). DeleteInApp sends DELETE
// /Groups/{id} (nothing when the failed push never got an id); LeaveInApp
// sends nothing (§7.7). Okta's membership of the group is kept.
func (o *Org) UnlinkGroup(ctx context.Context, name string, mode UnlinkMode) error {
	const action = "unlink-group"
	o.mu.Lock()
	g := o.groupByName(name)
	o.mu.Unlock()
	if g == nil {
		return fmt.Errorf("%s: group %q: not in the org", action, name)
	}
	g.push.Lock()
	defer g.push.Unlock()
	return o.unlinkLocked(ctx, action, g, mode)
}

// unlinkLocked is UnlinkGroup with g.push held.
func (o *Org) unlinkLocked(ctx context.Context, action string, g *group, mode UnlinkMode) error {
	o.mu.Lock()
	scimID, name := g.scimID, g.name
	if !g.mapped {
		o.mu.Unlock()
		return fmt.Errorf("%s: group %q: not a pushed group of the org", action, name)
	}
	if o.raw.IntegrationDisabled && mode == DeleteInApp {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: the API integration is disabled", action, name)
	}
	if mode != DeleteInApp || scimID == "" {
		g.unmap()
		o.mu.Unlock()
		return nil
	}
	o.mu.Unlock()
	f := o.groupFlow(action, name)
	c := &call{action: action, target: name, kind: "delete-group", method: http.MethodDelete,
		path: "/Groups/" + url.PathEscape(scimID)}
	if err := o.write(ctx, f, c, "204", "Error while deleting group "+name); err != nil {
		return o.markPush(g, err)
	}
	o.mu.Lock()
	if g.scimID == scimID {
		g.unmap()
	}
	o.mu.Unlock()
	return nil
}

// pushMembers sends the group's membership. full sends all of it (PATCH
// replace, or the AIW PUT); otherwise only the changes since the last push:
// adds for pushable members not yet pushed, removes for pushed users who
// left the group. A pushable member is one Okta provisioned and that is
// active in the app and not deactivated in Okta (§7.1; a suspended user
// keeps its memberships, §12.6).
func (o *Org) pushMembers(ctx context.Context, action, gid string, full bool) error {
	o.mu.Lock()
	g := o.groups[gid]
	o.mu.Unlock()
	if g == nil {
		return nil
	}
	g.push.Lock()
	defer g.push.Unlock()
	return o.markPush(g, o.pushMembersLocked(ctx, action, g, full))
}

// pushMembersLocked is pushMembers with g.push held.
func (o *Org) pushMembersLocked(ctx context.Context, action string, g *group, full bool) error {
	gid := g.id
	o.mu.Lock()
	if g.scimID == "" {
		o.mu.Unlock()
		return nil
	}
	var now, adds, removes []member
	for uid := range g.members.all {
		u := o.users[uid]
		if u.p.Status != StatusDeprovisioned && u.active && u.scimID != "" {
			m := member{uid: uid, scimID: u.scimID, display: u.p.Login}
			now = append(now, m)
			if _, done := g.pushed[uid]; !done {
				adds = append(adds, m)
			}
		}
	}
	for uid, scimID := range g.pushed {
		if !g.members.has(uid) {
			removes = append(removes, member{uid: uid, scimID: scimID, display: o.users[uid].p.Login})
		}
	}
	sort.Slice(removes, func(i, j int) bool { return removes[i].display < removes[j].display })
	name, scimID, set := g.name, g.scimID, o.settings
	o.mu.Unlock()
	if full || o.profile == AIW {
		if !full && len(adds)+len(removes) == 0 {
			return nil
		}
		removes, adds = nil, now
		full = true
	}
	if !full && len(adds)+len(removes) == 0 {
		return nil
	}

	f := o.groupFlow(action, name)
	while := "Error while updating group " + name
	path := "/Groups/" + url.PathEscape(scimID)
	if o.profile == AIW {
		if _, err := o.getResource(ctx, f, "get-group", path, while); err != nil {
			return err
		}
		c := &call{action: action, target: name, kind: "put-group", method: http.MethodPut, path: path,
			body: appendPutGroup(make([]byte, 0, 64+64*len(now)), scimID, name, now)}
		if err := o.write(ctx, f, c, "200 with the group", while); err != nil {
			return err
		}
		o.notePushed(gid, scimID, nil, now, true)
		return nil
	}
	// OIN: batches of at most MembershipBatchSize changes (§7.6), removes
	// before adds as in Okta's example; a full push replaces members with
	// the first batch and adds the rest. Under FullPushValue the replace is
	// the path-less value of §11.2, which names the group itself.
	n := set.batchSize()
	changes := append(removes[:len(removes):len(removes)], adds...)
	named := false
	for start := 0; start < len(changes) || (full && start == 0); start += n {
		batch := changes[start:min(start+n, len(changes))]
		var rm, add []member
		for k, m := range batch {
			if start+k < len(removes) {
				rm = append(rm, m)
			} else {
				add = append(add, m)
			}
		}
		replace := full && start == 0
		var body []byte
		if replace && o.variants.FullPush == FullPushValue {
			body = appendGroupReplaceValue(make([]byte, 0, 128+80*len(batch)), scimID, name, add)
			named = true
		} else {
			body = appendGroupPatch(make([]byte, 0, 128+80*len(batch)), rm, add, replace)
			named = false
		}
		c := &call{action: action, target: name, kind: "patch-group", method: http.MethodPatch, path: path, body: body}
		if err := o.write(ctx, f, c, "200 with the group or 204", while); err != nil {
			return err
		}
		o.notePushed(gid, scimID, rm, add, replace)
	}
	if !set.RenameGroups || named {
		return nil
	}
	// "The group name update operation is triggered each time there's a
	// group membership update operation" (§7.5): a PATCH of its own after
	// the membership (§11.1; that it comes after is an inference).
	c := &call{action: action, target: name, kind: "patch-group", method: http.MethodPatch, path: path,
		body: appendGroupRename(make([]byte, 0, 128), scimID, name)}
	return o.write(ctx, f, c, "200 with the group or 204", while)
}

// notePushed records pushed membership changes; replace starts afresh.
func (o *Org) notePushed(gid, scimID string, removes, adds []member, replace bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	g := o.groups[gid]
	if g == nil || g.scimID != scimID {
		return
	}
	if replace {
		g.pushed = map[string]string{}
	}
	for _, m := range removes {
		delete(g.pushed, m.uid)
	}
	for _, m := range adds {
		g.pushed[m.uid] = m.scimID
	}
}
