package reference

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/rules"
	"github.com/scimharness/scimharness/reference/internal/store"
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
func (c *call) resolveMembers(refs []memberInput) ([]*store.User, *scimError) {
	rule := &c.s.rules
	out := make([]*store.User, 0, len(refs))
	for _, m := range refs {
		if strings.EqualFold(m.Type, "Group") {
			return nil, errorf(http.StatusBadRequest, typeInvalidValue, "member %q is a group: Zinc groups contain users only", m.Value)
		}
		if m.Value == "" {
			return nil, errorf(http.StatusBadRequest, typeInvalidValue, "a member has no value: send {\"value\":\"<user id>\"}")
		}
		u := c.env.Users[m.Value]
		if u == nil {
			switch rule.Groups.UnknownMembers {
			case rules.SkipUnknown:
				continue
			case rules.LoseChange:
				return []*store.User{}, nil
			}
			return nil, errorf(http.StatusBadRequest, typeInvalidValue,
				"member %q is not a user of this organization: create the user first; nothing of this request was applied", m.Value)
		}
		if u.Active || !rule.Users.DeactivationLeavesGroups {
			out = append(out, u)
		}
	}
	return out, nil
}

// groupNameFree checks that no other SCIM-visible group has name.
func (c *call) groupNameFree(g *store.Group, name string) *scimError {
	if other := c.env.GroupByDisplayName(name); other != nil && other != g {
		return errorf(http.StatusConflict, typeUniqueness, "a group named %q already exists (id %q)", name, other.ID)
	}
	return nil
}
