package steps_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// faultTry is the self-check's run of one fault's scenarios, made once for
// the package's tests and read-only after: TestSelfCheck checks every
// fault's, and TestPagingScenariosCatchTheirFaults reads OK-08's paging
// faults' (the same scenarios against the same server, with its Admin
// Console API) instead of running them again.
type faultTry struct {
	once sync.Once
	r    suite.FaultResult
	err  error
}

// faultTries holds a faultTry per fault of the reference server; the map
// is complete when built, and only each entry's once fills it.
var faultTries = sync.OnceValue(func() map[string]*faultTry {
	m := map[string]*faultTry{}
	for _, f := range reference.Faults() {
		m[f.Name] = &faultTry{}
	}
	return m
})

// tryFault runs, as `scimharness selfcheck` does (suite.SelfCheck.Try),
// the scenarios tagged with a behaviour f breaks against the reference
// server with f on, the first time it is asked for f; the servers are t's
// (the first caller's), and end with it once the results are in.
func tryFault(t *testing.T, f reference.Fault) (suite.FaultResult, error) {
	t.Helper()
	ft, ok := faultTries()[f.Name]
	if !ok {
		t.Fatalf("no fault %s", f.Name)
	}
	ft.once.Do(func() {
		// What the callers see if the first one stops inside (t.Fatal).
		ft.err = errors.New("the first test that asked for this fault stopped before its result")
		parts, err := suite.Load(suite.AppZinc, "")
		if err != nil {
			ft.err = err
			return
		}
		src, err := suite.NewSources(parts, nil, false)
		if err != nil {
			ft.err = err
			return
		}
		sc := suite.SelfCheck{Parts: parts, Sources: src, Concurrency: 4,
			Target: func(_ steps.AuthStyle, faults ...string) (steps.Config, func(), error) {
				return server(t, true, faults...), func() {}, nil
			}}
		ft.r, ft.err = sc.Try(context.Background(), suite.Fault{Name: f.Name, Behaviours: f.Behaviours()})
	})
	return ft.r, ft.err
}
