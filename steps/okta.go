package steps

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// What an Okta admin does, through the mock Okta org: it sends Okta's own
// requests to the SCIM base URL in use, and records what Okta would show.

// org returns the scenario's mock Okta org, made on first use with the base
// URL and profile in use then. It sends nothing: act chooses the target
// before the first request.
func (st *scenario) org(ctx context.Context) (*mockokta.Org, error) {
	if st.okta != nil {
		return st.okta, nil
	}
	if st.oauth != nil {
		// The sign-in on the consent page may need the organization's
		// token: the organization comes first.
		if err := st.target(ctx); err != nil {
			return nil, err
		}
	}
	base := st.suite.client
	rt := base.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	client := &http.Client{Transport: throttle{st: st, base: rt}, CheckRedirect: base.CheckRedirect, Jar: base.Jar}
	cfg := mockokta.Config{
		BaseURL: st.scimBase(),
		Client:  client,
		Auth:    st,
		Profile: st.profile,
		AppName: st.suite.cfg.AppName,
		Timeout: st.suite.cfg.RequestTimeout,
		Observe: st.observeOkta,
		Sleep:   st.recordWait,
		Now:     st.now,
		Limits:  st.suite.cfg.Limits,
		Pages:   st.suite.pages,
		Secrets: st.allSecrets(),
		// An import's pages past those the reports keep whole come brief.
		WholeImportPages: st.suite.cfg.ReportsDetail.wholeImportPages(),

		EmptyValues:  st.ent.empty,
		GrantRequest: st.ent.grantReq,
		Settings:     st.suite.oktaSettings(),
		Variants:     st.variants,
	}
	if oa := st.oauthFor(); oa != nil {
		cfg.Auth, cfg.OAuth = nil, oa
	}
	o, err := mockokta.NewOrg(cfg)
	if err != nil {
		return nil, fmt.Errorf("mock Okta org: %w", err)
	}
	st.okta = o
	return o, nil
}

// oktaSendsVariant is `Okta sends the "full-push-value" request shape`: the
// scenario's mock Okta org sends that variant of Okta's requests
// (docs/okta-protocol.md §11). It must come before Okta's first request.
func (st *scenario) oktaSendsVariant(name string) error {
	v, err := mockokta.LookupVariant(name)
	if err != nil {
		return err
	}
	if st.okta != nil {
		return fmt.Errorf("Okta sends the %q request shape: Okta has sent requests already; choose the shape before the first one", name)
	}
	v.Apply(&st.variants)
	return nil
}

// recordWait is Okta's sleep between 429 attempts. Okta's wait (minutes) is
// recorded on the scenario's virtual clock, where its steps assert Okta's
// schedule. After a 429 the target itself answered, the run also pauses for
// real, min(Okta's wait, Limits.RetryPause): a rate-limited target under
// test is not sent Okta's ten attempts at once. A 429 the harness made
// itself (throttle) never reached the target and costs no real time.
func (st *scenario) recordWait(ctx context.Context, d time.Duration) error {
	st.mu.Lock()
	st.waits = append(st.waits, d)
	real := !st.self429
	st.mu.Unlock()
	if !real {
		return ctx.Err()
	}
	pause := min(d, st.suite.cfg.Limits.RetryPause)
	t := time.NewTimer(pause)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// act runs one Okta action. A failed operation becomes a task, as in Okta: a
// Then step checks it. In a Given step it fails the step, since the
// scenario's setup did not happen. A request that got no answer fails the
// step in any case.
func (st *scenario) act(ctx context.Context, fn func(context.Context, *mockokta.Org) error) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	o, err := st.org(ctx)
	if err != nil {
		return err
	}
	if !st.actionRun {
		st.oktaMark = len(o.Transcript())
		st.mu.Lock()
		st.waits = nil
		st.mu.Unlock()
		st.actionRun = true
	}
	err = fn(ctx, o)
	st.refreshLinks()
	var te *mockokta.TaskError
	if errors.As(err, &te) {
		if te.Task.Status == 0 && strings.HasPrefix(te.Got, "no answer") {
			// No answer is not the app's reaction a Then step checks: the
			// action's own step fails, with the request shown.
			if r := st.suite.health.reason(); r != "" {
				return st.notRun(r)
			}
			return st.failure(st.taskExchanges(te.Task), "Okta's request got no answer: %v\nOkta's task: %s", err, te.Task.Message)
		}
		if st.inGiven() {
			return st.failure(st.taskExchanges(te.Task), "Okta could not do it: %v\nOkta's task: %s", err, te.Task.Message)
		}
		return nil
	}
	return err
}

// taskExchanges are the attempts of the request a task failed on.
func (st *scenario) taskExchanges(t mockokta.Task) []*exchange {
	if st.okta == nil {
		return nil
	}
	tr := st.okta.Transcript()
	for i := len(tr) - 1; i >= 0; i-- {
		e := tr[i]
		if e.Method == t.Method && e.URL == t.URL {
			return []*exchange{fromOkta(&e)}
		}
	}
	return nil
}

func fromOkta(e *mockokta.Exchange) *exchange {
	x := &exchange{reqBody: e.RequestBody, respBody: e.ResponseBody, header: e.ResponseHeader, status: e.Status}
	x.rec.Action = fmt.Sprintf("Okta %s %s (%s, attempt %d)", e.Action, e.Target, e.Kind, e.Attempt)
	x.rec.Kind, x.rec.Method, x.rec.URL = "scim", e.Method, e.URL
	x.rec.RequestHeaders, x.rec.RequestBody = e.RequestHeader, string(e.RequestBody)
	x.rec.Status, x.rec.ResponseHeaders, x.rec.ResponseBody = e.Status, e.ResponseHeader, string(e.ResponseBody)
	x.rec.Duration, x.rec.Error = e.Duration, e.Err
	return x
}

// oktaHasUser is "Okta has a user Alice Smith".
func (st *scenario) oktaHasUser(ctx context.Context, given, family string) error {
	return st.addOktaUser(ctx, given, family, "")
}

// oktaHasUserNamed is `Okta has a user Alice Smith with the username "alice.smith"`.
func (st *scenario) oktaHasUserNamed(ctx context.Context, given, family, login string) error {
	l, err := st.expand(login, false)
	if err != nil {
		return err
	}
	return st.addOktaUser(ctx, given, family, l)
}

func (st *scenario) addOktaUser(ctx context.Context, given, family, login string) error {
	o, err := st.org(ctx)
	if err != nil {
		return err
	}
	p := st.person(given)
	if login != "" {
		p.userName = login
	}
	p.family = family
	u, err := o.AddUser(mockokta.User{Login: p.userName, FirstName: given, LastName: family})
	if err != nil {
		return err
	}
	p.oktaLogin = u.Login
	return nil
}

// oktaHasGroup is `Okta has a group "Engineering" with Alice and Bob`: an
// active push rule that matches its name pushes it (CreateGroup).
func (st *scenario) oktaHasGroup(ctx context.Context, label, members string) error {
	o, err := st.org(ctx)
	if err != nil {
		return err
	}
	g := st.group(label)
	if _, err := o.CreateGroup(ctx, g.displayName); err != nil {
		return err
	}
	g.oktaName = g.displayName
	if members == "" {
		return nil
	}
	logins, err := st.oktaLogins(members)
	if err != nil {
		return err
	}
	return o.AddMembers(ctx, g.oktaName, logins...)
}

func (st *scenario) oktaLogins(list string) ([]string, error) {
	var out []string
	for _, n := range names(list) {
		p := st.people[n]
		if p == nil || p.oktaLogin == "" {
			return nil, fmt.Errorf("%s is not an Okta user of this scenario (add it with \"Okta has a user %s …\")", n, n)
		}
		out = append(out, p.oktaLogin)
	}
	return out, nil
}

func (st *scenario) oktaGroup(label string) (*groupRef, error) {
	g := st.groups[label]
	if g == nil || g.oktaName == "" {
		return nil, fmt.Errorf("%q is not an Okta group of this scenario (add it with `Okta has a group %q`)", label, label)
	}
	return g, nil
}

// oktaAssigns is "Okta assigns Alice and Bob to the app".
func (st *scenario) oktaAssigns(ctx context.Context, list string) error {
	logins, err := st.oktaLogins(list)
	if err != nil {
		return err
	}
	for _, l := range logins {
		if err := st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.Assign(ctx, l) }); err != nil {
			return err
		}
	}
	return nil
}

// oktaAssignsGroup is `Okta assigns the app to the group "Everyone"`.
func (st *scenario) oktaAssignsGroup(ctx context.Context, label string) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.AssignGroup(ctx, g.oktaName) })
}

// oktaAddsMember is `Okta adds Carol to the group "Engineering"`.
func (st *scenario) oktaAddsMember(ctx context.Context, who, label string) error {
	return st.oktaMembership(ctx, who, label, true)
}

// oktaRemovesMember is `Okta removes Bob from the group "Engineering"`.
func (st *scenario) oktaRemovesMember(ctx context.Context, who, label string) error {
	return st.oktaMembership(ctx, who, label, false)
}

func (st *scenario) oktaMembership(ctx context.Context, who, label string, add bool) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	logins, err := st.oktaLogins(who)
	if err != nil {
		return err
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		if add {
			return o.AddMembers(ctx, g.oktaName, logins...)
		}
		return o.RemoveMembers(ctx, g.oktaName, logins...)
	})
}

// oktaChanges is `Okta changes Alice's first name to "Alicia"`; the attribute
// is "first name", "last name", "username" or a SCIM attribute such as title.
// oktaChangesPassword is "Okta changes Alice's password": a new Okta
// password, which Okta's Sync Password pushes (docs/okta-protocol.md §6,
// §11.6). The password is random and kept out of every output.
func (st *scenario) oktaChangesPassword(ctx context.Context, who string) error {
	p := st.people[who]
	if p == nil || p.oktaLogin == "" {
		return fmt.Errorf("%s is not an Okta user of this scenario", who)
	}
	pw := "Pw-" + rand.Text()[:16]
	st.addSecret(pw)
	login := p.oktaLogin
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.SetPassword(ctx, login, pw) })
}

func (st *scenario) oktaChanges(ctx context.Context, who, attr, value string) error {
	p := st.people[who]
	if p == nil || p.oktaLogin == "" {
		return fmt.Errorf("%s is not an Okta user of this scenario", who)
	}
	v, err := st.expand(value, false)
	if err != nil {
		return err
	}
	login := p.oktaLogin
	err = st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		return o.UpdateUser(ctx, login, func(u *mockokta.User) {
			switch attr {
			case "first name":
				u.FirstName = v
			case "last name":
				u.LastName = v
			case "username":
				u.Login = v
			default:
				if u.Attributes == nil {
					u.Attributes = map[string]any{}
				}
				u.Attributes[attr] = v
			}
		})
	})
	if attr == "username" {
		if _, ok := st.okta.User(v); ok {
			p.oktaLogin = v
		}
	}
	return err
}

// oktaDeactivates is "Okta deactivates Alice".
func (st *scenario) oktaDeactivates(ctx context.Context, who string) error {
	return st.oktaUserAction(ctx, who, (*mockokta.Org).DeactivateUser)
}

// oktaReactivates is "Okta reactivates Alice".
func (st *scenario) oktaReactivates(ctx context.Context, who string) error {
	return st.oktaUserAction(ctx, who, (*mockokta.Org).ReactivateUser)
}

// oktaUnassigns is "Okta unassigns Alice from the app".
func (st *scenario) oktaUnassigns(ctx context.Context, who string) error {
	return st.oktaUserAction(ctx, who, (*mockokta.Org).Unassign)
}

func (st *scenario) oktaUserAction(ctx context.Context, who string, fn func(*mockokta.Org, context.Context, string) error) error {
	logins, err := st.oktaLogins(who)
	if err != nil {
		return err
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return fn(o, ctx, logins[0]) })
}

// oktaTestsCredentials is "Okta tests the API credentials".
func (st *scenario) oktaTestsCredentials(ctx context.Context) error {
	var testErr error
	err := st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		testErr = o.TestCredentials(ctx)
		return testErr
	})
	st.credTested, st.credErr = true, err
	if err != nil && st.inGiven() {
		if testErr == nil {
			return err // the target or the org could not be set up
		}
		return st.failure(st.blockExchanges(), "Okta's credential test failed: %v", testErr)
	}
	return nil
}

// oktaPushes is `Okta pushes the group "Engineering"`.
func (st *scenario) oktaPushes(ctx context.Context, label string) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.PushGroup(ctx, g.oktaName) })
}

// oktaPushesNow is `Okta pushes the group "Engineering" now` (Push Now).
func (st *scenario) oktaPushesNow(ctx context.Context, label string) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.PushNow(ctx, g.oktaName) })
}

// oktaLinks is `Okta pushes the group "Engineering" linked to the app group
// "Lunch"`: the admin links the Okta group to an app group Okta did not make
// (Push Groups, Link Group), which may have another name.
func (st *scenario) oktaLinks(ctx context.Context, label, zinc string) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	if err := st.target(ctx); err != nil {
		return err
	}
	id, err := st.groupID(zinc)
	if err != nil {
		return err
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.LinkGroup(ctx, g.oktaName, id) })
}

// settingNames are the app settings a scenario can turn on or off, as the
// Okta Admin Console names them (read-only).
const settingNames = `Rename app groups to match group name in Okta|Push group memberships immediately|Enable API integration|Allow the app to source Okta users`

// oktaSetting is `Okta's app setting "Rename app groups to match group name
// in Okta" is off`.
func (st *scenario) oktaSetting(ctx context.Context, name, state string) error {
	o, err := st.org(ctx)
	if err != nil {
		return err
	}
	s := o.Settings()
	on := state == "on"
	switch name {
	case "Rename app groups to match group name in Okta":
		s.RenameGroups = on
	case "Push group memberships immediately":
		s.PushMembershipsImmediately = on
	case "Enable API integration":
		s.IntegrationDisabled = !on
	case "Allow the app to source Okta users":
		s.ProfileSourcing = on
	}
	o.SetSettings(s)
	return nil
}

// oktaRenames is `Okta renames the group "Engineering" to "Platform"`.
func (st *scenario) oktaRenames(ctx context.Context, label, to string) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	newName := st.displayNameFor(to)
	err = st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.RenameGroup(ctx, g.oktaName, newName) })
	if _, ok := st.okta.Group(newName); ok {
		g.oktaName = newName
	}
	return err
}

// oktaUnlinks is `Okta unlinks the pushed group "Engineering" and deletes it in the app`.
func (st *scenario) oktaUnlinks(ctx context.Context, label, mode string) error {
	g, err := st.oktaGroup(label)
	if err != nil {
		return err
	}
	m := mockokta.LeaveInApp
	if mode == "deletes" {
		m = mockokta.DeleteInApp
	}
	return st.act(ctx, func(ctx context.Context, o *mockokta.Org) error { return o.UnlinkGroup(ctx, g.oktaName, m) })
}

// oktaImports is "Okta imports the users" (or the groups: Refresh App Groups;
// the entitlements; the user schema).
func (st *scenario) oktaImports(ctx context.Context, what string) error {
	switch what {
	case "entitlements":
		return st.importEntitlements(ctx)
	case "user schema":
		return st.importUserSchema(ctx)
	}
	var imp *mockokta.Import
	var impErr error
	err := st.act(ctx, func(ctx context.Context, o *mockokta.Org) error {
		if what == "users" {
			imp, impErr = o.ImportUsers(ctx)
		} else {
			imp, impErr = o.ImportGroups(ctx)
		}
		return impErr
	})
	if what == "users" {
		st.userImport, st.userImportErr = imp, impErr
	} else {
		st.groupImport, st.groupImportErr = imp, impErr
	}
	return err
}

// nextRequestsThrottled is `the next 2 requests to the app are answered with 429 and Retry-After "120"`.
func (st *scenario) nextRequestsThrottled(n int, retryAfter string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.throttleLeft = n
	st.retryAfter, st.hasRetryAfter = retryAfter, retryAfter != ""
	return nil
}

// Okta assertions.

func (st *scenario) tasks() []mockokta.Task {
	if st.okta == nil {
		return nil
	}
	return st.okta.Tasks()
}

// oktaHasNoTasks is "Okta has no failed tasks".
func (st *scenario) oktaHasNoTasks() error {
	ts := st.tasks()
	if len(ts) == 0 {
		return nil
	}
	var xs []*exchange
	var msgs []string
	for _, t := range ts {
		msgs = append(msgs, "  "+t.Message)
		xs = append(xs, st.taskExchanges(t)...)
	}
	first := fmt.Sprintf("expected no failed Okta tasks, got %q", ts[0].Message)
	if len(ts) > 1 {
		first = fmt.Sprintf("expected no failed Okta tasks, got %d, the first %q; all of them:\n%s", len(ts), ts[0].Message, strings.Join(msgs, "\n"))
	}
	return st.failure(xs, "%s", first)
}

// oktaHasTask is `Okta has a failed task saying "Errors reported by remote server"`.
func (st *scenario) oktaHasTask(text string) error {
	want, err := st.expand(text, false)
	if err != nil {
		return err
	}
	ts := st.tasks()
	for i := len(ts) - 1; i >= 0; i-- {
		if strings.Contains(strings.ToLower(ts[i].Message), strings.ToLower(want)) {
			st.lastTask = &ts[i]
			return nil
		}
	}
	var msgs []string
	for _, t := range ts {
		msgs = append(msgs, "  "+t.Message)
	}
	switch len(ts) {
	case 0:
		return st.failure(st.blockExchanges(), "expected a failed Okta task saying %q, got no failed task", want)
	case 1:
		return st.failure(st.blockExchanges(), "expected a failed Okta task saying %q, got %q", want, ts[0].Message)
	}
	return st.failure(st.blockExchanges(), "expected a failed Okta task saying %q, got %d others, the last %q; all of them:\n%s",
		want, len(ts), ts[len(ts)-1].Message, strings.Join(msgs, "\n"))
}

// oktaTaskShowsDetail is "Okta's failed task shows the app's error detail": the
// answer behind the task is a SCIM Error whose detail is what the task says.
func (st *scenario) oktaTaskShowsDetail() error {
	t := st.lastTask
	if t == nil {
		ts := st.tasks()
		if len(ts) == 0 {
			return fmt.Errorf("expected a failed Okta task, got none")
		}
		t = &ts[len(ts)-1]
	}
	xs := st.taskExchanges(*t)
	if len(xs) == 0 {
		return fmt.Errorf("no exchange of Okta's behind the task %q", t.Message)
	}
	x := xs[0]
	doc, err := x.json()
	if err != nil {
		return st.failOn(x, "the answer behind Okta's task is not a SCIM Error: %v; Okta shows: %s", err, t.Message)
	}
	if err := st.scimErrorBody(doc, x.status); err != nil {
		return st.failOn(x, "the answer behind Okta's task: %v", err)
	}
	detail := doc.Get("detail").String()
	if !strings.HasSuffix(t.Message, "Errors reported by remote server: "+detail) {
		return st.failOn(x, "expected Okta's task to end with %q, got %q", "Errors reported by remote server: "+detail, t.Message)
	}
	return nil
}

// credentialsReported is `Okta reports the API credentials as rejected, saying "groups"`.
func (st *scenario) credentialsReported(verdict, saying string) error {
	if !st.credTested {
		return fmt.Errorf("Okta has not tested the API credentials in this scenario")
	}
	xs := st.blockExchanges()
	switch {
	case verdict == "verified" && st.credErr != nil:
		return st.failure(xs, "expected Okta to verify the API credentials, got: %v", st.credErr)
	case verdict == "rejected" && st.credErr == nil:
		return st.failure(xs, "expected Okta to reject the API credentials, but the test passed")
	case verdict == "rejected" && saying != "" && !strings.Contains(strings.ToLower(st.credErr.Error()), strings.ToLower(saying)):
		return st.failure(xs, "expected Okta's message to say %q, got: %v", saying, st.credErr)
	}
	return nil
}

// blockExchanges are Okta's exchanges since the current block of actions began.
func (st *scenario) blockExchanges() []*exchange {
	if st.okta == nil {
		return nil
	}
	var out []*exchange
	tr := st.okta.Transcript()
	for i := min(st.oktaMark, len(tr)); i < len(tr); i++ {
		out = append(out, fromOkta(&tr[i]))
	}
	return out
}

// oktaSent is "Okta sent these requests:" with a table of method and target;
// oktaBegan is "Okta's requests began with:".
func (st *scenario) oktaSent(table *godog.Table) error { return st.compareRequests(table, true) }

func (st *scenario) oktaBegan(table *godog.Table) error { return st.compareRequests(table, false) }

func (st *scenario) compareRequests(table *godog.Table, exact bool) error {
	var want []string
	for i, row := range table.Rows {
		if len(row.Cells) != 2 {
			return fmt.Errorf("row %d: expected two cells, method and target", i+1)
		}
		t, err := st.expand(row.Cells[1].Value, false)
		if err != nil {
			return err
		}
		u, err := st.scimURL(t)
		if err != nil {
			return err
		}
		want = append(want, row.Cells[0].Value+" "+canonicalTarget(u, ""))
	}
	xs := st.blockExchanges()
	var got []string
	for _, x := range xs {
		got = append(got, x.rec.Method+" "+canonicalTarget(x.rec.URL, ""))
	}
	ok := slices.Equal(got, want)
	if !exact {
		ok = len(got) >= len(want) && slices.Equal(got[:len(want)], want)
	}
	if !ok {
		which := "these requests"
		if !exact {
			which = "requests beginning with these"
		}
		return st.failure(xs, "expected Okta to send %s:\n  %s\ngot:\n  %s", which,
			strings.Join(want, "\n  "), strings.Join(orNone(got), "\n  "))
	}
	return nil
}

func orNone(s []string) []string {
	if len(s) == 0 {
		return []string{"(no request)"}
	}
	return s
}

// canonicalTarget is a URL's path and query, decoded, for comparison.
func canonicalTarget(raw, base string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	p := u.Path
	if q := u.Query(); len(q) > 0 {
		var parts []string
		for _, kv := range strings.Split(u.RawQuery, "&") {
			k, v, _ := strings.Cut(kv, "=")
			k, _ = url.QueryUnescape(k)
			v, _ = url.QueryUnescape(v)
			parts = append(parts, k+"="+v)
		}
		p += "?" + strings.Join(parts, "&")
	}
	return strings.TrimPrefix(p, base)
}

// oktaSentNo is "Okta sent no DELETE request to /Users" (in the current block
// of actions); without a method or target, no request at all.
func (st *scenario) oktaSentNo(method, target string) error {
	prefix := ""
	if target != "" {
		u, err := st.scimURL(target)
		if err != nil {
			return err
		}
		prefix = canonicalTarget(u, "")
	}
	// A target without a query matches by path: the base URL's own query
	// follows the path of every request.
	withQuery := strings.Contains(target, "?")
	if !withQuery {
		prefix, _, _ = strings.Cut(prefix, "?")
	}
	var bad []*exchange
	for _, x := range st.blockExchanges() {
		got := canonicalTarget(x.rec.URL, "")
		if !withQuery {
			got, _, _ = strings.Cut(got, "?")
		}
		if (method == "" || x.rec.Method == method) && strings.HasPrefix(got, prefix) {
			bad = append(bad, x)
		}
	}
	if len(bad) > 0 {
		return st.failure(bad, "expected Okta to send no %s request %s, got %d", method, target, len(bad))
	}
	return nil
}

// everyRequestCarried is `every request Okta sent carried the header "User-Agent: Okta SCIM Client 1.0.0"`.
func (st *scenario) everyRequestCarried(which, header string) error {
	name, value, ok := strings.Cut(header, ": ")
	if !ok {
		return fmt.Errorf("expected a header as \"Name: value\", got %q", header)
	}
	if st.okta == nil {
		return fmt.Errorf("Okta sent no request in this scenario")
	}
	tr := st.okta.Transcript()
	n := 0
	for i := range tr {
		e := &tr[i]
		if which == "request with a body" && len(e.RequestBody) == 0 {
			continue
		}
		n++
		if got := e.RequestHeader.Get(name); got != value {
			return st.failOn(fromOkta(e), "expected %s: %s on every %s Okta sent, got %q", name, value, which, got)
		}
	}
	if n == 0 {
		return fmt.Errorf("Okta sent no %s in this scenario", which)
	}
	return nil
}

// oktaRequest is the body of Okta's last request of the scenario, or (first)
// the first request of the last Okta action (`Okta's first request's
// Operations.0.op is "remove"`).
func (st *scenario) oktaRequest(first bool) (*exchange, gjson.Result, error) {
	if st.okta == nil {
		return nil, gjson.Result{}, fmt.Errorf("Okta sent no request in this scenario")
	}
	tr := st.okta.Transcript()
	if len(tr) == 0 {
		return nil, gjson.Result{}, fmt.Errorf("Okta sent no request in this scenario")
	}
	i, which := len(tr)-1, "last"
	if first {
		if st.oktaMark >= len(tr) {
			return nil, gjson.Result{}, fmt.Errorf("Okta sent no request in the last action")
		}
		i, which = st.oktaMark, "first"
	}
	x := fromOkta(&tr[i])
	if !gjson.ValidBytes(x.reqBody) {
		return x, gjson.Result{}, st.failOn(x, "Okta's %s request has no JSON body", which)
	}
	return x, gjson.ParseBytes(x.reqBody), nil
}

// importFindsUsers is "Okta's user import finds Alice and Bob" (or does not find).
func (st *scenario) importFindsUsers(ctx context.Context, verb, list string) error {
	return st.importAgainWhile(ctx, func() error { return st.importHas(verb, list) }, func() bool { return verb == "finds" })
}

// importAgainWhile checks the last user import, and in a shared organization
// makes Okta import again, up to three imports in all, while the check fails
// and shifted says the failure can be a page shift: other scenarios'
// clean-up (four deletes at a time) removes users while Okta pages through
// them, which can move a user past a page boundary, unseen by that import.
// A server that loses the user loses it every time, so every import fails.
func (st *scenario) importAgainWhile(ctx context.Context, check func() error, shifted func() bool) error {
	err := check()
	for try := 1; try < 3 && err != nil && !st.ownOrg && st.userImport != nil && st.userImportErr == nil && shifted(); try++ {
		if st.oktaImports(ctx, "users") != nil {
			break
		}
		err = check()
	}
	return err
}

// importHas checks the last user import against "finds" or "does not find".
func (st *scenario) importHas(verb, list string) error {
	if st.userImport == nil || st.userImportErr != nil {
		return st.noImport("users", st.userImportErr)
	}
	found := make([]string, 0, len(st.userImport.Resources))
	for _, r := range st.userImport.Resources {
		found = append(found, strings.ToLower(r.Name))
	}
	for _, n := range names(list) {
		p := st.person(n)
		has := slices.Contains(found, strings.ToLower(p.userName))
		if has != (verb == "finds") {
			return st.failure(st.blockExchanges(), "expected Okta's user import %s %s (%s); it scanned: %s", verb, n, p.userName, strings.Join(orNone(found), ", "))
		}
	}
	return nil
}

// importFindsGroup is `Okta's group import finds "Engineering"`.
func (st *scenario) importFindsGroup(verb, label string) error {
	if st.groupImport == nil || st.groupImportErr != nil {
		return st.noImport("groups", st.groupImportErr)
	}
	name := st.group(label).displayName
	var found []string
	for _, r := range st.groupImport.Resources {
		found = append(found, r.Name)
	}
	if slices.Contains(found, name) != (verb == "finds") {
		return st.failure(st.blockExchanges(), "expected Okta's group import %s %q; it scanned: %s", verb, name, strings.Join(orNone(found), ", "))
	}
	return nil
}

// noImport is the failure of an import assertion when there is no complete
// import to look at: none was run, or it failed; then the message has Okta's
// task and the exchange it failed on.
func (st *scenario) noImport(what string, err error) error {
	if err == nil {
		return fmt.Errorf("Okta has not imported the %s in this scenario", what)
	}
	var te *mockokta.TaskError
	if errors.As(err, &te) {
		xs := st.taskExchanges(te.Task)
		if len(xs) == 0 {
			xs = st.blockExchanges()
		}
		return st.failure(xs, "Okta's import of the %s failed: %s\n%v", what, te.Task.Message, err)
	}
	return st.failure(st.blockExchanges(), "Okta's import of the %s failed: %v", what, err)
}

// importScanned is "Okta's import scanned 1 user".
func (st *scenario) importScanned(n int, what string) error {
	imp, impErr, kind := st.userImport, st.userImportErr, "users"
	if strings.HasPrefix(what, "group") {
		imp, impErr, kind = st.groupImport, st.groupImportErr, "groups"
	}
	if imp == nil || impErr != nil {
		return st.noImport(kind, impErr)
	}
	if imp.Scanned != n {
		return st.failure(st.blockExchanges(), "expected Okta's import to scan %d %s, it scanned %d", n, what, imp.Scanned)
	}
	return nil
}

// oktaWaited is "Okta waited 120 and 240 seconds before retrying".
func (st *scenario) oktaWaited(list string) error {
	var want []time.Duration
	for _, s := range names(list) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("%q is not a number of seconds", s)
		}
		want = append(want, time.Duration(n)*time.Second)
	}
	st.mu.Lock()
	got := slices.Clone(st.waits)
	st.mu.Unlock()
	if !slices.Equal(got, want) {
		return st.failure(st.blockExchanges(), "expected Okta to wait %v before its retries, it waited %v", want, got)
	}
	return nil
}
