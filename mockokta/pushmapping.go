package mockokta

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// PushStatus is the state of a Group Push mapping, as the Push Groups tab
// and Okta's Group Push Mappings API show it (docs/okta-protocol.md §12.3).
type PushStatus string

// The states of a Group Push mapping.
const (
	// PushActive: membership changes are pushed.
	PushActive PushStatus = "ACTIVE"
	// PushInactive: the push is paused ("Deactivate group push", C9319):
	// membership changes accumulate in Okta and none is sent.
	PushInactive PushStatus = "INACTIVE"
	// PushError: a push request failed. Nothing more is sent for the group
	// until the admin retries it ("Retry All Groups") or deletes the
	// mapping (an inference; deleting one in ERROR is OKTA-1210326).
	PushError PushStatus = "ERROR"
)

// PushMapping is a group's Group Push mapping, as Okta remembers it.
type PushMapping struct {
	Group  string     // the Okta group's name
	SCIMID string     // the app group's id; "" when the push failed before the app gave one
	Status PushStatus // ACTIVE, INACTIVE or ERROR
	// Error is what the Push Groups tab shows for a mapping in ERROR, in
	// Okta's wording: "Failed on 09-04-2026 03:49:35PM UTC: Unable to
	// update Group Push mapping target App group Eng: Error while updating
	// group Eng: Not Found. Errors reported by remote server: …"; "" in the
	// other states.
	Error string
	// Rule names the push rule that made the mapping; "" for a group pushed
	// by name or linked.
	Rule string
}

// live reports whether membership changes of g are pushed.
func (g *group) live() bool {
	return g.mapped && g.status == PushActive && g.scimID != ""
}

// unmap forgets the mapping, under o.mu.
func (g *group) unmap() {
	g.scimID, g.pushed = "", map[string]string{}
	g.mapped, g.status, g.failure, g.rule = false, "", "", ""
}

// PushMapping returns the Group Push mapping of the group with that name;
// false when the group is not on the Push Groups tab.
func (o *Org) PushMapping(name string) (PushMapping, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	g := o.groupByName(name)
	if g == nil || !g.mapped {
		return PushMapping{}, false
	}
	return PushMapping{Group: g.name, SCIMID: g.scimID, Status: g.status, Error: g.failure, Rule: g.rule}, true
}

// markPush puts g's mapping in ERROR when err is a failed push request
// (a *TaskError), with Okta's message; other errors (a cancelled context)
// leave it alone. It returns err.
func (o *Org) markPush(g *group, err error) error {
	var te *TaskError
	if !errors.As(err, &te) {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if g.mapped {
		g.status = PushError
		g.failure = fmt.Sprintf("Failed on %s UTC: Unable to update Group Push mapping target App group %s: %s",
			te.Task.Time.UTC().Format("01-02-2006 03:04:05PM"), g.name, te.detail)
	}
	return err
}

// DeactivatePush pauses the group's push ("Deactivate group push", test
// plan C9319): the app group stays, and membership changes made in Okta
// from now on are not sent. Nothing is sent.
func (o *Org) DeactivatePush(name string) error {
	const action = "deactivate-push"
	o.mu.Lock()
	defer o.mu.Unlock()
	g := o.groupByName(name)
	switch {
	case g == nil || !g.mapped:
		return fmt.Errorf("%s: group %q: not a pushed group of the org", action, name)
	case g.status == PushError:
		return fmt.Errorf("%s %s: the push is in ERROR: retry or unlink it", action, name)
	}
	g.status = PushInactive
	return nil
}

// ActivatePush resumes a paused push ("Activate group push", C9320): "the
// membership [is] immediately pushed", the whole of it at once, as Push
// Now sends it (docs/okta-protocol.md §12.4; that it is a full push is an
// inference).
func (o *Org) ActivatePush(ctx context.Context, name string) error {
	const action = "activate-push"
	o.mu.Lock()
	g, err := o.pushedLocked(action, name, PushInactive, ", not INACTIVE")
	o.mu.Unlock()
	if err != nil {
		return err
	}
	g.push.Lock()
	defer g.push.Unlock()
	o.mu.Lock()
	g.status = PushActive
	o.mu.Unlock()
	return o.markPush(g, o.pushMembersLocked(ctx, action, g, true))
}

// RetryPush retries a mapping in ERROR, as "Retry All Groups" on the Push
// Groups tab does for each group in error (docs/okta-protocol.md §8.2,
// §12.3): a mapping whose push never got an app group is pushed again from
// the lookup; one with an app group gets its whole membership (an
// inference: the retry re-pushes the group). The mapping is ACTIVE again
// when the retry succeeds, in ERROR with the new message when it fails.
func (o *Org) RetryPush(ctx context.Context, name string) error {
	const action = "retry-push"
	o.mu.Lock()
	g := o.groupByName(name)
	o.mu.Unlock()
	if g == nil {
		return fmt.Errorf("%s: group %q: not in the org", action, name)
	}
	g.push.Lock()
	defer g.push.Unlock()
	o.mu.Lock()
	if !g.mapped || g.status != PushError {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: no Group Push mapping in ERROR", action, name)
	}
	if o.raw.IntegrationDisabled {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: the API integration is disabled", action, name)
	}
	g.status, g.failure = PushActive, ""
	scimID := g.scimID
	o.mu.Unlock()
	if scimID == "" {
		return o.markPush(g, o.pushLocked(ctx, action, g))
	}
	return o.markPush(g, o.pushMembersLocked(ctx, action, g, true))
}

// CreatePushRule pushes by rule ("Find groups by rule", test plan C9323):
// every group whose name starts with prefix and that is not on the Push
// Groups tab yet is pushed, as PushGroup does, in name order; a group
// already pushed, by name or by another rule, gets no second mapping
// (docs/okta-protocol.md §12.5). The rule stays active: a group made
// later with CreateGroup, or renamed with RenameGroup, whose name then
// matches is pushed by it too (S55). The errors of the groups that failed
// are joined; the others are pushed.
func (o *Org) CreatePushRule(ctx context.Context, rule, prefix string) error {
	const action = "push-rule"
	if rule == "" || prefix == "" {
		return fmt.Errorf("%s: empty rule name or prefix", action)
	}
	o.mu.Lock()
	_, active := o.rules[rule]
	_, paused := o.paused[rule]
	for _, g := range o.groups {
		active = active || g.rule == rule
	}
	if active || paused {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: the rule exists", action, rule)
	}
	o.rules[rule] = prefix
	var names []string
	for _, g := range o.groups {
		if !g.mapped && strings.HasPrefix(g.name, prefix) {
			names = append(names, g.name)
		}
	}
	o.mu.Unlock()
	sort.Strings(names)
	var errs []error
	for _, n := range names {
		if err := o.pushByRule(ctx, action, n, rule); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// DeletePushRule deletes the push rule and unlinks every group it pushed,
// as UnlinkGroup does: DeleteInApp deletes them in the app ("Delete the
// associated groups", C9325), LeaveInApp leaves them (C9326). Users are
// not deleted.
func (o *Org) DeletePushRule(ctx context.Context, rule string, mode UnlinkMode) error {
	const action = "delete-push-rule"
	o.mu.Lock()
	_, active := o.rules[rule]
	_, paused := o.paused[rule]
	active = active || paused
	delete(o.rules, rule)
	delete(o.paused, rule)
	var gs []*group
	for _, g := range o.groups {
		if g.mapped && g.rule == rule {
			gs = append(gs, g)
		}
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].name < gs[j].name })
	o.mu.Unlock()
	if len(gs) == 0 {
		if active {
			return nil // a rule that matched nothing yet
		}
		return fmt.Errorf("%s: rule %q: no such rule", action, rule)
	}
	var errs []error
	for _, g := range gs {
		g.push.Lock()
		err := o.unlinkLocked(ctx, action, g, mode)
		g.push.Unlock()
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// DeactivatePushRule deactivates the push rule (test plan C9324): it
// pushes no group made or renamed later, and "Groups previously matched by
// this rule are unaffected": their mappings stay as they are, and Okta goes
// on pushing their membership (docs/okta-protocol.md §12.5). Nothing is
// sent. DeletePushRule still deletes a deactivated rule and its groups.
func (o *Org) DeactivatePushRule(rule string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	prefix, ok := o.rules[rule]
	if !ok {
		if _, paused := o.paused[rule]; paused {
			return nil // deactivated already
		}
		return fmt.Errorf("deactivate-push-rule: rule %q: no such rule", rule)
	}
	delete(o.rules, rule)
	o.paused[rule] = prefix
	return nil
}

// ruleFor is the active push rule that matches name, the first by rule
// name; "" for none. o.mu is held.
func (o *Org) ruleFor(name string) string {
	var match []string
	for rule, prefix := range o.rules {
		if strings.HasPrefix(name, prefix) {
			match = append(match, rule)
		}
	}
	if len(match) == 0 {
		return ""
	}
	sort.Strings(match)
	return match[0]
}

// CreateGroup adds an empty group to the org, as AddGroup does, and, if an
// active push rule matches its name, pushes it by that rule: "When the rule
// is active, it will continue to create new group push mappings that match
// the rule criteria" (S55, docs/okta-protocol.md §12.5). The push is the
// rule's first push of a group: the lookup by name, then the create.
func (o *Org) CreateGroup(ctx context.Context, name string) (Group, error) {
	g, err := o.AddGroup(name)
	if err != nil {
		return g, err
	}
	o.mu.Lock()
	rule := o.ruleFor(name)
	o.mu.Unlock()
	if rule == "" {
		return g, nil
	}
	err = o.pushByRule(ctx, "push-rule", name, rule)
	g, _ = o.Group(name)
	return g, err
}
