package store

import (
	"fmt"

	"github.com/scimharness/scimharness/reference/internal/rules"
)

// Invariants checks every index of e against its users and groups (positions,
// lookups by id, userName, externalId and displayName, both sides of every
// membership) and reports the first that does not hold. rule is the server's
// rules, which decide some (a deactivated user in no group). It takes e's
// read lock; tests call it after their changes. O(users + groups +
// memberships).
func (e *Env) Invariants(rule *rules.Rules) error {
	e.RLock()
	defer e.RUnlock()
	if len(e.UserOrder) != len(e.Users) {
		return fmt.Errorf("%d users in the order, %d by id", len(e.UserOrder), len(e.Users))
	}
	for i, u := range e.UserOrder {
		if int(u.Pos) != i || e.Users[u.ID] != u {
			return fmt.Errorf("user %s: pos %d at %d, by id %p", u.ID, u.Pos, i, e.Users[u.ID])
		}
		if e.ByUserName[FoldKey(u.UserName)] != u {
			return fmt.Errorf("user %s not indexed by userName %q", u.ID, u.UserName)
		}
		if u.ExternalID != "" && !e.DupUserExternalIDs && e.ByExternalID[u.ExternalID] != u {
			return fmt.Errorf("user %s not indexed by externalId %q", u.ID, u.ExternalID)
		}
		if !u.Active && len(u.Groups) > 0 && rule.Users.DeactivationLeavesGroups {
			return fmt.Errorf("deactivated user %s is in %d groups", u.ID, len(u.Groups))
		}
		for _, g := range u.Groups {
			if !g.Has(u) || e.Groups[g.ID] != g {
				return fmt.Errorf("user %s lists group %s, which does not list it (or is gone)", u.ID, g.ID)
			}
		}
	}
	if len(e.ByUserName) != len(e.Users) {
		return fmt.Errorf("%d userName index entries for %d users", len(e.ByUserName), len(e.Users))
	}
	visible := 0
	for _, g := range e.Groups {
		if len(g.Members) != len(g.MemberPos) {
			return fmt.Errorf("group %s: %d members, %d positions", g.ID, len(g.Members), len(g.MemberPos))
		}
		for i, u := range g.Members {
			if int(g.MemberPos[u]) != i {
				return fmt.Errorf("group %s: member %s at %d, position says %d", g.ID, u.ID, i, g.MemberPos[u])
			}
			n := 0
			for _, ug := range u.Groups {
				if ug == g {
					n++
				}
			}
			if n != 1 || e.Users[u.ID] != u {
				return fmt.Errorf("group %s: member %s lists it %d times (or is gone)", g.ID, u.ID, n)
			}
		}
		if g.Pos >= 0 {
			visible++
			if e.GroupOrder[g.Pos] != g || e.GroupByName[FoldKey(g.DisplayName)] != g {
				return fmt.Errorf("visible group %s is not indexed", g.ID)
			}
		}
	}
	if visible != len(e.GroupOrder) {
		return fmt.Errorf("%d visible groups, %d in the order", visible, len(e.GroupOrder))
	}
	if rule.Console.ConsoleGroupsHidden && len(e.GroupByName) != visible {
		return fmt.Errorf("%d displayName index entries for %d visible groups", len(e.GroupByName), visible)
	}
	return nil
}
