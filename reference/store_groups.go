package reference

// The group indexes. Every method needs e.mu held for writing.

// insertGroup adds a new group; visible puts it in SCIM's indexes too.
func (e *envStore) insertGroup(g *group, visible bool) {
	g.pos = -1
	e.groups[g.id] = g
	if visible {
		e.showGroup(g)
	}
}

// showGroup makes g visible over SCIM; its members' groups lists now show it:
// O(members).
func (e *envStore) showGroup(g *group) {
	if g.pos >= 0 {
		return
	}
	for _, u := range g.members {
		e.touchUser(u)
	}
	g.pos = int32(len(e.groupOrder))
	e.groupOrder = append(e.groupOrder, g)
	e.groupByName[foldKey(g.displayName)] = g
	e.indexGroupExternalID(g)
}

func (e *envStore) indexGroupExternalID(g *group) {
	if g.externalID == "" || g.pos < 0 {
		return
	}
	if other, ok := e.groupByExtID[g.externalID]; ok && other != g {
		e.dupGroupExtID = true
	}
	e.groupByExtID[g.externalID] = g
}

// hideGroup takes g out of SCIM's view: O(visible groups) for the order, and
// O(members) to bump the members, whose groups lists no longer show it.
func (e *envStore) hideGroup(g *group) {
	if g.pos < 0 {
		return
	}
	for _, u := range g.members {
		e.touchUser(u)
	}
	if key := foldKey(g.displayName); e.groupByName[key] == g {
		delete(e.groupByName, key)
	}
	if g.externalID != "" && e.groupByExtID[g.externalID] == g {
		delete(e.groupByExtID, g.externalID)
	}
	i := int(g.pos)
	copy(e.groupOrder[i:], e.groupOrder[i+1:])
	e.groupOrder[len(e.groupOrder)-1] = nil
	e.groupOrder = e.groupOrder[:len(e.groupOrder)-1]
	for j := i; j < len(e.groupOrder); j++ {
		e.groupOrder[j].pos = int32(j)
	}
	g.pos = -1
}

// renameGroup changes g's displayName and its index entry: O(1). The members'
// versions follow through g's rename stamp (user.stamp), not one by one.
func (e *envStore) renameGroup(g *group, name string) {
	if g.displayName == name {
		return
	}
	if g.pos >= 0 {
		if key := foldKey(g.displayName); e.groupByName[key] == g {
			delete(e.groupByName, key)
		}
		e.groupByName[foldKey(name)] = g
	}
	g.displayName = name
	e.touchGroup(g)
	if g.pos >= 0 {
		g.refVersion, g.refModified = g.version, g.modified
	}
}

func (e *envStore) setGroupExternalID(g *group, id string) {
	if g.externalID == id {
		return
	}
	if g.externalID != "" && e.groupByExtID[g.externalID] == g {
		delete(e.groupByExtID, g.externalID)
	}
	g.externalID = id
	e.indexGroupExternalID(g)
	e.touchGroup(g)
}

// groupByDisplayName finds a SCIM-visible group, case-insensitively.
func (e *envStore) groupByDisplayName(name string) *group { return e.groupByName[foldKey(name)] }

// addMember adds u to g: O(1). It reports whether u was not a member yet.
func (e *envStore) addMember(g *group, u *user) bool {
	if g.memberPos == nil {
		g.memberPos = map[*user]int32{}
	}
	if _, ok := g.memberPos[u]; ok {
		return false
	}
	g.memberPos[u] = int32(len(g.members))
	g.members = append(g.members, u)
	u.groups = append(u.groups, g)
	e.touchGroup(g)
	e.touchUser(u)
	return true
}

// removeMember removes u from g: O(1) in g's size, O(u's groups) in u's list.
func (e *envStore) removeMember(g *group, u *user) bool {
	i, ok := g.memberPos[u]
	if !ok {
		return false
	}
	last := len(g.members) - 1
	if int(i) != last {
		moved := g.members[last]
		g.members[i] = moved
		g.memberPos[moved] = i
	}
	g.members[last] = nil
	g.members = g.members[:last]
	delete(g.memberPos, u)
	for j, ug := range u.groups {
		if ug == g {
			last := len(u.groups) - 1
			u.groups[j] = u.groups[last]
			u.groups[last] = nil
			u.groups = u.groups[:last]
			break
		}
	}
	e.touchGroup(g)
	e.touchUser(u)
	return true
}

// clearMembers empties g: O(members).
func (e *envStore) clearMembers(g *group) {
	for len(g.members) > 0 {
		e.removeMember(g, g.members[len(g.members)-1])
	}
	g.memberPos = nil
}

// deleteGroup removes g from the store entirely.
func (e *envStore) deleteGroup(g *group) {
	e.hideGroup(g)
	e.clearMembers(g)
	delete(e.groups, g.id)
}
