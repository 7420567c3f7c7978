package explore

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/reference"
)

func TestConcurrentRoundsCleanServer(t *testing.T) {
	res, err := Run(context.Background(), Config{Target: refTarget(t), Pack: PackZinc, Seed: 2, Steps: 300, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	if res.Finding != nil {
		t.Fatalf("a violation on the clean server: %v", res.Finding.Violation)
	}
}

// plantDuplicate is a create that checks and inserts without a lock: a
// POST /Users of a userName while another of the same userName is in
// flight answers 201 with a new id, a second user. One app instance never
// sends two at once; two assigning the same user do.
//
// With force set, it also makes that interleaving happen instead of hoping
// the scheduler does: the first create of a userName waits until the second
// arrives (the other instance's lookup cannot find a user not yet inserted,
// so the second always comes). Only a round that runs every assignment at
// once may set it; nothing in it waits on a clock.
type plantDuplicate struct {
	h        http.Handler
	force    bool
	n        atomic.Int64
	mu       sync.Mutex
	inFlight map[string]chan struct{} // closed when a second create of the userName arrived
}

func (p *plantDuplicate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/Users") {
		p.h.ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	u := strings.ToLower(gjson.GetBytes(body, "userName").String())
	p.mu.Lock()
	if second, ok := p.inFlight[u]; ok {
		close(second)
		delete(p.inFlight, u)
		p.mu.Unlock()
		w.Header().Set("Content-Type", "application/scim+json")
		w.WriteHeader(http.StatusCreated)
		_, _ = fmt.Fprintf(w, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"dup-%d","userName":%q,"active":true}`, p.n.Add(1), u)
		return
	}
	second := make(chan struct{})
	p.inFlight[u] = second
	p.mu.Unlock()
	if p.force {
		select { // the window between the check and the insert, held open until the other create is in it
		case <-second:
		case <-r.Context().Done():
		}
	}
	p.h.ServeHTTP(w, r)
	p.mu.Lock()
	if p.inFlight[u] == second {
		delete(p.inFlight, u)
	}
	p.mu.Unlock()
}

// TestConcurrentRoundFindsDuplicate: one app instance never meets the
// planted check-then-insert race; a concurrent round, whose two instances
// assign the same users at once, does, and names the duplicate.
func TestConcurrentRoundFindsDuplicate(t *testing.T) {
	tgt := refTarget(t)
	srv, err := reference.New(reference.Config{Token: "tok-prod-123456", SandboxToken: "tok-sandbox-123456", AdminToken: "tok-admin-123456"})
	if err != nil {
		t.Fatal(err)
	}
	plant := &plantDuplicate{h: srv, inFlight: map[string]chan struct{}{}}
	tgt.Transport = HandlerTransport(plant)
	seq, err := Run(context.Background(), Config{Target: tgt, Pack: PackCore, Seed: 4, Steps: 100})
	if err != nil {
		t.Fatal(err)
	}
	if seq.Finding != nil {
		t.Fatalf("one app instance noticed the planted bug: %v", seq.Finding.Violation)
	}

	// The round itself, every assignment in flight at once (two instances
	// per person), the plant forcing the interleaving.
	plant.force = true
	r := newRunner(tgt, PackCore)
	round, err := r.concurrent(context.Background(), newGenerator(4, r.caps), 2*len(People))
	if err != nil {
		t.Fatal(err)
	}
	if round.v == nil || !strings.HasPrefix(round.v.Invariant, "nothing is duplicated") {
		t.Fatalf("expected the round to find a duplicate, got %+v", round.v)
	}
}
