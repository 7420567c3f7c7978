package explore

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/mockokta"
)

// result is what running one scenario gave.
type result struct {
	applied []Action   // the actions that applied, in order
	v       *Violation // the first violation; nil if none
}

// runner runs scenarios against one target, each in a fresh organization.
type runner struct {
	t    Target
	pack Pack
	caps capabilities
	c    *client
	n    int // scenarios run so far, for organization names

	limits   mockokta.Limits // with defaults
	deadline time.Time       // Config.Time's end; zero for none
}

// errTimeUp ends a scenario at an action boundary once Config.Time is over.
var errTimeUp = errors.New("the time bound is over")

func (r *runner) timeUp() bool { return !r.deadline.IsZero() && time.Now().After(r.deadline) }

func newRunner(t Target, pack Pack) *runner {
	rt := t.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	t.Transport = rt
	return &runner{t: t, pack: pack, c: &client{rt: rt, secrets: redact.NewSecrets(t.Token, t.SandboxToken, t.AdminToken), timeout: 30 * time.Second},
		caps: capabilities{pack: pack, admin: t.AdminURL != "", sandbox: t.SandboxURL != "" || t.AdminURL != ""}}
}

// orgWord is what Okta's failed credential test must name for an
// organization of each kind.
var orgWord = map[OrgKind]string{OrgNoProvisioning: "provisioning", OrgNoGroupSync: "groups", OrgNoUserSync: "users"}

// run runs sc in a fresh organization until the first violation.
func (r *runner) run(ctx context.Context, sc Scenario) (*result, error) {
	r.n++
	e := &episode{ctx: ctx, pack: r.pack, caps: r.caps, t: r.t, c: r.c, sc: sc}
	if err := e.start(r.n); err != nil {
		return nil, err
	}
	res := &result{}
	if sc.Setup.Org != OrgNormal {
		if e.orgID == "" {
			return res, nil
		}
		word := orgWord[sc.Setup.Org]
		err := e.org.TestCredentials(ctx)
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), word) {
			got := "it passed"
			if err != nil {
				got = err.Error()
			}
			res.v = &Violation{Invariant: "an organization that may not sync refuses Okta", Pack: PackZinc,
				Message: fmt.Sprintf("Okta's credential test in an organization without %s: expected a rejection naming %q, got: %s", word, word, got),
				Then:    []string{step(stepCredentials, word)}}
		}
		return res, nil
	}
	for _, a := range sc.Actions {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		if r.timeUp() {
			return res, errTimeUp
		}
		if r.c.unanswered() != "" {
			return res, nil // the run ends: Run reports the request
		}
		before := len(e.org.Tasks())
		out, err := e.apply(a)
		if errors.Is(err, errSkip) {
			continue
		}
		if err != nil {
			return nil, err
		}
		res.applied = append(res.applied, a)
		if v := e.afterAction(a, out, before); v != nil {
			res.v = v
			return res, nil
		}
		e.packModel()
		for _, inv := range invariants {
			if !e.uses(inv) {
				continue
			}
			v, err := inv.check(e, a)
			if err != nil {
				return nil, err
			}
			if v != nil {
				res.v = v
				return res, nil
			}
		}
		if a.Kind == ImportUsers || a.Kind == ImportGroups {
			if v := e.afterImport(a, before); v != nil {
				res.v = v
				return res, nil
			}
		}
	}
	return res, nil
}

// afterImport reports a failed import (its task) as a violation.
func (e *episode) afterImport(a Action, before int) *Violation {
	if ts := e.org.Tasks(); len(ts) > before {
		return &Violation{Invariant: "every Okta action succeeds", Pack: PackCore, Message: ts[before].Message,
			Then: []string{step(stepNoTasks)}}
	}
	return nil
}

// afterAction checks what the action itself showed: the probe's answer,
// Okta's answers, and its tasks against what the pack expects.
func (e *episode) afterAction(a Action, out outcome, before int) *Violation {
	if out.v != nil {
		return out.v
	}
	e.mu.Lock()
	bad := e.bad
	e.mu.Unlock()
	if bad != nil {
		return bad
	}
	tasks := e.org.Tasks()
	var fresh []mockokta.Task
	for _, t := range tasks[before:] {
		if !e.explainedByLoss(t) { // Okta showing the admin a loss is the memory invariant's "or"
			fresh = append(fresh, t)
		}
	}
	switch {
	case out.mustTask && len(fresh) == 0:
		what := "a userName that is not an email address"
		if a.Kind == ChangeUsername {
			what = "a change of userName"
		}
		return &Violation{Invariant: "Zinc refuses " + what, Pack: PackZinc,
			Message: fmt.Sprintf("Okta's %s of %s succeeded; Zinc must refuse %s", a.Kind, e.name(a.User), what),
			Then:    []string{step(stepHasTask, "failed")}}
	case len(fresh) > 0 && out.mayTask:
		if kinds[a.Kind].groupTask {
			e.groups[a.Group].tainted = true
		} else {
			e.people[a.User].tainted = true
		}
	case len(fresh) > 0 && !out.mustTask:
		return &Violation{Invariant: "every Okta action succeeds", Pack: PackCore, Message: fresh[0].Message,
			Evidence: fmt.Sprintf("%s %s -> %d", fresh[0].Method, fresh[0].URL, fresh[0].Status),
			Then:     []string{step(stepNoTasks)}}
	}
	return nil
}

func randomSuffix() string { return strings.ToLower(rand.Text()[:4]) }

// packModel applies the app pack's documented effects to the expected
// memberships: in Zinc, deactivation removes a user from every group, and
// reactivation restores none (ZN-04, ZN-05).
//
// The Okta core does not know what a server does to the memberships of a
// user it deactivates: such a user's memberships are unknown (dropped)
// until Okta pushes one again.
func (e *episode) packModel() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, p := range e.people {
		app, _ := e.org.AppUser(p.login)
		if app.SCIMID == "" || app.Active {
			continue
		}
		if e.pack == PackCore {
			e.dropped[app.SCIMID] = true
		}
		for _, set := range e.expected {
			delete(set, app.SCIMID)
		}
	}
}
