package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	stdlog "log"
	"net/http"
	"strings"
	"time"

	"github.com/scimharness/scimharness/container"
	"github.com/scimharness/scimharness/internal/refserver"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// imageFlags are run's flags for testing a container image.
type imageFlags struct {
	image   string
	port    string
	path    string
	env     envFlags
	timeout time.Duration
}

// envFlags collects repeated K=V values.
type envFlags []string

func (f *envFlags) String() string { return strings.Join(*f, ",") }
func (f *envFlags) Set(v string) error {
	if k, _, ok := strings.Cut(v, "="); !ok || k == "" {
		return fmt.Errorf("%q: want KEY=VALUE", v)
	}
	*f = append(*f, v)
	return nil
}

func (f *imageFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.image, "image", "", "a local container image of the SCIM server to test: started, waited for, tested and removed")
	fs.StringVar(&f.port, "image-port", "8080", "the port the image's SCIM server listens on")
	fs.StringVar(&f.path, "image-path", "/scim/v2", "the SCIM base path inside the image's server")
	fs.Var(&f.env, "image-env", "KEY=VALUE set in the container (repeatable)")
	fs.DurationVar(&f.timeout, "image-timeout", 60*time.Second, "how long the image may take to answer HTTP")
}

// startedImage is a running image under test.
type startedImage struct {
	c     *container.Container
	image string
}

// startImage starts the image and returns the steps.Config to test it with.
// When the image is the reference server's (its label says so), it is given
// fresh tokens and its Admin Console API is used, so that the full suite runs;
// otherwise cfg keeps the credentials of the flags and only its BaseURL is set.
// The caller must call stop, also after an error.
// With verbose, testcontainers' own log lines go to stderr.
func startImage(ctx context.Context, f imageFlags, cfg steps.Config, client *http.Client, verbose bool, stderr io.Writer) (*startedImage, steps.Config, error) {
	if verbose {
		container.SetLogger(stdlog.New(stderr, "", stdlog.LstdFlags))
	}
	if err := container.Available(ctx); err != nil {
		return nil, cfg, fmt.Errorf("--image needs a Docker engine: %w", err)
	}
	isRef, err := container.IsReference(ctx, f.image)
	if err != nil {
		return nil, cfg, err
	}
	opts := []container.Option{container.WithPort(f.port), container.WithPath(f.path), container.WithStartupTimeout(f.timeout)}
	token, sandbox, admin := randomToken(), randomToken(), randomToken()
	oauth := reference.OAuthConfig{ClientID: "okta-" + randomToken()[:8], ClientSecret: randomToken()}
	if isRef {
		opts = append(opts,
			container.WithEnv("SCIMHARNESS_TOKEN", token),
			container.WithEnv("SCIMHARNESS_SANDBOX_TOKEN", sandbox),
			container.WithEnv("SCIMHARNESS_ADMIN_TOKEN", admin),
			container.WithEnv("SCIMHARNESS_OAUTH_CLIENT_ID", oauth.ClientID),
			container.WithEnv("SCIMHARNESS_CLIENT_SECRET", oauth.ClientSecret))
	}
	for _, kv := range f.env {
		k, v, _ := strings.Cut(kv, "=")
		opts = append(opts, container.WithEnv(k, v))
	}
	c, err := container.Run(ctx, f.image, opts...)
	s := &startedImage{c: c, image: f.image}
	if err != nil {
		return s, cfg, err
	}
	cfg.BaseURL = c.BaseURL()
	cfg.HTTPClient = client
	if isRef {
		r := refserver.Config(c.URL(), reference.Config{Token: token, SandboxToken: sandbox, AdminToken: admin, OAuth: &oauth}, client)
		cfg.Token, cfg.SandboxURL, cfg.SandboxToken = r.Token, r.SandboxURL, r.SandboxToken
		cfg.AdminURL, cfg.AdminToken, cfg.OAuth = r.AdminURL, r.AdminToken, r.OAuth
		cfg.Auth = steps.AuthBearer
	}
	return s, cfg, nil
}

// logs is the container's log for the reports.
func (s *startedImage) logs(ctx context.Context) []reports.Log {
	if s == nil || s.c == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	text, err := s.c.Logs(ctx)
	if err != nil {
		text += "\n(reading the log failed: " + err.Error() + ")"
	}
	name := "container log of " + s.image
	if id := s.c.ID(); id != "" {
		name += " (container " + id[:min(12, len(id))] + ")"
	}
	return []reports.Log{{Name: name, Text: text}}
}

// stop removes the container, whatever ended the run (Ctrl-C included: ctx may
// be cancelled already, so removal gets a context of its own).
func (s *startedImage) stop(ctx context.Context) error {
	if s == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	return s.c.Terminate(ctx)
}
