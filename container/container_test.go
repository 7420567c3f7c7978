package container_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/container"
)

// requireDocker skips the test where no Docker engine answers, except under CI,
// where the engine is part of the machine and its absence is a failure.
func requireDocker(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := container.Available(ctx); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI has a Docker engine, but: %v", err)
		}
		t.Skipf("no Docker engine: %v", err)
	}
}

// buildImage builds the repository's Dockerfile around a freshly built static
// binary of ./cmd/scimharness and tags it tag; the image is removed at the end.
func buildImage(t *testing.T, tag string) {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run(t, root, []string{"CGO_ENABLED=0"}, "go", "build", "-trimpath", "-o", filepath.Join(dir, "bin", "scimharness"), "./cmd/scimharness")
	df, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), df, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, nil, "docker", "build", "-q", "-t", tag, ".")
	t.Cleanup(func() { _ = exec.Command("docker", "rmi", "-f", tag).Run() })
}

func run(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func TestIsReference(t *testing.T) {
	requireDocker(t)
	tag := fmt.Sprintf("scimharness-test:label-%d", time.Now().UnixNano())
	buildImage(t, tag)
	ok, err := container.IsReference(context.Background(), tag)
	if err != nil || !ok {
		t.Fatalf("IsReference(%s) = %v, %v; want true, nil", tag, ok, err)
	}
	if _, err := container.IsReference(context.Background(), "scimharness-test:does-not-exist"); err == nil {
		t.Fatal("IsReference of a missing image: want an error, got nil")
	}
}

// A server that never comes up fails Run within the startup timeout, with the
// container's log in the error and a handle that can still be terminated.
func TestRunNotReadyShowsLog(t *testing.T) {
	requireDocker(t)
	tag := fmt.Sprintf("scimharness-test:notready-%d", time.Now().UnixNano())
	buildImage(t, tag)
	ctx := context.Background()
	// "version" prints one line and exits: nothing ever listens.
	c, err := container.Run(ctx, tag, container.WithCmd("version"), container.WithStartupTimeout(5*time.Second))
	defer func() {
		if err := c.Terminate(context.Background()); err != nil {
			t.Errorf("terminate: %v", err)
		}
	}()
	if err == nil {
		t.Fatal("Run of a server that never listens: want an error, got nil")
	}
	// "version" prints "scimharness <version>" and nothing else: the tag
	// holds "scimharness" too, so the check is on the log's own line.
	msg := err.Error()
	_, log, ok := strings.Cut(msg, "container log:\n")
	if !ok || !strings.HasPrefix(strings.TrimSpace(log), "scimharness ") {
		t.Errorf("error does not carry the container log (the version line):\n%v", err)
	}

}

// A server that runs but never answers on the port waited for fails Run
// once the startup timeout is over, with an error that names the port, the
// path polled and the timeout.
func TestRunReadinessTimeoutNamesWhatItWaitedFor(t *testing.T) {
	requireDocker(t)
	tag := fmt.Sprintf("scimharness-test:timeout-%d", time.Now().UnixNano())
	buildImage(t, tag)
	// The server listens on 8080; 9999 is waited for.
	c, err := container.Run(context.Background(), tag, container.WithEnv("SCIMHARNESS_TOKEN", "tok-timeout"),
		container.WithPort("9999"), container.WithPath("/nowhere"), container.WithStartupTimeout(3*time.Second))
	defer func() {
		if err := c.Terminate(context.Background()); err != nil {
			t.Errorf("terminate: %v", err)
		}
	}()
	if err == nil {
		t.Fatal("Run of a server on another port: want an error, got nil")
	}
	for _, want := range []string{"9999/tcp", "/nowhere/ServiceProviderConfig", "within 3s"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the readiness error does not name %q:\n%v", want, err)
		}
	}
}

func TestRunOptionsValidated(t *testing.T) {
	tests := map[string][]container.Option{
		"relative path":    {container.WithPath("scim/v2")},
		"no port":          {container.WithPort("")},
		"negative timeout": {container.WithStartupTimeout(-time.Second)},
	}
	for name, opts := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := container.Run(context.Background(), "scimharness-test:unused", opts...)
			if err == nil {
				t.Fatal("want an error, got nil")
			}
			if c != nil {
				t.Fatalf("no container should have been created, got %v", c)
			}
		})
	}
}

func TestRunReferenceImage(t *testing.T) {
	requireDocker(t)
	tag := fmt.Sprintf("scimharness-test:ok-%d", time.Now().UnixNano())
	buildImage(t, tag)
	ctx := context.Background()
	c, err := container.Run(ctx, tag, container.WithEnv("SCIMHARNESS_TOKEN", "tok-123"))
	defer func() {
		if err := c.Terminate(context.Background()); err != nil {
			t.Errorf("terminate: %v", err)
		}
		if err := c.Terminate(context.Background()); err != nil {
			t.Errorf("a second terminate: %v", err)
		}
	}()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.BaseURL(), "http://127.0.0.1:") || !strings.HasSuffix(c.BaseURL(), "/scim/v2") {
		t.Fatalf("BaseURL = %q, want http://127.0.0.1:PORT/scim/v2", c.BaseURL())
	}
	req, _ := http.NewRequest(http.MethodGet, c.BaseURL()+"/Users?startIndex=1&count=2", nil)
	req.Header.Set("Authorization", "Bearer tok-123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /Users with the token given through WithEnv: %d, want 200", resp.StatusCode)
	}
	log, err := c.Logs(ctx)
	if err != nil || !strings.Contains(log, "scimharness reference server") || strings.Contains(log, "tok-123") {
		t.Fatalf("log (err %v) should show the server starting and never the token given:\n%s", err, log)
	}
}
