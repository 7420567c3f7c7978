package steps

import (
	"context"
	"fmt"
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
		reason, err := st.unmet, error(nil)
		if r := st.suite.health.reason(); r != "" {
			reason, err = StoppedPrefix+r, st.notRun(r)
		}
		if st.interrupted() {
			reason, err = InterruptedReason, nil
		}
		if reason == "" {
			out := v.Call(args)
			// A step whose request was not sent because the target stopped
			// answering meanwhile did not run to its end: not run, not failed.
			if last := out[len(out)-1]; !last.IsNil() {
				if err, _ := last.Interface().(error); err != nil && strings.Contains(err.Error(), errStopped.Error()) {
					if r := st.suite.health.reason(); r != "" {
						e := st.notRun(r)
						out[len(out)-1] = reflect.ValueOf(&e).Elem()
					}
				}
			}
			return out
		}
		out := make([]reflect.Value, t.NumOut())
		for i := range out {
			out[i] = reflect.Zero(t.Out(i))
		}
		if t.NumOut() == 2 && len(args) > 0 && args[0].Type() == t.Out(0) {
			out[0] = args[0] // a handler returning its context gets it back
		}
		if err == nil {
			err = st.skip(reason)
		}
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

// notRun is the error of a step not run because the target stopped
// answering (reason): the scenario is not run (a skip with StoppedPrefix),
// unless it sent the first request the target left unanswered: then it
// fails for that reason.
func (st *scenario) notRun(reason string) error {
	if c := st.suite.health.culprit(); c != nil && c.st == st && !c.cleanup {
		return fmt.Errorf("%s", upperFirst(reason))
	}
	return st.skip(StoppedPrefix + reason)
}

// after ends the scenario: it fails the scenario whose request was the
// first the target left unanswered before it stopped answering (a step of
// it may have gone on without noticing), then cleans up (cleanup). The
// clean-up never decides the scenario's verdict: what it could not remove
// is a warning on the scenario.
func (st *scenario) after(ctx context.Context, _ *godog.Scenario, lastErr error) (context.Context, error) {
	var err error
	if r := st.suite.health.reason(); r != "" && lastErr == nil {
		if c := st.suite.health.culprit(); c != nil && c.st == st && !c.cleanup {
			err = fmt.Errorf("%s", upperFirst(r))
		}
	}
	if !st.ownOrg && st.chosen && st.suite.health.reason() == "" {
		// A target that stopped answering is sent nothing more, not even
		// the clean-up.
		st.cleanup(ctx)
	}
	return st.attachPending(ctx, lastErr != nil || err != nil), err
}

// upperFirst capitalizes the first letter of s, to start a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
