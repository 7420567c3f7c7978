package explore

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/scimharness/scimharness/reference"
)

// plantStale is a server that keeps answering for what it lost: a request
// for a user or group deleted by another client than Okta answers 204 (GET 200 with
// an empty object), as a stale cache in front of a restored database would.
type plantStale struct {
	h    http.Handler
	mu   sync.Mutex
	gone map[string]bool
}

func (p *plantStale) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimRight(r.URL.Path, "/")
	p.mu.Lock()
	stale := p.gone[path]
	if r.Method == http.MethodDelete && !strings.HasPrefix(r.UserAgent(), "Okta") {
		p.gone[path] = true // the app lost it (explore's own DELETE), not Okta's delete
	}
	p.mu.Unlock()
	if !stale || r.Method == http.MethodDelete {
		p.h.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/scim+json")
	if r.Method == http.MethodGet {
		_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"` + path[strings.LastIndexByte(path, '/')+1:] + `"}`))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// TestMemoryInvariantFindsStaleAnswers: a server that answers for what it
// lost makes Okta believe writes that did nothing; explore's memory
// invariant finds it, and the clean server gives no violation.
func TestMemoryInvariantFindsStaleAnswers(t *testing.T) {
	srv, err := reference.New(reference.Config{Token: "tok-prod-123456", SandboxToken: "tok-sandbox-123456", AdminToken: "tok-admin-123456"})
	if err != nil {
		t.Fatal(err)
	}
	tgt := refTarget(t)
	tgt.Transport = HandlerTransport(&plantStale{h: srv, gone: map[string]bool{}})
	res, err := Run(context.Background(), Config{Target: tgt, Pack: PackCore, Seed: 1, Steps: 3000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Finding == nil || res.Finding.Violation.Invariant != memoryInvariant {
		t.Fatalf("expected a finding of %q, got %+v", memoryInvariant, res.Finding)
	}
	var b strings.Builder
	if err := WriteFeature(&b, res.Finding); err != nil {
		t.Fatal(err)
	}
	feature := b.String()
	for _, want := range []string{"loses", "Then "} {
		if !strings.Contains(feature, want) {
			t.Errorf("the feature lacks %q:\n%s", want, feature)
		}
	}
}
