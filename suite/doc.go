// Package suite runs the conformance suite: it loads the parts a run tests
// (the Okta core, and an app pack or none), mounts their feature files with
// any of a team's own, runs them with godog and the steps of package steps,
// and gives the scenarios with the harness's own statuses, each with the
// part it belongs to. `scimharness run`, `list` and `selfcheck` use it, and
// so can a Go program or test:
//
//	parts, err := suite.Load(suite.AppZinc, "")
//	src, err := suite.NewSources(parts, nil, false)
//	res, err := suite.Run{Config: cfg, Sources: src}.Run(ctx)
//	for _, sc := range res.Scenarios { fmt.Println(sc.Status, sc.Name) }
package suite
