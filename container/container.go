package container

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
	tclog "github.com/testcontainers/testcontainers-go/log"
)

// ReferenceLabel is the image label that marks the reference server's image
// (see the Dockerfile): a runner that sees it knows the Admin Console API is there.
const ReferenceLabel = "io.scimharness.reference"

// Container is a running SCIM server image. The caller must call Terminate when
// finished, also after Run returned an error.
type Container struct {
	ctr     *testcontainers.DockerContainer
	id      string
	rootURL string
	path    string
}

// Run starts image, waits until it answers HTTP on the SCIM path and returns it.
// The returned Container is non-nil whenever a container was created, even with
// an error, so that the caller can Terminate it and read its log.
func Run(ctx context.Context, image string, opts ...Option) (*Container, error) {
	s := defaults()
	for _, o := range opts {
		o(&s)
	}
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("run %s: %w", image, err)
	}
	disableReaper()

	customizers := []testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts(s.port),
		testcontainers.WithLogger(s.logger),
		testcontainers.WithWaitStrategy(s.readiness()),
	}
	if len(s.env) > 0 {
		customizers = append(customizers, testcontainers.WithEnv(s.env))
	}
	if len(s.cmd) > 0 {
		customizers = append(customizers, testcontainers.WithCmd(s.cmd...))
	}
	ctr, err := testcontainers.Run(ctx, image, customizers...)
	var c *Container
	if ctr != nil {
		c = &Container{ctr: ctr, id: ctr.GetContainerID(), path: s.path}
	}
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			// The readiness wait's own deadline, not the caller's.
			err = fmt.Errorf("not ready: nothing answered HTTP on container port %s at %s within %s: %w", s.port, s.readinessPath(), s.startupTimeout, err)
		}
		return c, fmt.Errorf("run %s: %w", image, withLog(ctx, c, err))
	}
	endpoint, err := ctr.PortEndpoint(ctx, s.port, "http")
	if err != nil {
		return c, fmt.Errorf("run %s: mapped port %s: %w", image, s.port, err)
	}
	c.rootURL = endpoint
	return c, nil
}

// ID is the engine's ID of the container (docker ps --filter id=ID), also
// after Terminate; "" for a nil Container.
func (c *Container) ID() string {
	if c == nil {
		return ""
	}
	return c.id
}

// URL is the root of the server, for example http://127.0.0.1:32771.
func (c *Container) URL() string { return c.rootURL }

// BaseURL is the SCIM base URL: URL followed by the SCIM path (WithPath).
func (c *Container) BaseURL() string { return c.rootURL + c.path }

// Logs returns what the container has written to stdout and stderr so far.
func (c *Container) Logs(ctx context.Context) (string, error) {
	if c == nil || c.ctr == nil {
		return "", nil
	}
	rc, err := c.ctr.Logs(ctx)
	if err != nil {
		return "", fmt.Errorf("container log: %w", err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxLog))
	if err != nil {
		return string(b), fmt.Errorf("container log: %w", err)
	}
	return string(b), nil
}

// Terminate stops and removes the container. It is safe on a nil Container and
// may be called more than once.
func (c *Container) Terminate(ctx context.Context) error {
	if c == nil || c.ctr == nil {
		return nil
	}
	ctr := c.ctr
	c.ctr = nil
	if err := ctr.Terminate(ctx); err != nil {
		return fmt.Errorf("terminate container: %w", err)
	}
	return nil
}

// maxLog caps how much of a container's log is read (1 MiB).
const maxLog = 1 << 20

// withLog appends the container's log to a start-up error, which is where the
// reason a server did not come up usually is.
func withLog(ctx context.Context, c *Container, err error) error {
	if c == nil {
		return err
	}
	logCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	log, lerr := c.Logs(logCtx)
	if lerr != nil || strings.TrimSpace(log) == "" {
		return err
	}
	return fmt.Errorf("%w\ncontainer log:\n%s", err, strings.TrimRight(log, "\n"))
}

// SetLogger sends testcontainers' process-wide log lines (the "Connected to
// docker" banner it prints once per process) to l; by default they are
// dropped. It is safe to call at any time, from any goroutine.
func SetLogger(l tclog.Logger) {
	quietOnce.Do(installLogger)
	if l == nil {
		l = tclog.NewNoopLogger()
	}
	processLog.l.Store(&l)
}

// processLog is what testcontainers' default logger writes to. It is the one
// piece of process-wide state here, because testcontainers' default logger
// is process-wide.
var (
	processLog switchLogger
	quietOnce  sync.Once
)

func installLogger() {
	var noop tclog.Logger = tclog.NewNoopLogger()
	processLog.l.CompareAndSwap(nil, &noop)
	tclog.SetDefault(&processLog)
}

// switchLogger forwards to the logger last given to SetLogger.
type switchLogger struct{ l atomic.Pointer[tclog.Logger] }

func (s *switchLogger) Printf(format string, v ...any) {
	if l := s.l.Load(); l != nil {
		(*l).Printf(format, v...)
	}
}

// disableReaper turns Ryuk off unless the caller chose otherwise. testcontainers
// reads the variable once, at its first call, and only the literal "true" counts.
//
// It also pins the address at which published ports are reached to 127.0.0.1
// unless TESTCONTAINERS_HOST_OVERRIDE says otherwise: testcontainers takes the
// presence of /.dockerenv to mean that it runs inside a container and then
// dials the machine's default gateway, which on sandboxed CI machines (that
// have /.dockerenv and their own Docker engine) is an address nothing listens
// on. Set TESTCONTAINERS_HOST_OVERRIDE when the engine is elsewhere.
//
// It also silences testcontainers' default logger unless SetLogger said
// otherwise.
func disableReaper() {
	quietOnce.Do(installLogger)
	if _, set := os.LookupEnv("TESTCONTAINERS_RYUK_DISABLED"); !set {
		_ = os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	}
	if _, set := os.LookupEnv("TESTCONTAINERS_HOST_OVERRIDE"); !set && os.Getenv("DOCKER_HOST") == "" {
		_ = os.Setenv("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1")
	}
}

// IsReference reports whether image carries ReferenceLabel, that is, whether it is
// the reference server's image with its Admin Console API.
func IsReference(ctx context.Context, image string) (bool, error) {
	disableReaper()
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		return false, fmt.Errorf("docker client: %w", err)
	}
	defer cli.Close()
	res, err := cli.ImageInspect(ctx, image)
	if err != nil {
		return false, fmt.Errorf("inspect image %s (it must exist locally; nothing is pulled): %w", image, err)
	}
	if res.Config == nil {
		return false, nil
	}
	return res.Config.Labels[ReferenceLabel] == "true", nil
}

// Available reports whether a Docker engine answers, with the reason when not.
func Available(ctx context.Context) error {
	disableReaper()
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		return fmt.Errorf("docker client: %w", err)
	}
	defer cli.Close()
	if _, err := cli.Ping(ctx, client.PingOptions{}); err != nil {
		return fmt.Errorf("docker engine does not answer: %w", err)
	}
	return nil
}
