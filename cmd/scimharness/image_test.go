package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/container"
)

// TestRunImage builds the reference server's image as `make image` does and
// runs the whole suite through --image: green when clean, red with a fault
// mode switched on in the container. Without a Docker engine it skips, except
// under CI, whose machines have one.
func TestRunImage(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := container.Available(ctx); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI has a Docker engine, but: %v", err)
		}
		t.Skipf("no Docker engine: %v", err)
	}
	tag := fmt.Sprintf("scimharness-test:run-%d", time.Now().UnixNano())
	buildReferenceImage(t, tag)

	tests := map[string]struct {
		args     []string
		code     int
		contains []string
	}{
		"clean image passes the whole suite": {
			code:     exitOK,
			contains: []string{"the image " + tag, "0 failed, 0 skipped", "45 passed, 0 failed, 0 skipped, 0 not covered"},
		},
		"a fault in the container fails its scenarios": {
			args:     []string{"--image-env", "SCIMHARNESS_FAULTS=mutable-username", "--tags", "@ZN-17"},
			code:     exitFailed,
			contains: []string{"Failed:", "ZN-17"},
		},
		"a server that never answers is a setup error with its log": {
			args:     []string{"--image-env", "SCIMHARNESS_TOKEN=", "--image-path", "/nowhere", "--image-port", "9999", "--image-timeout", "3s"},
			code:     exitUsage,
			contains: []string{"container log"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			var out, errOut bytes.Buffer
			args := append([]string{"run", "--image", tag, "--reports", dir, "--format", "none"}, tc.args...)
			code := dispatch(context.Background(), args, &out, &errOut, func(string) string { return "" })
			all := out.String() + errOut.String()
			if code != tc.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tc.code, all)
			}
			for _, want := range tc.contains {
				if !strings.Contains(all, want) {
					t.Errorf("output lacks %q:\n%s", want, all)
				}
			}
			if tc.code != exitUsage {
				html, err := os.ReadFile(filepath.Join(dir, "report.html"))
				if err != nil || !strings.Contains(string(html), "container log of "+tag) {
					t.Errorf("report.html should carry the container log (err %v)", err)
				}
			}
			// However the run ended, the container is gone.
			ps, err := exec.Command("docker", "ps", "-aq", "--filter", "ancestor="+tag).Output()
			if err != nil || strings.TrimSpace(string(ps)) != "" {
				t.Errorf("containers of %s left behind: %q (err %v)", tag, ps, err)
			}
		})
	}
}

// buildReferenceImage does what `make image` does: a static binary, then the
// repository's Dockerfile around it. The image is removed at the end.
func buildReferenceImage(t *testing.T, tag string) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	build := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(dir, "bin", "scimharness"), "./cmd/scimharness")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	df, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), df, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("docker", "build", "-q", "-t", tag, dir).CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("docker", "rmi", "-f", tag).Run() })
}
