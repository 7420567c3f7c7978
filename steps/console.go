package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// What an app admin does in the Admin Console, through the Admin Console API
// of docs/design.md. Every step here needs that API and skips without it.

// consoleGroup is a group as the Admin Console API shows it.
type consoleGroup struct {
	ID                 string   `json:"id"`
	DisplayName        string   `json:"displayName"`
	Folder             string   `json:"folder"`
	Origin             string   `json:"origin"`
	Synced             bool     `json:"synced"`
	DeletedInDirectory bool     `json:"deletedInDirectory"`
	Members            []string `json:"members"`
}

// admin sends a request to the Admin Console API for the scenario's
// organization; path is below /admin/orgs/{org}.
func (st *scenario) admin(ctx context.Context, method, path string, body any) (*exchange, error) {
	if err := st.target(ctx); err != nil {
		return nil, err
	}
	u := st.suite.cfg.AdminURL + "/orgs/" + url.PathEscape(st.orgID) + path
	if st.env == "sandbox" {
		u += "?env=sandbox"
	}
	var b []byte
	if body != nil {
		b, _ = json.Marshal(body)
	}
	x := st.send(ctx, "admin", method, u, b, st.adminHeader(body != nil))
	if x.status == 0 {
		return x, st.failOn(x, "%s %s: no answer", method, u)
	}
	return x, nil
}

// consoleAction runs an admin action. In a Given step it must succeed; in a
// When step its answer is kept for the Then steps.
func (st *scenario) consoleAction(ctx context.Context, what, method, path string, body any) (*exchange, error) {
	if err := st.needAdmin(what); err != nil {
		return nil, err
	}
	x, err := st.admin(ctx, method, path, body)
	if err != nil {
		return x, err
	}
	st.last = x
	if st.inGiven() && (x.status < 200 || x.status > 299) {
		return x, st.failOn(x, "%s: expected success, got %s", what, statusText(x))
	}
	return x, nil
}

// consoleGroupID is the console id of a group: the id it has over SCIM, or
// the one the console gave it.
func (st *scenario) consoleGroupID(label string) (string, error) {
	return st.groupID(label)
}

// adminCreatesGroup is `the app admin creates the group "Lunch" in the console`.
func (st *scenario) adminCreatesGroup(ctx context.Context, label string) error {
	g := st.group(label)
	x, err := st.consoleAction(ctx, "Creating a group in the console", http.MethodPost, "/groups", map[string]string{"displayName": g.displayName})
	if err != nil {
		return err
	}
	if x.status == http.StatusCreated {
		doc, err := x.json()
		if err != nil || doc.Get("id").String() == "" {
			return st.failOn(x, "POST /groups: expected a group with an id")
		}
		g.bind(doc.Get("id").String())
	}
	return nil
}

// adminRenames is `the app admin renames the group "Engineering" to "Eng Social" in the console`.
func (st *scenario) adminRenames(ctx context.Context, label, to string) error {
	if err := st.needAdmin("Renaming a group in the console"); err != nil {
		return err
	}
	id, err := st.consoleGroupID(label)
	if err != nil {
		return err
	}
	_, err = st.consoleAction(ctx, "Renaming a group in the console", http.MethodPatch, "/groups/"+url.PathEscape(id), map[string]string{"displayName": st.displayNameFor(to)})
	return err
}

// adminDeletes is `the app admin deletes the group "Engineering" in the console`.
func (st *scenario) adminDeletes(ctx context.Context, label string) error {
	if err := st.needAdmin("Deleting a group in the console"); err != nil {
		return err
	}
	id, err := st.consoleGroupID(label)
	if err != nil {
		return err
	}
	_, err = st.consoleAction(ctx, "Deleting a group in the console", http.MethodDelete, "/groups/"+url.PathEscape(id), nil)
	return err
}

// adminSetsMembers is `the app admin sets the members of the group "Engineering" to nobody in the console`.
func (st *scenario) adminSetsMembers(ctx context.Context, label, list string) error {
	if err := st.needAdmin("Changing members in the console"); err != nil {
		return err
	}
	id, err := st.consoleGroupID(label)
	if err != nil {
		return err
	}
	ids := []string{}
	if list != "nobody" {
		for _, n := range names(list) {
			uid, err := st.userID(n)
			if err != nil {
				return err
			}
			ids = append(ids, uid)
		}
	}
	_, err = st.consoleAction(ctx, "Changing members in the console", http.MethodPut, "/groups/"+url.PathEscape(id)+"/members", map[string][]string{"members": ids})
	return err
}

// adminUnlinks is `the app admin unlinks the group "Engineering"`; the group
// as it was unlinked is kept for "the earlier app group … is unchanged".
func (st *scenario) adminUnlinks(ctx context.Context, label string) error {
	if err := st.needAdmin("Unlinking a group"); err != nil {
		return err
	}
	g := st.group(label)
	id, err := st.consoleGroupID(label)
	if err != nil {
		return err
	}
	x, err := st.consoleAction(ctx, "Unlinking a group", http.MethodPost, "/groups/"+url.PathEscape(id)+"/unlink", nil)
	if err != nil {
		return err
	}
	if x.status == http.StatusOK {
		var cg consoleGroup
		if err := json.Unmarshal(x.respBody, &cg); err != nil {
			return st.failOn(x, "POST …/unlink: expected the group in the answer: %v", err)
		}
		g.snapshot = &cg
	}
	return nil
}

// adminRetention is "the app admin keeps groups deleted in the directory".
func (st *scenario) adminRetention(ctx context.Context, choice string) error {
	_, err := st.consoleAction(ctx, "Choosing what happens to deleted groups", http.MethodPut, "/settings", map[string]bool{"retainDeletedGroups": choice == "keeps"})
	return err
}

// adminCreatesFolder is `the app admin creates the folder "Teams"`.
func (st *scenario) adminCreatesFolder(ctx context.Context, name string) error {
	_, err := st.consoleAction(ctx, "Creating a folder", http.MethodPost, "/folders", map[string]string{"name": name})
	return err
}

// adminSetsFolder is `the app admin sets the destination folder to "Teams"`.
func (st *scenario) adminSetsFolder(ctx context.Context, name string) error {
	_, err := st.consoleAction(ctx, "Choosing the destination folder", http.MethodPut, "/settings", map[string]string{"destinationFolder": name})
	return err
}

// Console assertions.

// consoleListsUser is "the app console lists Alice in Users" (or does not).
func (st *scenario) consoleListsUser(ctx context.Context, verb, who string) error {
	if err := st.needAdmin("Reading the console's Users section"); err != nil {
		return err
	}
	x, err := st.admin(ctx, http.MethodGet, "/users", nil)
	if err != nil {
		return err
	}
	if x.status != http.StatusOK {
		return st.failOn(x, "GET /users: expected 200, got %s", statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return st.failOn(x, "GET /users: %v", err)
	}
	p := st.person(who)
	var row gjson.Result
	for _, u := range doc.Get("users").Array() {
		if strings.EqualFold(u.Get("userName").String(), p.userName) {
			row = u
		}
	}
	switch {
	case verb == "lists" && !row.Exists():
		return st.failOn(x, "expected the console's Users section to list %s (%s), it does not", who, p.userName)
	case verb == "does not list" && row.Exists():
		return st.failOn(x, "expected the console's Users section not to list %s (%s), it does: %s", who, p.userName, row.Raw)
	case verb == "lists" && st.okta != nil && p.oktaLogin != "":
		if u, ok := st.okta.User(p.oktaLogin); ok {
			if g, f := row.Get("givenName").String(), row.Get("familyName").String(); g != u.FirstName || f != u.LastName {
				return st.failOn(x, "expected the console to list %s as %s %s, got %s %s", who, u.FirstName, u.LastName, g, f)
			}
		}
	}
	return nil
}

// consoleGroupByID reads one console group.
func (st *scenario) consoleGroupByID(ctx context.Context, id string) (*exchange, gjson.Result, error) {
	x, err := st.admin(ctx, http.MethodGet, "/groups/"+url.PathEscape(id), nil)
	if err != nil {
		return x, gjson.Result{}, err
	}
	if x.status != http.StatusOK {
		return x, gjson.Result{}, st.failOn(x, "GET /groups/%s: expected 200 with the console group, got %s", id, statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return x, gjson.Result{}, st.failOn(x, "GET /groups/%s: %v", id, err)
	}
	return x, doc, nil
}

// consoleListsGroup is `the app console lists the group "Engineering"` (or does not).
func (st *scenario) consoleListsGroup(ctx context.Context, verb, label string) error {
	if err := st.needAdmin("Reading the console's groups"); err != nil {
		return err
	}
	id, err := st.consoleGroupID(label)
	if err != nil {
		return err
	}
	x, err := st.admin(ctx, http.MethodGet, "/groups", nil)
	if err != nil {
		return err
	}
	doc, jerr := x.json()
	if x.status != http.StatusOK || jerr != nil {
		return st.failOn(x, "GET /groups: expected 200 with the groups, got %s", statusText(x))
	}
	listed := false
	for _, g := range doc.Get("groups").Array() {
		if g.Get("id").String() == id {
			listed = true
		}
	}
	if listed != (verb == "lists") {
		return st.failOn(x, "expected the console %s the group %q (id %s)", verb, label, id)
	}
	return nil
}

// consoleGroupShows is `the console group "Engineering" shows synced false`.
func (st *scenario) consoleGroupShows(ctx context.Context, label, field, value string) error {
	if err := st.needAdmin("Reading a console group"); err != nil {
		return err
	}
	id, err := st.consoleGroupID(label)
	if err != nil {
		return err
	}
	x, doc, err := st.consoleGroupByID(ctx, id)
	if err != nil {
		return err
	}
	v, err := st.expand(value, true)
	if err != nil {
		return err
	}
	p, err := parsePredicate("is " + v)
	if err != nil {
		return err
	}
	if err := p.check(doc, field); err != nil {
		return st.failOn(x, "the console group %q: %v", label, err)
	}
	return nil
}

// consoleGroupMembers is `the console group "Engineering" has exactly the members Alice`.
func (st *scenario) consoleGroupMembers(ctx context.Context, label, list string) error {
	if err := st.needAdmin("Reading a console group"); err != nil {
		return err
	}
	id, err := st.consoleGroupID(label)
	if err != nil {
		return err
	}
	x, doc, err := st.consoleGroupByID(ctx, id)
	if err != nil {
		return err
	}
	var got []string
	for _, m := range doc.Get("members").Array() {
		got = append(got, m.String())
	}
	return st.sameMembers(x, fmt.Sprintf("the console group %q", label), got, list)
}

// sameMembers compares member ids with the people of list ("nobody" for none).
func (st *scenario) sameMembers(x *exchange, what string, got []string, list string) error {
	want := map[string]string{}
	if list != "nobody" {
		for _, n := range names(list) {
			id, err := st.userID(n)
			if err != nil {
				return err
			}
			want[id] = n
		}
	}
	gotNames := make([]string, 0, len(got))
	for _, id := range got {
		gotNames = append(gotNames, st.whoIs(id))
	}
	slices.Sort(gotNames)
	wantNames := make([]string, 0, len(want))
	for _, n := range want {
		wantNames = append(wantNames, n)
	}
	slices.Sort(wantNames)
	ok := len(got) == len(want)
	for _, id := range got {
		if _, in := want[id]; !in {
			ok = false
		}
	}
	if !ok {
		return st.failOn(x, "expected %s to have exactly the members %s, got %s", what,
			strings.Join(orNobody(wantNames), ", "), strings.Join(orNobody(gotNames), ", "))
	}
	return nil
}

func orNobody(s []string) []string {
	if len(s) == 0 {
		return []string{"nobody"}
	}
	return s
}

// whoIs names a user id after the scenario's people, or quotes it.
func (st *scenario) whoIs(id string) string {
	for _, p := range st.people {
		if slices.Contains(p.ids, id) {
			return p.label
		}
	}
	return fmt.Sprintf("%q (no user of this scenario)", id)
}

// earlierGroupUnchanged is `the earlier app group "Engineering" is unchanged
// in the console`: the group the admin unlinked is as it was then.
func (st *scenario) earlierGroupUnchanged(ctx context.Context, label string) error {
	if err := st.needAdmin("Reading a console group"); err != nil {
		return err
	}
	g := st.group(label)
	if g.snapshot == nil {
		return fmt.Errorf("the app admin did not unlink the group %q in this scenario", label)
	}
	x, doc, err := st.consoleGroupByID(ctx, g.snapshot.ID)
	if err != nil {
		return err
	}
	var now consoleGroup
	if err := json.Unmarshal([]byte(doc.Raw), &now); err != nil {
		return st.failOn(x, "the console group: %v", err)
	}
	was := *g.snapshot
	slices.Sort(was.Members)
	slices.Sort(now.Members)
	if now.DisplayName != was.DisplayName || now.Synced || !slices.Equal(now.Members, was.Members) || now.Folder != was.Folder {
		return st.failOn(x, "expected the unlinked group %q (id %s) unchanged: %s, synced false, members %v, folder %q; got %s, synced %v, members %v, folder %q",
			label, was.ID, was.DisplayName, was.Members, was.Folder, now.DisplayName, now.Synced, now.Members, now.Folder)
	}
	return nil
}

// freshOrg is "a fresh app organization" with optional flags: the scenario
// needs an organization of its own, with nothing in it but what it makes.
func (st *scenario) freshOrg(ctx context.Context, flags string) error {
	if err := st.needAdmin("An organization of the scenario's own"); err != nil {
		return err
	}
	if st.chosen {
		return fmt.Errorf("%q must come before any step that uses the target", "a fresh app organization")
	}
	body := map[string]any{}
	switch flags {
	case "with provisioning turned off":
		body["provisioning"] = false
	case "not allowed to sync groups":
		body["syncGroups"] = false
	case "not allowed to sync users":
		body["syncUsers"] = false
	}
	return st.makeOrg(ctx, body)
}
