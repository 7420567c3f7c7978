// Package zincqa is a QA team's suite: its own feature files, written with
// scimharness's steps, and a part of scimharness's own suite, run by
// `go test` against the SCIM server named by $QA_SCIM_URL and
// $QA_SCIM_TOKEN, or, without them, against an in-process reference server.
package zincqa

import (
	"net/http/httptest"
	"os"
	"testing"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/steps"
)

// target is the server under test: $QA_SCIM_URL with $QA_SCIM_TOKEN, or a
// reference server with its Admin Console API, stopped when t ends.
func target(t *testing.T) steps.Config {
	if url := os.Getenv("QA_SCIM_URL"); url != "" {
		return steps.Config{AppName: "Zinc", BaseURL: url, Token: os.Getenv("QA_SCIM_TOKEN")}
	}
	srv, err := reference.New(reference.Config{Token: "qa-token", AdminToken: "qa-admin"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return steps.Config{AppName: "Zinc", BaseURL: ts.URL + "/scim/v2", Token: "qa-token", AdminURL: ts.URL + "/admin", AdminToken: "qa-admin"}
}

// run runs the scenarios of opts with scimharness's steps, each as a subtest
// of t: Strict, so an undefined or pending step fails.
func run(t *testing.T, opts godog.Options) {
	s, err := steps.New(target(t))
	if err != nil {
		t.Fatal(err)
	}
	opts.Format, opts.Strict, opts.TestingT = "pretty", true, t
	suite := godog.TestSuite{Name: "zinc-qa", ScenarioInitializer: s.InitializeScenario, Options: &opts}
	if code := suite.Run(); code != 0 {
		t.Fatalf("godog exit status %d", code)
	}
}

// TestOwnFeatures runs the feature files under features/.
func TestOwnFeatures(t *testing.T) {
	run(t, godog.Options{Paths: []string{"features"}})
}

// TestSuiteUserNameRules runs scimharness's own scenarios of one behaviour,
// ZN-17 (userName is immutable), from the suite embedded in the module.
func TestSuiteUserNameRules(t *testing.T) {
	run(t, godog.Options{FS: features.FS, Paths: []string{"."}, Tags: "@ZN-17 && ~@admin-api"})
}
