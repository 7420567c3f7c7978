package container_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	mobyctr "github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/network"
	"github.com/testcontainers/testcontainers-go/wait"

	"github.com/scimharness/scimharness/internal/imagectx"
	"github.com/scimharness/scimharness/internal/refimage"
	"github.com/scimharness/scimharness/reports"
)

// TestHarnessImage runs the image as docs/ci.md's `docker run` lines do:
// `serve` as the reference server on a Docker network of the test's own,
// then `run --target` from a second container of the same image against it
// by its network alias, writing the six reports into a mounted directory as
// the image's non-root user; and `selfcheck` of one fault. The harness
// container holds the build machine's CA certificates and a /tmp it can
// write (run fails without one).
func TestHarnessImage(t *testing.T) {
	refimage.RequireDocker(t)
	tag := refimage.Image(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	nw, err := network.New(ctx)
	if err != nil {
		t.Fatalf("create a network: %v", err)
	}
	t.Cleanup(func() {
		if err := nw.Remove(context.Background()); err != nil {
			t.Errorf("remove the network: %v", err)
		}
	})

	const token, admin = "image-test-token-5e4d3c", "image-test-admin-9a8b7c"
	ref, err := testcontainers.Run(ctx, tag,
		testcontainers.WithEnv(map[string]string{"SCIMHARNESS_TOKEN": token, "SCIMHARNESS_ADMIN_TOKEN": admin}),
		network.WithNetwork([]string{"zinc-ref"}, nw),
		testcontainers.WithWaitStrategy(wait.ForLog("Admin Console API:").WithStartupTimeout(time.Minute)))
	testcontainers.CleanupContainer(t, ref)
	if err != nil {
		t.Fatalf("start the reference server (serve): %v", err)
	}

	// The mounted directory is the host's: the image's user (65532) must be
	// able to write it (docs/ci.md: or run with --user "$(id -u):$(id -g)").
	out := t.TempDir()
	if err := os.Chmod(out, 0o777); err != nil {
		t.Fatal(err)
	}
	run := runToExit(ctx, t, tag, "run", []string{"run", "--target", "http://zinc-ref:8080/scim/v2", "--admin-url", "http://zinc-ref:8080/admin",
		"--tags", "@ZN-17,@OK-01", "--reports", "/reports"},
		testcontainers.WithEnv(map[string]string{"SCIMHARNESS_TOKEN": token, "SCIMHARNESS_ADMIN_TOKEN": admin}),
		network.WithNetwork(nil, nw),
		testcontainers.WithHostConfigModifier(func(hc *mobyctr.HostConfig) { hc.Binds = append(hc.Binds, out+":/reports") }))
	if run.code != 0 {
		t.Fatalf("run --target in the image: exit %d, want 0\n%s", run.code, run.log)
	}
	if strings.Contains(run.log, token) {
		t.Error("the run's output shows the token")
	}
	for _, f := range []string{reports.CucumberFile, reports.JUnitFile, reports.SummaryFile, reports.MarkdownFile, reports.HTMLFile, reports.MessagesFile} {
		info, err := os.Stat(filepath.Join(out, f))
		if err != nil {
			t.Errorf("report %s in the mounted directory: %v", f, err)
			continue
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && (st.Uid != imagectx.UID || st.Gid != imagectx.GID) {
			t.Errorf("%s is owned by %d:%d, want the image's non-root user %d:%d", f, st.Uid, st.Gid, imagectx.UID, imagectx.GID)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, reports.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Target  string
		Verdict string
		Counts  struct{ Passed, Failed, Total int }
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.Target != "http://zinc-ref:8080/scim/v2" || s.Verdict != "passed" || s.Counts.Failed != 0 || s.Counts.Passed < 2 {
		t.Errorf("summary.json: target %q, verdict %q, counts %+v; want the reference container by its alias, passed", s.Target, s.Verdict, s.Counts)
	}
	certs, err := imagectx.FindCerts(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	host, err := os.ReadFile(certs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(run.certs, host) {
		t.Errorf("the image's %s (%d bytes) is not the build machine's %s (%d bytes)", imagectx.ImageCertFile, len(run.certs), certs, len(host))
	}

	sc := runToExit(ctx, t, tag, "selfcheck", []string{"selfcheck", "--fault", "mutable-username"})
	if sc.code != 0 || !strings.Contains(sc.log, "mutable-username") {
		t.Errorf("selfcheck --fault mutable-username in the image: exit %d, want 0\n%s", sc.code, sc.log)
	}
}

type exited struct {
	code  int
	log   string
	certs []byte // the container's CA bundle
}

// runToExit runs the image with cmd until it exits, and returns its exit
// code, its log and its CA bundle.
func runToExit(ctx context.Context, t *testing.T, tag, name string, cmd []string, opts ...testcontainers.ContainerCustomizer) exited {
	t.Helper()
	opts = append([]testcontainers.ContainerCustomizer{testcontainers.WithCmd(cmd...),
		testcontainers.WithWaitStrategy(wait.ForExit().WithExitTimeout(3 * time.Minute))}, opts...)
	c, err := testcontainers.Run(ctx, tag, opts...)
	testcontainers.CleanupContainer(t, c)
	if err != nil {
		t.Fatalf("%s in the image: %v", name, err)
	}
	var e exited
	state, err := c.State(ctx)
	if err != nil {
		t.Fatalf("%s: state: %v", name, err)
	}
	e.code = state.ExitCode
	if rc, err := c.Logs(ctx); err == nil {
		b, _ := io.ReadAll(rc)
		rc.Close()
		e.log = string(b)
	}
	if rc, err := c.CopyFileFromContainer(ctx, imagectx.ImageCertFile); err == nil {
		e.certs, _ = io.ReadAll(rc)
		rc.Close()
	} else {
		t.Errorf("%s: %s in the image: %v", name, imagectx.ImageCertFile, err)
	}
	return e
}
