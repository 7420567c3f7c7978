package reference

import (
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/scimfilter"
	"github.com/scimharness/scimharness/reference/internal/store"
)

// memberStep is one planned membership change of a group PATCH.
type memberStep struct {
	kind  uint8 // stepAdd, stepRemove, stepClear, stepReplace, stepRemoveMatching
	users []*store.User
	match func(*store.User) bool // stepRemoveMatching: the members to remove
}

const (
	stepAdd uint8 = iota
	stepRemove
	stepClear
	stepReplace
	stepRemoveMatching // a member filter other than value eq: evaluated when applied
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
		return c.staleOr(err, "Group", id, http.StatusNoContent)
	}
	if err := c.checkIfMatch(g.Version); err != nil {
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
	e.Begin(now)
	if plan.rename != nil && c.s.rules.Groups.Rename {
		e.RenameGroup(g, *plan.rename)
	}
	if plan.externalID != nil {
		e.SetGroupExternalID(g, *plan.externalID)
	}
	for _, s := range plan.steps {
		switch s.kind {
		case stepAdd:
			for _, u := range s.users {
				e.AddMember(g, u)
			}
		case stepRemove:
			for _, u := range s.users {
				e.RemoveMember(g, u)
			}
		case stepClear:
			e.ClearMembers(g)
		case stepReplace:
			if !c.s.rules.Groups.ReplaceMembers {
				for _, u := range s.users {
					e.AddMember(g, u)
				}
				break
			}
			e.SetMembers(g, s.users)
		case stepRemoveMatching:
			e.RemoveMatching(g, s.match)
		}
	}
	// Each change above bumped g; a PATCH that changed nothing keeps its version.
	if !wantBody {
		return result{status: http.StatusNoContent, version: g.Version}
	}
	return c.groupResult(http.StatusOK, g, proj)
}

// planGroupOp checks one operation and adds it to plan.
func (c *call) planGroupOp(g *store.Group, op *patchOp, plan *groupPlan) *scimError {
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
			return c.planMemberFilter(op, plan)
		}
		refs, err := decodeList[memberInput](op.value, "members")
		if err != nil {
			return err
		}
		if op.kind == opRemove {
			if isNull(op.value) { // remove every member
				plan.steps = append(plan.steps, memberStep{kind: stepClear})
			} else { // remove the listed members (the form some clients send)
				plan.steps = append(plan.steps, memberStep{kind: stepRemove, users: c.knownUsers(refs)})
			}
			break
		}
		users, err := c.resolveMembers(refs)
		if err != nil {
			return err
		}
		kind := stepAdd
		if op.kind == opReplace {
			kind = stepReplace
		}
		plan.steps = append(plan.steps, memberStep{kind: kind, users: users})
	case "id":
		if !c.s.rules.Patch.NoPathIgnoresID || !op.noPath {
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
// eq, or an or of them, costs O(ids named); any other filter scans the members
// as they are when the step applies, after the operations before it (RFC 7644
// section 3.5.2). Removing a user who is not a member succeeds and changes
// nothing.
func (c *call) planMemberFilter(op *patchOp, plan *groupPlan) *scimError {
	p := &op.path
	if op.kind != opRemove || p.Sub != "" || p.Filter == nil {
		return errorf(http.StatusBadRequest, typeInvalidPath,
			"%q: members with a value filter can only be removed; add members with path \"members\"", p.Text)
	}
	if !c.s.rules.Groups.RemoveFilteredMembers {
		plan.steps = append(plan.steps, memberStep{kind: stepClear})
		return nil
	}
	if ids, ok := valueEqIDs(p.Filter, nil); ok {
		var users []*store.User
		for _, id := range ids {
			if u := c.env.Users[id]; u != nil {
				users = append(users, u)
			}
		}
		plan.steps = append(plan.steps, memberStep{kind: stepRemove, users: users})
		return nil
	}
	pred, err := compile(memberFilterSchema, p.Filter, matchOpts{})
	if err != nil {
		return err
	}
	plan.steps = append(plan.steps, memberStep{kind: stepRemoveMatching, match: pred})
	return nil
}

// knownUsers finds the users that member references of a remove name. An
// unknown id names no member, so removing it changes nothing.
func (c *call) knownUsers(refs []memberInput) []*store.User {
	users := make([]*store.User, 0, len(refs))
	for _, m := range refs {
		if u := c.env.Users[m.Value]; u != nil {
			users = append(users, u)
		}
	}
	return users
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
