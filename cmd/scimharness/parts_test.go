package main

import (
	"testing"

	"github.com/scimharness/scimharness/suite"
)

// zincParts are the parts of a default run: the Okta core and the Zinc pack.
func zincParts(t testing.TB) *suite.Parts {
	t.Helper()
	p, err := suite.Load(suite.AppZinc, "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
