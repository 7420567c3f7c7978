package reference

import (
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/scimfilter"
)

// memberStep is one planned membership change of a group PATCH.
type memberStep struct {
	kind  uint8 // stepAdd, stepRemove, stepClear, stepReplace
	users []*user
}

const (
	stepAdd uint8 = iota
	stepRemove
	stepClear
	stepReplace
)

// groupPlan is a group PATCH checked in full before anything changes, so that the
// PATCH is atomic without copying the group: only checked steps are applied, and
// applying cannot fail.
type groupPlan struct {
	rename     *string
	externalID *string
	steps      []memberStep
}

func (c *call) patchGroupLocked(id string, ops []patchOp, now int64, proj projection, wantBody bool) result {
	g, err := c.visibleGroup(id)
	if err != nil {
		return failed(err)
	}
	if err := c.checkIfMatch(g.version); err != nil {
		return failed(err)
	}
	var plan groupPlan
	for i := range ops {
		if err := c.planGroupOp(g, &ops[i], &plan); err != nil {
			return failed(err)
		}
	}
	if plan.rename != nil {
		if err := c.groupNameFree(g, *plan.rename); err != nil {
			return failed(err)
		}
	}
	e := c.env
	e.begin(now)
	if plan.rename != nil && !c.s.faults.has(fGroupRenameIgnored) {
		e.renameGroup(g, *plan.rename)
	}
	if plan.externalID != nil {
		e.setGroupExternalID(g, *plan.externalID)
	}
	for _, s := range plan.steps {
		switch s.kind {
		case stepAdd:
			for _, u := range s.users {
				e.addMember(g, u)
			}
		case stepRemove:
			for _, u := range s.users {
				e.removeMember(g, u)
			}
		case stepClear:
			e.clearMembers(g)
		case stepReplace:
			e.setMembers(g, s.users)
		}
	}
	e.touchGroup(g)
	if !wantBody {
		return result{status: http.StatusNoContent, version: g.version}
	}
	return c.groupResult(http.StatusOK, g, proj)
}

// planGroupOp checks one operation and adds it to plan.
func (c *call) planGroupOp(g *group, op *patchOp, plan *groupPlan) *scimError {
	p := &op.path
	switch op.key {
	case "displayname":
		if op.kind == opRemove {
			return errorf(http.StatusBadRequest, typeMutability, "displayName cannot be removed: a group needs a name")
		}
		s, err := decodeString(op.value, "displayName")
		if err != nil {
			return err
		}
		if strings.TrimSpace(s) == "" {
			return errorf(http.StatusBadRequest, typeInvalidValue, "displayName cannot be empty")
		}
		plan.rename = &s
	case "externalid":
		s := ""
		if op.kind != opRemove {
			var err *scimError
			if s, err = decodeString(op.value, "externalId"); err != nil {
				return err
			}
		}
		plan.externalID = &s
	case "members":
		if p.Filter != nil || p.Sub != "" {
			return c.planMemberFilter(g, op, plan)
		}
		refs, err := decodeList[memberInput](op.value, "members")
		if err != nil {
			return err
		}
		users, err := c.resolveMembers(refs)
		if err != nil {
			return err
		}
		switch {
		case op.kind == opAdd:
			plan.steps = append(plan.steps, memberStep{kind: stepAdd, users: users})
		case op.kind == opReplace:
			plan.steps = append(plan.steps, memberStep{kind: stepReplace, users: users})
		case isNull(op.value): // remove every member
			plan.steps = append(plan.steps, memberStep{kind: stepClear})
		default: // remove the listed members (the form some clients send)
			plan.steps = append(plan.steps, memberStep{kind: stepRemove, users: users})
		}
	case "id":
		if c.s.faults.has(fPatchRejectsID) || !op.noPath {
			return errorf(http.StatusBadRequest, typeMutability, "id is read-only")
		}
		// Okta's rename carries the id; the URL names the group (OK-11).
	case "meta", "schemas":
		if !op.noPath && op.key == "meta" {
			return errorf(http.StatusBadRequest, typeMutability, "meta is read-only")
		}
	default:
		if !op.noPath {
			return errorf(http.StatusBadRequest, typeInvalidPath, "%q is not an attribute of Groups that can be changed", p.Text)
		}
	}
	return nil
}

// planMemberFilter plans `remove members[value eq "…"]`. A filter that is value
// eq, or an or of them, costs O(ids named); any other filter scans the members.
// Removing a user who is not a member succeeds and changes nothing.
func (c *call) planMemberFilter(g *group, op *patchOp, plan *groupPlan) *scimError {
	p := &op.path
	if op.kind != opRemove || p.Sub != "" || p.Filter == nil {
		return errorf(http.StatusBadRequest, typeInvalidPath,
			"%q: members with a value filter can only be removed; add members with path \"members\"", p.Text)
	}
	if c.s.faults.has(fMemberRemoveClearsAll) {
		plan.steps = append(plan.steps, memberStep{kind: stepClear})
		return nil
	}
	var users []*user
	if ids, ok := valueEqIDs(p.Filter, nil); ok {
		for _, id := range ids {
			if u := c.env.users[id]; u != nil {
				users = append(users, u)
			}
		}
	} else {
		pred, err := compile(memberFilterSchema, p.Filter, matchOpts{})
		if err != nil {
			return err
		}
		for _, u := range g.members {
			if pred(u) {
				users = append(users, u)
			}
		}
	}
	plan.steps = append(plan.steps, memberStep{kind: stepRemove, users: users})
	return nil
}

// valueEqIDs collects the ids of a filter made of `value eq "id"` joined by or.
func valueEqIDs(e scimfilter.Expr, ids []string) ([]string, bool) {
	switch e := e.(type) {
	case *scimfilter.Compare:
		if e.Op == scimfilter.Eq && e.Attr.Key() == "value" && e.Attr.URN == "" && e.Value.Kind == scimfilter.String {
			return append(ids, e.Value.Str), true
		}
	case *scimfilter.Or:
		ids, ok := valueEqIDs(e.Left, ids)
		if !ok {
			return nil, false
		}
		return valueEqIDs(e.Right, ids)
	}
	return nil, false
}
