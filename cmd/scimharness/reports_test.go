package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

var reportFiles = []string{reports.CucumberFile, reports.JUnitFile, reports.SummaryFile, reports.MarkdownFile, reports.HTMLFile, reports.MessagesFile}

// refusedURL is a SCIM base URL on a port nothing listens on.
func refusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/scim/v2"
}

// reportTexts are the six reports' texts, the base64 attachments of
// cucumber.json and messages.ndjson decoded and appended, so that a search
// sees inside them.
func reportTexts(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range reportFiles {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatalf("report %s: %v", f, err)
		}
		var text strings.Builder
		text.Write(b)
		if f == reports.CucumberFile {
			var doc []struct {
				Elements []struct {
					Steps []struct {
						Embeddings []struct {
							Data string `json:"data"`
						} `json:"embeddings"`
					} `json:"steps"`
				} `json:"elements"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatalf("cucumber.json is not cucumber JSON: %v", err)
			}
			for _, ft := range doc {
				for _, e := range ft.Elements {
					for _, st := range e.Steps {
						for _, em := range st.Embeddings {
							d, err := base64.StdEncoding.DecodeString(em.Data)
							if err != nil {
								t.Fatalf("cucumber.json: an embedding is not base64: %v", err)
							}
							text.WriteByte('\n')
							text.Write(d)
						}
					}
				}
			}
		}
		if f == reports.MessagesFile {
			for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				var e struct {
					Attachment *struct{ Body, ContentEncoding string } `json:"attachment"`
				}
				if err := json.Unmarshal([]byte(line), &e); err != nil {
					t.Fatalf("messages.ndjson line %d is not JSON: %v", i+1, err)
				}
				if e.Attachment != nil && e.Attachment.ContentEncoding == "BASE64" {
					d, err := base64.StdEncoding.DecodeString(e.Attachment.Body)
					if err != nil {
						t.Fatalf("messages.ndjson line %d: an attachment is not base64: %v", i+1, err)
					}
					text.WriteByte('\n')
					text.Write(d)
				}
			}
		}
		out[f] = text.String()
	}
	return out
}

// A setup failure after a green run in the same directory rewrites all six
// reports: nothing of the green run survives to be mistaken for this one.
func TestSetupFailureLeavesNoStaleReport(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := invoke("run", "--reports", dir, "--format", "none", "--tags", "@ZN-01"); code != exitOK {
		t.Fatalf("the green run: exit %d\n%s%s", code, out, errOut)
	}
	green := reportTexts(t, dir)
	if !strings.Contains(green[reports.CucumberFile], "Push new users") && !strings.Contains(green[reports.CucumberFile], "ZN-01") {
		t.Fatalf("the green run's cucumber.json lacks its scenario")
	}
	url := refusedURL(t)
	code, _, errOut := invoke("run", "--reports", dir, "--format", "none", "--target", url, "--token", "x-token-123456")
	if code != exitUsage || !strings.Contains(errOut, "cannot reach the target") {
		t.Fatalf("connection refused: exit %d, %s", code, errOut)
	}
	for f, text := range reportTexts(t, dir) {
		if strings.Contains(text, "@ZN-01") {
			t.Errorf("%s still holds the green run's scenario", f)
		}
		if !strings.Contains(text, "The target answers and takes the credentials") {
			t.Errorf("%s does not record the setup failure", f)
		}
	}
	s := readSummary(t, dir)
	if s["target"] != url || s["verdict"] != "failed" {
		t.Errorf("summary.json: target %v, verdict %v; want %s, failed", s["target"], s["verdict"], url)
	}
}

// A setup failure's reports show the preflight's exchange, redacted, and
// the target is its URL.
func TestSetupFailureShowsThePreflight(t *testing.T) {
	const token = "tok-SETUP-9f8e7d6c5b"
	refused := refusedURL(t)
	unauthorized := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/scim+json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"detail":"BAD-TOKEN-DETAIL-x1"}`)
	}))
	defer unauthorized.Close()
	tests := map[string]struct {
		url    string
		stderr string
		shows  []string // in report.html and junit.xml
	}{
		"connection refused": {url: refused, stderr: "cannot reach the target", shows: []string{refused + "/Users?startIndex=1&amp;count=1", "connection refused"}},
		"401":                {url: unauthorized.URL + "/scim/v2", stderr: "refused the credentials", shows: []string{"401", "BAD-TOKEN-DETAIL-x1", "Bearer [redacted]"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			code, _, errOut := invoke("run", "--reports", dir, "--format", "none", "--target", tc.url, "--token", token)
			if code != exitUsage || !strings.Contains(errOut, tc.stderr) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Fatalf("exit %d, want %d and one line with %q:\n%s", code, exitUsage, tc.stderr, errOut)
			}
			texts := reportTexts(t, dir)
			for _, want := range tc.shows {
				if !strings.Contains(texts[reports.HTMLFile], want) {
					t.Errorf("report.html lacks %q", want)
				}
				if !strings.Contains(strings.ReplaceAll(texts[reports.JUnitFile], "&amp;", "&"), strings.ReplaceAll(want, "&amp;", "&")) {
					t.Errorf("junit.xml lacks %q", want)
				}
			}
			for f, text := range texts {
				if strings.Contains(text, token) {
					t.Errorf("%s holds the token", f)
				}
			}
			if s := readSummary(t, dir); s["target"] != tc.url {
				t.Errorf("summary.json target %v, want %s", s["target"], tc.url)
			}
		})
	}
}

// The preflight waits --timeout, not a fixed time: the request's deadline
// is the flag's. An httpmock transport answers and reads the deadline.
func TestPreflightUsesTheTimeout(t *testing.T) {
	for _, timeout := range []time.Duration{20 * time.Second, 42 * time.Second, 3 * time.Minute} {
		transport := httpmock.NewMockTransport()
		var left atomic.Int64
		transport.RegisterResponder(http.MethodGet, "=~^https://mock\\.example/scim/v2/Users", func(r *http.Request) (*http.Response, error) {
			if d, ok := r.Context().Deadline(); ok {
				left.Store(int64(time.Until(d)))
			}
			return httpmock.NewStringResponse(http.StatusOK, `{"totalResults":0,"Resources":[]}`), nil
		})
		cfg := steps.Config{BaseURL: "https://mock.example/scim/v2", Token: "t", HTTPClient: &http.Client{Transport: transport}}
		xs, err := preflight(context.Background(), cfg, timeout)
		if err != nil || len(xs) != 1 || xs[0].Status != http.StatusOK {
			t.Fatalf("preflight: %v, exchanges %+v", err, xs)
		}
		if got := time.Duration(left.Load()); got > timeout || got < timeout-10*time.Second {
			t.Errorf("--timeout %s: the preflight request had %s left, want about %s", timeout, got, timeout)
		}
		if transport.GetTotalCallCount() != 1 {
			t.Errorf("%d calls, want 1", transport.GetTotalCallCount())
		}
	}
}

// The preflight keeps a base URL's query (Okta's OIN tenant variables), before
// its own parameters, as every request of the run does.
func TestPreflightKeepsTheBaseURLQuery(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.RequestURI()
		w.Header().Set("Content-Type", "application/scim+json")
		_, _ = w.Write([]byte(`{"totalResults":0,"Resources":[]}`))
	}))
	defer srv.Close()
	cfg := steps.Config{BaseURL: srv.URL + "/scim2/myapp?connection=42", Token: "t", HTTPClient: srv.Client()}
	xs, err := preflight(context.Background(), cfg, 5*time.Second)
	if err != nil || len(xs) != 1 || xs[0].Status != http.StatusOK {
		t.Fatalf("preflight: %v, exchanges %+v", err, xs)
	}
	if want := "/scim2/myapp/Users?connection=42&startIndex=1&count=1"; got != want || xs[0].URL != srv.URL+want {
		t.Errorf("the preflight asked for %s (reported %s), want %s", got, xs[0].URL, want)
	}
}

// Ctrl-C mid-run: the scenarios that ran are written as the partial results
// with the verdict interrupted, in all six reports, and the exit is 2. The
// context is cancelled by the target itself once the suite is under way.
func TestInterruptKeepsThePartialResults(t *testing.T) {
	h, err := reference.New(reference.Config{Token: "PRODTOKEN-int-1"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 40 {
			cancel()
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := dispatch(ctx, []string{"run", "--target", srv.URL + "/scim/v2", "--token", "PRODTOKEN-int-1", "--reports", dir, "--format", "none", "--concurrency", "1"},
		&out, &errOut, func(string) string { return "" })
	if code != exitUsage || !strings.Contains(errOut.String(), "interrupted") {
		t.Fatalf("exit %d, want %d with \"interrupted\":\n%s%s", code, exitUsage, out.String(), errOut.String())
	}
	s := readSummary(t, dir)
	if s["verdict"] != "interrupted" || s["interrupted"] != true {
		t.Errorf("summary.json: verdict %v, interrupted %v", s["verdict"], s["interrupted"])
	}
	scs := s["scenarios"].([]any)
	if len(scs) < 2 {
		t.Fatalf("%d scenarios in summary.json: want the partial results", len(scs))
	}
	passed := 0
	for _, x := range scs {
		m := x.(map[string]any)
		if m["feature"] == "Setup" {
			t.Fatalf("the reports are a setup failure, not the partial results")
		}
		if m["status"] == "passed" {
			passed++
		}
	}
	if passed == 0 {
		t.Errorf("no scenario passed before the interrupt")
	}
	texts := reportTexts(t, dir)
	for f, want := range map[string]string{reports.MarkdownFile: "interrupted", reports.HTMLFile: "INTERRUPTED", reports.MessagesFile: `"message":"the run was interrupted`} {
		if !strings.Contains(texts[f], want) {
			t.Errorf("%s does not say the run was interrupted", f)
		}
	}
	if got, _ := reports.FromCucumber(strings.NewReader(mustRead(t, filepath.Join(dir, reports.CucumberFile)))); len(got) != len(scs) {
		t.Errorf("cucumber.json has %d scenarios, summary.json %d", len(got), len(scs))
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// passwordValue finds the values of "password" keys in a JSON body.
var passwordValue = regexp.MustCompile(`"password"\s*:\s*"([^"]+)"`)

// oauthValue finds the codes and tokens in an OAuth answer or redirect.
var oauthValue = regexp.MustCompile(`(?:"(?:access|refresh)_token"\s*:\s*"|[?&]code=)([A-Za-z0-9]+)`)

// No token, Basic password, or password mockokta sends reaches any of the
// six reports, the base64 attachments of cucumber.json and messages.ndjson included, nor the output.
func TestNoSecretInAnyReport(t *testing.T) {
	t.Parallel() // a whole suite run or more: the package's long pole in make test
	if testing.Short() {
		t.Skip("two whole suite runs with every secret, then a search of every report: not under -short")
	}
	const (
		prod    = "PRODTOKEN-e2e-5a4b3c2d1e"
		sandbox = "SANDTOKEN-e2e-6f7e8d9c0b"
		admin   = "ADMINTOKEN-e2e-1a2b3c4d5e"
		basicPw = "BASICPW-e2e-9z8y7x6w5v"
		secret  = "CLIENTSECRET-e2e-3c4d5e6f7a"
	)
	var mu sync.Mutex
	sent := map[string]bool{}   // the passwords mockokta sent
	issued := map[string]bool{} // the OAuth codes and tokens the server issued
	capture := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			for _, m := range passwordValue.FindAllStringSubmatch(string(b), -1) {
				mu.Lock()
				sent[m[1]] = true
				mu.Unlock()
			}
			r.Body = io.NopCloser(bytes.NewReader(b))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			mu.Lock()
			for _, m := range oauthValue.FindAllStringSubmatch(rec.Body.String()+" "+rec.Header().Get("Location"), -1) {
				issued[m[1]] = true
			}
			mu.Unlock()
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		})
	}
	withAdmin, err := reference.New(reference.Config{Token: prod, SandboxToken: sandbox, AdminToken: admin,
		OAuth: &reference.OAuthConfig{ClientID: "okta-e2e", ClientSecret: secret}})
	if err != nil {
		t.Fatal(err)
	}
	basic, err := reference.New(reference.Config{Token: basicPw, SandboxToken: sandbox})
	if err != nil {
		t.Fatal(err)
	}
	a := httptest.NewServer(capture(withAdmin))
	defer a.Close()
	b := httptest.NewServer(capture(basic))
	defer b.Close()
	runs := map[string][]string{
		"tokens and the Admin Console API": {"--target", a.URL + "/scim/v2", "--token", prod, "--sandbox-url", a.URL + "/sandbox/scim/v2", "--sandbox-token", sandbox,
			"--admin-url", a.URL + "/admin", "--admin-token", admin,
			"--oauth-authorize-url", a.URL + "/oauth/authorize", "--oauth-token-url", a.URL + "/oauth/token", "--oauth-revoke-url", a.URL + "/oauth/revoke",
			"--client-id", "okta-e2e", "--client-secret", secret, "--oauth-sign-in", "token=" + steps.OrgToken},
		"Basic auth": {"--target", b.URL + "/scim/v2", "--auth", "basic", "--username", "okta", "--password", basicPw, "--sandbox-url", b.URL + "/sandbox/scim/v2", "--sandbox-token", sandbox},
	}
	for name, args := range runs {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			code, out, errOut := invokeBuilt(t, append([]string{"run", "--reports", dir, "--format", "lines"}, args...)...)
			if code == exitUsage {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			secrets := map[string]string{"the Production token": prod, "the Sandbox token": sandbox, "the admin token": admin, "the Basic password": basicPw,
				"the Basic header": base64.StdEncoding.EncodeToString([]byte("okta:" + basicPw)), "the OAuth client secret": secret,
				"the OAuth client's Basic header": base64.StdEncoding.EncodeToString([]byte("okta-e2e:" + secret))}
			mu.Lock()
			for v := range issued {
				secrets["an OAuth code or token the server issued, "+v] = v
			}
			for pw := range sent {
				if !strings.Contains(mustRead(t, "../../features/okta/user_create.feature"), pw) {
					secrets["the password mockokta sent, "+pw] = pw
				}
			}
			mu.Unlock()
			texts := reportTexts(t, dir)
			texts["the console output"] = out + errOut
			find := newSecretFinder(secrets)
			for f, text := range texts {
				for _, what := range find.in(text) {
					t.Errorf("%s holds %s", f, what)
				}
			}
		})
	}
	if len(sent) == 0 {
		t.Errorf("mockokta sent no password: the check of its passwords checked nothing")
	}
	if len(issued) < 10 {
		t.Errorf("the server issued %d OAuth codes and tokens: the OAuth scenarios did not run", len(issued))
	}
}

// secretFinder finds any of many secrets in a text in one pass, where a
// strings.Contains per secret reads the text once for each (hundreds of
// OAuth codes and passwords over megabytes of reports). It indexes the
// secrets by their first 8 bytes and compares a whole secret only where
// such a prefix starts; a shorter secret is looked for on its own.
type secretFinder struct {
	byPrefix map[uint64][]string // the first 8 bytes, then the secrets with them
	short    []string
	what     map[string]string // secret, then what it is
}

func newSecretFinder(secrets map[string]string) *secretFinder {
	f := &secretFinder{byPrefix: map[uint64][]string{}, what: map[string]string{}}
	for what, secret := range secrets {
		if secret == "" {
			continue
		}
		f.what[secret] = what
		if len(secret) < 8 {
			f.short = append(f.short, secret)
			continue
		}
		k := binary.LittleEndian.Uint64([]byte(secret[:8]))
		f.byPrefix[k] = append(f.byPrefix[k], secret)
	}
	return f
}

// in returns what each secret found in text is, sorted.
func (f *secretFinder) in(text string) []string {
	found := map[string]bool{}
	for _, secret := range f.short {
		if strings.Contains(text, secret) {
			found[f.what[secret]] = true
		}
	}
	if len(f.byPrefix) > 0 {
		b := []byte(text)
		for i := 0; i+8 <= len(b); i++ {
			for _, secret := range f.byPrefix[binary.LittleEndian.Uint64(b[i:])] {
				if strings.HasPrefix(text[i:], secret) {
					found[f.what[secret]] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(found))
}

// The one-pass finder finds what strings.Contains finds: a secret at the
// start, at the end, inside a longer word, two that share their first
// bytes, one shorter than the index's prefix, and nothing where none is.
func TestSecretFinder(t *testing.T) {
	secrets := map[string]string{"a": "ABCDEFGH-1", "b": "ABCDEFGH-22", "c": "zz9", "d": "QRSTUVWXYZ"}
	f := newSecretFinder(secrets)
	for _, text := range []string{"ABCDEFGH-1 and more", "at the end ABCDEFGH-22", "xQRSTUVWXYZx", "short zz9",
		"ABCDEFGH- QRSTUVWXY zz ABCDE", "ABCDEFGH-1ABCDEFGH-22zz9QRSTUVWXYZ", ""} {
		var want []string
		for what, secret := range secrets {
			if strings.Contains(text, secret) {
				want = append(want, what)
			}
		}
		slices.Sort(want)
		if got := f.in(text); !slices.Equal(got, want) {
			t.Errorf("in(%q) = %v, strings.Contains finds %v", text, got, want)
		}
	}
}
