package explore

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// checkImport runs Okta's import after an import action: every user active
// in the app that Okta made comes back exactly once, no inactive one; a
// group import finds every group Okta pushed once and no console group.
func (e *episode) checkImport(a Action) (*Violation, error) {
	switch a.Kind {
	case ImportUsers:
		imp, err := e.org.ImportUsers(e.ctx)
		if err != nil || imp == nil {
			return nil, nil // the task invariant reports it
		}
		seen := map[string]int{}
		names := map[string]int{}
		for _, r := range imp.Resources {
			seen[r.ID]++
			names[strings.ToLower(r.Name)]++
		}
		for i := 1; i <= e.bulk; i++ {
			if n := names[e.bulkName(i)]; n != 1 {
				return &Violation{Invariant: "import returns each active user once", Pack: PackCore,
					Message: fmt.Sprintf("Okta's import of %d users in pages of 100 read %s %d times, expected once (it read %d resources)", e.bulk, e.bulkName(i), n, len(imp.Resources)),
					Then:    []string{step(stepImportEach, e.bulk)}}, nil
			}
		}
		for i, p := range e.people {
			app, _ := e.org.AppUser(p.login)
			if app.SCIMID == "" || p.tainted || p.renamed {
				continue
			}
			want := 0
			if app.Active || e.org.Settings().ProfileSourcing {
				want = 1 // a profile-sourcing import reads inactive users too
			}
			if seen[app.SCIMID] != want {
				verb := "finds"
				if want == 0 {
					verb = "does not find"
				}
				return &Violation{Invariant: "import returns each active user once", Pack: PackCore,
					Message: fmt.Sprintf("Okta's import read %s (%s) %d times, expected %d", e.name(i), app.SCIMID, seen[app.SCIMID], want),
					Then:    []string{step(stepImportFinds, verb, e.name(i))}}, nil
			}
		}
	case ImportGroups:
		imp, err := e.org.ImportGroups(e.ctx)
		if err != nil || imp == nil {
			return nil, nil
		}
		seen := map[string]int{}
		byName := map[string]bool{}
		for _, r := range imp.Resources {
			seen[r.ID]++
			byName[r.Name] = true
		}
		if e.pack == PackZinc && e.consoleGroup && byName[e.groupName(consoleGroupName)] {
			return &Violation{Invariant: "console groups never appear over SCIM", Pack: PackZinc,
				Message: "Okta's group import read the console group " + consoleGroupName,
				Then:    []string{step(stepGroupImportFinds, "does not find", consoleGroupName)}}, nil
		}
		for _, g := range e.groups {
			og, _ := e.org.Group(e.currentName(&g))
			if og.SCIMID == "" || g.consoleU || g.tainted || e.isLost(og.SCIMID) {
				continue
			}
			if seen[og.SCIMID] != 1 {
				then := step(stepGroupImportFinds, "finds", g.label)
				if g.renamed {
					then = step(stepGroupVisible, g.label)
				}
				return &Violation{Invariant: "import returns each pushed group once", Pack: PackCore,
					Message: fmt.Sprintf("Okta's group import read %q (%s) %d times, expected once", og.Name, og.SCIMID, seen[og.SCIMID]),
					Then:    []string{then}}, nil
			}
		}
	}
	return nil, nil
}

// checkNoGroup (Zinc): a user deactivated in the app, or reactivated and not
// pushed to a group since, is in no group.
func (e *episode) checkNoGroup(Action) (*Violation, error) {
	for i := range e.people {
		p := &e.people[i]
		app, _ := e.org.AppUser(p.login)
		e.mu.Lock()
		if p.reactivated && e.repushed[app.SCIMID] {
			p.reactivated = false // Okta pushed it into a group again
		}
		e.mu.Unlock()
		if app.SCIMID == "" || p.tainted || (app.Active && !p.reactivated) {
			continue
		}
		ans, err := e.scim(http.MethodGet, "/Users/"+url.PathEscape(app.SCIMID), nil)
		if err != nil {
			return nil, err
		}
		if ans.status != http.StatusOK {
			continue // the core's invariant reports it
		}
		if n := len(ans.json().Get("groups").Array()); n > 0 {
			what := "deactivated"
			if app.Active {
				what = "reactivated"
			}
			return &Violation{Invariant: "a " + what + " user is in no group", Pack: PackZinc,
				Message: fmt.Sprintf("%s, %s, is in %d groups", e.name(i), what, n), Evidence: ans.String(),
				Then: []string{step(stepInNoGroup, e.name(i))}}, nil
		}
		for _, g := range e.groups {
			og, _ := e.org.Group(e.currentName(&g))
			if og.SCIMID == "" || g.consoleU {
				continue
			}
			ga, err := e.scim(http.MethodGet, "/Groups/"+url.PathEscape(og.SCIMID), nil)
			if err != nil {
				return nil, err
			}
			if memberSet(ga.json().Get("members"))[app.SCIMID] {
				return &Violation{Invariant: "a deactivated or reactivated user is in no group", Pack: PackZinc,
					Message: fmt.Sprintf("%s is still a member of %q", e.name(i), g.label), Evidence: ga.String(),
					Then: []string{step(stepInNoGroup, e.name(i))}}, nil
			}
		}
	}
	return nil, nil
}

// checkConsoleGroup (Zinc): the console group is not found over SCIM.
func (e *episode) checkConsoleGroup(a Action) (*Violation, error) {
	if !e.consoleGroup || (a.Kind != ConsoleCreateGroup && a.Kind != PushGroup) {
		return nil, nil
	}
	name := e.groupName(consoleGroupName)
	q := url.Values{"filter": {fmt.Sprintf("displayName eq %q", name)}, "startIndex": {"1"}, "count": {"100"}}
	ans, err := e.scim(http.MethodGet, "/Groups?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	if n := len(ans.json().Get("Resources").Array()); n != 0 {
		return &Violation{Invariant: "console groups never appear over SCIM", Pack: PackZinc,
			Message: fmt.Sprintf("a lookup of the console group %q found %d groups", consoleGroupName, n), Evidence: ans.String(),
			Then: []string{step(stepSend, "GET", `/Groups?filter=displayName eq "`+consoleGroupName+`"`), step(stepResponseListOf, 0)}}, nil
	}
	return nil, nil
}

// checkConsoleUsers (Zinc): the Users section lists the users active in the
// app, and no other of the cast.
func (e *episode) checkConsoleUsers(a Action) (*Violation, error) {
	switch a.Kind {
	case Assign, Unassign, Deactivate, Reactivate, ChangeUsername:
	default:
		return nil, nil // no other action changes who the console lists
	}
	ans, err := e.admin(http.MethodGet, "/users", nil)
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for _, u := range ans.json().Get("users").Array() {
		listed[strings.ToLower(u.Get("userName").String())] = true
	}
	for i, p := range e.people {
		app, _ := e.org.AppUser(p.login)
		if p.tainted || p.renamed || (app.SCIMID == "" && p.firstID == "") {
			continue
		}
		want := app.SCIMID != "" && app.Active
		if listed[strings.ToLower(p.userName)] != want {
			verb := "lists"
			if !want {
				verb = "does not list"
			}
			return &Violation{Invariant: "the console lists exactly the active users", Pack: PackZinc,
				Message: fmt.Sprintf("the console's Users section: %s expected %v, got %v", e.name(i), want, !want), Evidence: ans.String(),
				Then: []string{step(stepConsoleListsUser, verb, e.name(i))}}, nil
		}
	}
	return nil, nil
}

// checkConsoleSettings (Zinc): a group Okta deleted stays in the console
// when retention is on and leaves it when off; a group pushed after the
// destination became the Root Level Folder is there.
func (e *episode) checkConsoleSettings(a Action) (*Violation, error) {
	if a.Kind != UnlinkDelete && a.Kind != PushGroup {
		return nil, nil
	}
	g := e.groups[a.Group]
	if a.Kind == UnlinkDelete && g.deleted != "" && len(g.pastIDs) > 0 && g.pastIDs[len(g.pastIDs)-1] == g.deleted {
		ans, err := e.admin(http.MethodGet, "/groups/"+url.PathEscape(g.deleted), nil)
		if err != nil {
			return nil, err
		}
		if (ans.status == http.StatusOK) != e.keepDeleted {
			verb := "lists"
			if !e.keepDeleted {
				verb = "does not list"
			}
			return &Violation{Invariant: "the console keeps deleted groups as its setting says", Pack: PackZinc,
				Message: fmt.Sprintf("the console group %q after Okta deleted it: retention %v, console answered %d", g.label, e.keepDeleted, ans.status), Evidence: ans.String(),
				Then: []string{step(stepConsoleListsGroup, verb, g.label)}}, nil
		}
	}
	if a.Kind == PushGroup && g.root {
		og, _ := e.org.Group(e.currentName(&g))
		ans, err := e.admin(http.MethodGet, "/groups/"+url.PathEscape(og.SCIMID), nil)
		if err != nil {
			return nil, err
		}
		if f := ans.json().Get("folder").String(); f != "Root Level Folder" {
			return &Violation{Invariant: "pushed groups land in the destination folder", Pack: PackZinc,
				Message: fmt.Sprintf("the console group %q is in %q, expected the Root Level Folder", g.label, f), Evidence: ans.String(),
				Then: []string{step(stepConsoleShows, g.label, "folder", `"Root Level Folder"`)}}, nil
		}
	}
	return nil, nil
}
