package reports_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/reports"
)

// chromium finds headless Chromium, or skips the test (fails it under CI=true).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium on PATH (chromium, chromium-browser, google-chrome); CI must install Debian's chromium package")
	}
	t.Skip("no Chromium on PATH (chromium, chromium-browser, google-chrome): install Debian's chromium package to run the browser test")
	return ""
}

// artifactDir is $SCIMHARNESS_ARTIFACTS when set, else a test temp dir.
func artifactDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("SCIMHARNESS_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestBrowserShowsReport opens report.html, written from the godog
// fixture, in headless Chromium: the DOM after the inline script ran must
// show the behaviour matrix and the failing scenario's exchange, and a
// screenshot is kept as an artifact.
func TestBrowserShowsReport(t *testing.T) {
	if testing.Short() {
		t.Skip("the report in headless Chromium: not under -short")
	}
	bin := chromium(t)
	dir := artifactDir(t)
	if err := reports.Write(dir, fixtureRun(t)); err != nil {
		t.Fatal(err)
	}
	page := "file://" + filepath.Join(dir, reports.HTMLFile)
	shot := filepath.Join(dir, "report.png")
	profile := t.TempDir() // never the user's profile

	browse := func(query string, args ...string) []byte {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		args = append([]string{
			"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			"--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
			"--user-data-dir=" + profile, "--window-size=1280,2000",
		}, append(args, page+query)...)
		cmd := exec.CommandContext(ctx, bin, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
		}
		return out
	}

	dom := string(browse("", "--dump-dom"))
	for _, want := range []string{
		`class="matrix"`,
		`id="b-ZN-17"`, // a catalogue row
		`<td class="id">ZN-25<div class="part">Zinc</div></td>`, // an uncovered one is listed too, with its part
		`id="s4"`,                    // the failing scenario
		`userName cannot be changed`, // its name
		`<span class="method">PUT</span> <span class="url">http://127.0.0.1:8080/scim/v2/Users/2819c223</span>`,
		`200 OK`, // the response status
		`PUT /Users/2819c223: status: expected 400, got 200`,     // expected and actual
		`<nav class="toolbar" id="toolbar" aria-label="Filter">`, // the script ran: the toolbar is no longer hidden
		fmt.Sprintf("(%d)", len(catalogue(t))),                   // and counted the matrix rows
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the DOM lacks %q", want)
		}
	}
	if strings.Contains(dom, "golden-secret-token-0001") {
		t.Error("the DOM shows the secret")
	}

	// The filter works: ?status=failed&q=… hides what does not match.
	filtered := string(browse("?status=failed&q=grace.h%40example.com", "--dump-dom"))
	for _, want := range []string{
		`<tr class="filterable row-passed" data-status="passed" id="b-ZN-01" hidden="">`,
		`<tr class="filterable row-failed" data-status="failed" id="b-ZN-17" hidden="">`,    // failed, but no "grace.h@example.com" in the row
		`<details class="scenario filterable failed" data-status="failed" id="s4" open="">`, // failed, and its exchange has it
		`<details class="scenario filterable failed" data-status="failed" id="s5" open="" hidden="">`,
		`(1 of 5 shown)`,
	} {
		if !strings.Contains(filtered, want) {
			t.Errorf("the filtered DOM lacks %q", want)
		}
	}

	browse("", "--screenshot="+shot)
	info, err := os.Stat(shot)
	if err != nil || info.Size() < 10_000 {
		t.Fatalf("screenshot %s: %v (size %d)", shot, err, func() int64 {
			if info == nil {
				return 0
			}
			return info.Size()
		}())
	}
	t.Logf("screenshot: %s", shot)
	t.Logf("report:     %s", filepath.Join(dir, reports.HTMLFile))
}
