package reference

import (
	"math/rand/v2"
	"net/http"
	"slices"

	"github.com/scimharness/scimharness/reference/internal/store"
)

var usersHandlers = handlers{
	list:    (*call).listUsers,
	create:  (*call).createUser,
	get:     (*call).getUser,
	replace: (*call).putUser,
	patch:   (*call).patchUser,
	drop:    (*call).deleteUser,
}

func (c *call) userQuery(filter string) (store.UserQuery, *scimError) {
	o := matchOpts{caseExactUserName: !c.s.rules.Users.UserNameCaseInsensitive}
	return filterQuery(filter, userFilterSchema, o, "id", "username", "externalid")
}

func (c *call) listUsers() {
	r, err := readList(c, c.userQuery, c.s.rules.Users.Filter)
	if err != nil {
		c.fail(err)
		return
	}
	e := c.env
	e.RLock()
	users := e.MatchUsers(r.q)
	if r.filter == "" && !c.s.rules.Lists.InactiveUsersListed {
		users = slices.DeleteFunc(slices.Clone(users), func(u *store.User) bool { return !u.Active })
	}
	if !c.s.rules.Lists.StableUserOrder && len(users) > 1 {
		// Each list request lists the collection in another order, a
		// shuffle seeded by the request's number: pages of one read then
		// repeat some users and miss others, whatever else the target
		// holds. (A rotation, as before, kept the users' cyclic order, so
		// that in a shared organization a scenario's own users often kept
		// theirs too, and the fault went unseen.)
		users = slices.Clone(users)
		rand.New(rand.NewPCG(c.s.listSeq.Add(1), 0)).Shuffle(len(users), func(i, j int) { users[i], users[j] = users[j], users[i] })
	}
	res := listAnswer(c, &r, "user", users, true,
		func(b []byte, u *store.User) []byte { return c.appendUser(b, u, r.proj) })
	e.RUnlock()
	c.send(res)
}

// userResult answers u with status.
func (c *call) userResult(status int, u *store.User, p projection) result {
	b := getBuf()
	b.b = c.appendUser(b.b, u, p)
	v, _ := u.Stamp()
	return result{status: status, body: b, version: v}
}

// visibleUser finds a user by id as SCIM shows it.
func (c *call) visibleUser(id string) (*store.User, *scimError) {
	u := c.env.Users[id]
	if u == nil || (!u.Active && !c.s.rules.Users.DeactivatedVisible) {
		return nil, notFound("User", id)
	}
	return u, nil
}

func (c *call) getUser(id string) {
	proj := parseProjection(c.q)
	e := c.env
	e.RLock()
	var res result
	if u, err := c.visibleUser(id); err != nil {
		res = c.staleOr(err, "User", id, http.StatusOK)
	} else if v, _ := u.Stamp(); c.notModified(v) {
		res = result{status: http.StatusNotModified, version: v}
	} else {
		res = c.userResult(http.StatusOK, u, proj)
	}
	e.RUnlock()
	c.send(res)
}

func (c *call) decodeUser() (*userInput, *scimError) { return readJSON[userInput](c) }

func (c *call) createUser() {
	decode := func() (*store.User, *scimError) {
		in, err := c.decodeUser()
		if err != nil {
			return nil, err
		}
		return c.newUser(in)
	}
	write(c, decode, func(u *store.User, now int64, proj projection) result {
		proj.noID = !c.s.rules.Users.CreateReturnsID
		return c.createUserLocked(u, now, proj)
	})
}

func (c *call) createUserLocked(u *store.User, now int64, proj projection) result {
	e := c.env
	if old := e.UserByName(u.UserName); old != nil && (c.s.rules.Users.UniqueIgnoresCase || old.UserName == u.UserName) {
		if !c.s.rules.Users.DuplicateConflict {
			return c.userResult(http.StatusCreated, old, proj)
		}
		return failed(errorf(http.StatusConflict, typeUniqueness,
			"a user with userName %q already exists (id %q): Zinc users are unique by email", u.UserName, old.ID))
	}
	if err := c.checkGrants(u); err != nil {
		return failed(err)
	}
	e.Begin(now)
	u.ID = c.s.cfg.NewID()
	u.Created, u.Modified = now, now
	u.Version = e.NextVersion()
	e.InsertUser(u)
	res := c.userResult(http.StatusCreated, u, proj)
	res.location = c.base + "/Users/" + u.ID
	return res
}

func (c *call) putUser(id string) {
	write(c, c.decodeUser, func(in *userInput, now int64, proj projection) result {
		return c.changeUserLocked(id, http.StatusOK, now, proj, func(w *store.User) *scimError { return c.replaceUser(w, in) })
	})
}

// changeUserLocked changes the user id as change changes a copy of it (a PUT
// or a PATCH), if the request's If-Match, the user's grants and its userName
// allow, and answers the user. A user the app deleted may be answered stale,
// with staleStatus (staleOr). The env's lock is held.
func (c *call) changeUserLocked(id string, staleStatus int, now int64, proj projection, change func(w *store.User) *scimError) result {
	u, err := c.visibleUser(id)
	if err != nil {
		return c.staleOr(err, "User", id, staleStatus)
	}
	if err := c.checkIfMatch(u.ETag()); err != nil {
		return failed(err)
	}
	w := u.Clone()
	if err := change(w); err != nil {
		return failed(err)
	}
	if err := c.checkGrants(w); err != nil {
		return failed(err)
	}
	if err := c.userNameFree(u, w.UserName); err != nil {
		return failed(err)
	}
	c.env.Begin(now)
	c.env.CommitUser(u, w, &c.s.rules)
	return c.userResult(http.StatusOK, u, proj)
}

// userNameFree checks that a userName changed with rules.Users.UserNameImmutable off
// belongs to no other user.
func (c *call) userNameFree(u *store.User, name string) *scimError {
	if other := c.env.UserByName(name); other != nil && other != u {
		return errorf(http.StatusConflict, typeUniqueness, "userName %q belongs to another user (id %q)", name, other.ID)
	}
	return nil
}

func (c *call) patchUser(id string) {
	write(c, c.decodePatch, func(ops []patchOp, now int64, proj projection) result {
		return c.changeUserLocked(id, http.StatusNoContent, now, proj, func(w *store.User) *scimError {
			for i := range ops {
				if err := c.applyUserOp(w, &ops[i]); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

func (c *call) deleteUser(id string) {
	e := c.env
	e.Lock()
	res := func() result {
		u, err := c.visibleUser(id)
		if err != nil {
			return failed(err)
		}
		if err := c.checkIfMatch(u.ETag()); err != nil {
			return failed(err)
		}
		e.Begin(c.now())
		e.DeleteUser(u)
		e.Gone[u.ID] = u.UserName
		return result{status: http.StatusNoContent}
	}()
	e.Unlock()
	c.send(res)
}
