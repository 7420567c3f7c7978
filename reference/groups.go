package reference

import (
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/scimfilter"
)

var groupsHandlers = handlers{
	list:    (*call).listGroups,
	create:  (*call).createGroup,
	get:     (*call).getGroup,
	replace: (*call).putGroup,
	patch:   (*call).patchGroup,
	drop:    (*call).deleteGroup,
}

type groupQuery struct {
	pred     func(*group) bool
	key, val string
}

func (c *call) groupQuery(filter string) (groupQuery, *scimError) {
	expr, err := scimfilter.Parse(filter)
	if err != nil {
		return groupQuery{}, invalidFilter("%s", err)
	}
	pred, serr := compile(groupFilterSchema, expr, matchOpts{})
	if serr != nil {
		return groupQuery{}, serr
	}
	k, v, _ := indexable(expr, groupSchema, "id", "displayname", "externalid")
	return groupQuery{pred: pred, key: k, val: v}, nil
}

// matchGroups returns the SCIM-visible groups q selects, in creation order.
func (e *envStore) matchGroups(q groupQuery) []*group {
	if q.pred == nil {
		return e.groupOrder
	}
	var cand *group
	switch {
	case q.key == "id":
		cand = e.groups[q.val]
		if cand != nil && !cand.scimVisible() {
			cand = nil
		}
	case q.key == "displayname":
		cand = e.groupByDisplayName(q.val)
	case q.key == "externalid" && !e.dupGroupExtID:
		cand = e.groupByExtID[q.val]
	default:
		var out []*group
		for _, g := range e.groupOrder {
			if q.pred(g) {
				out = append(out, g)
			}
		}
		return out
	}
	if cand != nil && q.pred(cand) {
		return []*group{cand}
	}
	return nil
}

func (c *call) listGroups() {
	q := c.q
	pg, err := parsePage(q, c.s.cfg.MaxResults)
	if err != nil {
		c.fail(err)
		return
	}
	var gq groupQuery
	filter := q.Get("filter")
	if filter != "" {
		if gq, err = c.groupQuery(filter); err != nil {
			c.fail(err)
			return
		}
		if !c.s.rules.Groups.Filter {
			gq = groupQuery{}
		}
	}
	proj := parseProjection(q)
	e := c.env
	e.mu.RLock()
	groups := e.matchGroups(gq)
	var res result
	if filter != "" && len(groups) == 0 && !c.s.rules.Lists.EmptyWhenNoMatch {
		res = failed(errorf(http.StatusNotFound, "", "no group matches the filter %s", filter))
	} else {
		from, to := pg.window(len(groups))
		total := len(groups)
		if !c.s.rules.Lists.GroupTotalIsAllMatches {
			total = to - from
		}
		res = result{status: http.StatusOK, body: buildList(c, total, pg, groups[from:to],
			func(b []byte, g *group) []byte { return c.appendGroup(b, g, proj) })}
	}
	e.mu.RUnlock()
	c.send(res)
}

func (c *call) groupResult(status int, g *group, p projection) result {
	b := getBuf()
	b.b = c.appendGroup(b.b, g, p)
	return result{status: status, body: b, version: g.version}
}

// visibleGroup finds a group by id as SCIM shows it: console-made, unlinked and
// retained groups are not found (ZN-20, ZN-22, ZN-25).
func (c *call) visibleGroup(id string) (*group, *scimError) {
	g := c.env.groups[id]
	if g == nil || !g.scimVisible() {
		return nil, notFound("Group", id)
	}
	return g, nil
}

func (c *call) getGroup(id string) {
	proj := parseProjection(c.q)
	e := c.env
	e.mu.RLock()
	var res result
	if g, err := c.visibleGroup(id); err != nil {
		res = failed(err)
	} else if c.notModified(g.version) {
		res = result{status: http.StatusNotModified, version: g.version}
	} else {
		res = c.groupResult(http.StatusOK, g, proj)
	}
	e.mu.RUnlock()
	c.send(res)
}

func (c *call) decodeGroup() (*groupInput, *scimError) {
	body, err := c.readBody()
	if err != nil {
		return nil, err
	}
	defer putBuf(body)
	var in groupInput
	if err := decodeJSON(body.b, &in); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	return &in, nil
}

func (c *call) createGroup() {
	in, err := c.decodeGroup()
	if err != nil {
		c.fail(err)
		return
	}
	proj := parseProjection(c.q)
	now := c.now()
	e := c.env
	e.mu.Lock()
	res := c.createGroupLocked(in, now, proj)
	e.mu.Unlock()
	c.send(res)
}

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
	e.begin(now)
	if !rule.Groups.PushCreatesNew {
		if g := e.unlinkedNamed(*in.DisplayName); g != nil {
			g.synced = true
			e.showGroup(g)
			e.touchGroup(g)
			return c.groupResult(status, g, proj)
		}
	}
	folder := e.settings.destinationFolder
	if !rule.Groups.DestinationFolder {
		folder = defaultFolder
	}
	g := &group{id: c.s.cfg.NewID(), displayName: *in.DisplayName, folder: folder, origin: fromDirectory,
		synced: true, created: now, modified: now}
	if in.ExternalID != nil {
		g.externalID = *in.ExternalID
	}
	g.version = e.nextVersion()
	e.insertGroup(g, true)
	for _, u := range members {
		e.addMember(g, u)
	}
	res := c.groupResult(status, g, proj)
	res.location = c.base + "/Groups/" + g.id
	return res
}

// unlinkedNamed finds an unlinked directory group named name (for a push that
// relink-on-push).
func (e *envStore) unlinkedNamed(name string) *group {
	for _, g := range e.groups {
		if g.origin == fromDirectory && !g.synced && !g.deletedInDirectory && strings.EqualFold(g.displayName, name) {
			return g
		}
	}
	return nil
}

func (c *call) putGroup(id string) {
	in, err := c.decodeGroup()
	if err != nil {
		c.fail(err)
		return
	}
	proj := parseProjection(c.q)
	now := c.now()
	e := c.env
	e.mu.Lock()
	res := c.putGroupLocked(id, in, now, proj)
	e.mu.Unlock()
	c.send(res)
}

// putGroupLocked replaces a group (the AIW profile's rename and membership push):
// displayName and members are replaced; an absent externalId keeps its value.
func (c *call) putGroupLocked(id string, in *groupInput, now int64, proj projection) result {
	e, rule := c.env, &c.s.rules
	g, err := c.visibleGroup(id)
	if err != nil {
		return c.staleOr(err, "Group", id, http.StatusOK)
	}
	if err := c.checkIfMatch(g.version); err != nil {
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
	e.begin(now)
	if rule.Groups.Rename {
		e.renameGroup(g, *in.DisplayName)
	}
	if in.ExternalID != nil {
		e.setGroupExternalID(g, *in.ExternalID)
	}
	if rule.Groups.PutReplacesMembers {
		e.setMembers(g, members)
	}
	// Each change above bumped g; a PUT that changed nothing keeps its version.
	return c.groupResult(http.StatusOK, g, proj)
}

func (c *call) patchGroup(id string) {
	ops, err := c.decodePatch()
	if err != nil {
		c.fail(err)
		return
	}
	q := c.q
	proj := parseProjection(q)
	now := c.now()
	e := c.env
	e.mu.Lock()
	res := c.patchGroupLocked(id, ops, now, proj, asked(q))
	e.mu.Unlock()
	c.send(res)
}

// deleteGroup removes a group from SCIM (ZN-09). With the retention setting on,
// Zinc keeps it in the console, unlinked and marked deleted (ZN-25).
func (c *call) deleteGroup(id string) {
	e, rule := c.env, &c.s.rules
	now := c.now()
	e.mu.Lock()
	res := func() result {
		g, err := c.visibleGroup(id)
		if err != nil {
			return failed(err)
		}
		if err := c.checkIfMatch(g.version); err != nil {
			return failed(err)
		}
		if !rule.Groups.Delete {
			return result{status: http.StatusNoContent}
		}
		e.begin(now)
		e.gone[g.id] = g.displayName
		if e.settings.retainDeletedGroups && rule.Groups.Retention {
			e.hideGroup(g)
			g.synced = false
			g.deletedInDirectory = true
			e.touchGroup(g)
		} else {
			e.deleteGroup(g)
		}
		return result{status: http.StatusNoContent}
	}()
	e.mu.Unlock()
	c.send(res)
}
