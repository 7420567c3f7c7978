package reference

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/scimfilter"
	"github.com/scimharness/scimharness/reference/internal/store"
)

// searchSchema is the schema of a POST .search body (RFC 7644 section 3.4.3).
const searchSchema = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"

// searchRequest is a POST .search body. startIndex and count are read as
// the query parameters are (an integer beyond int64 is its bound).
type searchRequest struct {
	Schemas            []string        `json:"schemas"`
	Attributes         []string        `json:"attributes"`
	ExcludedAttributes []string        `json:"excludedAttributes"`
	Filter             *string         `json:"filter"`
	SortBy             *string         `json:"sortBy"`
	SortOrder          *string         `json:"sortOrder"`
	StartIndex         json.RawMessage `json:"startIndex"`
	Count              json.RawMessage `json:"count"`
}

// searchQuery reads a POST .search body into the query a GET of the same
// list would carry (RFC 7644 section 3.4.3: the same parameters, in the
// body), so that the list's own handler answers it.
func (c *call) searchQuery() *scimError {
	in, err := readJSON[searchRequest](c)
	if err != nil {
		return err
	}
	if err := checkSchemas(in.Schemas, searchSchema); err != nil {
		return err
	}
	q := url.Values{}
	if in.Filter != nil {
		q.Set("filter", *in.Filter)
	}
	if len(in.Attributes) > 0 {
		q.Set("attributes", strings.Join(in.Attributes, ","))
	}
	if len(in.ExcludedAttributes) > 0 {
		q.Set("excludedAttributes", strings.Join(in.ExcludedAttributes, ","))
	}
	for name, raw := range map[string]json.RawMessage{"startIndex": in.StartIndex, "count": in.Count} {
		if isNull(raw) {
			continue
		}
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return errorf(http.StatusBadRequest, typeInvalidValue, "%s must be an integer, not %s", name, abbreviate(raw))
		}
		if _, err := strconv.ParseFloat(n.String(), 64); err != nil {
			return errorf(http.StatusBadRequest, typeInvalidValue, "%s must be an integer, not %s", name, abbreviate(raw))
		}
		q.Set(name, n.String())
	}
	c.q = q
	return nil
}

// rootItem is one resource of a query of the server root: a user or a group.
type rootItem struct {
	u *store.User
	g *store.Group
}

// rootFilter is a filter of the server root, compiled for each resource type.
type rootFilter struct {
	users  store.UserQuery
	groups store.GroupQuery
}

// rootQuery compiles a filter of the server root: an attribute one resource
// type does not have has no value there.
func (c *call) rootQuery(filter string) (rootFilter, *scimError) {
	var q rootFilter
	expr, err := scimfilter.Parse(filter)
	if err != nil {
		return q, invalidFilter("%s", err)
	}
	var serr *scimError
	o := matchOpts{caseExactUserName: !c.s.rules.Users.UserNameCaseInsensitive, undefinedIsUnassigned: true}
	if q.users.Pred, serr = compile(userFilterSchema, expr, o); serr != nil {
		return q, serr
	}
	if q.groups.Pred, serr = compile(groupFilterSchema, expr, matchOpts{undefinedIsUnassigned: true}); serr != nil {
		return q, serr
	}
	return q, nil
}

// listRoot answers a query of the server root, GET / or POST /.search (RFC
// 7644 sections 3.4.2 and 3.4.3; plain mode, rules.Lists.PostSearch): the
// users, then the groups, that the filter selects, paged together. An
// attribute one resource type does not have has no value there, so that
// meta.resourceType eq "Group" or displayName eq "Eng" select across types.
func (c *call) listRoot() {
	r, err := readList(c, c.rootQuery, true)
	if err != nil {
		c.fail(err)
		return
	}
	e := c.env
	e.RLock()
	users, groups := e.MatchUsers(r.q.users), e.MatchGroups(r.q.groups)
	if r.filter == "" && !c.s.rules.Lists.InactiveUsersListed {
		users = slices.DeleteFunc(slices.Clone(users), func(u *store.User) bool { return !u.Active })
	}
	total := len(users) + len(groups)
	from, to := r.pg.window(total)
	items := make([]rootItem, 0, to-from)
	for i := from; i < to; i++ {
		if i < len(users) {
			items = append(items, rootItem{u: users[i]})
		} else {
			items = append(items, rootItem{g: groups[i-len(users)]})
		}
	}
	res := result{status: http.StatusOK, body: buildList(c, total, r.pg, items, func(b []byte, it rootItem) []byte {
		if it.u != nil {
			return c.appendUser(b, it.u, r.proj)
		}
		return c.appendGroup(b, it.g, r.proj)
	})}
	e.RUnlock()
	c.send(res)
}
