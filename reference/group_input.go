package reference

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/rules"
)

// groupInput is a Group body of POST or PUT.
type groupInput struct {
	Schemas     []string        `json:"schemas"`
	ID          json.RawMessage `json:"id"`
	Meta        json.RawMessage `json:"meta"`
	DisplayName *string         `json:"displayName"`
	ExternalID  *string         `json:"externalId"`
	Members     []memberInput   `json:"members"`
}

// memberInput is a member reference; Okta sends value and display only.
type memberInput struct {
	Value string `json:"value"`
	Type  string `json:"type"`
}

func (in *groupInput) check() *scimError {
	if err := checkSchemas(in.Schemas, groupSchema); err != nil {
		return err
	}
	if in.DisplayName == nil || strings.TrimSpace(*in.DisplayName) == "" {
		return errorf(http.StatusBadRequest, typeInvalidValue, "displayName is required: send the group's name")
	}
	return nil
}

// resolveMembers finds the users that member references name. In Zinc,
// deactivated users are skipped: Zinc has removed them from the organization
// (ZN-04), so they can be in no group. A reference to a group is refused; an
// unknown id is refused or skipped as rules.Groups.UnknownMembers says
// (OK-34).
func (c *call) resolveMembers(refs []memberInput) ([]*user, *scimError) {
	rule := &c.s.rules
	out := make([]*user, 0, len(refs))
	for _, m := range refs {
		if strings.EqualFold(m.Type, "Group") {
			return nil, errorf(http.StatusBadRequest, typeInvalidValue, "member %q is a group: Zinc groups contain users only", m.Value)
		}
		if m.Value == "" {
			return nil, errorf(http.StatusBadRequest, typeInvalidValue, "a member has no value: send {\"value\":\"<user id>\"}")
		}
		u := c.env.users[m.Value]
		if u == nil {
			switch rule.Groups.UnknownMembers {
			case rules.SkipUnknown:
				continue
			case rules.LoseChange:
				return []*user{}, nil
			}
			return nil, errorf(http.StatusBadRequest, typeInvalidValue,
				"member %q is not a user of this organization: create the user first; nothing of this request was applied", m.Value)
		}
		if u.active || !rule.Users.DeactivationLeavesGroups {
			out = append(out, u)
		}
	}
	return out, nil
}

// groupNameFree checks that no other SCIM-visible group has name.
func (c *call) groupNameFree(g *group, name string) *scimError {
	if other := c.env.groupByDisplayName(name); other != nil && other != g {
		return errorf(http.StatusConflict, typeUniqueness, "a group named %q already exists (id %q)", name, other.id)
	}
	return nil
}

// setMembers makes exactly users the members of g: O(old members + new).
func (e *envStore) setMembers(g *group, users []*user) {
	want := make(map[*user]struct{}, len(users))
	for _, u := range users {
		want[u] = struct{}{}
	}
	for i := len(g.members) - 1; i >= 0; i-- {
		if i >= len(g.members) {
			continue
		}
		if u := g.members[i]; !hasKey(want, u) {
			e.removeMember(g, u)
		}
	}
	for _, u := range users {
		e.addMember(g, u)
	}
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
