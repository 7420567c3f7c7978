package container_test

import (
	"context"
	"fmt"
	"time"

	"github.com/scimharness/scimharness/container"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// ExampleRun starts a SCIM server's image (here the harness's own image,
// built by `make image`, which serves the reference server by default),
// waits until its SCIM path answers, runs the Okta core's scenarios against
// it and removes it. It needs a Docker engine, so it has no Output to check.
func ExampleRun() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c, err := container.Run(ctx, "scimharness:latest",
		container.WithEnv("SCIMHARNESS_TOKEN", "example-token"),
		container.WithPort("8080"), container.WithPath("/scim/v2"),
		container.WithStartupTimeout(time.Minute))
	// Terminate also after an error: the container may exist.
	defer func() { _ = c.Terminate(context.Background()) }()
	if err != nil {
		fmt.Println(err) // carries the container's log when it did not come up
		return
	}

	parts, err := suite.Load(suite.AppNone, "") // the Okta core alone
	if err != nil {
		fmt.Println(err)
		return
	}
	src, err := suite.NewSources(parts, nil, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := suite.Run{Config: steps.Config{BaseURL: c.BaseURL(), Token: "example-token"}, Sources: src}.Run(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sc := range res.Failed() {
		fmt.Printf("FAIL %s (%s:%d)\n", sc.Name, sc.URI, sc.Line)
	}
	fmt.Printf("%d scenarios, %d failed\n", len(res.Scenarios), len(res.Failed()))
}
