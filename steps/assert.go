package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// What a scenario expects: of the last response, of the app's users and groups
// read over SCIM, and of the JSON Okta sent.

func (st *scenario) lastResponse() (*exchange, error) {
	if st.last == nil {
		return nil, fmt.Errorf("no request has been sent in this scenario yet")
	}
	return st.last, nil
}

// responseStatus is "the response status is 200 or 204".
func (st *scenario) responseStatus(list string) error {
	x, err := st.lastResponse()
	if err != nil {
		return err
	}
	var want []int
	for _, s := range strings.Split(list, " or ") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("%q is not a status code", s)
		}
		want = append(want, n)
	}
	if !slices.Contains(want, x.status) {
		return st.failOn(x, "%s %s: expected status %s, got %s", x.rec.Method, x.rec.URL, list, statusText(x))
	}
	return nil
}

// responseIsError is `the response is a SCIM error 400 with scimType "mutability"`.
func (st *scenario) responseIsError(code, scimType string) error {
	x, err := st.lastResponse()
	if err != nil {
		return err
	}
	want := 0
	if code != "" {
		want, _ = strconv.Atoi(code)
	}
	switch {
	case want != 0 && x.status != want:
		return st.failOn(x, "%s %s: expected a SCIM error %d, got %s", x.rec.Method, x.rec.URL, want, statusText(x))
	case want == 0 && x.status < 400:
		return st.failOn(x, "%s %s: expected a SCIM error, got %s", x.rec.Method, x.rec.URL, statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return st.failOn(x, "expected a SCIM Error body: %v", err)
	}
	if err := st.scimErrorBody(doc, x.status); err != nil {
		return st.failOn(x, "%v", err)
	}
	if scimType != "" {
		if got := doc.Get("scimType"); got.String() != scimType {
			return st.failOn(x, "scimType: expected %q, got %s", scimType, rawOrNone(got))
		}
	}
	return nil
}

// scimErrorBody checks RFC 7644 §3.12: the Error schema, a detail a person can
// read, and the status (RFC: a string; Okta's examples: a number).
func (st *scenario) scimErrorBody(doc gjson.Result, status int) error {
	if !hasString(doc.Get("schemas"), schemaError) {
		return fmt.Errorf("schemas: expected it to contain %q, got %s", schemaError, rawOrNone(doc.Get("schemas")))
	}
	if d := doc.Get("detail"); d.Type != gjson.String || strings.TrimSpace(d.Str) == "" {
		return fmt.Errorf("detail: expected a sentence saying what went wrong, got %s", rawOrNone(d))
	}
	if s := doc.Get("status"); s.String() != strconv.Itoa(status) || (s.Type != gjson.String && s.Type != gjson.Number) {
		return fmt.Errorf("status: expected \"%d\" (the HTTP status), got %s", status, rawOrNone(s))
	}
	return nil
}

func rawOrNone(r gjson.Result) string {
	if !r.Exists() {
		return "none"
	}
	return r.Raw
}

func hasString(arr gjson.Result, s string) bool {
	for _, v := range arr.Array() {
		if v.Type == gjson.String && v.Str == s {
			return true
		}
	}
	return false
}

// responseIsList is "the response is a ListResponse of 2 resources".
func (st *scenario) responseIsList(n string) error {
	x, err := st.lastResponse()
	if err != nil {
		return err
	}
	want := -1
	if n != "" {
		want, _ = strconv.Atoi(n)
	}
	return st.checkList(x, want)
}

// checkList checks that x is a ListResponse: a usable list (see
// usableList) with the ListResponse schema; want >= 0 also checks the
// number of resources on the page. Its paging numbers are OK-08's rule,
// which checkPaging asserts.
func (st *scenario) checkList(x *exchange, want int) error {
	doc, err := st.usableList(x)
	if err != nil {
		return err
	}
	what := x.rec.Method + " " + x.rec.URL
	if !hasString(doc.Get("schemas"), schemaList) {
		return st.failOn(x, "%s: schemas: expected it to contain %q, got %s", what, schemaList, rawOrNone(doc.Get("schemas")))
	}
	if want < 0 {
		return nil // not counted: a page of 100 resources is not split into them for nothing
	}
	if n := len(doc.Get("Resources").Array()); n != want {
		return st.failOn(x, "%s: expected %d resources, got %d", what, want, n)
	}
	return nil
}

// checkPaging checks Okta's paging rules of a ListResponse (RFC 7644
// §3.4.2, docs/okta-protocol.md §3.1): integer totalResults, itemsPerPage and
// startIndex, and itemsPerPage equal to the resources on the page. Only the
// steps of OK-08's scenarios call it: an auxiliary read calls usableList, so
// that one deviation fails the scenarios of its own rule, not every
// scenario that lists.
func (st *scenario) checkPaging(x *exchange) error {
	if err := st.checkList(x, -1); err != nil {
		return err
	}
	doc, _ := x.json()
	what := x.rec.Method + " " + x.rec.URL
	for _, f := range []string{"totalResults", "itemsPerPage", "startIndex"} {
		v := doc.Get(f)
		if v.Type != gjson.Number || v.Num != float64(int64(v.Num)) {
			return st.failOn(x, "%s: %s: expected a JSON integer, got %s%s", what, f, rawOrNone(v), caseHint(doc, f))
		}
	}
	n := len(doc.Get("Resources").Array())
	if ipp := doc.Get("itemsPerPage").Int(); ipp != int64(n) {
		return st.failOn(x, "%s: itemsPerPage: expected %d, the number of Resources on the page, got %d", what, n, ipp)
	}
	return nil
}

// responsePaging is "the response's paging numbers are JSON integers, with
// itemsPerPage counting its Resources".
func (st *scenario) responsePaging() error {
	x, err := st.lastResponse()
	if err != nil {
		return err
	}
	return st.checkPaging(x)
}

// usableList checks what an auxiliary list read needs to go on, and no
// more: status 200, a JSON object, and a Resources array (absent or null
// only when the page is empty). It fails loudly, with the exchange, on a
// response it cannot use; the list's other rules are OK-08's (checkList).
func (st *scenario) usableList(x *exchange) (gjson.Result, error) {
	what := x.rec.Method + " " + x.rec.URL
	if x.status != http.StatusOK {
		return gjson.Result{}, st.failOn(x, "%s: expected 200 with a ListResponse, got %s", what, statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return gjson.Result{}, st.failOn(x, "%s: expected a ListResponse: %v", what, err)
	}
	if !doc.IsObject() {
		return gjson.Result{}, st.failOn(x, "%s: expected a ListResponse object, got %s", what, clip(doc.Raw))
	}
	res := doc.Get("Resources")
	switch {
	case res.IsArray():
	case res.Exists() && res.Type != gjson.Null:
		return gjson.Result{}, st.failOn(x, "%s: Resources: expected an array, got %s", what, clip(res.Raw))
	case doc.Get("totalResults").Int() > 0 && doc.Get("itemsPerPage").Int() != 0:
		return gjson.Result{}, st.failOn(x, "%s: Resources: expected the page's resources, got none%s", what, caseHint(doc, "Resources"))
	}
	return doc, nil
}

// responseHeader is `the response header Content-Type contains "application/scim+json"`.
func (st *scenario) responseHeader(name, op, value string) error {
	x, err := st.lastResponse()
	if err != nil {
		return err
	}
	got := x.header.Get(name)
	ok := got == value
	if op == "contains" {
		ok = strings.Contains(strings.ToLower(got), strings.ToLower(value))
	}
	if !ok {
		return st.failOn(x, "the response header %s: expected it %s %q, got %q", name, op, value, got)
	}
	return nil
}

// jsonMatches is `the response's name.givenName is "Alicia"` and
// `Okta's last request's Operations.0.op is "replace"`.
func (st *scenario) jsonMatches(subject, path, pred string) error {
	var x *exchange
	var doc gjson.Result
	var err error
	if subject == "Okta's last request" || subject == "Okta's first request" {
		x, doc, err = st.oktaRequest(subject == "Okta's first request")
		if err != nil {
			return err
		}
	} else {
		if x, err = st.lastResponse(); err != nil {
			return err
		}
		if doc, err = x.json(); err != nil {
			return st.failOn(x, "%s: %v", subject, err)
		}
	}
	p, err := st.predicate(pred)
	if err != nil {
		return err
	}
	if err := p.check(doc, path); err != nil {
		return st.failOn(x, "%s's %v", subject, err)
	}
	return nil
}

func (st *scenario) predicate(pred string) (predicate, error) {
	s, err := st.expand(pred, true)
	if err != nil {
		return predicate{}, err
	}
	return parsePredicate(s)
}

// pagesMatchOnePage is "reading /Users in pages of 2 gives the same resources
// in the same order as one page".
func (st *scenario) pagesMatchOnePage(ctx context.Context, resource string, size int) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	if size < 1 {
		return fmt.Errorf("pages of %d: expected at least 1", size)
	}
	one := st.get(ctx, resource+"?startIndex=1&count=1000")
	if err := st.checkPaging(one); err != nil {
		return err
	}
	doc, _ := one.json()
	total := int(doc.Get("totalResults").Int())
	all := doc.Get("Resources.#.id").Array()
	if len(all) < total && len(all) < 1000 {
		return st.failOn(one, "%s: totalResults says %d, but one page of 1000 holds %d", resource, total, len(all))
	}
	var paged []string
	var xs []*exchange
	for start := 1; start <= len(all); start += size {
		x := st.get(ctx, fmt.Sprintf("%s?startIndex=%d&count=%d", resource, start, size))
		xs = append(xs, x)
		if err := st.checkPaging(x); err != nil {
			return err
		}
		d, _ := x.json()
		if got := d.Get("startIndex").Int(); got != int64(start) {
			return st.failOn(x, "startIndex: expected %d, got %d", start, got)
		}
		for _, id := range d.Get("Resources.#.id").Array() {
			paged = append(paged, id.String())
		}
	}
	var want []string
	for _, id := range all {
		want = append(want, id.String())
	}
	if !slices.Equal(paged, want) {
		return st.failure(append([]*exchange{one}, xs...), "pages of %d gave the ids %v; one page gave %v", size, paged, want)
	}
	return nil
}

// userActive is "Alice is active in the app" (or inactive): GET /Users/{id}
// answers 200 with that active.
func (st *scenario) userActive(ctx context.Context, who, state string) error {
	x, doc, err := st.readUser(ctx, who)
	if err != nil {
		return err
	}
	a := doc.Get("active")
	want := state == "active"
	if (a.Type != gjson.True && a.Type != gjson.False) || a.Bool() != want {
		return st.failOn(x, "expected %s to be %s in the app (active: %v), got active: %s", who, state, want, rawOrNone(a))
	}
	return nil
}

// userNotInApp is "Alice is not in the app": a lookup by userName finds nobody.
func (st *scenario) userNotInApp(ctx context.Context, who string) error {
	x, found, err := st.lookupUser(ctx, who)
	if err != nil {
		return err
	}
	if len(found) != 0 {
		return st.failOn(x, "expected no user %s in the app, found %d", st.person(who).userName, len(found))
	}
	return nil
}

// exactlyOneUser is "the app has exactly one user for Alice".
func (st *scenario) exactlyOneUser(ctx context.Context, who string) error {
	x, found, err := st.lookupUser(ctx, who)
	if err != nil {
		return err
	}
	if len(found) != 1 {
		return st.failOn(x, "expected exactly one user %s in the app, found %d", st.person(who).userName, len(found))
	}
	st.person(who).bind(found[0].Get("id").String())
	return nil
}

// userKeepsID is "Alice keeps the same app id": the one user with Alice's
// userName has the id Zinc first gave her, and Okta's link points at it.
func (st *scenario) userKeepsID(ctx context.Context, who string) error {
	p := st.person(who)
	if len(p.ids) == 0 {
		if _, err := st.userID(who); err != nil {
			return err
		}
	}
	first := p.ids[0]
	x, found, err := st.lookupUser(ctx, who)
	if err != nil {
		return err
	}
	if len(found) != 1 || found[0].Get("id").String() != first {
		return st.failOn(x, "expected the one user %s in the app to keep the id %s", p.userName, first)
	}
	if st.okta != nil && p.oktaLogin != "" {
		if au, ok := st.okta.AppUser(p.oktaLogin); ok && au.SCIMID != first {
			return st.failure(append([]*exchange{x}, st.blockExchanges()...), "expected Okta's link for %s to keep the id %s, it is %q", who, first, au.SCIMID)
		}
	}
	return nil
}

// userField is `Alice's name.givenName in the app is "Alicia"`.
func (st *scenario) userField(ctx context.Context, who, path, pred string) error {
	x, doc, err := st.readUser(ctx, who)
	if err != nil {
		return err
	}
	p, err := st.predicate(pred)
	if err != nil {
		return err
	}
	if err := p.check(doc, path); err != nil {
		return st.failOn(x, "%s in the app: %v", who, err)
	}
	return nil
}

// readGroup reads a group by id over SCIM.
func (st *scenario) readGroup(ctx context.Context, label string) (*exchange, gjson.Result, error) {
	if err := st.target(ctx); err != nil {
		return nil, gjson.Result{}, err
	}
	id, err := st.groupID(label)
	if err != nil {
		return nil, gjson.Result{}, err
	}
	x := st.get(ctx, "/Groups/"+url.PathEscape(id))
	if x.status != http.StatusOK {
		return x, gjson.Result{}, st.failOn(x, "GET /Groups/%s (%q): expected 200, got %s", id, label, statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return x, gjson.Result{}, st.failOn(x, "GET /Groups/%s: %v", id, err)
	}
	return x, doc, nil
}

// groupMembers is `the app group "Engineering" has exactly the members Alice and Bob`
// (or nobody).
func (st *scenario) groupMembers(ctx context.Context, label, list string) error {
	x, doc, err := st.readGroup(ctx, label)
	if err != nil {
		return err
	}
	ms := doc.Get("members")
	if ms.Exists() && ms.Type != gjson.Null && !ms.IsArray() {
		return st.failOn(x, "members: expected an array, got %s", ms.Raw)
	}
	var got []string
	for _, m := range ms.Array() {
		got = append(got, m.Get("value").String())
	}
	return st.sameMembers(x, fmt.Sprintf("the app group %q", label), got, list)
}

// groupNamed is `the app group "Engineering" is named "Platform"`.
func (st *scenario) groupNamed(ctx context.Context, label, name string) error {
	x, doc, err := st.readGroup(ctx, label)
	if err != nil {
		return err
	}
	want := st.displayNameFor(name)
	if got := doc.Get("displayName"); got.String() != want {
		return st.failOn(x, "displayName of the app group %q: expected %q, got %s", label, want, rawOrNone(got))
	}
	return nil
}

// groupGone is `the app group "Engineering" is gone from SCIM`: its id
// answers 404 and a lookup by its name does not find it.
func (st *scenario) groupGone(ctx context.Context, label string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	id, err := st.groupID(label)
	if err != nil {
		return err
	}
	x := st.get(ctx, "/Groups/"+url.PathEscape(id))
	if x.status != http.StatusNotFound {
		return st.failOn(x, "GET /Groups/%s (%q): expected 404, got %s", id, label, statusText(x))
	}
	return st.groupLookup(ctx, label, id, false)
}

// groupVisible is `the app group "Engineering" is visible over SCIM`.
func (st *scenario) groupVisible(ctx context.Context, label string) error {
	if _, _, err := st.readGroup(ctx, label); err != nil {
		return err
	}
	id, _ := st.groupID(label)
	return st.groupLookup(ctx, label, id, true)
}

func (st *scenario) groupLookup(ctx context.Context, label, id string, want bool) error {
	name := st.group(label).displayName
	u, _ := st.scimURL(fmt.Sprintf(`/Groups?filter=displayName eq "%s"&startIndex=1&count=100`, name))
	x := st.send(ctx, "scim", http.MethodGet, u, nil, st.checkHeader())
	doc, err := st.usableList(x)
	if err != nil {
		return err
	}
	found := false
	for _, r := range doc.Get("Resources").Array() {
		if r.Get("id").String() == id {
			found = true
		}
	}
	if found != want {
		verb := "find"
		if !want {
			verb = "not find"
		}
		return st.failOn(x, "expected a lookup by displayName %q to %s the group %s", name, verb, id)
	}
	return nil
}

// groupIDChange is `the app group "Engineering" keeps the same id` or `has a new id`.
func (st *scenario) groupIDChange(ctx context.Context, label, change string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	g := st.group(label)
	id, err := st.groupID(label)
	if err != nil {
		return err
	}
	first := g.ids[0]
	x := st.get(ctx, "/Groups/"+url.PathEscape(id))
	if x.status != http.StatusOK {
		return st.failOn(x, "GET /Groups/%s (%q): expected 200, got %s", id, label, statusText(x))
	}
	if (id == first) != (change == "keeps the same id") {
		return st.failure(append([]*exchange{x}, st.blockExchanges()...), "expected the app group %q to %s: it was %s, it is %s", label, change, first, id)
	}
	return nil
}

// inNoGroup is "Alice is in no app group": no group over SCIM lists her,
// nor (with the Admin Console API) any group of the console.
func (st *scenario) inNoGroup(ctx context.Context, who string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	id, err := st.userID(who)
	if err != nil {
		return err
	}
	groups, xs, err := st.listAll(ctx, "Groups")
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	for _, g := range groups {
		ids[g.Get("id").String()] = true
		if memberOf(g, id) {
			return st.failure(xs, "expected %s in no app group, but the group %s lists her", who, g.Get("displayName").Raw)
		}
	}
	for _, g := range st.groups {
		for _, gid := range g.ids {
			ids[gid] = true
		}
	}
	for gid := range ids {
		x := st.get(ctx, "/Groups/"+url.PathEscape(gid))
		if x.status != http.StatusOK {
			continue
		}
		doc, err := x.json()
		if err == nil && memberOf(doc, id) {
			return st.failOn(x, "expected %s in no app group, but GET /Groups/%s lists her", who, gid)
		}
	}
	if st.suite.HasAdmin() {
		x, err := st.admin(ctx, http.MethodGet, "/groups", nil)
		if err != nil {
			return err
		}
		doc, err := x.json()
		if x.status != http.StatusOK || err != nil {
			return st.failOn(x, "GET /groups: expected 200 with the console's groups, got %s", statusText(x))
		}
		for _, g := range doc.Get("groups").Array() {
			for _, m := range g.Get("members").Array() {
				if m.String() == id {
					return st.failOn(x, "expected %s in no app group, but the console group %s lists her", who, g.Get("displayName").Raw)
				}
			}
		}
	}
	return nil
}

func memberOf(group gjson.Result, id string) bool {
	for _, m := range group.Get("members").Array() {
		if m.Get("value").String() == id {
			return true
		}
	}
	return false
}
