// Package faults is the reference server's catalogue of deliberate defects.
// A fault is one entry of one table (table.go): its name, the catalogued
// behaviour it breaks, what the server then does wrong, and Break, the
// change it makes to the server's seams (package rules). Nothing else in
// the server knows a fault by name: find a fault by grepping its name here,
// then the seam it changes in package rules and where the server reads it.
package faults

import (
	"fmt"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/rules"
)

// Fault is one deliberate defect.
type Fault struct {
	Name        string // the value for Config.Faults and --fault
	Behaviour   string // the catalogue ID it breaks (ZN-17, OK-05, …)
	Description string // what the server then does wrong
	// AlsoBreaks names the Okta-core behaviours an app-behaviour fault
	// breaks too (ZN-03's ignored deactivation is OK-31's as well).
	AlsoBreaks []string
	// Break changes the seams the fault needs.
	Break func(*rules.Rules)
}

// All is every fault, in a stable order. The caller must not change the
// entries.
func All() []Fault { return all[:] }

// Lookup finds a fault by name, case-insensitively.
func Lookup(name string) (Fault, bool) {
	for _, f := range all {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Fault{}, false
}

// Apply breaks r by each fault named in names; an unknown name is an error.
func Apply(r *rules.Rules, names []string) error {
	for _, n := range names {
		f, ok := Lookup(n)
		if !ok {
			return fmt.Errorf("unknown fault %q (list them with 'scimharness faults')", n)
		}
		f.Break(r)
	}
	return nil
}
