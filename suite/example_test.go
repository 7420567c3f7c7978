package suite_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// Example runs the scenarios of one behaviour, ZN-17 (userName is
// immutable), against two reference servers: a correct one, where every
// scenario passes, and one with the fault mutable-username, where the ones
// that change a userName fail (the one that reads /Schemas passes: the
// schema says what Zinc documents, whatever the fault).
// Against your own server, set BaseURL and Token to it.
func Example() {
	parts, err := suite.Load(suite.AppZinc, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	src, err := suite.NewSources(parts, nil, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, faults := range [][]string{nil, {"mutable-username"}} {
		srv, err := reference.New(reference.Config{Token: "example-token", Faults: faults})
		if err != nil {
			fmt.Println(err)
			return
		}
		ts := httptest.NewServer(srv)
		res, err := suite.Run{
			Config:  steps.Config{BaseURL: ts.URL + "/scim/v2", Token: "example-token"},
			Sources: src,
			Tags:    "@ZN-17 && ~@admin-api", // no Admin Console API here
		}.Run(context.Background())
		ts.Close()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("faults %v: ran %t, all passed %t, some failed %t\n", faults, len(res.Scenarios) > 0,
			res.Count(reports.Passed) == len(res.Scenarios), len(res.Failed()) > 0)
	}
	// Output:
	// faults []: ran true, all passed true, some failed false
	// faults [mutable-username]: ran true, all passed false, some failed true
}
