package wire

import (
	"errors"
	"fmt"

	"github.com/scimharness/scimharness/mockokta"
)

// Result is the comparison of one captured Okta request with what mockokta
// sends for the same action.
type Result struct {
	Request Request
	// Mock is mockokta's request; nil when the action is one wire does not
	// reproduce (Note says which).
	Mock *Exchange
	// Differences are the fields in which the two differ, under current
	// Okta's shapes; empty when they agree or when Variant explains them.
	Differences []Difference
	// Variant names the mockokta variant whose shape the capture has, when
	// it is not current Okta's (docs/okta-protocol.md §11).
	Variant, VariantSource string
	Note                   string
}

// Report is the comparison of a whole capture.
type Report struct {
	Format   string
	Results  []Result  // the Okta requests, in capture order
	NotOkta  []Request // the requests that are not Okta's, left out
	Problems []Problem // the capture's unusable entries, left out
}

// Differences counts the requests that differ from mockokta's.
func (r *Report) Differences() int {
	n := 0
	for _, res := range r.Results {
		if len(res.Differences) > 0 {
			n++
		}
	}
	return n
}

// NotCompared counts the Okta requests that wire could not reproduce.
func (r *Report) NotCompared() int {
	n := 0
	for _, res := range r.Results {
		if res.Mock == nil {
			n++
		}
	}
	return n
}

// ErrNoOktaRequest is a capture in which no request is Okta's.
var ErrNoOktaRequest = errors.New("no request of the capture is Okta's (User-Agent \"Okta SCIM Client …\")")

// Compare compares every Okta request of c with what mockokta sends for the
// same action: first under current Okta's shapes, then, if they differ,
// under each named variant; a variant under which they agree is named
// instead of the differences.
func Compare(c *Capture) (*Report, error) {
	rep := &Report{Format: c.Format, Problems: c.Problems}
	for i := range c.Exchanges {
		x := &c.Exchanges[i]
		r := Classify(x)
		if !r.Okta {
			rep.NotOkta = append(rep.NotOkta, r)
			continue
		}
		rep.Results = append(rep.Results, compareOne(r, c.Exchanges[:i]))
	}
	if len(rep.Results) == 0 {
		return rep, ErrNoOktaRequest
	}
	return rep, nil
}

func compareOne(r Request, prior []Exchange) Result {
	res := Result{Request: r}
	m, err := expected(r, mockokta.Variants{}, prior)
	if err != nil {
		res.Note = err.Error()
		if errors.Is(err, errNotModelled) {
			res.Note = fmt.Sprintf("not compared: %v", err)
		}
		return res
	}
	res.Mock = &Exchange{Method: m.Method, URL: m.URL, Header: m.Header, Body: m.Body}
	res.Differences = diffRequests(r.X, m)
	if len(res.Differences) == 0 {
		return res
	}
	for _, alt := range alternatives() {
		vm, err := expectedAlt(r, alt, prior)
		if err != nil {
			continue
		}
		if len(diffRequests(r.X, vm)) == 0 {
			res.Mock = &Exchange{Method: vm.Method, URL: vm.URL, Header: vm.Header, Body: vm.Body}
			res.Differences, res.Variant, res.VariantSource = nil, alt.name, alt.source
			return res
		}
	}
	return res
}
