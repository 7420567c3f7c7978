package reference

import (
	"net/http"

	"github.com/scimharness/scimharness/reference/internal/store"
)

var groupsHandlers = handlers{
	list:    (*call).listGroups,
	create:  (*call).createGroup,
	get:     (*call).getGroup,
	replace: (*call).putGroup,
	patch:   (*call).patchGroup,
	drop:    (*call).deleteGroup,
}

func (c *call) groupQuery(filter string) (store.GroupQuery, *scimError) {
	return filterQuery(filter, groupFilterSchema, matchOpts{}, "id", "displayname", "externalid")
}

func (c *call) listGroups() {
	r, err := readList(c, c.groupQuery, c.s.rules.Groups.Filter)
	if err != nil {
		c.fail(err)
		return
	}
	e := c.env
	e.RLock()
	res := listAnswer(c, &r, "group", e.MatchGroups(r.q), c.s.rules.Lists.GroupTotalIsAllMatches,
		func(b []byte, g *store.Group) []byte { return c.appendGroup(b, g, r.proj) })
	e.RUnlock()
	c.send(res)
}

func (c *call) groupResult(status int, g *store.Group, p projection) result {
	b := getBuf()
	b.b = c.appendGroup(b.b, g, p)
	return result{status: status, body: b, version: g.Version}
}

// visibleGroup finds a group by id as SCIM shows it: console-made, unlinked and
// retained groups are not found (ZN-20, ZN-22, ZN-25).
func (c *call) visibleGroup(id string) (*store.Group, *scimError) {
	g := c.env.Groups[id]
	if g == nil || !g.SCIMVisible() {
		return nil, notFound("Group", id)
	}
	return g, nil
}

func (c *call) getGroup(id string) {
	proj := parseProjection(c.q)
	e := c.env
	e.RLock()
	var res result
	if g, err := c.visibleGroup(id); err != nil {
		res = failed(err)
	} else if c.notModified(g.Version) {
		res = result{status: http.StatusNotModified, version: g.Version}
	} else {
		res = c.groupResult(http.StatusOK, g, proj)
	}
	e.RUnlock()
	c.send(res)
}

func (c *call) decodeGroup() (*groupInput, *scimError) {
	in, err := readJSON[groupInput](c)
	if err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	return in, nil
}

func (c *call) createGroup() { write(c, c.decodeGroup, c.createGroupLocked) }

func (c *call) createGroupLocked(in *groupInput, now int64, proj projection) result {
	e, rule := c.env, &c.s.rules
	status := rule.Groups.CreateStatus
	if err := c.groupNameFree(nil, *in.DisplayName); err != nil {
		return failed(err)
	}
	members, err := c.resolveMembers(in.Members)
	if err != nil {
		return failed(err)
	}
	if !rule.Groups.CreateWithMembers {
		members = nil
	}
	e.Begin(now)
	if !rule.Groups.PushCreatesNew {
		if g := e.UnlinkedNamed(*in.DisplayName); g != nil {
			g.Synced = true
			e.ShowGroup(g)
			e.TouchGroup(g)
			return c.groupResult(status, g, proj)
		}
	}
	folder := e.Settings.DestinationFolder
	if !rule.Groups.DestinationFolder {
		folder = store.DefaultFolder
	}
	g := &store.Group{ID: c.s.cfg.NewID(), DisplayName: *in.DisplayName, Folder: folder, Origin: store.FromDirectory,
		Synced: true, Created: now, Modified: now}
	if in.ExternalID != nil {
		g.ExternalID = *in.ExternalID
	}
	g.Version = e.NextVersion()
	e.InsertGroup(g, true)
	for _, u := range members {
		e.AddMember(g, u)
	}
	res := c.groupResult(status, g, proj)
	res.location = c.base + "/Groups/" + g.ID
	return res
}

func (c *call) putGroup(id string) {
	write(c, c.decodeGroup, func(in *groupInput, now int64, proj projection) result {
		return c.putGroupLocked(id, in, now, proj)
	})
}

// putGroupLocked replaces a group (the AIW profile's rename and membership push):
// displayName and members are replaced; an absent externalId keeps its value.
func (c *call) putGroupLocked(id string, in *groupInput, now int64, proj projection) result {
	e, rule := c.env, &c.s.rules
	g, err := c.visibleGroup(id)
	if err != nil {
		return c.staleOr(err, "Group", id, http.StatusOK)
	}
	if err := c.checkIfMatch(g.Version); err != nil {
		return failed(err)
	}
	if !rule.Patch.PutIgnoresReadOnly && (len(in.ID) > 0 || len(in.Meta) > 0) {
		return failed(errorf(http.StatusBadRequest, typeMutability, "id and meta are read-only and must not be sent"))
	}
	if err := c.groupNameFree(g, *in.DisplayName); err != nil {
		return failed(err)
	}
	members, err := c.resolveMembers(in.Members)
	if err != nil {
		return failed(err)
	}
	e.Begin(now)
	if rule.Groups.Rename {
		e.RenameGroup(g, *in.DisplayName)
	}
	if in.ExternalID != nil {
		e.SetGroupExternalID(g, *in.ExternalID)
	}
	if rule.Groups.PutReplacesMembers {
		e.SetMembers(g, members)
	}
	// Each change above bumped g; a PUT that changed nothing keeps its version.
	return c.groupResult(http.StatusOK, g, proj)
}

func (c *call) patchGroup(id string) {
	write(c, c.decodePatch, func(ops []patchOp, now int64, proj projection) result {
		return c.patchGroupLocked(id, ops, now, proj, asked(c.q))
	})
}

// deleteGroup removes a group from SCIM (ZN-09). With the retention setting on,
// Zinc keeps it in the console, unlinked and marked deleted (ZN-25).
func (c *call) deleteGroup(id string) {
	e, rule := c.env, &c.s.rules
	now := c.now()
	e.Lock()
	res := func() result {
		g, err := c.visibleGroup(id)
		if err != nil {
			return failed(err)
		}
		if err := c.checkIfMatch(g.Version); err != nil {
			return failed(err)
		}
		if !rule.Groups.Delete {
			return result{status: http.StatusNoContent}
		}
		e.Begin(now)
		e.Gone[g.ID] = g.DisplayName
		if e.Settings.RetainDeletedGroups && rule.Groups.Retention {
			e.HideGroup(g)
			g.Synced = false
			g.DeletedInDirectory = true
			e.TouchGroup(g)
		} else {
			e.DeleteGroup(g)
		}
		return result{status: http.StatusNoContent}
	}()
	e.Unlock()
	c.send(res)
}
