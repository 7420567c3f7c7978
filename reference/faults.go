package reference

import (
	"strings"

	"github.com/scimharness/scimharness/reference/internal/faults"
)

// Fault is a deliberate defect the server can be started with (Config.Faults,
// `scimharness serve --fault NAME`). Each breaks exactly one catalogued behaviour,
// so that a suite can show it notices when that behaviour is wrong.
type Fault struct {
	Name        string // the value for Config.Faults and --fault
	Behaviour   string // the catalogue ID it breaks (ZN-17, OK-05, …)
	Description string // what the server then does wrong
}

// Faults lists every fault the server knows, in a stable order.
func Faults() []Fault {
	all := faults.All()
	out := make([]Fault, len(all))
	for i, f := range all {
		out[i] = Fault{Name: f.Name, Behaviour: f.Behaviour, Description: f.Description}
	}
	return out
}

// OAuth reports whether the fault is in the OAuth authorization server
// (/oauth/, its names start with "oauth-") rather than in the SCIM API or the
// Admin Console API: only a client that runs Okta's OAuth flow can notice it.
func (f Fault) OAuth() bool { return strings.HasPrefix(f.Name, "oauth-") }

// Behaviours lists the catalogue IDs f breaks: f.Behaviour first, then any
// Okta-core behaviour it breaks too. A suite that loads any of them must
// fail a scenario tagged with one of them.
func (f Fault) Behaviours() []string {
	out := []string{f.Behaviour}
	if g, ok := faults.Lookup(f.Name); ok {
		out = append(out, g.AlsoBreaks...)
	}
	return out
}
