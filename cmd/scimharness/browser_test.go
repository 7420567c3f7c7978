package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestRealRunReportInBrowser runs scenarios for real against a reference
// server with one fault, so that the report has a failure to show, and opens
// report.html in headless Chromium: the behaviour matrix and the failing
// scenario's HTTP exchange must be on the page. It runs the scenarios of
// ZN-01 and OK-03, which pass, and ZN-17's, which the fault breaks: the
// matrix lists every behaviour whatever ran (those not run as not
// covered), and a whole suite run under -race would cost seconds of CPU
// that TestRunEmbedded already spends. The screenshot is kept in
// $SCIMHARNESS_ARTIFACTS (or the test's temp dir). Without Chromium the test
// skips, except under CI=true, where .ci/run installs it.
func TestRealRunReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("a run of three behaviours, then the report in headless Chromium: not under -short")
	}
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
	defer ref.Close()
	dir := t.TempDir()
	if d := os.Getenv("SCIMHARNESS_ARTIFACTS"); d != "" {
		dir = d
	}
	var out, errOut bytes.Buffer
	code := dispatch(context.Background(), []string{"run", "--target", ref.URL + "/scim/v2", "--admin-url", ref.URL + "/admin",
		"--admin-token", ref.Ref.AdminToken, "--tags", "@ZN-01,@ZN-17,@OK-03", "--reports", dir, "--format", "none"}, &out, &errOut, func(string) string { return "" })
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
	checkRenderedReport(t, dom, ref.URL+"/scim/v2/Users/")
	shot := filepath.Join(dir, "report-real-run.png")
	browse("--screenshot=" + shot)
	if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
		t.Fatalf("no screenshot at %s: %v", shot, err)
	}
	t.Logf("screenshot: %s", shot)
}

var (
	// matrixRow is a behaviour row of the rendered matrix: its status class and ID.
	matrixRow = regexp.MustCompile(`<tr class="filterable row-(\w+)" data-status="\w+" id="b-([A-Z]{2}-\d+)">`)
	// scenarioID is a scenario's anchor.
	scenarioID = regexp.MustCompile(`^[^>]* id="(s\d+)"`)
	// exchangeSummary is an exchange's summary line: method, URL and status.
	exchangeSummary = regexp.MustCompile(`<span class="method">([A-Z]+)</span> <span class="url">([^<]+)</span> <span class="code http\d">(\d{3}) [^<]*</span>`)
)

// checkRenderedReport checks the DOM Chromium rendered: the behaviour matrix
// lists every behaviour, ZN-17 failed; and the failing ZN-17 scenario shows,
// inside itself, the failing step and the exchange that broke it, with its
// method, URL and status.
func checkRenderedReport(t *testing.T, dom, usersURL string) {
	t.Helper()
	bs := zincParts(t).Behaviours()
	_, matrix, ok := strings.Cut(dom, `<section id="behaviours">`)
	matrix, _, _ = strings.Cut(matrix, "</section>")
	if !ok || !strings.Contains(matrix, "Behaviour matrix") {
		t.Fatalf("the rendered report has no behaviour matrix")
	}
	rows := map[string]string{}
	for _, m := range matrixRow.FindAllStringSubmatch(matrix, -1) {
		rows[m[2]] = m[1]
	}
	for _, b := range bs {
		if _, ok := rows[b.ID]; !ok {
			t.Errorf("the matrix lacks %s", b.ID)
		}
	}
	if rows["ZN-17"] != "failed" || rows["ZN-01"] != "passed" {
		t.Errorf("matrix: ZN-17 %q, ZN-01 %q; want failed, passed", rows["ZN-17"], rows["ZN-01"])
	}
	var failing []string
	for _, chunk := range strings.Split(dom, `<details class="scenario `)[1:] {
		chunk, _, _ = strings.Cut(chunk, `<details class="scenario `)
		if strings.HasPrefix(chunk, "filterable failed") && strings.Contains(chunk, `href="#b-ZN-17"`) {
			failing = append(failing, chunk)
		}
	}
	if len(failing) == 0 {
		t.Fatalf("no failed scenario tagged ZN-17 in the rendered report")
	}
	for _, sc := range failing {
		name := "scenario"
		if m := scenarioID.FindStringSubmatch(sc); m != nil {
			name = "scenario #" + m[1]
		}
		_, step, ok := strings.Cut(sc, `<li class="step failed failing">`)
		if !ok {
			t.Errorf("%s: no failing step shown", name)
			continue
		}
		step, _, _ = strings.Cut(step, "</li>")
		if !strings.Contains(step, `<div class="error">`) {
			t.Errorf("%s: the failing step shows no error", name)
		}
		found := false
		for _, m := range exchangeSummary.FindAllStringSubmatch(sc, -1) {
			if strings.HasPrefix(m[2], usersURL) && (m[1] == "PUT" || m[1] == "PATCH") {
				found = true
				t.Logf("%s: shows %s %s → %s", name, m[1], m[2], m[3])
			}
		}
		if !found {
			t.Errorf("%s: no PUT or PATCH of %s… with its status shown within the scenario", name, usersURL)
		}
	}
}
