package steps

import (
	"context"
	"net/http"
	"strings"

	"github.com/cucumber/godog"
)

// InitializeScenario registers the vocabulary and the hooks on sc; pass it as
// godog.TestSuite.ScenarioInitializer. godog calls it once per scenario, and
// the Before hook builds the scenario's state afresh.
func (s *Suite) InitializeScenario(sc *godog.ScenarioContext) {
	st := &scenario{suite: s}
	for i, d := range vocabulary {
		sc.Step(compiled[i], d.bind(st))
	}
	sc.Before(st.before)
	sc.StepContext().Before(st.beforeStep)
	sc.StepContext().After(st.afterStep)
	sc.After(st.after)
}

// after removes what the scenario made in a shared organization: the groups,
// then the users (DELETE, or deactivation where DELETE is refused). An
// organization of the scenario's own is left as it is. The clean-up's
// exchanges are attached; its failures do not fail the scenario.
func (st *scenario) after(ctx context.Context, _ *godog.Scenario, _ error) (context.Context, error) {
	if st.ownOrg || !st.chosen {
		return st.attachPending(ctx), nil
	}
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
			h.Set("Content-Type", "application/scim+json")
			st.send(ctx, "scim", http.MethodPatch, u, body, h)
		}
	}
	return st.attachPending(ctx), nil
}

// cleanupHeader has the token of the environment a resource URL is in.
func (st *scenario) cleanupHeader(u string) http.Header {
	env := st.env
	st.env = "production"
	if sb := st.sandboxURL(); sb != "" && strings.HasPrefix(u, sb+"/") {
		st.env = "sandbox"
	}
	h := st.checkHeader()
	st.env = env
	return h
}
