package explore

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// invariant is one property checked after every action. The core's hold for
// any SCIM server Okta provisions; an app pack's for that app only, so that
// `--app none` uses the core's alone.
type invariant struct {
	name  string
	pack  Pack
	admin bool // needs the Admin Console API
	check func(e *episode, a Action) (*Violation, error)
}

// invariants is every invariant, the core's first (read-only).
var invariants = []invariant{
	{"the app user matches Okta's profile", PackCore, false, (*episode).checkUsers},
	{"a lookup finds exactly the users Okta created", PackCore, false, (*episode).checkLookups},
	{"membership equals what Okta pushed", PackCore, false, (*episode).checkGroups},
	{"import returns each active user once", PackCore, false, (*episode).checkImport},
	{memoryInvariant, PackCore, false, (*episode).checkMemory},
	{"a deactivated or reactivated user is in no group", PackZinc, false, (*episode).checkNoGroup},
	{"console groups never appear over SCIM", PackZinc, true, (*episode).checkConsoleGroup},
	{"the console lists exactly the active users", PackZinc, true, (*episode).checkConsoleUsers},
	{"the console follows its settings", PackZinc, true, (*episode).checkConsoleSettings},
}

func (e *episode) uses(inv invariant) bool {
	return (inv.pack == PackCore || inv.pack == e.pack) && (!inv.admin || e.orgID != "")
}

func (e *episode) name(i int) string { return People[i].First }

// checkUsers reads every app user Okta linked: it answers, keeps its id,
// and carries Okta's profile; Zinc's userName never changes and its
// displayName is first and last name.
func (e *episode) checkUsers(Action) (*Violation, error) {
	for i := range e.people {
		p := &e.people[i]
		app, _ := e.org.AppUser(p.login)
		if app.SCIMID == "" || p.lost {
			continue // a lost user: checkMemory follows it
		}
		who := e.name(i)
		if p.firstID == "" {
			p.firstID = app.SCIMID
		}
		if p.renamed && app.SCIMID != p.firstID {
			continue // Okta's new login made another user: Zinc refused the rename
		}
		if app.SCIMID != p.firstID {
			return &Violation{Invariant: "ids are stable", Pack: PackCore,
				Message: fmt.Sprintf("Okta linked %s to %s, then to %s", who, p.firstID, app.SCIMID),
				Then:    []string{step(stepKeepsID, who)}}, nil
		}
		ans, err := e.scim(http.MethodGet, "/Users/"+url.PathEscape(app.SCIMID), nil)
		if err != nil {
			return nil, err
		}
		state := "active"
		if !app.Active {
			state = "inactive"
		}
		if ans.status != http.StatusOK {
			return &Violation{Invariant: "the app user matches Okta's profile", Pack: PackCore,
				Message: fmt.Sprintf("GET /Users/%s (%s, %s in Okta): expected 200, got %d", app.SCIMID, who, state, ans.status), Evidence: ans.String(),
				Then: []string{step(stepActive, who, state)}}, nil
		}
		doc := ans.json()
		u, _ := e.org.User(p.login)
		fail := func(inv string, pack Pack, path, want, then string) *Violation {
			return &Violation{Invariant: inv, Pack: pack,
				Message:  fmt.Sprintf("GET /Users/%s (%s): %s expected %s, got %s", app.SCIMID, who, path, want, orNone(doc.Get(path).Raw)),
				Evidence: ans.String(), Then: []string{then}}
		}
		if doc.Get("id").String() != app.SCIMID {
			return fail("ids are stable", PackCore, "id", app.SCIMID, step(stepKeepsID, who)), nil
		}
		if doc.Get("password").Exists() {
			return fail("the app user matches Okta's profile", PackCore, "password", "absent", step(stepUserField, who, "password", "is absent")), nil
		}
		// externalId need not be echoed: Okta keeps the server's id
		// (docs/okta-protocol.md §10.3).
		if e.pack == PackZinc && !strings.EqualFold(doc.Get("userName").String(), p.userName) {
			return fail("userName never changes", PackZinc, "userName", p.userName, step(stepUserField, who, "userName", `is "{`+who+`.userName}"`)), nil
		}
		if p.tainted || p.renamed {
			continue
		}
		if doc.Get("active").Bool() != app.Active || doc.Get("active").Type == gjson.Null {
			return fail("the app user matches Okta's profile", PackCore, "active", fmt.Sprint(app.Active), step(stepActive, who, state)), nil
		}
		if !strings.EqualFold(doc.Get("userName").String(), p.login) {
			return fail("the app user matches Okta's profile", PackCore, "userName", p.login, step(stepUserField, who, "userName", `is "{`+who+`.userName}"`)), nil
		}
		if !app.Active || p.stale {
			continue // Okta pushes no profile to a deactivated user
		}
		if doc.Get("name.givenName").String() != u.FirstName {
			return fail("the app user matches Okta's profile", PackCore, "name.givenName", u.FirstName, step(stepUserField, who, "name.givenName", `is "`+u.FirstName+`"`)), nil
		}
		if doc.Get("name.familyName").String() != u.LastName {
			return fail("the app user matches Okta's profile", PackCore, "name.familyName", u.LastName, step(stepUserField, who, "name.familyName", `is "`+u.LastName+`"`)), nil
		}
		for _, x := range []struct{ key, path string }{{enterpriseAttr, enterprisePath}, {customAttr, customPath}} {
			if !p.ext[x.key] {
				continue
			}
			want, _ := u.Attributes[x.key].(string)
			got := doc.Get(x.path)
			if want == "" && got.String() != "" {
				return fail("the app user matches Okta's profile", PackCore, x.path, "cleared", step(stepUserField, who, x.path, "is absent")), nil
			}
			if want != "" && got.String() != want {
				return fail("the app user matches Okta's profile", PackCore, x.path, want, step(stepUserField, who, x.path, `is "`+want+`"`)), nil
			}
		}
		if p.granted != "" && !strings.Contains(doc.Get("entitlements.#.value").Raw, p.granted) {
			return fail("the app user matches Okta's profile", PackCore, "entitlements", "the entitlement Okta granted", step(stepUserField, who, "entitlements", "has 1 item")), nil
		}
		if e.pack == PackZinc {
			if want := u.FirstName + " " + u.LastName; doc.Get("displayName").String() != want {
				return fail("displayName is first and last name", PackZinc, "displayName", want, step(stepUserField, who, "displayName", `is "`+want+`"`)), nil
			}
		}
	}
	return nil, nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// lookup is Okta's lookup of a userName.
func (e *episode) lookup(userName string) (*answer, error) {
	q := url.Values{"filter": {fmt.Sprintf("userName eq %q", userName)}, "startIndex": {"1"}, "count": {"100"}}
	return e.scim(http.MethodGet, "/Users?"+q.Encode(), nil)
}

// checkLookups looks every person up by userName as Okta does: exactly the
// users Okta made are found, once, in a well-formed ListResponse; with an
// Admin Console API (no run prefix), also in another case.
func (e *episode) checkLookups(a Action) (*Violation, error) {
	if !kinds[a.Kind].user && a.Kind != ImportUsers {
		return nil, nil // no other action changes who a lookup finds
	}
	for i := range e.people {
		p := &e.people[i]
		if p.renamed || p.tainted {
			continue
		}
		app, _ := e.org.AppUser(p.login)
		who := e.name(i)
		ans, err := e.lookup(p.userName)
		if err != nil {
			return nil, err
		}
		send := step(stepSend, "GET", `/Users?filter=userName eq "{`+who+`.userName}"&startIndex=1&count=100`)
		if msg, then := listProblem(ans); msg != "" {
			return &Violation{Invariant: "every answer is a well-formed SCIM response", Pack: PackCore,
				Message: "lookup of " + who + ": " + msg, Evidence: ans.String(),
				Then: []string{send, then}}, nil
		}
		res := ans.json().Get("Resources").Array()
		switch {
		case app.SCIMID != "" && (len(res) != 1 || res[0].Get("id").String() != app.SCIMID):
			return &Violation{Invariant: "a lookup finds exactly the users Okta created", Pack: PackCore,
				Message: fmt.Sprintf("lookup of %s: expected exactly %s, found %d users", who, app.SCIMID, len(res)), Evidence: ans.String(),
				Then: []string{step(stepExactlyOne, who)}}, nil
		case app.SCIMID == "" && p.firstID == "" && len(res) != 0:
			return &Violation{Invariant: "a lookup finds exactly the users Okta created", Pack: PackCore,
				Message: fmt.Sprintf("lookup of %s, never created: found %d users", who, len(res)), Evidence: ans.String(),
				Then: []string{step(stepNotInZinc, who)}}, nil
		}
		if app.SCIMID != "" && e.prefix == "" && (a.User == i || a.Kind == Assign) {
			up, err := e.lookup(strings.ToUpper(p.userName))
			if err != nil {
				return nil, err
			}
			if n := len(up.json().Get("Resources").Array()); n != 1 {
				return &Violation{Invariant: "a lookup finds exactly the users Okta created", Pack: PackCore,
					Message: fmt.Sprintf("lookup of %s in upper case: found %d users", who, n), Evidence: up.String(),
					Then: []string{step(stepSend, "GET", `/Users?filter=userName eq "`+strings.ToUpper(p.userName)+`"`), step(stepResponseListOf, 1)}}, nil
			}
		}
	}
	return nil, nil
}

// checkGroups reads every group Okta pushed: its members are what Okta
// pushed (for the users active in the app), its name Okta's, a lookup by
// name finds it alone; a group Okta deleted answers 404.
func (e *episode) checkGroups(Action) (*Violation, error) {
	active := map[string]bool{}
	names := map[string]string{}
	for i, p := range e.people {
		app, _ := e.org.AppUser(p.login)
		if app.SCIMID != "" {
			names[app.SCIMID] = e.name(i)
			active[app.SCIMID] = app.Active
		}
	}
	for gi := range e.groups {
		g := &e.groups[gi]
		if g.deleted != "" {
			ans, err := e.scim(http.MethodGet, "/Groups/"+url.PathEscape(g.deleted), nil)
			if err != nil {
				return nil, err
			}
			if ans.status != http.StatusNotFound {
				return &Violation{Invariant: "a group Okta deleted is gone", Pack: PackCore,
					Message: fmt.Sprintf("GET /Groups/%s after Okta deleted %q: expected 404, got %d", g.deleted, g.label, ans.status), Evidence: ans.String(),
					Then: []string{step(stepGroupGone, g.label)}}, nil
			}
			if !isSCIMError(ans, http.StatusNotFound, "") {
				return &Violation{Invariant: "every answer is a well-formed SCIM response", Pack: PackCore,
					Message: fmt.Sprintf("GET /Groups/%s: a 404 without a SCIM Error body", g.deleted), Evidence: ans.String(),
					Then: []string{step(stepSend, "GET", "/Groups/{"+g.label+".id}"), step(stepResponseError, "404", "")}}, nil
			}
		}
		og, _ := e.org.Group(e.currentName(g))
		if og.SCIMID == "" || g.tainted || e.isLost(og.SCIMID) {
			continue
		}
		if m, _ := e.org.PushMapping(og.Name); m.Status != mockokta.PushActive {
			// Paused, Okta holds its changes back on purpose; in ERROR, it
			// shows the admin that the group is not what it pushed.
			continue
		}
		if g.consoleU {
			if v, err := e.checkUnlinked(g, og.SCIMID); v != nil || err != nil {
				return v, err
			}
			continue
		}
		if slices.Contains(g.pastIDs[:max(0, len(g.pastIDs))], og.SCIMID) && e.unlinked[og.SCIMID] {
			return &Violation{Invariant: "an unlinked group never re-links", Pack: PackZinc,
				Message: fmt.Sprintf("pushing %q again linked the group unlinked in the console, %s", g.label, og.SCIMID),
				Then:    []string{step(stepGroupNewID, g.label)}}, nil
		}
		ans, err := e.scim(http.MethodGet, "/Groups/"+url.PathEscape(og.SCIMID), nil)
		if err != nil {
			return nil, err
		}
		if ans.status != http.StatusOK {
			return &Violation{Invariant: "membership equals what Okta pushed", Pack: PackCore,
				Message: fmt.Sprintf("GET /Groups/%s (%q): expected 200, got %d", og.SCIMID, g.label, ans.status), Evidence: ans.String(),
				Then: []string{step(stepGroupVisible, g.label)}}, nil
		}
		doc := ans.json()
		if !g.nameStale && doc.Get("displayName").String() != og.Name {
			return &Violation{Invariant: "a group's name is Okta's", Pack: PackCore,
				Message: fmt.Sprintf("GET /Groups/%s: displayName expected %q, got %q", og.SCIMID, og.Name, doc.Get("displayName").String()), Evidence: ans.String(),
				Then: []string{step(stepGroupNamed, g.label, strings.TrimPrefix(strings.TrimPrefix(og.Name, e.prefix), " "))}}, nil
		}
		got := memberSet(doc.Get("members"))
		e.mu.Lock()
		want := map[string]bool{}
		for id := range e.expected[og.SCIMID] {
			want[id] = true
		}
		for id := range e.lost { // checkMemory follows the members the app lost
			delete(want, id)
			delete(got, id)
		}
		if e.pack == PackCore { // the core knows only the members active in the app
			for id := range want {
				if !active[id] || e.dropped[id] {
					delete(want, id)
				}
			}
			for id := range got {
				if !active[id] || e.dropped[id] {
					delete(got, id)
				}
			}
		}
		e.mu.Unlock()
		if !sameSet(got, want) {
			return &Violation{Invariant: "membership equals what Okta pushed", Pack: PackCore,
				Message: fmt.Sprintf("members of %q (%s): expected %s, got %s", g.label, og.SCIMID, label(want, names), label(got, names)), Evidence: ans.String(),
				Then: []string{step(stepGroupMembers, g.label, label(want, names))}}, nil
		}
		if g.nameStale {
			continue
		}
		q := url.Values{"filter": {fmt.Sprintf("displayName eq %q", og.Name)}, "startIndex": {"1"}, "count": {"100"}}
		look, err := e.scim(http.MethodGet, "/Groups?"+q.Encode(), nil)
		if err != nil {
			return nil, err
		}
		if msg, then := listProblem(look); msg != "" {
			return &Violation{Invariant: "every answer is a well-formed SCIM response", Pack: PackCore,
				Message: "group lookup: " + msg, Evidence: look.String(),
				Then: []string{step(stepSend, "GET", `/Groups?filter=displayName eq "{`+g.label+`.displayName}"&startIndex=1&count=100`), then}}, nil
		}
		if res := look.json().Get("Resources").Array(); len(res) != 1 || res[0].Get("id").String() != og.SCIMID {
			name := "{" + g.label + ".displayName}"
			if g.renamed {
				name = strings.TrimPrefix(strings.TrimPrefix(og.Name, e.prefix), " ")
			}
			return &Violation{Invariant: "a group lookup finds exactly the pushed group", Pack: PackCore,
				Message: fmt.Sprintf("lookup of the group %q: expected exactly %s, found %d groups", og.Name, og.SCIMID, len(res)), Evidence: look.String(),
				Then: []string{step(stepGroupVisible, g.label),
					step(stepSend, "GET", `/Groups?filter=displayName eq "`+name+`"&startIndex=1&count=100`), step(stepResponseListOf, 1)}}, nil
		}
	}
	return nil, nil
}

// checkUnlinked: a group unlinked in the console is gone from SCIM.
func (e *episode) checkUnlinked(g *groupState, id string) (*Violation, error) {
	ans, err := e.scim(http.MethodGet, "/Groups/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, err
	}
	if ans.status != http.StatusNotFound {
		return &Violation{Invariant: "an unlinked group leaves SCIM", Pack: PackZinc,
			Message: fmt.Sprintf("GET /Groups/%s after the console unlinked %q: expected 404, got %d", id, g.label, ans.status), Evidence: ans.String(),
			Then: []string{step(stepGroupGone, g.label)}}, nil
	}
	return nil, nil
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// label names a set of SCIM user ids as the steps do: "Alice and Bob",
// "nobody"; an id of no person shows as itself.
func label(set map[string]bool, names map[string]string) string {
	var out []string
	for id := range set {
		n := names[id]
		if n == "" {
			n = id
		}
		out = append(out, n)
	}
	slices.Sort(out)
	switch len(out) {
	case 0:
		return "nobody"
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}
