package explore

import (
	"context"
	"errors"
	"time"

	"github.com/scimharness/scimharness/mockokta"
)

// Config bounds one exploration.
type Config struct {
	Target Target
	Pack   Pack
	// Seed makes the run: the same seed draws the same scenarios, action
	// for action. Print it so that a run can be repeated.
	Seed uint64
	// Steps bounds the actions run in all (0 means 10,000); Time the
	// wall-clock time (0 means no bound).
	Steps int
	Time  time.Duration
	// Length is the number of actions drawn per scenario; 0 means 30.
	Length int
	// ShrinkRuns bounds the scenarios the shrinker runs; 0 means 400.
	ShrinkRuns int
	// Timeout bounds each request, the harness's own and Okta's, until its
	// whole answer came; 0 means 30 seconds. A request that gets no answer
	// ends the run: Result.NoAnswer says which.
	Timeout time.Duration
	// Limits bound what is read of the target's answers (mockokta.Limits;
	// the zero value: the defaults).
	Limits mockokta.Limits
	// Concurrency > 1 runs, after each scenario, a round of Okta actions
	// at once, at most Concurrency in flight (concurrent.go). Its finding
	// is not shrunk: a race does not replay action by action.
	Concurrency int
}

// Result is what an exploration found.
type Result struct {
	Seed      uint64
	Steps     int // actions run before the violation, or in all
	Scenarios int
	Elapsed   time.Duration
	Finding   *Finding // nil when every invariant held
	// NoAnswer is the request that got no answer within Config.Timeout
	// and ended the run ("POST …/Users: got no answer: timeout after
	// 30s"); "" if every request got one. A run that ends so has not
	// explored: it is a failure, not a pass.
	NoAnswer string
	// Bound is the bound of Config.Limits an answer met, which ended the
	// run ("GET …: the answer's body is larger than 8 MiB (bound
	// BodyBytes, …)"); "" if none. It is a failure, as NoAnswer is.
	Bound string
}

// Finding is a violation and the shrunk scenario that shows it.
type Finding struct {
	Seed      uint64
	Scenario  Scenario // shrunk: only actions that apply
	Violation *Violation
	Original  int // actions of the scenario as found, up to the violation
	Runs      int // scenarios the shrinker ran
	Admin     bool
	Pack      Pack
	// Concurrent: the actions ran at once (--concurrency); the feature
	// runs them one after another, and may pass where the race failed.
	Concurrent bool
}

// Run explores until a violation, the step bound, the time bound or ctx.
// It returns an error only when the target cannot be tested at all.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Steps <= 0 {
		cfg.Steps = 10000
	}
	if cfg.Length <= 0 {
		cfg.Length = 30
	}
	if cfg.ShrinkRuns <= 0 {
		cfg.ShrinkRuns = 400
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	start := time.Now()
	r := newRunner(cfg.Target, cfg.Pack)
	r.limits = cfg.Limits.WithDefaults()
	r.c.timeout, r.c.maxBody, r.c.limits = cfg.Timeout, r.limits.BodyBytes, r.limits
	if cfg.Time > 0 {
		// The time bound stops the next action, not the one under way:
		// a request cut by it would hide whether the target answers.
		r.deadline = start.Add(cfg.Time)
	}
	gen := newGenerator(cfg.Seed, r.caps)
	res := &Result{Seed: cfg.Seed}
	for res.Steps < cfg.Steps && ctx.Err() == nil && !r.timeUp() {
		sc := gen.scenario(min(cfg.Length, cfg.Steps-res.Steps))
		out, err := r.run(ctx, sc)
		if na := r.c.unanswered(); na != "" {
			res.NoAnswer = na
			break
		}
		if errors.Is(err, errTimeUp) {
			break
		}
		var le *mockokta.LimitError
		if errors.As(err, &le) {
			res.Bound = r.c.secrets.String(err.Error())
			break
		}
		if err != nil {
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				break
			}
			return res, err
		}
		res.Scenarios++
		res.Steps += len(out.applied)
		if out.v == nil && cfg.Concurrency > 1 {
			round, err := r.concurrent(ctx, gen, cfg.Concurrency)
			if err != nil {
				if ctx.Err() != nil {
					break
				}
				return res, err
			}
			res.Steps += len(round.applied)
			if round.v != nil {
				res.Finding = &Finding{Seed: cfg.Seed, Admin: cfg.Target.AdminURL != "", Pack: cfg.Pack, Concurrent: true,
					Scenario: Scenario{Setup: Setup{}, Actions: round.applied}, Violation: round.v, Original: len(round.applied)}
				break
			}
		}
		if out.v != nil {
			found := Scenario{Setup: sc.Setup, Actions: out.applied}
			// Shrinking gets its own time, so that a violation found at the
			// end of --time is still made minimal.
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			f, err := r.shrink(sctx, found, out.v, cfg.ShrinkRuns)
			cancel()
			if err != nil {
				return res, err
			}
			f.Seed, f.Admin, f.Pack = cfg.Seed, cfg.Target.AdminURL != "", cfg.Pack
			res.Finding = f
			break
		}
		if len(out.applied) == 0 {
			res.Steps++ // a scenario where nothing applied still counts, so the run ends
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}
