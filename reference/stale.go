package reference

import (
	"net/http"

	"github.com/scimharness/scimharness/internal/jsonenc"
)

// staleOr is the answer to a request for a user or group that SCIM does not
// show (err): the error, unless the resource was deleted over SCIM and the
// server's DeletedGone rule for it is broken; then a stale answer with
// status, as a cache in front of a restored database would give (the faults
// deleted-user-still-served, for GET, PUT and PATCH of users, OK-40, and
// deleted-group-still-served, for PUT and PATCH of groups, OK-41), or an id
// the app moved a user away from and the MovedIDGone rule is broken
// (moved-id-still-served, OK-48). The env's lock is held.
func (c *call) staleOr(err *scimError, kind, id string, status int) result {
	name, gone := c.env.Gone[id]
	keep := c.s.rules.Users.DeletedGone
	if kind == "Group" {
		keep = c.s.rules.Groups.DeletedGone
	} else if moved, ok := c.env.Moved[id]; ok && !gone {
		name, gone, keep = moved, true, c.s.rules.Users.MovedIDGone
	}
	if !gone || keep {
		return failed(err)
	}
	if status == http.StatusNoContent {
		return result{status: status}
	}
	b := getBuf()
	if kind == "Group" {
		b.b = append(b.b, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":`...)
		b.b = jsonenc.AppendString(b.b, id)
		b.b = append(b.b, `,"displayName":`...)
		b.b = jsonenc.AppendString(b.b, name)
		b.b = append(b.b, `,"members":[]}`...)
	} else {
		b.b = append(b.b, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":`...)
		b.b = jsonenc.AppendString(b.b, id)
		b.b = append(b.b, `,"userName":`...)
		b.b = jsonenc.AppendString(b.b, name)
		b.b = append(b.b, `,"active":true}`...)
	}
	return result{status: status, body: b}
}
