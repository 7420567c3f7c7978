package explore

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/scimharness/scimharness/mockokta"
)

// concurrent is one --concurrency round in a fresh organization: two app
// instances (two Okta orgs provisioning into it, as an org with two
// instances of the app) assign the same users at once, then one pushes two
// groups that share members at once, at most n actions in flight. Then
// nothing may be lost or duplicated: each user exists once and both
// instances link it to that user (or the second was refused with 409), and
// each group holds every member pushed.
func (r *runner) concurrent(ctx context.Context, gen *generator, n int) (*result, error) {
	r.n++
	e := &episode{ctx: ctx, pack: r.pack, caps: r.caps, t: r.t, c: r.c, sc: Scenario{Setup: Setup{Profile: mockokta.OIN}}}
	if err := e.start(r.n); err != nil {
		return nil, err
	}
	b, err := mockokta.NewOrg(mockokta.Config{BaseURL: e.t.BaseURL, Transport: e.t.Transport, Auth: mockokta.Bearer(e.token),
		AppName: "Zinc", Timeout: 30 * time.Second, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	if err != nil {
		return nil, err
	}
	for i, p := range People {
		if _, err := b.AddUser(mockokta.User{Login: e.people[i].login, FirstName: p.First, LastName: p.Last}); err != nil {
			return nil, err
		}
	}
	// Each group gets a random subset of the cast; the last person is in
	// both, so that the pushes share a member.
	res := &result{}
	members := make([][]string, len(Groups))
	for g := range Groups {
		for i := range People {
			if i == len(People)-1 || gen.rng.IntN(2) == 0 {
				members[g] = append(members[g], e.people[i].login)
				res.applied = append(res.applied, Action{Kind: AddMember, User: i, Group: g})
			}
		}
		if err := e.org.AddMembers(ctx, e.groupName(Groups[g]), members[g]...); err != nil {
			return nil, err
		}
	}
	var jobs []func()
	for i := range People {
		login := e.people[i].login
		jobs = append(jobs, func() { _ = e.org.Assign(ctx, login) }, func() { _ = b.Assign(ctx, login) })
		res.applied = append(res.applied, Action{Kind: Assign, User: i})
	}
	gen.rng.Shuffle(len(jobs), func(i, j int) { jobs[i], jobs[j] = jobs[j], jobs[i] })
	runAtOnce(n, jobs)
	var pushes []func()
	for g := range Groups {
		name := e.groupName(Groups[g])
		pushes = append(pushes, func() { _ = e.org.PushGroup(ctx, name) })
		res.applied = append(res.applied, Action{Kind: PushGroup, Group: g})
	}
	runAtOnce(n, pushes)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	v, err := e.checkConcurrent(b, members)
	res.v = v
	return res, err
}

// runAtOnce runs the jobs, at most n at a time, and waits for them.
func runAtOnce(n int, jobs []func()) {
	sem := make(chan struct{}, max(n, 1))
	var wg sync.WaitGroup
	for _, j := range jobs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			j()
		})
	}
	wg.Wait()
}

func (e *episode) checkConcurrent(b *mockokta.Org, members [][]string) (*Violation, error) {
	concurrently := func(inv, msg string, evidence *answer, then ...string) *Violation {
		v := &Violation{Invariant: inv + " (concurrent actions)", Pack: PackCore, Message: msg, Then: then}
		if evidence != nil {
			v.Evidence = evidence.String()
		}
		return v
	}
	ids := map[string]string{}
	for i, p := range e.people {
		who := e.name(i)
		ans, err := e.lookup(p.userName)
		if err != nil {
			return nil, err
		}
		res := ans.json().Get("Resources").Array()
		if len(res) != 1 {
			return concurrently("nothing is duplicated", fmt.Sprintf("two instances assigned %s at once: a lookup finds %d users", who, len(res)), ans, step(stepExactlyOne, who)), nil
		}
		id := res[0].Get("id").String()
		ids[p.login] = id
		for _, o := range []*mockokta.Org{e.org, b} {
			app, _ := o.AppUser(p.login)
			if app.SCIMID != "" && app.SCIMID != id {
				return concurrently("nothing is duplicated", fmt.Sprintf("an app instance linked %s to %s, but the one user is %s", who, app.SCIMID, id), ans, step(stepExactlyOne, who)), nil
			}
		}
	}
	for _, t := range append(e.org.Tasks(), b.Tasks()...) {
		if t.Status != http.StatusConflict {
			return concurrently("every Okta action succeeds", t.Message, nil, step(stepNoTasks)), nil
		}
	}
	for g, gl := range Groups {
		og, _ := e.org.Group(e.groupName(gl))
		if og.SCIMID == "" {
			continue // its push failed: a task, reported above
		}
		ans, err := e.scim(http.MethodGet, "/Groups/"+og.SCIMID, nil)
		if err != nil {
			return nil, err
		}
		got := memberSet(ans.json().Get("members"))
		want := map[string]bool{}
		names := map[string]string{}
		for _, l := range members[g] {
			if app, _ := e.org.AppUser(l); app.SCIMID != "" { // Okta pushes only the members it provisioned
				want[ids[l]] = true
			}
		}
		for i, p := range e.people {
			names[ids[p.login]] = e.name(i)
		}
		if !sameSet(got, want) {
			return concurrently("nothing is lost", fmt.Sprintf("pushes of two groups sharing members at once: %q has %s, expected %s", gl, label(got, names), label(want, names)),
				ans, step(stepGroupMembers, gl, label(want, names))), nil
		}
	}
	return nil, nil
}
