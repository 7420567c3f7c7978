package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference"
)

// githubRun runs `scimharness github` with GitHub's environment variables
// set, as the Action's step runs it: $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT
// files in a workspace, the inputs as INPUT_*, the token as
// $SCIMHARNESS_TOKEN.
func githubRun(t *testing.T, workspace string, vars map[string]string) (code int, stdout, summary string, outputs map[string]string) {
	t.Helper()
	env := map[string]string{
		"GITHUB_ACTIONS":      "true",
		"GITHUB_WORKSPACE":    workspace,
		"GITHUB_STEP_SUMMARY": filepath.Join(workspace, "step_summary.md"),
		"GITHUB_OUTPUT":       filepath.Join(workspace, "output.txt"),
	}
	for k, v := range vars {
		env[k] = v
	}
	var out, errOut bytes.Buffer
	code = dispatch(context.Background(), []string{"github"}, &out, &errOut, func(k string) string { return env[k] })
	b, _ := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
	o, _ := os.ReadFile(env["GITHUB_OUTPUT"])
	outputs = map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(o)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			outputs[k] = v
		}
	}
	t.Logf("scimharness github: exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	return code, out.String(), string(b), outputs
}

// annotation is an error workflow command: ::error file=F,line=L,title=T::M
var annotation = regexp.MustCompile(`(?m)^::error file=([^,]+),line=([0-9]+),title=([^:]*)::(.*)$`)

// A failed run becomes what a GitHub job shows: an error annotation at the
// failed scenario's own feature file (the team's directory, relative to the
// workspace) and line, summary.md in the job summary, the outputs, and run's
// exit code; nothing the run printed is read as a workflow command, and the
// token is nowhere. A green run annotates nothing and says passed.
func TestGitHubActionEntryPoint(t *testing.T) {
	t.Parallel()
	const token = "gh-action-token-7f3e2d1c"
	for _, tc := range []struct {
		name    string
		faults  []string
		code    int
		verdict string
	}{
		{"failed run", []string{"mutable-username"}, exitFailed, "failed"},
		{"green run", nil, exitOK, "passed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv, err := reference.New(reference.Config{Token: token, AdminToken: token + "-admin", Faults: tc.faults})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()

			ws := t.TempDir()
			own := filepath.Join(ws, "qa", "features")
			if err := os.MkdirAll(own, 0o755); err != nil {
				t.Fatal(err)
			}
			feature, err := os.ReadFile(filepath.Join("..", "..", "steps", "testdata", "qamodule", "features", "zinc_qa.feature"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(own, "zinc_qa.feature"), feature, 0o644); err != nil {
				t.Fatal(err)
			}
			reportsDir := filepath.Join(ws, "scim-reports")
			code, out, summary, outputs := githubRun(t, ws, map[string]string{
				"SCIMHARNESS_TOKEN":       token,
				"SCIMHARNESS_ADMIN_TOKEN": token + "-admin",
				"INPUT_TARGET":            ts.URL + "/scim/v2",
				"INPUT_APP":               "zinc",
				"INPUT_REPORTS":           reportsDir,
				"INPUT_ARGS":              "--admin-url '" + ts.URL + "/admin' --only --features " + own + " --format lines",
			})
			if code != tc.code {
				t.Fatalf("exit %d, want %d", code, tc.code)
			}
			if strings.Contains(out+summary, token) {
				t.Error("the token reached the log or the job summary")
			}

			// The run's own output sits between ::stop-commands:: and its token.
			m := regexp.MustCompile(`(?m)^::stop-commands::(\S+)$`).FindStringSubmatchIndex(out)
			if m == nil {
				t.Fatal("no ::stop-commands:: before the run's output")
			}
			stop := out[m[2]:m[3]]
			resume := strings.Index(out, "\n::"+stop+"::\n")
			if resume < 0 {
				t.Fatal("workflow commands are never resumed")
			}
			if !strings.Contains(out[m[1]:resume], "zinc_qa.feature") {
				t.Errorf("the run's console output is not inside the stopped section")
			}
			published := out[resume:]

			anns := annotation.FindAllStringSubmatch(published, -1)
			if tc.code == exitOK {
				if len(anns) != 0 || strings.Contains(published, "::error") {
					t.Errorf("a green run annotated: %s", published)
				}
			} else {
				if len(anns) != 1 {
					t.Fatalf("%d annotations, want 1 (the one failed scenario):\n%s", len(anns), published)
				}
				a := anns[0]
				if a[1] != "qa/features/zinc_qa.feature" || a[2] != "3" {
					t.Errorf("annotation at %s:%s, want qa/features/zinc_qa.feature:3 (the scenario's line in the team's file)", a[1], a[2])
				}
				if a[3] != "Okta creates a user%2C whose userName cannot change afterwards" {
					t.Errorf("annotation title %q", a[3])
				}
				if !strings.Contains(a[4], "Zinc QA") || !strings.Contains(a[4], "%0A") || strings.Contains(a[4], "\n") {
					t.Errorf("annotation message (its feature, then the error, newlines escaped): %q", a[4])
				}
			}

			md, err := os.ReadFile(filepath.Join(reportsDir, "summary.md"))
			if err != nil {
				t.Fatal(err)
			}
			if summary != string(md) {
				t.Errorf("the job summary is not summary.md:\n%s", summary)
			}
			want := map[string]string{"verdict": tc.verdict, "exit-code": map[int]string{0: "0", 1: "1"}[tc.code], "reports": reportsDir, "total": "1"}
			for k, v := range want {
				if outputs[k] != v {
					t.Errorf("output %s=%q, want %q (all: %v)", k, outputs[k], v, outputs)
				}
			}
			for _, f := range reportFiles {
				if _, err := os.Stat(filepath.Join(reportsDir, f)); err != nil {
					t.Errorf("report %s: %v", f, err)
				}
			}
		})
	}
}

// A usage error writes no reports: the step fails with exit 2, an
// annotation says why, and the verdict output is "error".
func TestGitHubActionUsageError(t *testing.T) {
	t.Parallel()
	for name, vars := range map[string]map[string]string{
		"unknown flag":    {"INPUT_ARGS": "--no-such-flag"},
		"unbalanced args": {"INPUT_ARGS": "--tags '@ZN-17"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ws := t.TempDir()
			vars["INPUT_REPORTS"] = filepath.Join(ws, "r")
			code, out, summary, outputs := githubRun(t, ws, vars)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if !regexp.MustCompile(`(?m)^::error title=scimharness::`).MatchString(out) {
				t.Errorf("no error annotation:\n%s", out)
			}
			if summary != "" {
				t.Errorf("a job summary without reports: %s", summary)
			}
			if name == "unknown flag" && outputs["verdict"] != "error" {
				t.Errorf("outputs %v, want verdict=error", outputs)
			}
		})
	}
}

func TestShellWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  --a  b\t--c\n", []string{"--a", "b", "--c"}},
		{`--tags '@ZN-04 && ~@admin-api' --x`, []string{"--tags", "@ZN-04 && ~@admin-api", "--x"}},
		{`--tags "@A,@B && ~@C"`, []string{"--tags", "@A,@B && ~@C"}},
		{`"a \"q\" \\ \n"`, []string{`a "q" \ \n`}},
		{`a\ b c''d ""`, []string{"a b", "cd", ""}},
	} {
		got, err := shellWords(tc.in)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{`'open`, `"open`, `a "b\"`} {
		if _, err := shellWords(bad); err == nil {
			t.Errorf("shellWords(%q): no error", bad)
		}
	}
}

// An annotation's file follows suite.NewSources' mount names back to the
// directories given: --app-dir first, then each --features, "features"
// named "local", clashes numbered.
func TestFeatureMounts(t *testing.T) {
	t.Parallel()
	got := featureMounts([]string{"--app-dir", "packs/acme", "--features", "qa/features", "--features=more/acme", "--features", "x/features/"})
	want := map[string]string{"acme": "packs/acme", "local": "qa/features", "acme-2": "more/acme", "local-2": "x/features/"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("featureMounts = %v, want %v", got, want)
	}
	if got := featureMounts([]string{"--app-dir", "packs/acme", "--only", "--features", "qa"}); !reflect.DeepEqual(got, map[string]string{"qa": "qa"}) {
		t.Errorf("with --only the pack is not mounted: %v", got)
	}
	p := publisher{workspace: "/ws", mounts: map[string]string{"local": "/ws/qa/features", "acme": "packs/acme"}}
	for loc, want := range map[string]string{
		"local/users.feature:12":          "qa/features/users.feature:12",
		"acme/sub/a.feature:3":            "packs/acme/sub/a.feature:3",
		"features/okta/users.feature:40":  "features/okta/users.feature:40",
		"no-line":                         ":0",
		"features/okta/users.feature:abc": ":0",
	} {
		f, l := p.fileLine(loc)
		if got := f + ":" + strconv.Itoa(l); got != want {
			t.Errorf("fileLine(%q) = %q, want %q", loc, got, want)
		}
	}
}

// action.yml hands every input to the entry point as the variable
// githubArgs reads (the token as $SCIMHARNESS_TOKEN), runs `scimharness
// github`, uploads the reports directory even after a failure, and its
// outputs are ones the entry point writes.
func TestActionYAML(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	inputs := section(t, text, "inputs")
	names := regexp.MustCompile(`(?m)^  ([a-z-]+):$`).FindAllStringSubmatch(inputs, -1)
	if len(names) < 8 {
		t.Fatalf("action.yml declares %d inputs", len(names))
	}
	read := map[string]bool{}
	for _, in := range []string{"INPUT_TARGET", "INPUT_APP", "INPUT_APP_DIR", "INPUT_SUPPORTS", "INPUT_GATE", "INPUT_REPORTS", "INPUT_ARGS"} {
		read[in] = true
		if _, err := githubArgs(func(k string) string {
			if k == in {
				return "v"
			}
			return ""
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range names {
		name := n[1]
		switch name {
		case "upload", "artifact-name":
			if !strings.Contains(text, "inputs."+name) {
				t.Errorf("input %s is never used", name)
			}
			continue
		case "token":
			if !strings.Contains(text, "SCIMHARNESS_TOKEN: ${{ inputs.token }}") {
				t.Error("the token does not reach the harness as $SCIMHARNESS_TOKEN")
			}
			continue
		}
		v := "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		if !strings.Contains(text, v+": ${{ inputs."+name+" }}") {
			t.Errorf("input %s is not passed as %s", name, v)
		}
		if !read[v] {
			t.Errorf("the entry point does not read %s", v)
		}
	}
	if regexp.MustCompile(`run:[^\n]*\$\{\{`).MatchString(text) {
		t.Error("an expression is pasted into a script: pass it through env")
	}
	if !strings.Contains(text, `scimharness" github'`) {
		t.Error("the run step does not call `scimharness github`")
	}
	if !strings.Contains(text, "if: ${{ always() && inputs.upload == 'true' }}") || !strings.Contains(text, "path: ${{ inputs.reports }}") {
		t.Error("the reports are not uploaded after a failed run too")
	}
	for _, o := range regexp.MustCompile(`steps\.run\.outputs\.([a-z-]+)`).FindAllStringSubmatch(text, -1) {
		switch o[1] {
		case "verdict", "exit-code", "failed", "not-run", "reports", "passed", "skipped", "total":
		default:
			t.Errorf("output %s is not one the entry point writes", o[1])
		}
	}
}

// section is the block of a top-level YAML key: its indented lines.
func section(t *testing.T, text, key string) string {
	t.Helper()
	_, rest, ok := strings.Cut(text, "\n"+key+":\n")
	if !ok {
		t.Fatalf("action.yml has no %s:", key)
	}
	if i := regexp.MustCompile(`\n[a-z]`).FindStringIndex(rest); i != nil {
		rest = rest[:i[0]]
	}
	return rest
}

// publish, given a run's reports: with --gate core a failed scenario of
// the Okta core is an error and one of the app pack a warning; a stopped
// target is an error of its own; messages and titles are escaped so that
// neither a newline nor a "::" in them starts a command; outputs are one
// line each.
func TestGitHubPublish(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	summary := `{"schemaVersion":1,"verdict":"failed","targetStopped":"the target stopped answering after GET /Users",
	  "counts":{"passed":1,"failed":2,"skipped":0,"notRun":2,"total":5},
	  "scenarios":[
	    {"feature":"Users","name":"Create, then look up","location":"features/okta/user_create.feature:9","part":"Okta core","tags":["@OK-01","@okta-doc"],"status":"failed","error":"expected 201\n::add-mask::x"},
	    {"feature":"Rename","name":"userName, immutable","location":"features/zinc/identifier_rules.feature:20","part":"Zinc","tags":["@ZN-17"],"status":"failed","error":"got 200"},
	    {"feature":"Users","name":"passes","location":"features/okta/user_create.feature:30","part":"Okta core","tags":[],"status":"passed","error":""},
	    {"feature":"Groups","name":"Push a group","location":"features/okta/group_push.feature:7","part":"Okta core","tags":["@OK-10"],"status":"not run","error":"","reason":"not run: the target stopped answering after GET /Groups"},
	    {"feature":"Deactivation","name":"Leaves every group","location":"features/zinc/deactivation.feature:5","part":"Zinc","tags":["@ZN-03"],"status":"not run","error":"","reason":""}]}`
	if err := os.WriteFile(filepath.Join(dir, "summary.json"), []byte(summary), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "summary.md"), []byte("# verdict: failed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	p := publisher{out: &out, summary: filepath.Join(dir, "step.md"), output: filepath.Join(dir, "out.txt"), gatedPart: "Okta core"}
	if err := p.publish(dir, exitOK); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"::error title=The target stopped answering::the target stopped answering after GET /Users",
		"::error file=features/okta/user_create.feature,line=9,title=OK-01%3A Create%2C then look up::Users: expected 201%0A::add-mask::x",
		"::warning file=features/zinc/identifier_rules.feature,line=20,title=ZN-17%3A userName%2C immutable (not gated%3A --gate core)::Rename: got 200",
		"::error file=features/okta/group_push.feature,line=7,title=OK-10%3A Push a group (not run)::Groups: not run: the target stopped answering after GET /Groups",
		"::warning file=features/zinc/deactivation.feature,line=5,title=ZN-03%3A Leaves every group (not run) (not gated%3A --gate core)::Deactivation: not run",
	}
	if got := strings.Split(strings.TrimSpace(out.String()), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("commands:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b, _ := os.ReadFile(p.summary); string(b) != "# verdict: failed\n" {
		t.Errorf("job summary %q", b)
	}
	if b, _ := os.ReadFile(p.output); string(b) != "exit-code=0\nreports="+dir+"\nverdict=failed\npassed=1\nfailed=2\nskipped=0\nnot-run=2\ntotal=5\n" {
		t.Errorf("outputs %q", b)
	}
	// A summary.json of another schema is an error, not a guess.
	if err := os.WriteFile(filepath.Join(dir, "summary.json"), []byte(`{"schemaVersion":2}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := p.publish(dir, exitOK); err == nil || !strings.Contains(err.Error(), "schemaVersion 2") {
		t.Errorf("schemaVersion 2: %v", err)
	}
}
