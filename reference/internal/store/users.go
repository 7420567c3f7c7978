package store

import "github.com/scimharness/scimharness/reference/internal/rules"

// The user indexes. Every method needs the lock held for writing.

// InsertUser adds a new user to every index.
func (e *Env) InsertUser(u *User) {
	u.pack()
	u.Pos = int32(len(e.UserOrder))
	e.UserOrder = append(e.UserOrder, u)
	e.Users[u.ID] = u
	e.ByUserName[FoldKey(u.UserName)] = u
	e.indexUserExternalID(u)
}

func (e *Env) indexUserExternalID(u *User) {
	if u.ExternalID == "" {
		return
	}
	if other, ok := e.ByExternalID[u.ExternalID]; ok && other != u {
		e.DupUserExternalIDs = true
	}
	e.ByExternalID[u.ExternalID] = u
}

// setUserExternalID changes u's externalId and its index entry.
func (e *Env) setUserExternalID(u *User, id string) {
	if u.ExternalID == id {
		return
	}
	unindex(e.ByExternalID, u.ExternalID, u)
	u.ExternalID = id
	e.indexUserExternalID(u)
}

// setUserName changes u's userName and its index entry (only when rules.Users.UserNameImmutable is off).
func (e *Env) setUserName(u *User, name string) {
	if u.UserName == name {
		return
	}
	unindex(e.ByUserName, FoldKey(u.UserName), u)
	u.UserName = name
	e.ByUserName[FoldKey(name)] = u
}

// UserByName finds a user by userName, case-insensitively.
func (e *Env) UserByName(name string) *User { return e.ByUserName[FoldKey(name)] }

// DeleteUser removes u from every group and index. It shifts the creation order,
// O(users); Okta never deletes users (it deactivates them).
func (e *Env) DeleteUser(u *User) {
	e.LeaveAllGroups(u)
	delete(e.Users, u.ID)
	unindex(e.ByUserName, FoldKey(u.UserName), u)
	unindex(e.ByExternalID, u.ExternalID, u)
	e.UserOrder = removeAt(e.UserOrder, int(u.Pos))
	u.Pos = -1
}

// MoveUser gives u the id newID, as an app that changes a user's id does
// (docs/okta-memory.md): the old id names nobody any more (Moved keeps it)
// and u's groups show the new one.
func (e *Env) MoveUser(u *User, newID string) {
	old := u.ID
	delete(e.Users, old)
	u.ID = newID
	e.Users[newID] = u
	e.Moved[old] = u.UserName
	e.touchMoved(u)
}

// SwapUserIDs gives a and b each other's id, as a restore from a backup
// whose ids were issued in another order does (docs/okta-memory.md).
func (e *Env) SwapUserIDs(a, b *User) {
	a.ID, b.ID = b.ID, a.ID
	e.Users[a.ID], e.Users[b.ID] = a, b
	e.touchMoved(a)
	e.touchMoved(b)
}

// touchMoved marks u, and the groups that show its id, as changed.
func (e *Env) touchMoved(u *User) {
	e.touchUser(u)
	for _, g := range u.Groups {
		e.TouchGroup(g)
	}
}

// LeaveAllGroups removes u from every group it is in: O(u's groups).
func (e *Env) LeaveAllGroups(u *User) {
	for len(u.Groups) > 0 {
		e.RemoveMember(u.Groups[len(u.Groups)-1], u)
	}
}

// setActive applies Zinc's lifecycle: deactivating removes the user from the
// organization and every group; reactivating brings it back in no group.
func (e *Env) setActive(u *User, active bool, rule *rules.Rules) {
	if u.Active == active {
		return
	}
	u.Active = active
	if !active {
		if !rule.Users.DeactivationLeavesGroups {
			return
		}
		if rule.Users.ReactivationRestoresGroups {
			u.Ext().prevGroups = append([]*Group(nil), u.Groups...)
		}
		e.LeaveAllGroups(u)
		return
	}
	if rule.Users.ReactivationRestoresGroups && u.Extra != nil {
		for _, g := range u.Extra.prevGroups {
			if e.Groups[g.ID] == g {
				e.AddMember(g, u)
			}
		}
		u.Extra.prevGroups = nil
	}
}

// CommitUser copies the attributes of w, a changed clone of u, into u, keeping
// the indexes and the lifecycle (ZN-04, ZN-05) in step.
// A commit that changes nothing bumps nothing; one that changes how u shows as
// a member (its display) bumps u's groups too: O(u's groups).
func (e *Env) CommitUser(u, w *User, rule *rules.Rules) {
	if w.Extra != nil && w.Extra.Empty() {
		w.Extra = nil
	}
	if sameAttrs(u, w) {
		return
	}
	display := MemberDisplay(u)
	e.setUserName(u, w.UserName)
	e.setUserExternalID(u, w.ExternalID)
	u.Given, u.Middle, u.Family, u.Locale = w.Given, w.Middle, w.Family, w.Locale
	u.Extra = w.Extra
	e.setActive(u, w.Active, rule)
	e.touchUser(u)
	if MemberDisplay(u) != display {
		for _, g := range u.Groups {
			e.TouchGroup(g)
		}
	}
}
