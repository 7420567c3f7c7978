// Package container starts a SCIM server image with testcontainers-go, waits until it
// answers and hands back its base URL, so that the conformance suite, or an
// integrator's own Go tests, can run against the image.
//
// Run follows the shape of the testcontainers modules: defaults first, options
// after, and the handle returned together with any error, so that the caller can
// always clean up:
//
//	c, err := container.Run(ctx, "acme/scim:1.4", container.WithEnv("DB", "memory"))
//	defer c.Terminate(context.Background()) // nil-safe; call it even when err != nil
//	if err != nil { ... }
//	base := c.BaseURL() // http://127.0.0.1:32771/scim/v2
//
// The machines this project runs on have a Docker engine and no image registry, so
// nothing is ever pulled: the image must exist locally (`make image` builds the
// reference server's). testcontainers' reaper (Ryuk) is itself an image to pull, so
// Run disables it by setting TESTCONTAINERS_RYUK_DISABLED=true in the process
// environment when it is not set, before the first testcontainers call; the caller
// must therefore Terminate every container it starts. Published ports are
// reached at 127.0.0.1 (TESTCONTAINERS_HOST_OVERRIDE, when set, says otherwise).
package container
