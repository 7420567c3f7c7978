package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/refimage"
	"github.com/scimharness/scimharness/internal/reftest"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// invoke runs scimharness with args in this process (under -race in make
// test), with an empty environment.
func invoke(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = dispatch(context.Background(), args, &out, &errOut, func(string) string { return "" })
	return code, out.String(), errOut.String()
}

// invokeBuilt runs the built binary (refimage.Binary, as `make build` builds
// it) with args and none of the test's environment but PATH, HOME, TMPDIR
// and how to reach Docker (DOCKER_*, TESTCONTAINERS_*).
// A test whose subject is what the command prints and writes, over whole
// suite runs, uses it: it tests the binary users run, and costs a fifth to
// two fifths of the CPU of the same runs under -race (TestSelfcheck 2.4 s
// against 12.5, TestNoSecretInAnyReport 9.1 against 22.7). The race detector still sees whole
// runs in this process (TestRunEmbedded, the broken and hostile targets) and
// in steps' suites.
func invokeBuilt(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(refimage.Binary(t), args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Env = []string{} // not nil, which would hand the child this environment
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "PATH" || k == "HOME" || k == "TMPDIR" || strings.HasPrefix(k, "DOCKER_") || strings.HasPrefix(k, "TESTCONTAINERS_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run %s: %v", strings.Join(args, " "), err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

func readSummary(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, reports.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRunEmbedded(t *testing.T) {
	t.Parallel() // a whole suite run or more: the package's long pole in make test
	if testing.Short() {
		t.Skip("a whole suite run (steps TestSuiteAgainstReference runs the suite under -short): not under -short")
	}
	dir := filepath.Join(t.TempDir(), "reports")
	// Every feature of Okta's: the Zinc pack declares fewer than the
	// reference server supports.
	code, out, errOut := invoke("run", "--reports", dir, "--format", "none", "--supports", "all")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, f := range []string{reports.CucumberFile, reports.JUnitFile, reports.SummaryFile, reports.MarkdownFile, reports.HTMLFile, reports.MessagesFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("report %s: %v", f, err)
		}
	}
	s := readSummary(t, dir)
	counts := s["counts"].(map[string]any)
	// Okta configures one auth style per app: OK-02's rows for header and
	// Basic skip in a bearer run, and nothing else does.
	if counts["failed"].(float64) != 0 || counts["skipped"].(float64) != 2 || counts["passed"].(float64) < 100 {
		t.Errorf("counts %v: want every scenario passed but OK-02's two other auth styles", counts)
	}
	if !strings.Contains(out, "2  "+steps.AuthSkipReason(steps.AuthBearer)) {
		t.Errorf("the skips do not say why:\n%s", out)
	}
	// messages.ndjson tells the same run: a pickle and a finished test case
	// per scenario, the skipped steps SKIPPED, and a successful run.
	kinds := map[string]int{}
	skippedSteps := 0
	for i, line := range strings.Split(strings.TrimSpace(mustRead(t, filepath.Join(dir, reports.MessagesFile))), "\n") {
		var e map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &e); err != nil || len(e) != 1 {
			t.Fatalf("messages.ndjson line %d is not one envelope: %v", i+1, err)
		}
		for k, v := range e {
			kinds[k]++
			if k == "testStepFinished" && strings.Contains(string(v), `"status":"SKIPPED"`) {
				skippedSteps++
			}
			if k == "testRunFinished" && !strings.Contains(string(v), `"success":true`) {
				t.Errorf("messages.ndjson: %s", v)
			}
		}
	}
	if total := int(counts["total"].(float64)); kinds["pickle"] != total || kinds["testCaseFinished"] != total || skippedSteps == 0 {
		t.Errorf("messages.ndjson: %d pickles, %d test cases finished, %d steps skipped; want %d scenarios, some skipped", kinds["pickle"], kinds["testCaseFinished"], skippedSteps, total)
	}
	bc := s["behaviourCounts"].(map[string]any)
	if bc["passed"].(float64) != bc["total"].(float64) {
		t.Errorf("behaviour counts %v: want every behaviour passed", bc)
	}
	if !strings.Contains(out, " 0 failed") || !strings.Contains(out, "report.html") {
		t.Errorf("summary missing from the output:\n%s", out)
	}
}

func TestRunTarget(t *testing.T) {
	t.Parallel() // a whole suite run or more: the package's long pole in make test
	if testing.Short() {
		t.Skip("whole suite runs through --target: not under -short")
	}
	plain := reftest.Start(t, reftest.Config(false))
	withAdmin := reftest.Start(t, reftest.Config(true))
	faulty := reftest.Start(t, reftest.Config(true, "filter-miss-404"))
	ownDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(ownDir, "ours.feature"), []byte(`Feature: Our app
  "A feature of our own."

  @OK-03 @okta-doc
  Scenario: Our lookup misses
    When I send GET /Users?filter=userName eq "{Nobody.userName}"
    Then the response is a ListResponse of 0 resources
`), 0o644); err != nil {
		t.Fatal(err)
	}
	undefDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(undefDir, "undefined.feature"), []byte("Feature: Typos\n  Scenario: A step no one wrote\n    When Okta does something new\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		args     []string
		code     int
		stdout   []string // substrings
		stderr   string   // substring of the one-line reason
		skipped  bool     // some scenarios skipped, with reasons
		scenario int      // exact number of scenarios run, when > 0
	}{
		// The CLI's shared organization: its banner, the Sandbox, and the
		// scenarios that need the Admin Console API skipped with their
		// reason (ZN-15's); steps' TestSuiteWithoutAdminAPI runs the whole
		// suite so.
		"shared organization": {args: []string{"--target", plain.URL + "/scim/v2", "--token", "PRODTOKEN", "--sandbox-url", plain.URL + "/sandbox/scim/v2", "--sandbox-token", "SANDTOKEN",
			"--tags", "@ZN-01,@ZN-13,@ZN-15,@OK-02,@OK-03"},
			code: exitOK, stdout: []string{"without an Admin Console API", "Skipped:", "needs the Admin Console API"}, skipped: true},
		"admin API, no token": {args: []string{"--target", withAdmin.URL + "/scim/v2", "--sandbox-url", withAdmin.URL + "/sandbox/scim/v2", "--admin-url", withAdmin.URL + "/admin", "--admin-token", "ADMINTOKEN", "--tags", "@ZN-25,@ZN-13"},
			code: exitOK, stdout: []string{"every scenario in an organization of its own"}},
		"raw header token, AIW": {args: []string{"--target", plain.URL + "/scim/v2", "--token", "PRODTOKEN", "--auth", "header", "--profile", "aiw", "--tags", "@ZN-03"},
			code: exitOK, stdout: []string{"profile aiw", "the scenarios tagged @oin skip"}, skipped: true}, // an AIW app: ZN-03's @oin examples skip
		"basic auth": {args: []string{"--target", plain.URL + "/scim/v2", "--auth", "basic", "--username", "okta", "--password", "PRODTOKEN", "--tags", "@ZN-01"},
			code: exitOK},
		"a failing scenario": {args: []string{"--target", faulty.URL + "/scim/v2", "--admin-url", faulty.URL + "/admin", "--admin-token", "ADMINTOKEN", "--tags", "@OK-03"},
			code: exitFailed, stdout: []string{"Failed:", "FAIL", "[OK-03]"}},
		"own features only": {args: []string{"--target", plain.URL + "/scim/v2", "--token", "PRODTOKEN", "--features", ownDir, "--only"},
			code: exitOK, scenario: 1, stdout: []string{"Our lookup misses"}},
		"own features beside the suite": {args: []string{"--features", ownDir, "--tags", "@OK-03"},
			code: exitOK, stdout: []string{"Our lookup misses", "A userName filter that matches nobody"}},
		"undefined step": {args: []string{"--features", undefDir, "--only"},
			code: exitFailed, stdout: []string{"undefined step"}},
		"unreachable target": {args: []string{"--target", "http://127.0.0.1:1/scim/v2", "--token", "x"},
			code: exitUsage, stderr: "cannot reach the target"},
		"refused token": {args: []string{"--target", plain.URL + "/scim/v2", "--token", "WRONG"},
			code: exitUsage, stderr: "refused the credentials"},
		"refused admin token": {args: []string{"--target", withAdmin.URL + "/scim/v2", "--admin-url", withAdmin.URL + "/admin", "--admin-token", "NOPE"},
			code: exitUsage, stderr: "refused --admin-token"},
		"no token":             {args: []string{"--target", plain.URL + "/scim/v2"}, code: exitUsage, stderr: "needs --token"},
		"bad auth":             {args: []string{"--target", plain.URL + "/scim/v2", "--token", "x", "--auth", "magic"}, code: exitUsage, stderr: "--auth"},
		"bad profile":          {args: []string{"--profile", "saml"}, code: exitUsage, stderr: "--profile"},
		"bad concurrency":      {args: []string{"--concurrency", "0"}, code: exitUsage, stderr: "--concurrency"},
		"bad tags":             {args: []string{"--tags", "@ZN-01,"}, code: exitUsage, stderr: "--tags"},
		"no scenario":          {args: []string{"--tags", "@nothing-has-this"}, code: exitUsage, stderr: "no scenario matched"},
		"admin without target": {args: []string{"--admin-url", "http://x/admin", "--admin-token", "t"}, code: exitUsage, stderr: "--admin-url needs --target"},
		"missing features":     {args: []string{"--features", "/no/such/dir"}, code: exitUsage, stderr: "--features"},
		"only without dirs":    {args: []string{"--only"}, code: exitUsage, stderr: "--only needs"},
		"unknown flag":         {args: []string{"--colour"}, code: exitUsage},
		"bad format":           {args: []string{"--format", "xml"}, code: exitUsage, stderr: "--format"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"run", "--reports", dir}, tc.args...)
			code, out, errOut := invoke(args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			if tc.stderr != "" {
				if !strings.Contains(errOut, tc.stderr) {
					t.Errorf("stderr lacks %q:\n%s", tc.stderr, errOut)
				}
				if tc.code == exitUsage && strings.Count(strings.TrimSpace(errOut), "\n") > 0 && !strings.Contains(errOut, "usage:") {
					t.Errorf("the reason is more than one line:\n%s", errOut)
				}
			}
			if strings.Contains(out+errOut, "PRODTOKEN") || strings.Contains(out+errOut, "ADMINTOKEN") {
				t.Errorf("a token reached the output")
			}
			if tc.code == exitUsage {
				return
			}
			s := readSummary(t, dir)
			scs := s["scenarios"].([]any)
			if tc.scenario > 0 && len(scs) != tc.scenario {
				t.Errorf("ran %d scenarios, want %d", len(scs), tc.scenario)
			}
			skipped := 0
			for _, x := range scs {
				m := x.(map[string]any)
				if m["status"] == "skipped" {
					skipped++
					if m["reason"] == "" || m["reason"] == nil {
						t.Errorf("%s: skipped without a reason", m["name"])
					}
				}
			}
			if tc.skipped != (skipped > 0) {
				t.Errorf("%d scenarios skipped; want some: %v", skipped, tc.skipped)
			}
			for _, f := range []string{reports.CucumberFile, reports.HTMLFile} {
				b, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(b, []byte("PRODTOKEN")) || bytes.Contains(b, []byte("ADMINTOKEN")) {
					t.Errorf("%s holds a token", f)
				}
			}
		})
	}
}

func TestListAndSteps(t *testing.T) {
	code, out, errOut := invoke("list")
	if code != exitOK || !strings.Contains(out, "features/okta/user_create.feature:") || !strings.Contains(out, " scenarios") {
		t.Fatalf("list: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = invoke("list", "--json", "--tags", "@ZN-04 && ~@admin-api")
	var listed []listedScenario
	if code != exitOK || json.Unmarshal([]byte(out), &listed) != nil || len(listed) == 0 {
		t.Fatalf("list --json: exit %d\n%s", code, out)
	}
	for _, s := range listed {
		has := func(tag string) bool { return strings.Contains(" "+strings.Join(s.Tags, " ")+" ", " "+tag+" ") }
		if !has("@ZN-04") || has("@admin-api") || len(s.Behaviours) == 0 {
			t.Errorf("list --tags: %+v does not match", s)
		}
	}
	code, out, _ = invoke("steps")
	if code != exitOK {
		t.Fatalf("steps: exit %d", code)
	}
	for _, d := range steps.VocabularyFor("Zinc") {
		first, _, _ := strings.Cut(d.Example, "\n")
		if !strings.Contains(out, first) || !strings.Contains(out, d.Pattern) {
			t.Errorf("steps output lacks %q", first)
		}
	}
	for actor, title := range actorTitles { // one section per actor
		if n := strings.Count(out, "\n"+title+"\n"); n != 1 {
			t.Errorf("steps prints the %s heading %d times, want once", actor, n)
		}
	}
	code, out, _ = invoke("steps", "--app", "none")
	if code != exitOK || strings.Contains(out, "Zinc") {
		t.Errorf("steps --app none: exit %d, or it names Zinc:\n%s", code, out)
	}
	// --app none lists the Okta core only, every scenario of it.
	code, out, _ = invoke("list", "--json", "--app", "none")
	listed = nil
	if code != exitOK || json.Unmarshal([]byte(out), &listed) != nil || len(listed) < 50 {
		t.Fatalf("list --app none: exit %d, %d scenarios\n%s", code, len(listed), out)
	}
	for _, s := range listed {
		if s.Part != "Okta core" || !strings.HasPrefix(s.Location, "features/okta/") {
			t.Errorf("list --app none: %s (%s) is not the Okta core's", s.Location, s.Part)
		}
		for _, id := range s.Behaviours {
			if !strings.HasPrefix(id, "OK-") {
				t.Errorf("list --app none: %s carries %s", s.Location, id)
			}
		}
	}
	if code, _, errOut := invoke("list", "--app", "acme"); code != exitUsage || !strings.Contains(errOut, "--app") {
		t.Errorf("list --app acme: exit %d, %s", code, errOut)
	}
	if code, _, _ := invoke("list", "--tags", "~"); code != exitUsage {
		t.Errorf("list --tags ~: exit %d, want %d", code, exitUsage)
	}
}

// TestSelfcheck runs `scimharness selfcheck`: the clean suite, then two
// faults of the reference server through --fault. That every fault is
// caught is steps' TestSelfCheck, which runs each one's scenarios: running
// all of them here too would only run the sweep twice per `make test`.
func TestSelfcheck(t *testing.T) {
	t.Parallel() // a whole suite run or more: the package's long pole in make test
	if testing.Short() {
		t.Skip("runs the suite, then two faults")
	}
	all := reference.Faults()
	picked := []reference.Fault{all[0], all[len(all)-1]}
	code, out, errOut := invokeBuilt(t, "selfcheck", "--fault", picked[0].Name, "--fault", picked[1].Name)
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "clean run: all ") {
		t.Errorf("no clean run:\n%s", out)
	}
	for _, f := range picked {
		if !strings.Contains(out, f.Name) {
			t.Errorf("the table lacks the fault %s", f.Name)
		}
	}
	if !strings.Contains(out, "2 faults: 2 caught, 0 survived") {
		t.Errorf("want both faults caught:\n%s", out)
	}
	// The Okta core alone: a fault that breaks a core behaviour too is caught
	// by the core's scenarios; one that breaks only Zinc's is not tried.
	code, out, errOut = invokeBuilt(t, "selfcheck", "--app", "none", "--fault", "create-without-id", "--fault", "username-not-email")
	if code != exitOK || !strings.Contains(out, "1 faults: 1 caught, 0 survived; 1 faults break only behaviours of parts not loaded, not tried") ||
		!strings.Contains(out, "OK-31") || strings.Contains(out, "ZN-01") {
		t.Errorf("selfcheck --app none: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := invokeBuilt(t, "selfcheck", "--fault", "no-such-fault"); code != exitUsage || !strings.Contains(errOut, "no such fault") {
		t.Errorf("--fault no-such-fault: exit %d, %s", code, errOut)
	}
}

// OK-02 tests the auth style --auth names, against the embedded server too:
// that row passes, the others skip with "the app is configured for X".
func TestRunTestsTheAuthStyleGiven(t *testing.T) {
	for _, style := range []steps.AuthStyle{steps.AuthBearer, steps.AuthHeader, steps.AuthBasic} {
		t.Run(string(style), func(t *testing.T) {
			dir := t.TempDir()
			code, out, errOut := invoke("run", "--auth", string(style), "--tags", "@OK-02", "--reports", dir, "--format", "none")
			if code != exitOK {
				t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
			}
			passed, skipped := 0, 0
			for _, sc := range readSummary(t, dir)["scenarios"].([]any) {
				m := sc.(map[string]any)
				switch {
				case m["status"] == "passed":
					passed++
				case m["status"] == "skipped" && m["reason"] == steps.AuthSkipReason(style):
					skipped++
				default:
					t.Errorf("%s: %s %v", m["name"], m["status"], m["reason"])
				}
			}
			if passed != 1 || skipped != 2 {
				t.Errorf("%d passed, %d skipped for another style; want 1 and 2", passed, skipped)
			}
		})
	}
}
