package mockokta

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// userSnap is what a user flow needs, copied under o.mu.
type userSnap struct {
	uid      string
	p        *profile
	password string
	scimID   string
	active   bool
	settings Settings
}

func (o *Org) snapshot(u *user) userSnap {
	return userSnap{uid: u.p.ID, p: u.p, password: u.password, scimID: u.scimID, active: u.active, settings: o.settings}
}

func (o *Org) snapshotID(uid string) (userSnap, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u := o.users[uid]
	if u == nil {
		return userSnap{}, false
	}
	return o.snapshot(u), true
}

// setLink stores the outcome of a provisioning flow that succeeded.
func (o *Org) setLink(uid, scimID string, active bool) {
	o.mu.Lock()
	if u := o.users[uid]; u != nil {
		u.scimID, u.active, u.failure = scimID, active, ""
	}
	o.mu.Unlock()
}

// noteFailure marks the assignment with the task of a flow that failed
// (docs/okta-protocol.md §12.2): the link stays as it was, so a user whose
// first create failed has none. It returns err.
func (o *Org) noteFailure(uid string, err error) error {
	var te *TaskError
	if errors.As(err, &te) {
		o.mu.Lock()
		if u := o.users[uid]; u != nil {
			u.failure = te.Task.Message
		}
		o.mu.Unlock()
	}
	return err
}

// unprovisioned is what Okta shows on an assignment made while the API
// integration was disabled (docs/okta-protocol.md §12.7, S53).
const unprovisioned = "User was assigned this application before Provisioning was enabled and not provisioned in the downstream application. Click Provision User."

// SuspendUser suspends the user in Okta (test plan C9295): the user keeps
// its app assignments and group memberships, and nothing is sent
// (docs/okta-protocol.md §12.6).
func (o *Org) SuspendUser(login string) error {
	return o.setSuspended("suspend-user", login, StatusActive, StatusSuspended)
}

// UnsuspendUser returns a suspended user to active (C9300): "All app and
// group memberships are restored"; as they were never removed, nothing is
// sent.
func (o *Org) UnsuspendUser(login string) error {
	return o.setSuspended("unsuspend-user", login, StatusSuspended, StatusActive)
}

func (o *Org) setSuspended(action, login string, from, to UserStatus) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	u := o.userByLogin(login)
	if u == nil {
		return fmt.Errorf("%s: user %q: not in the org", action, login)
	}
	if u.p.Status != from {
		return fmt.Errorf("%s %s: the user is %s, not %s", action, login, u.p.Status, from)
	}
	p := *u.p
	p.Status = to
	u.p = &p
	return nil
}

// Assign assigns the app to the user directly. If the user is not yet
// provisioned (or its last attempt failed) and Create Users is on, Okta's
// assignment flow runs (docs/okta-protocol.md §2.1): the lookup by userName; on a
// miss a POST /Users; on a hit a GET then PUT that links the existing user;
// or, when the hit is the user Okta provisioned before and deactivated,
// an activation (PATCH for OIN, GET then PUT for AIW; lookup then activate
// is the notes' inference, §5.4).
func (o *Org) Assign(ctx context.Context, login string) error {
	const action = "assign"
	o.mu.Lock()
	u := o.userByLogin(login)
	if u == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: user %q: not in the org", action, login)
	}
	if u.p.Status != StatusActive {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: the user is %s in Okta: reactivate or unsuspend it first", action, login, u.p.Status)
	}
	u.direct = true
	run := !u.active
	uid := u.p.ID
	o.mu.Unlock()
	if !run {
		return nil
	}
	return o.provision(ctx, action, uid)
}

// Unassign removes the user's direct assignment. If no group assigns the app
// to the user either, and Deactivate Users is on, the app user is
// deactivated (docs/okta-protocol.md §5: PATCH active false for OIN, GET then PUT
// for AIW); Okta never sends DELETE /Users.
func (o *Org) Unassign(ctx context.Context, login string) error {
	const action = "unassign"
	o.mu.Lock()
	u := o.userByLogin(login)
	if u == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: user %q: not in the org", action, login)
	}
	u.direct = false
	run := !u.assigned() && u.active
	uid := u.p.ID
	o.mu.Unlock()
	if !run {
		return nil
	}
	return o.deprovision(ctx, action, uid)
}

// DeactivateUser deactivates the user in Okta, which removes its app
// assignments: the app user is deactivated if Deactivate Users is on. Its
// group memberships stay, so a group-based assignment comes back on
// ReactivateUser.
func (o *Org) DeactivateUser(ctx context.Context, login string) error {
	const action = "deactivate-user"
	o.mu.Lock()
	u := o.userByLogin(login)
	if u == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: user %q: not in the org", action, login)
	}
	p := *u.p
	p.Status = StatusDeprovisioned
	u.p = &p
	u.direct = false
	run := u.active
	uid := u.p.ID
	o.mu.Unlock()
	if !run {
		return nil
	}
	return o.deprovision(ctx, action, uid)
}

// ReactivateUser reactivates the user in Okta. A group-based assignment
// provisions it again at once (lookup, then activation); a direct one must
// be given again with Assign, as in Okta's CRUD test (docs/okta-protocol.md §5.4,
// §9.3).
func (o *Org) ReactivateUser(ctx context.Context, login string) error {
	const action = "reactivate-user"
	o.mu.Lock()
	u := o.userByLogin(login)
	if u == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: user %q: not in the org", action, login)
	}
	if u.p.Status != StatusDeprovisioned {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: the user is %s in Okta, not deactivated", action, login, u.p.Status)
	}
	p := *u.p
	p.Status = StatusActive
	u.p = &p
	run := u.assigned() && !u.active
	uid := u.p.ID
	o.mu.Unlock()
	if !run {
		return nil
	}
	return o.provision(ctx, action, uid)
}

// UpdateUser changes the user's Okta profile with edit, which gets a copy
// (it must not change ID or Status; use DeactivateUser and ReactivateUser).
// If the user is provisioned and Update User Attributes is on, the profile
// is pushed: GET /Users/{id} then PUT /Users/{id} with the profile merged
// over the answer (docs/okta-protocol.md §4.1). A changed Login goes out as the new
// userName in that PUT (§4.2, an inference).
func (o *Org) UpdateUser(ctx context.Context, login string, edit func(*User)) error {
	const action = "update-user"
	o.mu.Lock()
	u := o.userByLogin(login)
	if u == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: user %q: not in the org", action, login)
	}
	nu := u.p.copyUser()
	o.mu.Unlock()
	edit(&nu)
	o.mu.Lock()
	if u.p.ID != nu.ID || u.p.Status != nu.Status {
		o.mu.Unlock()
		return fmt.Errorf("%s %s: the edit changed the id or status: use DeactivateUser and ReactivateUser", action, login)
	}
	p, err := prepareProfile(nu, o.empty)
	if err != nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: %w", action, err)
	}
	oldKey, newKey := strings.ToLower(u.p.Login), strings.ToLower(p.Login)
	if oldKey != newKey {
		if _, dup := o.logins[newKey]; dup {
			o.mu.Unlock()
			return fmt.Errorf("%s %s: login %q: already in the org", action, login, p.Login)
		}
		delete(o.logins, oldKey)
		o.logins[newKey] = p.ID
	}
	u.p = p
	s := o.snapshot(u)
	run := s.settings.UpdateUserAttributes && u.assigned() && u.active
	o.mu.Unlock()
	if !run {
		return nil
	}
	f := o.profileFlow(action, p.Login)
	return o.putUser(ctx, f, s.scimID, p, true, "", "Error while updating user "+p.taskName())
}

// SetPassword changes the user's Okta password. If the user is provisioned
// and Sync Password is on, it is pushed: PATCH /Users/{id} replacing
// password for OIN, GET then PUT with password for AIW (docs/okta-protocol.md §6;
// the PATCH body is the notes' inference). With Sync Password on, creates
// send this password instead of a placeholder (an inference from §6).
func (o *Org) SetPassword(ctx context.Context, login, password string) error {
	const action = "set-password"
	o.mu.Lock()
	u := o.userByLogin(login)
	if u == nil {
		o.mu.Unlock()
		return fmt.Errorf("%s: user %q: not in the org", action, login)
	}
	u.password = password
	s := o.snapshot(u)
	run := s.settings.SyncPassword && u.assigned() && u.active && password != ""
	o.mu.Unlock()
	if !run {
		return nil
	}
	f := o.passwordFlow(action, s.p.Login)
	while := "Error while updating the password of user " + s.p.taskName()
	if o.profile == AIW {
		return o.putUser(ctx, f, s.scimID, s.p, true, password, while)
	}
	return o.patchUser(ctx, f, s.scimID, "password", appendString(nil, password), while)
}

// provision runs Okta's assignment flow for one user (see Assign). A step
// that fails leaves the link as it was and marks the assignment
// (noteFailure).
func (o *Org) provision(ctx context.Context, action, uid string) error {
	s, ok := o.snapshotID(uid)
	if ok && o.Settings().IntegrationDisabled {
		o.mu.Lock()
		if u := o.users[uid]; u != nil {
			u.failure = unprovisioned
		}
		o.mu.Unlock()
		return nil
	}
	if !ok || !s.settings.CreateUsers {
		return nil
	}
	return o.noteFailure(uid, o.provisionFlow(ctx, action, uid, s))
}

func (o *Org) provisionFlow(ctx context.Context, action, uid string, s userSnap) error {
	f := o.provisioningFlow(action, s.p.Login)
	id, found, err := o.lookupUser(ctx, f, s.p)
	if err != nil {
		return err
	}
	switch {
	case !found:
		password := s.password
		if !s.settings.SyncPassword || password == "" {
			password = o.newPassword()
		}
		id, err = o.createUser(ctx, f, s.p, password)
	case id == s.scimID:
		err = o.activate(ctx, f, s, true)
	default:
		// A user already in the app: Okta links it and sends its profile
		// (§2.1 step 4, §2.5); active true goes with it (an inference
		// from S26's re-assignment PUT).
		err = o.putUser(ctx, f, id, s.p, true, "", "Error while updating user "+s.p.taskName())
	}
	if err != nil {
		return err
	}
	o.setLink(uid, id, true)
	return nil
}

// deprovision deactivates the app user if Deactivate Users is on.
func (o *Org) deprovision(ctx context.Context, action, uid string) error {
	s, ok := o.snapshotID(uid)
	if !ok || !s.settings.DeactivateUsers || s.scimID == "" || !s.active {
		return nil
	}
	f := o.deactivationFlow(action, s.p.Login)
	if err := o.activate(ctx, f, s, false); err != nil {
		return o.noteFailure(uid, err)
	}
	o.setLink(uid, s.scimID, false)
	return nil
}

// activate sets active: PATCH replace {"active":…} for OIN (§5.1, §5.4), GET
// then PUT with active for AIW (§5.2).
func (o *Org) activate(ctx context.Context, f flow, s userSnap, active bool) error {
	while := "Error while activating user " + s.p.taskName()
	value := []byte("true")
	if !active {
		while = "Error while deactivating user " + s.p.taskName()
		value = []byte("false")
	}
	if o.profile == AIW {
		return o.putUser(ctx, f, s.scimID, s.p, active, "", while)
	}
	return o.patchUser(ctx, f, s.scimID, "active", value, while)
}

// forEach runs fn for each user id and joins the errors: Okta carries on
// with the other users when one fails.
func forEach(uids []string, fn func(uid string) error) error {
	var errs []error
	for _, uid := range uids {
		if err := fn(uid); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
