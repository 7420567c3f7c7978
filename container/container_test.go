package container_test

import (
	"context"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/container"
	"github.com/scimharness/scimharness/internal/refimage"
)

// TestReferenceImage runs the reference server's image, built once (by
// `make test`, or here when run alone) and shared by its subtests.
func TestReferenceImage(t *testing.T) {
	refimage.RequireDocker(t)
	tag := refimage.Image(t)
	t.Run("IsReference", func(t *testing.T) { testIsReference(t, tag) })
	t.Run("a server that never listens", func(t *testing.T) { testRunNotReadyShowsLog(t, tag) })
	t.Run("a readiness timeout names what it waited for", func(t *testing.T) { testRunReadinessTimeoutNamesWhatItWaitedFor(t, tag) })
	t.Run("the reference server answers", func(t *testing.T) { testRunReferenceImage(t, tag) })
}

func testIsReference(t *testing.T, tag string) {
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
func testRunNotReadyShowsLog(t *testing.T, tag string) {
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
func testRunReadinessTimeoutNamesWhatItWaitedFor(t *testing.T, tag string) {
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

// The container runs, answers with the token given, is named by its ID while
// it runs, and is gone after Terminate.
func testRunReferenceImage(t *testing.T, tag string) {
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
	id := c.ID()
	if got := dockerPS(t, id); got != id {
		t.Fatalf("docker ps --filter id=%s: got %q, want the running container", id, got)
	}
	if err := c.Terminate(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dockerPS(t, id); got != "" || c.ID() != id {
		t.Errorf("after Terminate: docker ps finds %q, ID() = %q; want nothing, %q", got, c.ID(), id)
	}
}

// dockerPS is the full ID of the container id, running or stopped, "" if none.
func dockerPS(t *testing.T, id string) string {
	t.Helper()
	out, err := exec.Command("docker", "ps", "-aq", "--no-trunc", "--filter", "id="+id).Output()
	if err != nil {
		t.Fatalf("docker ps: %v", err)
	}
	return strings.TrimSpace(string(out))
}
