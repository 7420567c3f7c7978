package explore

import (
	"errors"
	"fmt"

	"github.com/scimharness/scimharness/mockokta"
)

// kindInfo is one action kind whole: what the generator draws, how the
// action runs, and how a written feature says it. Each family's file holds
// its kinds (user.go, group.go, probe.go, console.go, memory.go); kinds
// assembles them (read-only).
type kindInfo struct {
	kind   Kind
	name   string
	pack   Pack // PackCore for the Okta core
	admin  bool // needs the Admin Console API
	weight int  // relative frequency
	// user and group: the action names a person or a group of the cast (a
	// written feature's Given makes them; a lookup is checked after an
	// action that names a person).
	user, group bool
	// more are the people the action names besides its User, if any.
	more func(Action) []int
	// groupTask: a task Okta shows for the action, where the outcome
	// allows one (mayTask), leaves the group unchecked, not the person.
	groupTask bool
	// apply runs the action; errSkip means it does not apply in the state
	// reached, another error is the target failing to answer at all.
	apply func(*episode, act) (outcome, error)
	// steps is the action in the suite's words (steps.go); once are the
	// steps a feature writes before the first action of the kind.
	steps func(Action) []string
	once  []string
}

// kinds is every kind, by Kind (read-only).
var kinds = kindTable(userKinds, groupKinds, probeKinds, consoleKinds, memoryKinds, appEventKinds)

func kindTable(families ...[]kindInfo) [numKinds]kindInfo {
	var t [numKinds]kindInfo
	for _, f := range families {
		for _, k := range f {
			t[k.kind] = k
		}
	}
	return t
}

// act is the action being applied, with its person and group in explore's
// model and what Okta holds of them when it starts.
type act struct {
	Action
	p   *personState
	g   *groupState
	app mockokta.AppUser // Okta's app user of the person
	og  mockokta.Group   // Okta's group, under its current name
}

// outcome is what applying one action did.
type outcome struct {
	// mustTask: the pack expects Okta to fail (Zinc refuses it); mayTask:
	// Okta may fail, for a reason the model does not follow further.
	mustTask, mayTask bool
	// v is a violation the action's own answer shows (a probe's).
	v *Violation
}

// apply runs one action: kinds[a.Kind].apply with what Okta holds of its
// person and group.
func (e *episode) apply(a Action) (outcome, error) {
	if a.Kind >= numKinds {
		return outcome{}, fmt.Errorf("apply %s: unknown action", a.Kind)
	}
	x := act{Action: a, p: &e.people[a.User], g: &e.groups[a.Group]}
	x.app, _ = e.org.AppUser(x.p.login)
	x.og, _ = e.org.Group(e.currentName(x.g))
	return kinds[a.Kind].apply(e, x)
}

// okta is the result of an Okta action: a task is Okta failing as it may
// (the invariants read the tasks), another error a usage error (errSkip:
// the action does not apply), unless the run is over.
func (e *episode) okta(err error) error {
	var te *mockokta.TaskError
	switch {
	case err == nil, errors.As(err, &te):
		return nil
	case e.ctx.Err() != nil:
		return e.ctx.Err()
	}
	return errSkip
}

// who and group are the cast's names of an action's person and group, as a
// feature writes them.
func (a Action) who() string   { return People[a.User].First }
func (a Action) group() string { return Groups[a.Group] }
