package load

import (
	"math"
	"slices"
	"sort"
	"sync"
	"time"
)

// Recorder collects the outcome of every request of a wave: its kind (the
// mockokta request kind, such as "create-user"), status and latency. It is safe
// for concurrent use; each worker should have its own Shard so that recording a
// request takes no shared lock.
type Recorder struct {
	mu     sync.Mutex
	shards []*Shard
}

// Shard is one worker's share of a Recorder. It is not safe for concurrent use.
type Shard struct {
	kinds map[string]*kindSamples
}

type kindSamples struct {
	latencies []time.Duration
	statuses  map[int]int
	transport int // requests that got no HTTP answer
}

// Shard returns a new shard whose samples the Recorder will include in Stats.
func (r *Recorder) Shard() *Shard {
	s := &Shard{kinds: map[string]*kindSamples{}}
	r.mu.Lock()
	r.shards = append(r.shards, s)
	r.mu.Unlock()
	return s
}

// Record notes one request. status 0 means the request got no HTTP answer.
func (s *Shard) Record(kind string, status int, latency time.Duration) {
	k := s.kinds[kind]
	if k == nil {
		k = &kindSamples{statuses: map[int]int{}}
		s.kinds[kind] = k
	}
	k.latencies = append(k.latencies, latency)
	if status == 0 {
		k.transport++
		return
	}
	k.statuses[status]++
}

// KindStats are the figures of one request kind.
type KindStats struct {
	Kind     string      `json:"kind"`
	Requests int         `json:"requests"`
	PerSec   float64     `json:"requestsPerSecond"`
	P50      Millis      `json:"p50Ms"`
	P90      Millis      `json:"p90Ms"`
	P99      Millis      `json:"p99Ms"`
	Max      Millis      `json:"maxMs"`
	Statuses map[int]int `json:"statuses"`
	NoAnswer int         `json:"noAnswer"`
}

// Millis is a duration that marshals as fractional milliseconds.
type Millis time.Duration

// MarshalJSON writes the duration in milliseconds with microsecond precision.
func (m Millis) MarshalJSON() ([]byte, error) {
	ms := float64(time.Duration(m)) / float64(time.Millisecond)
	return []byte(formatFloat(math.Round(ms*1000) / 1000)), nil
}

// Stats merges the shards into per-kind figures, kinds in name order, with the
// request rates taken over elapsed. Call it after the workers have stopped.
func (r *Recorder) Stats(elapsed time.Duration) []KindStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	merged := map[string]*kindSamples{}
	for _, s := range r.shards {
		for kind, k := range s.kinds {
			m := merged[kind]
			if m == nil {
				m = &kindSamples{statuses: map[int]int{}}
				merged[kind] = m
			}
			m.latencies = append(m.latencies, k.latencies...)
			for st, n := range k.statuses {
				m.statuses[st] += n
			}
			m.transport += k.transport
		}
	}
	out := make([]KindStats, 0, len(merged))
	for kind, m := range merged {
		slices.Sort(m.latencies)
		ks := KindStats{
			Kind:     kind,
			Requests: len(m.latencies),
			P50:      Millis(percentile(m.latencies, 50)),
			P90:      Millis(percentile(m.latencies, 90)),
			P99:      Millis(percentile(m.latencies, 99)),
			Max:      Millis(percentile(m.latencies, 100)),
			Statuses: m.statuses,
			NoAnswer: m.transport,
		}
		if elapsed > 0 {
			ks.PerSec = float64(ks.Requests) / elapsed.Seconds()
		}
		out = append(out, ks)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

// percentile returns the p-th percentile (nearest rank) of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}
