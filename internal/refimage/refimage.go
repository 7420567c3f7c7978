// Package refimage gives tests the harness binary and the reference server's
// image, built as `make build` and `make image` build them, once per
// `make test` rather than once per test: the Makefile builds both and names
// them in $SCIMHARNESS_TEST_BINARY and $SCIMHARNESS_TEST_IMAGE; a go test
// run without them builds each once per test binary, on first use, shared by
// its tests, and removed by Main when they are done.
package refimage

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/scimharness/scimharness/container"
	"github.com/scimharness/scimharness/internal/imagectx"
)

// Environment variables through which `make test` passes what it built.
const (
	BinaryEnv = "SCIMHARNESS_TEST_BINARY"
	ImageEnv  = "SCIMHARNESS_TEST_IMAGE"
)

const modulePath = "github.com/scimharness/scimharness"

// RequireDocker skips t under -short (a container test builds and runs the
// image), and where no Docker engine answers or no docker command is on
// PATH, except under CI (CI=true), whose machines have both: there their
// absence fails t.
func RequireDocker(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("a container test (builds and runs the reference image): not under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := container.Available(ctx)
	if err == nil {
		// Image builds with the docker command, which may be missing
		// where testcontainers still finds the engine's socket.
		if _, lerr := exec.LookPath("docker"); lerr != nil {
			err = fmt.Errorf("the engine answers, but there is no docker command to build the image with: %w", lerr)
		}
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI has a Docker engine, but: %v", err)
		}
		t.Skipf("no Docker engine: %v", err)
	}
}

// Root is the directory of the scimharness module that holds the current
// directory (a test runs in its package's directory).
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(b, []byte("module "+modulePath+"\n")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod of %s above the current directory", modulePath)
		}
		dir = parent
	}
}

// Binary is the path of a static scimharness binary built as `make build`
// builds it (CGO_ENABLED=0, -trimpath, stamped with the VCS revision):
// $SCIMHARNESS_TEST_BINARY if set, else one built on the first call and
// shared by every test of the test binary (see Main).
func Binary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(BinaryEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("$%s: %v", BinaryEnv, err)
		}
		return p
	}
	root := Root(t)
	built.binOnce.Do(func() { built.bin, built.binErr = buildBinary(root) })
	if built.binErr != nil {
		t.Fatal(built.binErr)
	}
	return built.bin
}

// Image is the tag of the reference server's image, built as `make image`
// builds it: $SCIMHARNESS_TEST_IMAGE if set (it must exist), else one built
// on the first call from Binary and the repository's Dockerfile, in a context
// that imagectx.Prepare makes (as make image does), under a tag of its own,
// and shared by every test of the test binary (see Main). The caller must
// have called RequireDocker.
func Image(t testing.TB) string {
	t.Helper()
	if tag := os.Getenv(ImageEnv); tag != "" {
		if err := exec.Command("docker", "image", "inspect", tag).Run(); err != nil {
			t.Fatalf("$%s=%s: no such image: %v", ImageEnv, tag, err)
		}
		return tag
	}
	bin, root := Binary(t), Root(t)
	built.imageOnce.Do(func() { built.image, built.imageErr = buildImage(bin, root) })
	if built.imageErr != nil {
		t.Fatal(built.imageErr)
	}
	return built.image
}

// built is what Binary and Image built in this test binary: built once,
// read-only after, removed by Main.
var built struct {
	dir                string // the temporary directory of the binary
	binOnce, imageOnce sync.Once
	bin, image         string
	binErr, imageErr   error
}

// Main runs the tests of m and then removes the binary and the image that
// Binary and Image built for them. A package whose tests call Binary or
// Image calls it from its TestMain: os.Exit(refimage.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if built.image != "" {
		_ = exec.Command("docker", "rmi", "-f", built.image).Run()
	}
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	return code
}

func buildBinary(root string) (string, error) {
	dir, err := os.MkdirTemp("", "scimharness-test-")
	if err != nil {
		return "", err
	}
	built.dir = dir
	out := filepath.Join(dir, "bin", "scimharness")
	// -buildvcs=auto: whatever GOFLAGS says, stamp the revision when there is one.
	build := exec.Command("go", "build", "-buildvcs=auto", "-trimpath", "-o", out, "./cmd/scimharness")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/scimharness: %v\n%s", err, b)
	}
	return out, nil
}

func buildImage(bin, root string) (string, error) {
	dir, err := os.MkdirTemp("", "scimharness-image-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	// The context make image builds from (imagectx.Prepare).
	if err := imagectx.Prepare(dir, bin, filepath.Join(root, "Dockerfile")); err != nil {
		return "", err
	}
	tag := fmt.Sprintf("scimharness-test:%d", time.Now().UnixNano())
	if b, err := exec.Command("docker", "build", "-q", "-t", tag, dir).CombinedOutput(); err != nil {
		return "", fmt.Errorf("docker build: %v\n%s", err, b)
	}
	return tag, nil
}
