package steps

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The clean-up of a scenario in a shared organization removes what it made:
// the groups, then the users (DELETE, or deactivation where DELETE is
// refused). cleanupConcurrency requests are in flight at once, and the whole
// clean-up has a budget that grows with what it removes (cleanupBudget):
// 120 users at 300 ms a DELETE take 9 s. The budget is the harness's own
// deadline (errHarnessDeadline): a request it cuts is not the target's
// silence. What could not be removed is a warning on the scenario, never its
// failure: the scenario's verdict is its steps'.

// cleanupConcurrency is how many requests of one scenario's clean-up are in
// flight at once.
const cleanupConcurrency = 4

// CleanupPerResource is what each resource to remove adds to the clean-up's
// budget, beyond CleanupTimeout.
const CleanupPerResource = time.Second

// cleanupBudget bounds the clean-up of n resources: CleanupTimeout, and
// CleanupPerResource for each (with cleanupConcurrency at once, a target may
// take four seconds a DELETE before the budget runs out).
func cleanupBudget(n int) time.Duration {
	return CleanupTimeout + time.Duration(n)*CleanupPerResource
}

// removal is one resource the clean-up removes, with its headers.
type removal struct {
	url  string
	user bool
	h    http.Header
}

// cleanup removes what the scenario made; it runs even when the run was
// interrupted (its context is not cancelled with the run's).
func (st *scenario) cleanup(ctx context.Context) {
	st.mu.Lock()
	users, groups := st.createdUsers, st.createdGroups
	st.mu.Unlock()
	seen := map[string]bool{}
	var gs, us []removal
	for _, u := range groups {
		if !seen[u] {
			seen[u] = true
			gs = append(gs, removal{url: u, h: st.cleanupHeader(u)})
		}
	}
	for _, u := range users {
		if !seen[u] {
			seen[u] = true
			us = append(us, removal{url: u, user: true, h: st.cleanupHeader(u)})
		}
	}
	if len(gs)+len(us) == 0 {
		return
	}
	budget := cleanupBudget(len(gs) + len(us))
	ctx, cancel := context.WithTimeoutCause(withSender(context.WithoutCancel(ctx), st, true), budget, errHarnessDeadline)
	defer cancel()
	left := st.removeAll(ctx, gs)
	left = append(left, st.removeAll(ctx, us)...)
	if len(left) == 0 {
		return
	}
	why := ""
	if ctx.Err() != nil {
		why = fmt.Sprintf(" (the clean-up's budget of %s ran out)", budget)
	}
	shown := left
	if len(shown) > 5 {
		shown = append(shown[:5:5], fmt.Sprintf("and %d more", len(left)-5))
	}
	st.warn(fmt.Sprintf("clean-up: %d of %d resources this scenario made are left in the target%s: %s", len(left), len(gs)+len(us), why, strings.Join(shown, "; ")))
}

// removeAll removes rs, cleanupConcurrency at a time, and returns what is
// left: each as "DELETE URL: what came".
func (st *scenario) removeAll(ctx context.Context, rs []removal) []string {
	var (
		mu   sync.Mutex
		left []string
		wg   sync.WaitGroup
		sem  = make(chan struct{}, cleanupConcurrency)
	)
	for _, r := range rs {
		if ctx.Err() != nil {
			left = append(left, "DELETE "+r.url+": not sent")
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if why := st.remove(ctx, r); why != "" {
				mu.Lock()
				left = append(left, why)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return left
}

// remove deletes one resource, or deactivates a user whose DELETE is
// refused; it says what is left, "" for nothing.
func (st *scenario) remove(ctx context.Context, r removal) string {
	x := st.send(ctx, "scim", http.MethodDelete, r.url, nil, r.h)
	if x.status >= 200 && x.status < 300 || x.status == http.StatusNotFound {
		return ""
	}
	if r.user && x.status >= 400 {
		body := []byte(`{"schemas":["` + schemaPatchOp + `"],"Operations":[{"op":"replace","value":{"active":false}}]}`)
		h := r.h.Clone()
		h.Set("Content-Type", oktaContentType)
		p := st.send(ctx, "scim", http.MethodPatch, r.url, body, h)
		if p.status >= 200 && p.status < 300 {
			return ""
		}
		return fmt.Sprintf("DELETE %s: %s, then PATCH active false: %s", r.url, statusText(x), statusText(p))
	}
	return fmt.Sprintf("DELETE %s: %s", r.url, statusText(x))
}

// warn records a warning for the scenario's report: something worth
// knowing that does not decide its verdict.
func (st *scenario) warn(w string) {
	st.mu.Lock()
	st.warnings = append(st.warnings, w)
	st.mu.Unlock()
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
