package steps

import (
	"context"
	"net/http"
	"reflect"
	"strings"

	"github.com/cucumber/godog"
)

// InterruptedReason is the skip reason of a scenario, or of the rest of one,
// that would run after the run's context (godog.Options.DefaultContext) was
// cancelled, as by Ctrl-C: it is reported as skipped with this reason, not
// failed against a cancelled context.
const InterruptedReason = "run interrupted"

// InitializeScenario registers the vocabulary and the hooks on sc; pass it as
// godog.TestSuite.ScenarioInitializer. godog calls it once per scenario, and
// the Before hook builds the scenario's state afresh.
func (s *Suite) InitializeScenario(sc *godog.ScenarioContext) {
	st := &scenario{suite: s}
	for i, d := range vocabulary {
		sc.Step(s.patterns[i], st.guard(d.bind(st)))
	}
	sc.Before(st.before)
	sc.StepContext().Before(st.beforeStep)
	sc.StepContext().After(st.afterStep)
	sc.After(st.after)
}

// guard wraps a step handler h: the step skips instead of running once the
// run's context is cancelled (InterruptedReason), once the target stopped
// answering (StoppedPrefix and Suite.Stopped), or when the scenario needs
// what the target lacks (unmet). The wrapper has h's type, so godog
// binds its arguments as h's.
func (st *scenario) guard(h any) any {
	v := reflect.ValueOf(h)
	t := v.Type()
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		reason := st.unmet
		if r := st.suite.health.reason(); r != "" {
			reason = StoppedPrefix + r
		}
		if st.interrupted() {
			reason = InterruptedReason
		}
		if reason == "" {
			return v.Call(args)
		}
		out := make([]reflect.Value, t.NumOut())
		for i := range out {
			out[i] = reflect.Zero(t.Out(i))
		}
		if t.NumOut() == 2 && len(args) > 0 && args[0].Type() == t.Out(0) {
			out[0] = args[0] // a handler returning its context gets it back
		}
		err := st.skip(reason)
		out[t.NumOut()-1] = reflect.ValueOf(&err).Elem()
		return out
	}).Interface()
}

// interrupted reports whether the run's context is cancelled.
func (st *scenario) interrupted() bool {
	if st.runDone == nil {
		return false
	}
	select {
	case <-st.runDone:
		return true
	default:
		return false
	}
}

// after removes what the scenario made in a shared organization: the groups,
// then the users (DELETE, or deactivation where DELETE is refused). An
// organization of the scenario's own is left as it is. The clean-up's
// exchanges are attached; its failures do not fail the scenario. It runs
// even when the run was interrupted: its context is not cancelled with the
// run's, and CleanupTimeout bounds it.
func (st *scenario) after(ctx context.Context, _ *godog.Scenario, scErr error) (context.Context, error) {
	if st.ownOrg || !st.chosen || st.suite.health.reason() != "" {
		// A target that stopped answering is sent nothing more, not even
		// the clean-up.
		return st.attachPending(ctx, scErr != nil), nil
	}
	rctx := ctx
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), CleanupTimeout)
	defer cancel()
	st.mu.Lock()
	users, groups := st.createdUsers, st.createdGroups
	st.mu.Unlock()
	seen := map[string]bool{}
	for _, u := range groups {
		if !seen[u] {
			seen[u] = true
			st.send(ctx, "scim", http.MethodDelete, u, nil, st.cleanupHeader(u))
		}
	}
	for _, u := range users {
		if seen[u] {
			continue
		}
		seen[u] = true
		x := st.send(ctx, "scim", http.MethodDelete, u, nil, st.cleanupHeader(u))
		if x.status >= 400 && x.status != http.StatusNotFound {
			body := []byte(`{"schemas":["` + schemaPatchOp + `"],"Operations":[{"op":"replace","value":{"active":false}}]}`)
			h := st.cleanupHeader(u)
			h.Set("Content-Type", oktaContentType)
			st.send(ctx, "scim", http.MethodPatch, u, body, h)
		}
	}
	return st.attachPending(rctx, scErr != nil), nil
}

// cleanupHeader has the token of the environment a resource URL is in.
func (st *scenario) cleanupHeader(u string) http.Header {
	env := st.env
	st.env = "production"
	if sb := st.suite.sandbox.Prefix(); sb != "" && strings.HasPrefix(u, sb+"/") {
		st.env = "sandbox"
	}
	h := st.checkHeader()
	st.env = env
	return h
}
