package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealRunReportInBrowser runs the suite for real against a reference
// server with one fault, so that the report has a failure to show, and opens
// report.html in headless Chromium: the behaviour matrix and the failing
// scenario's HTTP exchange must be on the page. The screenshot is kept in
// $SCIMHARNESS_ARTIFACTS (or the test's temp dir). Without Chromium the test
// skips, except under CI=true, where .ci/run installs it.
func TestRealRunReportInBrowser(t *testing.T) {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium on PATH; .ci/run installs Debian's chromium package")
		}
		t.Skip("no Chromium on PATH: install Debian's chromium package to run the browser test")
	}
	ref, err := startEmbedded("mutable-username")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.close()
	dir := t.TempDir()
	if d := os.Getenv("SCIMHARNESS_ARTIFACTS"); d != "" {
		dir = d
	}
	var out, errOut bytes.Buffer
	code := dispatch(context.Background(), []string{"run", "--target", ref.root + "/scim/v2", "--admin-url", ref.root + "/admin",
		"--admin-token", ref.admin, "--reports", dir, "--format", "none"}, &out, &errOut, func(string) string { return "" })
	if code != exitFailed {
		t.Fatalf("a run against a server with a fault: exit %d, want %d\n%s%s", code, exitFailed, out.String(), errOut.String())
	}
	page := "file://" + filepath.Join(dir, "report.html")
	browse := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			"--no-first-run", "--hide-scrollbars", "--user-data-dir=" + t.TempDir(), "--window-size=1280,1600"}, append(args, page)...)
		cmd := exec.CommandContext(ctx, bin, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, stderr.String())
		}
		return string(b)
	}
	dom := browse("--dump-dom")
	for _, want := range []string{"FAILED", "Behaviour matrix", "ZN-17", "userName is immutable", "PUT", "/scim/v2/Users/"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered report lacks %q", want)
		}
	}
	shot := filepath.Join(dir, "report-real-run.png")
	browse("--screenshot=" + shot)
	if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
		t.Fatalf("no screenshot at %s: %v", shot, err)
	}
	t.Logf("screenshot: %s", shot)
}
