package steps_test

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/refimage"
	"github.com/scimharness/scimharness/reference"
)

// TestQAModule builds and runs testdata/qamodule, the README's example of a
// QA team's own Go module running these steps under `go test`, offline with
// the module cache at hand: it passes against its in-process reference
// server, and its scenarios fail when $QA_SCIM_URL points it at a server
// whose userName can change.
func TestQAModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs another module")
	}
	root := refimage.Root(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "qamodule"))); err != nil {
		t.Fatal(err)
	}
	// The module names the repository by a relative path; from the copy,
	// name it absolutely.
	mod := filepath.Join(dir, "go.mod")
	b, err := os.ReadFile(mod)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "=> ../../..", "=> "+root, 1)
	if text == string(b) {
		t.Fatal("testdata/qamodule/go.mod has no replace directive => ../../..")
	}
	if err := os.WriteFile(mod, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// Its dependencies are the repository's: so are their checksums.
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	goTest := func(env ...string) (string, error) {
		cmd := exec.Command("go", "test", "-count=1", "-trimpath", "-vet=off", "-v", "./...")
		cmd.Dir = dir
		// -vet=off: vetting is not what this test is about, and go test's
		// vet, in this module's build, would first work out facts about
		// every package under it, the standard library's too (half a
		// minute of CPU on a cold cache; make vet vets this repository).
		// Offline and read-only: a module the QA module's go.mod lacks
		// (golang.org/x/net once mockokta read HTML with it) fails here on
		// every machine. With -mod=mod it was resolved from the module
		// cache, which passed where the cache was full and failed on a
		// fresh machine, wanting go.mod files of the whole graph.
		cmd.Env = append(os.Environ(), append([]string{"GOFLAGS=-mod=readonly", "GOPROXY=off", "GOWORK=off", "CGO_ENABLED=0"}, env...)...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	out, err := goTest("QA_SCIM_URL=")
	if err != nil {
		t.Fatalf("go test in the QA module: %v\n%s", err, out)
	}
	for _, want := range []string{
		"--- PASS: TestOwnFeatures/Okta_creates_a_user,_whose_userName_cannot_change_afterwards",
		"--- PASS: TestSuiteUserNameRules/A_PATCH_that_changes_userName_is_refused_and_changes_nothing",
		"ok  \texample.com/zincqa",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the QA module's output lacks %q:\n%s", want, out)
		}
	}

	srv, err := reference.New(reference.Config{Token: "qa-faulty-token", Faults: []string{"mutable-username"}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	out, err = goTest("QA_SCIM_URL="+ts.URL+"/scim/v2", "QA_SCIM_TOKEN=qa-faulty-token")
	if err == nil || !strings.Contains(out, "--- FAIL: TestOwnFeatures/Okta_creates_a_user,_whose_userName_cannot_change_afterwards") {
		t.Errorf("against a server whose userName can change: err %v, want the own feature failed:\n%s", err, out)
	}
}
