package store

import "strings"

// The group indexes. Every method needs the lock held for writing.

// InsertGroup adds a new group; visible puts it in SCIM's indexes too.
func (e *Env) InsertGroup(g *Group, visible bool) {
	g.Pos = -1
	e.Groups[g.ID] = g
	if visible {
		e.ShowGroup(g)
	}
}

// ShowGroup makes g visible over SCIM; its members' groups lists now show it:
// O(members).
func (e *Env) ShowGroup(g *Group) {
	if g.Pos >= 0 {
		return
	}
	for _, u := range g.Members {
		e.touchUser(u)
	}
	g.Pos = int32(len(e.GroupOrder))
	e.GroupOrder = append(e.GroupOrder, g)
	e.GroupByName[FoldKey(g.DisplayName)] = g
	e.indexGroupExternalID(g)
}

func (e *Env) indexGroupExternalID(g *Group) {
	if g.ExternalID == "" || g.Pos < 0 {
		return
	}
	if other, ok := e.groupByExtID[g.ExternalID]; ok && other != g {
		e.dupGroupExtID = true
	}
	e.groupByExtID[g.ExternalID] = g
}

// HideGroup takes g out of SCIM's view: O(visible groups) for the order, and
// O(members) to bump the members, whose groups lists no longer show it.
func (e *Env) HideGroup(g *Group) {
	if g.Pos < 0 {
		return
	}
	for _, u := range g.Members {
		e.touchUser(u)
	}
	unindex(e.GroupByName, FoldKey(g.DisplayName), g)
	unindex(e.groupByExtID, g.ExternalID, g)
	e.GroupOrder = removeAt(e.GroupOrder, int(g.Pos))
	g.Pos = -1
}

// RenameGroup changes g's displayName and its index entry: O(1). The members'
// versions follow through g's rename stamp (User.Stamp), not one by one.
func (e *Env) RenameGroup(g *Group, name string) {
	if g.DisplayName == name {
		return
	}
	if g.Pos >= 0 {
		unindex(e.GroupByName, FoldKey(g.DisplayName), g)
		e.GroupByName[FoldKey(name)] = g
	}
	g.DisplayName = name
	e.TouchGroup(g)
	if g.Pos >= 0 {
		g.refVersion, g.refModified = g.Version, g.Modified
	}
}

// SetGroupExternalID changes g's externalId and its index entry.
func (e *Env) SetGroupExternalID(g *Group, id string) {
	if g.ExternalID == id {
		return
	}
	unindex(e.groupByExtID, g.ExternalID, g)
	g.ExternalID = id
	e.indexGroupExternalID(g)
	e.TouchGroup(g)
}

// GroupByDisplayName finds a SCIM-visible group, case-insensitively.
func (e *Env) GroupByDisplayName(name string) *Group { return e.GroupByName[FoldKey(name)] }

// AddMember adds u to g: O(1). It reports whether u was not a member yet.
func (e *Env) AddMember(g *Group, u *User) bool {
	if g.MemberPos == nil {
		g.MemberPos = map[*User]int32{}
	}
	if _, ok := g.MemberPos[u]; ok {
		return false
	}
	g.MemberPos[u] = int32(len(g.Members))
	g.Members = append(g.Members, u)
	u.Groups = append(u.Groups, g)
	e.TouchGroup(g)
	e.touchUser(u)
	return true
}

// RemoveMember removes u from g: O(1) in g's size, O(u's groups) in u's list.
func (e *Env) RemoveMember(g *Group, u *User) bool {
	i, ok := g.MemberPos[u]
	if !ok {
		return false
	}
	last := len(g.Members) - 1
	if int(i) != last {
		moved := g.Members[last]
		g.Members[i] = moved
		g.MemberPos[moved] = i
	}
	g.Members[last] = nil
	g.Members = g.Members[:last]
	delete(g.MemberPos, u)
	for j, ug := range u.Groups {
		if ug == g {
			last := len(u.Groups) - 1
			u.Groups[j] = u.Groups[last]
			u.Groups[last] = nil
			u.Groups = u.Groups[:last]
			break
		}
	}
	e.TouchGroup(g)
	e.touchUser(u)
	return true
}

// ClearMembers empties g: O(members).
func (e *Env) ClearMembers(g *Group) {
	for len(g.Members) > 0 {
		e.RemoveMember(g, g.Members[len(g.Members)-1])
	}
	g.MemberPos = nil
}

// DeleteGroup removes g from the store entirely.
func (e *Env) DeleteGroup(g *Group) {
	e.HideGroup(g)
	e.ClearMembers(g)
	delete(e.Groups, g.ID)
}

// UnlinkedNamed finds an unlinked directory group named name (for a push that
// relink-on-push).
func (e *Env) UnlinkedNamed(name string) *Group {
	for _, g := range e.Groups {
		if g.Origin == FromDirectory && !g.Synced && !g.DeletedInDirectory && strings.EqualFold(g.DisplayName, name) {
			return g
		}
	}
	return nil
}

// SetMembers makes exactly users the members of g: O(old members + new).
func (e *Env) SetMembers(g *Group, users []*User) {
	want := make(map[*User]struct{}, len(users))
	for _, u := range users {
		want[u] = struct{}{}
	}
	for i := len(g.Members) - 1; i >= 0; i-- {
		if i >= len(g.Members) {
			continue
		}
		if u := g.Members[i]; !hasKey(want, u) {
			e.RemoveMember(g, u)
		}
	}
	for _, u := range users {
		e.AddMember(g, u)
	}
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// RemoveMatching removes the members of g that match: O(members).
func (e *Env) RemoveMatching(g *Group, match func(*User) bool) {
	var gone []*User
	for _, u := range g.Members {
		if match(u) {
			gone = append(gone, u)
		}
	}
	for _, u := range gone {
		e.RemoveMember(g, u)
	}
}
