package mockokta

import (
	"context"
	"fmt"
)

// LinkGroup pushes the group linked to an existing app group, as an Okta
// admin does on the Push Groups tab by choosing "Link Group" and an app group
// (by its SCIM id, as Okta's import lists it) instead of letting Okta look a
// group up by name. Nothing is sent for the link itself; then, if Push group
// memberships immediately is on, the whole membership is pushed, as after a
// push whose lookup found the group (PushGroup). The app group keeps its own
// name unless Rename app groups to match is on: then every membership push
// of OIN carries Okta's name (docs/okta-protocol.md §7.5), and AIW's PUT always
// does.
func (o *Org) LinkGroup(ctx context.Context, name, appGroupID string) error {
	const action = "link-group"
	if appGroupID == "" {
		return fmt.Errorf("%s %s: empty app group id", action, name)
	}
	g, err := o.groupToPush(action, name)
	if err != nil {
		return err
	}
	g.push.Lock()
	defer g.push.Unlock()
	o.mu.Lock()
	if g.mapped {
		o.mu.Unlock()
		if g.scimID != "" {
			return fmt.Errorf("%s %s: already pushed as %s: unlink it first", action, name, g.scimID)
		}
		return fmt.Errorf("%s %s: already on the Push Groups tab (%s): unlink it first", action, name, g.status)
	}
	for _, other := range o.groups {
		if other != g && other.scimID == appGroupID {
			o.mu.Unlock()
			return fmt.Errorf("%s %s: the app group %s is already linked to %q", action, name, appGroupID, other.name)
		}
	}
	g.scimID = appGroupID
	g.pushed = map[string]string{}
	g.mapped, g.status, g.failure, g.rule = true, PushActive, "", ""
	memberships := o.settings.PushMembershipsImmediately
	o.mu.Unlock()
	if !memberships {
		return nil
	}
	return o.markPush(g, o.pushMembersLocked(ctx, action, g, true))
}
