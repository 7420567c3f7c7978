package reference

import "github.com/scimharness/scimharness/reference/internal/rules"

// The user indexes. Every method needs e.mu held for writing.

// insertUser adds a new user to every index.
func (e *envStore) insertUser(u *user) {
	u.pack()
	u.pos = int32(len(e.userOrder))
	e.userOrder = append(e.userOrder, u)
	e.users[u.id] = u
	e.byUserName[foldKey(u.userName)] = u
	e.indexUserExternalID(u)
}

func (e *envStore) indexUserExternalID(u *user) {
	if u.externalID == "" {
		return
	}
	if other, ok := e.byExternalID[u.externalID]; ok && other != u {
		e.dupUserExternalIDs = true
	}
	e.byExternalID[u.externalID] = u
}

// setUserExternalID changes u's externalId and its index entry.
func (e *envStore) setUserExternalID(u *user, id string) {
	if u.externalID == id {
		return
	}
	if u.externalID != "" && e.byExternalID[u.externalID] == u {
		delete(e.byExternalID, u.externalID)
	}
	u.externalID = id
	e.indexUserExternalID(u)
}

// setUserName changes u's userName and its index entry (only when rules.Users.UserNameImmutable is off).
func (e *envStore) setUserName(u *user, name string) {
	if u.userName == name {
		return
	}
	if key := foldKey(u.userName); e.byUserName[key] == u {
		delete(e.byUserName, key)
	}
	u.userName = name
	e.byUserName[foldKey(name)] = u
}

// userByName finds a user by userName, case-insensitively.
func (e *envStore) userByName(name string) *user { return e.byUserName[foldKey(name)] }

// deleteUser removes u from every group and index. It shifts the creation order,
// O(users); Okta never deletes users (it deactivates them).
func (e *envStore) deleteUser(u *user) {
	e.leaveAllGroups(u)
	delete(e.users, u.id)
	if key := foldKey(u.userName); e.byUserName[key] == u {
		delete(e.byUserName, key)
	}
	if u.externalID != "" && e.byExternalID[u.externalID] == u {
		delete(e.byExternalID, u.externalID)
	}
	i := int(u.pos)
	copy(e.userOrder[i:], e.userOrder[i+1:])
	e.userOrder[len(e.userOrder)-1] = nil
	e.userOrder = e.userOrder[:len(e.userOrder)-1]
	for j := i; j < len(e.userOrder); j++ {
		e.userOrder[j].pos = int32(j)
	}
	u.pos = -1
}

// leaveAllGroups removes u from every group it is in: O(u's groups).
func (e *envStore) leaveAllGroups(u *user) {
	for len(u.groups) > 0 {
		e.removeMember(u.groups[len(u.groups)-1], u)
	}
}

// setActive applies Zinc's lifecycle: deactivating removes the user from the
// organization and every group; reactivating brings it back in no group.
func (e *envStore) setActive(u *user, active bool, rule *rules.Rules) {
	if u.active == active {
		return
	}
	u.active = active
	if !active {
		if !rule.Users.DeactivationLeavesGroups {
			return
		}
		if rule.Users.ReactivationRestoresGroups {
			u.ext().prevGroups = append([]*group(nil), u.groups...)
		}
		e.leaveAllGroups(u)
		return
	}
	if rule.Users.ReactivationRestoresGroups && u.x != nil {
		for _, g := range u.x.prevGroups {
			if e.groups[g.id] == g {
				e.addMember(g, u)
			}
		}
		u.x.prevGroups = nil
	}
}

// commitUser copies the attributes of w, a changed clone of u, into u, keeping
// the indexes and the lifecycle (ZN-04, ZN-05) in step.
// A commit that changes nothing bumps nothing; one that changes how u shows as
// a member (its display) bumps u's groups too: O(u's groups).
func (e *envStore) commitUser(u, w *user, rule *rules.Rules) {
	if w.x != nil && w.x.empty() {
		w.x = nil
	}
	if sameAttrs(u, w) {
		return
	}
	display := memberDisplay(u)
	e.setUserName(u, w.userName)
	e.setUserExternalID(u, w.externalID)
	u.given, u.middle, u.family, u.locale = w.given, w.middle, w.family, w.locale
	u.x = w.x
	e.setActive(u, w.active, rule)
	e.touchUser(u)
	if memberDisplay(u) != display {
		for _, g := range u.groups {
			e.touchGroup(g)
		}
	}
}
