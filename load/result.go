package load

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Result is what a wave measured and what its audit found. It marshals to the
// JSON that `scimharness load --json FILE` writes.
type Result struct {
	Target      string  `json:"target"`
	Profile     string  `json:"profile"`
	Users       int     `json:"users"`
	Groups      int     `json:"groups"`
	Members     int     `json:"members"`
	Concurrency int     `json:"concurrency"`
	Rate        float64 `json:"rateCap,omitempty"`

	Started  time.Time `json:"started"`
	Elapsed  Millis    `json:"elapsedMs"`
	Requests int       `json:"requests"`
	PerSec   float64   `json:"requestsPerSecond"`

	Phases []PhaseResult `json:"phases"`
	Kinds  []KindStats   `json:"kinds"`
	// ErrorsByStatus counts answers of 400 and above (429 included) by status.
	ErrorsByStatus map[int]int `json:"errorsByStatus"`
	NoAnswer       int         `json:"noAnswer"`
	Throttled      int         `json:"throttled429"`
	ThrottleWait   Millis      `json:"throttleWaitMs"`
	// WaitsCut counts Okta's waits after a 429 that were longer than
	// RetryPause and cut to it; RetryPause is that bound.
	WaitsCut   int    `json:"waitsCut,omitempty"`
	RetryPause Millis `json:"retryPauseMs"`
	// PatchTrend is, for the first (largest) group's membership PATCHes,
	// the mean latency of the last tenth over that of the first tenth: a
	// server whose cost grows with the group shows a value well above 1.
	PatchTrend float64 `json:"patchTrend,omitempty"`

	Tasks  int      `json:"failedOperations"`
	Errors []string `json:"errors,omitempty"`
	Audit  Audit    `json:"audit"`
	OK     bool     `json:"ok"`
}

// PhaseResult is one phase of the wave.
type PhaseResult struct {
	Name     string `json:"name"`
	Items    int    `json:"items"`
	Failed   int    `json:"failed"`
	Skipped  int    `json:"skipped"`
	Requests int    `json:"requests"`
	Elapsed  Millis `json:"elapsedMs"`
}

func (r *Result) finish(cfg Config, w *wave) {
	r.Target = cfg.BaseURL
	r.Profile = cfg.Profile.String()
	r.Users, r.Groups, r.Members, r.Concurrency, r.Rate = cfg.Users, cfg.Groups, cfg.Members, cfg.Concurrency, cfg.Rate
	r.Started = w.start
	elapsed := time.Duration(r.Elapsed)
	r.Kinds = w.rec.Stats(elapsed)
	r.ErrorsByStatus = map[int]int{}
	for _, k := range r.Kinds {
		r.Requests += k.Requests
		r.NoAnswer += k.NoAnswer
		for st, n := range k.Statuses {
			if st >= 400 {
				r.ErrorsByStatus[st] += n
			}
		}
	}
	if elapsed > 0 {
		r.PerSec = float64(r.Requests) / elapsed.Seconds()
	}
	r.Throttled = r.ErrorsByStatus[429]
	r.ThrottleWait = Millis(w.throttleWait.Load())
	r.WaitsCut, r.RetryPause = int(w.waitsCut.Load()), Millis(cfg.Limits.RetryPause)
	r.PatchTrend = trend(w.bigPatches)
	r.Tasks = len(w.org.Tasks())
	r.OK = r.Tasks == 0 && len(r.Errors) == 0 && r.Audit.OK
}

// trend is mean(last tenth) / mean(first tenth) of d; 0 with fewer than 10.
func trend(d []time.Duration) float64 {
	if len(d) < 10 {
		return 0
	}
	n := len(d) / 10
	var first, last time.Duration
	for i := 0; i < n; i++ {
		first += d[i]
		last += d[len(d)-n+i]
	}
	if first == 0 {
		return 0
	}
	return float64(last) / float64(first)
}

// WriteJSON writes the result as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write load result: %w", err)
	}
	return nil
}

// WriteText writes the figures as a person reads them: the verdict, the phases,
// one line per request kind, errors, 429s and the audit.
func (r *Result) WriteText(w io.Writer) {
	verdict := "PASS"
	if !r.OK {
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "%s  %d requests in %s (%.0f req/s) against %s, profile %s, %d workers\n",
		verdict, r.Requests, time.Duration(r.Elapsed).Round(time.Millisecond), r.PerSec, r.Target, r.Profile, r.Concurrency)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nphase\titems\tfailed\trequests\ttime\t")
	for _, p := range r.Phases {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t\n", p.Name, p.Items, p.Failed, p.Requests, time.Duration(p.Elapsed).Round(time.Millisecond))
	}
	fmt.Fprintln(tw, "\nrequest kind\trequests\treq/s\tp50\tp90\tp99\tmax\tstatuses\t")
	for _, k := range r.Kinds {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t%s\t\n", k.Kind, k.Requests, k.PerSec,
			dur(k.P50), dur(k.P90), dur(k.P99), dur(k.Max), statuses(k.Statuses, k.NoAnswer))
	}
	tw.Flush()
	fmt.Fprintf(w, "\nerrors by status: %s; 429s: %d, waits they caused: %s\n",
		statuses(r.ErrorsByStatus, r.NoAnswer), r.Throttled, time.Duration(r.ThrottleWait))
	if r.WaitsCut > 0 {
		fmt.Fprintf(w, "%d of Okta's waits after a 429 were longer than %s and cut to it (bound RetryPause, --retry-pause; docs/reliability.md)\n",
			r.WaitsCut, time.Duration(r.RetryPause))
	}
	if r.PatchTrend > 0 {
		fmt.Fprintf(w, "largest group's membership PATCHes, last tenth over first tenth: %.2fx\n", r.PatchTrend)
	}
	if r.Tasks > 0 {
		fmt.Fprintf(w, "failed operations (Okta tasks): %d\n", r.Tasks)
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "error: %s\n", e)
	}
	r.Audit.writeText(w)
}

func dur(m Millis) string {
	d := time.Duration(m)
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	default:
		return d.Round(time.Microsecond).String()
	}
}

func statuses(m map[int]int, noAnswer int) string {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d×%d", m[k], k))
	}
	if noAnswer > 0 {
		parts = append(parts, fmt.Sprintf("%d×no answer", noAnswer))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}
