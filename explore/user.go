package explore

import "github.com/scimharness/scimharness/mockokta"

// userKinds are Okta's actions on a user: assignment, profile changes,
// lifecycle, the user import and entitlement grants.
var userKinds = []kindInfo{
	{kind: Assign, name: "assign", pack: PackCore, weight: 12, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			if a.app.Assigned {
				return out, errSkip
			}
			out.mustTask = a.p.nonEmail && e.pack == PackZinc
			out.mayTask = a.p.renamed
			return out, e.okta(e.org.Assign(e.ctx, a.p.login))
		},
		steps: func(a Action) []string { return []string{step(stepAssign, a.who())} }},

	{kind: Unassign, name: "unassign", pack: PackCore, weight: 3, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			if !a.app.Assigned {
				return out, errSkip
			}
			out.mayTask = a.p.renamed
			return out, e.okta(e.org.Unassign(e.ctx, a.p.login))
		},
		steps: func(a Action) []string { return []string{step(stepUnassign, a.who())} }},

	{kind: ChangeFirstName, name: "change-first-name", pack: PackCore, weight: 4, user: true,
		apply: changeName,
		steps: func(a Action) []string {
			return []string{step(stepChange, a.who(), "first name", firstNames[a.Value%len(firstNames)])}
		}},

	{kind: ChangeLastName, name: "change-last-name", pack: PackCore, weight: 4, user: true,
		apply: changeName,
		steps: func(a Action) []string {
			return []string{step(stepChange, a.who(), "last name", lastNames[a.Value%len(lastNames)])}
		}},

	{kind: Deactivate, name: "deactivate", pack: PackCore, weight: 4, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			if u, _ := e.org.User(a.p.login); u.Status != mockokta.StatusActive {
				return out, errSkip
			}
			out.mayTask = a.p.renamed
			return out, e.okta(e.org.DeactivateUser(e.ctx, a.p.login))
		},
		steps: func(a Action) []string { return []string{step(stepDeactivate, a.who())} }},

	{kind: Reactivate, name: "reactivate", pack: PackCore, weight: 4, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			if u, _ := e.org.User(a.p.login); u.Status == mockokta.StatusActive {
				return out, errSkip
			}
			out.mayTask = a.p.renamed
			err := e.okta(e.org.ReactivateUser(e.ctx, a.p.login))
			if err == nil {
				a.p.reactivated = true
				e.mu.Lock()
				delete(e.repushed, a.app.SCIMID)
				e.mu.Unlock()
			}
			return out, err
		},
		steps: func(a Action) []string { return []string{step(stepReactivate, a.who())} }},

	{kind: ImportUsers, name: "import-users", pack: PackCore, weight: 2,
		// The import is run by the import invariants, which read its result.
		apply: func(*episode, act) (outcome, error) { return outcome{}, nil },
		steps: func(Action) []string { return []string{step(stepImport, "users")} }},

	{kind: ChangeEnterprise, name: "change-enterprise-attribute", pack: PackCore, weight: 3, user: true,
		apply: func(e *episode, a act) (outcome, error) { return changeExtension(e, a, enterpriseAttr) },
		steps: func(a Action) []string {
			return []string{step(stepChange, a.who(), enterpriseAttr, extValues[a.Value%len(extValues)])}
		}},

	{kind: GrantEntitlement, name: "grant-entitlement", pack: PackCore, admin: true, weight: 2, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			if !a.app.Active || a.app.SCIMID == "" || a.p.granted != "" || a.p.renamed {
				return outcome{}, errSkip
			}
			return e.grant(a.p)
		},
		steps: func(a Action) []string { return []string{step(stepGrant, a.who(), entitlementDisplay)} },
		// The first grant makes the entitlement and imports it.
		once: []string{step(stepZincGrantable, entitlementDisplay, entitlementType), step(stepImport, "entitlements")}},

	{kind: ChangeUsername, name: "change-username", pack: PackZinc, weight: 1, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			if a.p.renamed || a.app.SCIMID == "" || !a.app.Active || a.p.lost {
				return out, errSkip
			}
			newLogin := "renamed." + a.p.login
			out.mustTask = true
			err := e.okta(e.org.UpdateUser(e.ctx, a.p.login, func(u *mockokta.User) { u.Login = newLogin }))
			if _, ok := e.org.User(newLogin); ok {
				a.p.login = newLogin
			}
			a.p.renamed = true
			return out, err
		},
		steps: func(a Action) []string {
			return []string{step(stepChange, a.who(), "username", "renamed.{"+a.who()+".userName}")}
		}},

	{kind: ChangeCustom, name: "change-custom-attribute", pack: PackZinc, weight: 2, user: true,
		apply: func(e *episode, a act) (outcome, error) { return changeExtension(e, a, customAttr) },
		steps: func(a Action) []string {
			return []string{step(stepChange, a.who(), customAttr, extValues[a.Value%len(extValues)])}
		}},
}

// changeName is Okta changing a first or last name.
func changeName(e *episode, a act) (outcome, error) {
	var out outcome
	u, _ := e.org.User(a.p.login)
	v := firstNames[a.Value%len(firstNames)]
	if a.Kind == ChangeLastName {
		v = lastNames[a.Value%len(lastNames)]
	}
	if (a.Kind == ChangeFirstName && u.FirstName == v) || (a.Kind == ChangeLastName && u.LastName == v) {
		return out, errSkip
	}
	out.mayTask = a.p.renamed
	// Okta pushes a profile only to an app user active in the app; one
	// changed meanwhile stays stale there until the next profile push.
	a.p.stale = a.app.SCIMID != "" && !a.app.Active || (a.p.stale && !a.app.Active)
	return out, e.okta(e.org.UpdateUser(e.ctx, a.p.login, func(u *mockokta.User) {
		if a.Kind == ChangeFirstName {
			u.FirstName = v
		} else {
			u.LastName = v
		}
	}))
}

// changeExtension is Okta setting (or, with the last value, clearing) an
// extension attribute; only what Okta pushes is checked.
func changeExtension(e *episode, a act, key string) (outcome, error) {
	var out outcome
	v := extValues[a.Value%len(extValues)]
	u, _ := e.org.User(a.p.login)
	if cur, _ := u.Attributes[key].(string); cur == v || !a.app.Active || a.app.SCIMID == "" || a.p.renamed {
		return out, errSkip
	}
	err := e.okta(e.org.UpdateUser(e.ctx, a.p.login, func(u *mockokta.User) {
		if u.Attributes == nil {
			u.Attributes = map[string]any{}
		}
		u.Attributes[key] = v
	}))
	if a.p.ext == nil {
		a.p.ext = map[string]bool{}
	}
	a.p.ext[key] = true
	return out, err
}
