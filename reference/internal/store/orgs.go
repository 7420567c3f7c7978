package store

import (
	"sync"

	"github.com/scimharness/scimharness/reference/internal/tokens"
)

// Orgs are a server's organizations and the SCIM tokens that open them. It is
// safe for concurrent use; the zero value is not: use NewOrgs.
type Orgs struct {
	mu     sync.RWMutex
	byID   map[string]*Org
	tokens map[tokens.Key]Access // a SCIM token's hash → what it opens
}

// Access is what a SCIM token opens: an organization's environment.
type Access struct {
	Org *Org
	Env Environment
}

// NewOrgs returns an empty set of organizations.
func NewOrgs() *Orgs {
	return &Orgs{byID: map[string]*Org{}, tokens: map[tokens.Key]Access{}}
}

// Add creates o's environments, empty, and registers o and its tokens. The
// caller must not add two organizations with the same id or token.
func (s *Orgs) Add(o *Org) {
	for i := range o.Envs {
		o.Envs[i] = NewEnv()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byID[o.ID] = o
	for env, t := range o.Tokens {
		if t != "" {
			s.tokens[tokens.KeyOf(t)] = Access{Org: o, Env: Environment(env)}
		}
	}
}

// Get is the organization id, or nil.
func (s *Orgs) Get(id string) *Org {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.byID[id]
}

// ByToken finds what a SCIM token opens, through its hash (tokens.KeyOf).
func (s *Orgs) ByToken(token string) (Access, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.tokens[tokens.KeyOf(token)]
	return a, ok
}

// All lists the organizations, in no particular order.
func (s *Orgs) All() []*Org {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Org, 0, len(s.byID))
	for _, o := range s.byID {
		out = append(out, o)
	}
	return out
}
