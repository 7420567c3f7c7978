package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// What run, list and selfcheck share: where the feature files come from, the
// embedded reference server with everything the suite needs, and one godog
// run of the suite.

// suiteSources mounts the feature files a run reads: the embedded suite under
// "features/" (unless only), and each --features directory under its own
// name. Paths are the mount points, in order.
type suiteSources struct {
	mounts []mount
}

type mount struct {
	name string // the mount point: "features", or a directory's base name
	fsys fs.FS
}

func newSources(dirs []string, only bool) (*suiteSources, error) {
	s := &suiteSources{}
	if !only {
		s.mounts = append(s.mounts, mount{"features", features.FS})
	}
	used := map[string]bool{"features": !only}
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("--features %s: %w", d, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("--features %s: not a directory", d)
		}
		fsys := os.DirFS(d)
		found := false
		_ = fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
			if err == nil && !de.IsDir() && strings.HasSuffix(p, ".feature") {
				found = true
				return fs.SkipAll
			}
			return nil
		})
		if !found {
			return nil, fmt.Errorf("--features %s: no .feature file in it", d)
		}
		name := filepath.Base(filepath.Clean(d))
		if name == "." || name == "/" || name == "" {
			name = "local"
		}
		for base, n := name, 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		used[name] = true
		s.mounts = append(s.mounts, mount{name, fsys})
	}
	if len(s.mounts) == 0 {
		return nil, fmt.Errorf("--only needs at least one --features directory")
	}
	return s, nil
}

// Paths are the mount points, for godog.Options.Paths.
func (s *suiteSources) Paths() []string {
	var out []string
	for _, m := range s.mounts {
		out = append(out, m.name)
	}
	return out
}

// FS is every feature file under its mount point, for godog.Options.FS.
func (s *suiteSources) FS() (fs.FS, error) {
	files, err := s.featureFiles()
	if err != nil {
		return nil, err
	}
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Name] = &fstest.MapFile{Data: f.Contents, Mode: 0o444}
	}
	return m, nil
}

// featureFiles lists every feature file as "mount/path" with its content.
func (s *suiteSources) featureFiles() ([]godog.Feature, error) {
	var out []godog.Feature
	for _, m := range s.mounts {
		err := fs.WalkDir(m.fsys, ".", func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if de.IsDir() || !strings.HasSuffix(p, ".feature") {
				return nil
			}
			b, err := fs.ReadFile(m.fsys, p)
			if err != nil {
				return err
			}
			out = append(out, godog.Feature{Name: path.Join(m.name, p), Contents: b})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read feature files of %s: %w", m.name, err)
		}
	}
	return out, nil
}

// embedded is the reference server, served in-process on loopback, with a
// Sandbox token, the Admin Console API and the OAuth authorization server,
// so that every scenario can run.
type embedded struct {
	root                  string
	token, sandbox, admin string
	oauth                 reference.OAuthConfig // Okta's client at the authorization server
	srv                   *http.Server
}

// startEmbedded serves a reference server with fresh tokens and faults. The
// caller must call close.
func startEmbedded(faults ...string) (*embedded, error) {
	e := &embedded{token: randomToken(), sandbox: randomToken(), admin: randomToken(),
		oauth: reference.OAuthConfig{ClientID: "okta-" + randomToken()[:8], ClientSecret: randomToken()}}
	oc := e.oauth
	h, err := reference.New(reference.Config{Token: e.token, SandboxToken: e.sandbox, AdminToken: e.admin, Faults: faults, OAuth: &oc})
	if err != nil {
		return nil, fmt.Errorf("reference server: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("reference server: listen: %w", err)
	}
	e.root = "http://" + ln.Addr().String()
	e.srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = e.srv.Serve(ln) }()
	return e, nil
}

// config is a steps.Config for the embedded server.
func (e *embedded) config(client *http.Client) steps.Config {
	return steps.Config{
		BaseURL: e.root + "/scim/v2", SandboxURL: e.root + "/sandbox/scim/v2",
		Token: e.token, SandboxToken: e.sandbox,
		AdminURL: e.root + "/admin", AdminToken: e.admin,
		HTTPClient: client,
		OAuth:      embeddedOAuth(e.root, e.oauth),
		AppName:    "Zinc",
	}
}

// close stops the server. The suite is over by then, so a connection still
// open (a client's spare one, dialled and never used) is closed after a
// moment rather than waited for.
func (e *embedded) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if e.srv.Shutdown(ctx) != nil {
		_ = e.srv.Close()
	}
}

// suiteRun is one godog run of the suite.
type suiteRun struct {
	cfg         steps.Config
	sources     *suiteSources
	tags        string
	concurrency int
	format      string    // godog's console formatter ("progress", "pretty") or "" for none
	output      io.Writer // the console formatter's output
}

// result is what a run gives: the scenarios with the harness's statuses, and
// godog's exit status.
type result struct {
	scenarios []reports.Scenario
	status    int
	started   time.Time
	duration  time.Duration
	stopped   string // why the run stopped sending: the target stopped answering; "" if it did not
}

func (r *result) failed() []reports.Scenario {
	var out []reports.Scenario
	for _, s := range r.scenarios {
		if s.Status == reports.Failed {
			out = append(out, s)
		}
	}
	return out
}

func (r *result) count(st reports.Status) int {
	n := 0
	for _, s := range r.scenarios {
		if s.Status == st {
			n++
		}
	}
	return n
}

// run runs the suite. An error means godog could not run it (bad options,
// bad tag expression, unreadable features).
func (sr suiteRun) run(ctx context.Context) (*result, error) {
	s, err := steps.New(sr.cfg)
	if err != nil {
		return nil, err
	}
	// godog splits its format option at commas, so cucumber.json is
	// written in a directory of our own naming, read and removed.
	tmp, err := os.MkdirTemp("", "scimharness-")
	if err != nil {
		return nil, fmt.Errorf("a directory for godog's results: %w", err)
	}
	defer os.RemoveAll(tmp)
	if strings.Contains(tmp, ",") {
		return nil, fmt.Errorf("the temporary directory %s has a comma, which godog cannot take: set TMPDIR", tmp)
	}
	cuke := filepath.Join(tmp, reports.CucumberFile)
	format := "cucumber:" + cuke
	if sr.format != "" {
		format = sr.format + "," + format
	}
	out := sr.output
	if out == nil {
		out = io.Discard
	}
	fsys, err := sr.sources.FS()
	if err != nil {
		return nil, err
	}
	var godogErr bytes.Buffer
	res := &result{started: time.Now()}
	suite := godog.TestSuite{
		Name:                "scimharness",
		ScenarioInitializer: s.InitializeScenario,
		Options: &godog.Options{
			Format:      format,
			Output:      io.MultiWriter(out, &godogErr),
			FS:          fsys,
			Paths:       sr.sources.Paths(),
			Tags:        sr.tags,
			Concurrency: max(sr.concurrency, 1),
			Strict:      true,
			// With NoColors godog filters every formatter's output rune by
			// rune, which made writing cucumber.json take seconds. The lines
			// formatter writes no colour; progress and pretty are coloured
			// as godog's own command line colours them.
			NoColors:       false,
			DefaultContext: ctx,
		},
	}
	res.status = suite.Run()
	res.duration = time.Since(res.started)
	res.stopped = s.Stopped()
	if res.status == 2 {
		return nil, fmt.Errorf("godog could not run the suite: %s", firstLine(godogErr.String()))
	}
	b, err := os.ReadFile(cuke)
	if err != nil {
		return nil, fmt.Errorf("read godog's results: %w", err)
	}
	res.scenarios, err = reports.FromCucumber(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return res, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return "see its message above"
	}
	return s
}

// behaviours is the catalogue in the reports' terms.
func behaviours() ([]reports.Behaviour, error) {
	zinc, err := features.Zinc()
	if err != nil {
		return nil, err
	}
	core, err := features.Core()
	if err != nil {
		return nil, err
	}
	var out []reports.Behaviour
	for _, b := range append(append([]features.Behaviour(nil), zinc.Behaviours...), core.Behaviours...) {
		out = append(out, reports.Behaviour{ID: b.ID, Title: b.Title, Provenance: b.Provenance, Sentence: b.Source})
	}
	return out, nil
}

// behaviourIDs are the catalogue IDs a scenario is tagged with.
func behaviourIDs(tags []string) []string {
	var out []string
	for _, t := range tags {
		if features.IsBehaviourTag(t) {
			out = append(out, strings.TrimPrefix(t, "@"))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func basicAuth(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}
