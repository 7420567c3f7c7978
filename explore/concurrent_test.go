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
	"time"

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
type plantDuplicate struct {
	h        http.Handler
	n        atomic.Int64
	mu       sync.Mutex
	inFlight map[string]bool
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
	if p.inFlight[u] {
		p.mu.Unlock()
		w.Header().Set("Content-Type", "application/scim+json")
		w.WriteHeader(http.StatusCreated)
		_, _ = fmt.Fprintf(w, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"dup-%d","userName":%q,"active":true}`, p.n.Add(1), u)
		return
	}
	p.inFlight[u] = true
	p.mu.Unlock()
	time.Sleep(30 * time.Millisecond) // the window between the check and the insert, wide enough for a loaded machine
	p.h.ServeHTTP(w, r)
	p.mu.Lock()
	delete(p.inFlight, u)
	p.mu.Unlock()
}

func TestConcurrentRoundFindsDuplicate(t *testing.T) {
	tgt := refTarget(t)
	srv, err := reference.New(reference.Config{Token: "tok-prod-123456", SandboxToken: "tok-sandbox-123456", AdminToken: "tok-admin-123456"})
	if err != nil {
		t.Fatal(err)
	}
	tgt.Transport = HandlerTransport(&plantDuplicate{h: srv, inFlight: map[string]bool{}})
	seq, err := Run(context.Background(), Config{Target: tgt, Pack: PackCore, Seed: 4, Steps: 100})
	if err != nil {
		t.Fatal(err)
	}
	if seq.Finding != nil {
		t.Fatalf("one app instance noticed the planted bug: %v", seq.Finding.Violation)
	}
	res, err := Run(context.Background(), Config{Target: tgt, Pack: PackCore, Seed: 4, Steps: 300, Concurrency: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Finding == nil || !res.Finding.Concurrent || !strings.HasPrefix(res.Finding.Violation.Invariant, "nothing is duplicated") {
		t.Fatalf("expected a concurrent finding of a duplicate, got %+v", res.Finding)
	}
}
