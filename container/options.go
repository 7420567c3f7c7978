package container

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tclog "github.com/testcontainers/testcontainers-go/log"
	"github.com/testcontainers/testcontainers-go/wait"
)

// Option changes how Run starts a container.
type Option func(*settings)

type settings struct {
	port           string
	path           string
	readyPath      string
	env            map[string]string
	cmd            []string
	startupTimeout time.Duration
	logger         tclog.Logger
}

// Defaults: the reference server's port and SCIM path, readiness on the SCIM
// path's ServiceProviderConfig, a minute to come up, and testcontainers' own
// chatter discarded.
func defaults() settings {
	return settings{
		port:           "8080/tcp",
		path:           "/scim/v2",
		startupTimeout: 60 * time.Second,
		logger:         tclog.NewNoopLogger(),
	}
}

func (s *settings) validate() error {
	if !strings.HasSuffix(s.port, "/tcp") && !strings.HasSuffix(s.port, "/udp") {
		s.port += "/tcp"
	}
	if s.port == "/tcp" {
		return errors.New("no port to expose")
	}
	if s.path != "" && !strings.HasPrefix(s.path, "/") {
		return fmt.Errorf("SCIM path %q must start with /", s.path)
	}
	s.path = strings.TrimRight(s.path, "/")
	if s.startupTimeout <= 0 {
		return fmt.Errorf("startup timeout %s must be positive", s.startupTimeout)
	}
	return nil
}

// readiness waits until the server answers HTTP on the ready path. Any status
// below 500 counts: a server that wants a token answers 401 before the suite
// has shown it one, and that still means it is up.
func (s *settings) readiness() wait.Strategy {
	return wait.ForHTTP(s.readinessPath()).
		WithPort(s.port).
		WithStatusCodeMatcher(func(status int) bool { return status < http.StatusInternalServerError }).
		WithStartupTimeout(s.startupTimeout).
		WithPollInterval(100 * time.Millisecond)
}

// readinessPath is the path polled for readiness.
func (s *settings) readinessPath() string {
	if s.readyPath != "" {
		return s.readyPath
	}
	return s.path + "/ServiceProviderConfig"
}

// WithPort sets the container port the SCIM server listens on ("8080" or
// "8080/tcp"); default 8080.
func WithPort(port string) Option { return func(s *settings) { s.port = port } }

// WithPath sets the SCIM base path inside the server; default "/scim/v2".
func WithPath(path string) Option { return func(s *settings) { s.path = path } }

// WithReadyPath sets the path polled for readiness; default the SCIM path's
// /ServiceProviderConfig. Any answer below 500 means ready.
func WithReadyPath(path string) Option { return func(s *settings) { s.readyPath = path } }

// WithEnv sets an environment variable in the container.
func WithEnv(key, value string) Option {
	return func(s *settings) {
		if s.env == nil {
			s.env = map[string]string{}
		}
		s.env[key] = value
	}
}

// WithCmd replaces the image's command (its CMD; the ENTRYPOINT stays).
func WithCmd(args ...string) Option { return func(s *settings) { s.cmd = args } }

// WithStartupTimeout bounds the wait for readiness; default one minute.
func WithStartupTimeout(d time.Duration) Option { return func(s *settings) { s.startupTimeout = d } }

// WithLogger sends testcontainers' own log lines to l (by default they are dropped).
func WithLogger(l tclog.Logger) Option { return func(s *settings) { s.logger = l } }
