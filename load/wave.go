package load

import (
	"context"

	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/scimharness/scimharness/mockokta"
)

// Run replays the wave described by cfg and audits the target afterwards. It
// returns an error only when the wave could not run at all (bad config, the
// credential test failed); failed operations and audit findings are in the
// Result, and Result.OK tells whether the run passed.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	w := &wave{cfg: cfg, start: cfg.Now()}
	// Only the client's transport is used, through mockokta's Transport:
	// mockokta gives each attempt Okta's timeout (cfg.Timeout), and the
	// wave follows no redirect and keeps no cookie, so http.Client's
	// bookkeeping would only cost time on every request.
	rt := &rateTransport{base: newTransport(cfg.Client.Transport), lim: newLimiter(cfg.Rate, cfg.Now, cfg.Sleep)}
	org, err := mockokta.NewOrg(mockokta.Config{
		BaseURL:           cfg.BaseURL,
		Transport:         rt,
		Auth:              cfg.Auth,
		Profile:           cfg.Profile,
		Timeout:           cfg.Timeout,
		AppName:           "load",
		DiscardTranscript: true,
		Observe:           w.observe,
		Now:               cfg.Now,
		Sleep:             w.sleep,
		Limits:            cfg.Limits,
		Secrets:           cfg.Secrets,
	})
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	w.org = org

	progressCtx, stopProgress := context.WithCancel(ctx)
	var progressDone sync.WaitGroup
	progressDone.Add(1)
	go func() {
		defer progressDone.Done()
		progress(progressCtx, cfg.Progress, &w.live, w.start, cfg.Now)
	}()
	defer func() { stopProgress(); progressDone.Wait() }()

	if err := w.phase(ctx, "test credentials", 1, func(ctx context.Context, _ int) error {
		return org.TestCredentials(ctx)
	}); err != nil {
		return nil, fmt.Errorf("load: test API credentials: %w", err)
	}
	waveCtx := ctx
	if cfg.Duration > 0 {
		var cancel context.CancelFunc
		waveCtx, cancel = context.WithTimeout(ctx, cfg.Duration)
		defer cancel()
	}
	w.run(waveCtx)
	w.res.Audit = w.audit(ctx)
	w.res.Elapsed = Millis(cfg.Now().Sub(w.start))
	w.res.finish(cfg, w)
	return &w.res, nil
}

// wave is the state of one run.
type wave struct {
	cfg   Config
	org   *mockokta.Org
	start time.Time
	live  counters
	rec   Recorder
	res   Result

	logins  []string
	byLogin map[string]int // lower-cased login → index
	groups  []string
	members [][]int // members[g] are indexes into logins

	mu          sync.Mutex
	assigned    []bool // user i was created or linked
	deactivated []bool // user i was deactivated
	pushed      []bool // group g was pushed with its members
	updated     []bool // user i got its profile update

	bigGroup   string // the largest group, whose PATCH trend is measured
	bigPatches []time.Duration

	throttleWait atomic.Int64 // nanoseconds waited after 429s
	waitsCut     atomic.Int64 // waits after a 429 cut to Limits.RetryPause
}

type shardKey struct{}

// observe records every attempt in the shard of the worker that made it.
func (w *wave) observe(ctx context.Context, e *mockokta.Exchange) {
	w.live.requests.Add(1)
	switch {
	case e.Status == http.StatusTooManyRequests:
		w.live.throttle.Add(1)
	case e.Status == 0 || e.Status >= 400:
		w.live.errors.Add(1)
	}
	if sh, ok := ctx.Value(shardKey{}).(*Shard); ok {
		sh.Record(e.Kind, e.Status, e.Duration)
	}
	if e.Kind == "patch-group" && e.Target == w.bigGroup {
		w.mu.Lock()
		w.bigPatches = append(w.bigPatches, e.Duration)
		w.mu.Unlock()
	}
}

// sleep is Okta's wait after a 429, cut to Limits.RetryPause (a target's
// Retry-After of an hour, or Okta's doubling from 5 minutes, would stall
// the wave for hours), counted.
func (w *wave) sleep(ctx context.Context, d time.Duration) error {
	if max := w.cfg.Limits.RetryPause; d > max {
		d = max
		w.waitsCut.Add(1)
	}
	w.throttleWait.Add(int64(d))
	return w.cfg.Sleep(ctx, d)
}

func (w *wave) run(ctx context.Context) {
	cfg := w.cfg
	w.logins = make([]string, cfg.Users)
	w.byLogin = make(map[string]int, cfg.Users)
	w.assigned = make([]bool, cfg.Users)
	w.deactivated = make([]bool, cfg.Users)
	w.updated = make([]bool, cfg.Users)
	for i := range w.logins {
		u, err := w.org.AddUser(mockokta.User{
			Login:     fmt.Sprintf("%suser%06d@load.example.com", cfg.Prefix, i),
			FirstName: "Load",
			LastName:  fmt.Sprintf("User%06d", i),
		})
		if err != nil {
			w.res.Errors = append(w.res.Errors, err.Error())
			return
		}
		w.logins[i] = u.Login
		w.byLogin[strings.ToLower(u.Login)] = i
	}
	w.groups = make([]string, cfg.Groups)
	w.members = make([][]int, cfg.Groups)
	w.pushed = make([]bool, cfg.Groups)
	for g := range w.groups {
		w.groups[g] = fmt.Sprintf("%sgroup%04d", cfg.Prefix, g)
		if _, err := w.org.AddGroup(w.groups[g]); err != nil {
			w.res.Errors = append(w.res.Errors, err.Error())
			return
		}
		w.members[g] = make([]int, cfg.Members)
		for k := range w.members[g] {
			w.members[g][k] = (g*cfg.Members + k) % cfg.Users
		}
	}
	if cfg.Groups > 0 {
		w.bigGroup = w.groups[0]
	}

	w.phase(ctx, "assign users", cfg.Users, func(ctx context.Context, i int) error {
		if err := w.org.Assign(ctx, w.logins[i]); err != nil {
			return err
		}
		w.mark(w.assigned, i)
		return nil
	})
	w.phase(ctx, "push groups", cfg.Groups, func(ctx context.Context, g int) error {
		logins := make([]string, 0, len(w.members[g]))
		for _, i := range w.members[g] {
			logins = append(logins, w.logins[i])
		}
		// Okta's membership is in place before the push, which then
		// sends it in batches of 100 after the create.
		if err := w.org.AddMembers(ctx, w.groups[g], logins...); err != nil {
			return err
		}
		if err := w.org.PushGroup(ctx, w.groups[g]); err != nil {
			return err
		}
		w.mark(w.pushed, g)
		return nil
	})
	// The later phases work on the assigned users only, and count those.
	assigned := w.indexes(func(i int) bool { return w.assigned[i] })
	w.phase(ctx, "update profiles", len(assigned), func(ctx context.Context, k int) error {
		i := assigned[k]
		if err := w.org.UpdateUser(ctx, w.logins[i], func(u *mockokta.User) { u.FirstName = "Updated" }); err != nil {
			return err
		}
		w.mark(w.updated, i)
		return nil
	})
	every := 0
	if cfg.Deactivate > 0 {
		every = int(1 / cfg.Deactivate)
	}
	deactivate := w.indexes(func(i int) bool { return every > 0 && i%every == every-1 && w.assigned[i] })
	w.phase(ctx, "deactivate users", len(deactivate), func(ctx context.Context, k int) error {
		i := deactivate[k]
		if err := w.org.DeactivateUser(ctx, w.logins[i]); err != nil {
			return err
		}
		w.mark(w.deactivated, i)
		return nil
	})
}

// indexes lists the users i for which keep holds, under the wave's lock.
func (w *wave) indexes(keep func(i int) bool) []int {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []int
	for i := range w.logins {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

// phase runs do for 0..n-1 on the configured number of workers, each with its
// own recorder shard in its context, and records the phase's figures. Work not
// started when ctx ends is skipped and counted.
func (w *wave) phase(ctx context.Context, name string, n int, do func(context.Context, int) error) error {
	w.live.setPhase(name)
	before := w.live.requests.Load()
	start := w.cfg.Now()
	workers := min(w.cfg.Concurrency, max(n, 1))
	next := atomic.Int64{}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		failed   int
		skipped  int
		firstErr error
	)
	for range workers {
		sh := w.rec.Shard()
		// A context of the worker's own: every request's deadline context
		// registers with its parent under the parent's lock, which one
		// context shared by all workers would make them contend for.
		wctx, cancel := context.WithCancel(context.WithValue(ctx, shardKey{}, sh))
		wctx, unwatch := withCanceller(wctx)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer cancel()
			defer unwatch()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if ctx.Err() != nil {
					mu.Lock()
					skipped++
					mu.Unlock()
					continue
				}
				if err := do(wctx, i); err != nil {
					mu.Lock()
					failed++
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	w.res.Phases = append(w.res.Phases, PhaseResult{
		Name:     name,
		Items:    n,
		Failed:   failed,
		Skipped:  skipped,
		Requests: int(w.live.requests.Load() - before),
		Elapsed:  Millis(w.cfg.Now().Sub(start)),
	})
	if firstErr != nil {
		w.res.Errors = append(w.res.Errors, fmt.Sprintf("%s: %d failed, first: %v", name, failed, firstErr))
	}
	if skipped > 0 {
		w.res.Errors = append(w.res.Errors, fmt.Sprintf("%s: %d not started before the wave's time ran out", name, skipped))
	}
	return firstErr
}

func (w *wave) mark(flags []bool, i int) {
	w.mu.Lock()
	flags[i] = true
	w.mu.Unlock()
}

// rateTransport waits for the limiter before every request.
type rateTransport struct {
	base http.RoundTripper
	lim  *limiter
}

func (t *rateTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := t.lim.wait(r.Context()); err != nil {
		return nil, fmt.Errorf("rate limit wait: %w", err)
	}
	return t.base.RoundTrip(r)
}
