package main

import (
	"bytes"
	"context"
	"encoding/pem"
	"errors"
	"html/template"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// A broken target never crashes or hangs the harness: each ends as a setup
// error (exit 2, one line saying why) or as failed scenarios (exit 1) whose
// reports show the exchange, and the reports are always written.
func TestRunAgainstBrokenTargets(t *testing.T) {
	const token = "tok-7Hq2-DISTINCTIVE-secret"
	okList := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}`
	// answerListThen answers the preflight's list like a SCIM server and
	// everything else with h.
	answerListThen := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/Users") && r.URL.Query().Get("filter") == "" {
				w.Header().Set("Content-Type", "application/scim+json")
				_, _ = w.Write([]byte(okList))
				return
			}
			h(w, r)
		}
	}
	release := make(chan struct{})
	defer close(release)
	refused := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		return "http://" + addr + "/scim/v2"
	}()

	tests := map[string]struct {
		handler  http.HandlerFunc // nil: use url
		tls      bool
		caCert   bool // write the TLS server's certificate to a file for --ca-cert
		url      string
		args     []string
		code     int
		contains string // in the output
		report   string // in report.html, when scenarios ran
	}{
		"connection refused":              {url: refused, code: exitUsage, contains: "cannot reach the target"},
		"TLS with an unknown certificate": {tls: true, handler: func(w http.ResponseWriter, r *http.Request) {}, code: exitUsage, contains: "certificate"},
		"a server that never answers": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-release:
				case <-r.Context().Done():
				}
			},
			args: []string{"--timeout", "300ms"}, code: exitUsage, contains: "cannot reach the target",
		},
		"wrong credentials": {
			handler: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusUnauthorized) },
			code:    exitUsage, contains: "refused the credentials",
		},
		"a base URL whose /Users is 404": {
			handler: func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
			code:    exitUsage, contains: "GET /Users answered 404 Not Found, not a SCIM ListResponse; check the base URL",
		},
		"a base URL whose /Users is a web page": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write([]byte("<html>Sign in</html>"))
			},
			code: exitUsage, contains: "answered 200 with a text/html body that is not a JSON object, not a SCIM ListResponse",
		},
		"a redirect loop": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.String(), http.StatusFound) }),
			// Narrowed to OK-01's scenarios (Okta's creates and the
			// steps' own requests), as the rows below are: what the row
			// guards is how a run ends and what its reports show, which
			// the first request a scenario sends meets; the whole suite
			// met it 230 times over (10 CPU seconds under -race).
			args: []string{"--tags", "@OK-01"},
			code: exitFailed, report: "302",
		},
		"non-JSON bodies": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write([]byte("<html>Bad Gateway</html>"))
			}),
			args: []string{"--tags", "@OK-01"},
			code: exitFailed, report: "Bad Gateway",
		},
		"truncated JSON": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/scim+json")
				w.WriteHeader(http.StatusCreated)
				_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"12`))
			}),
			// OK-04's scenarios read the created user's body as JSON.
			args: []string{"--tags", "@OK-01,@OK-04"},
			code: exitFailed, report: "not JSON",
		},
		"a huge response": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/scim+json")
				_, _ = w.Write([]byte(`{"detail":"`))
				chunk := bytes.Repeat([]byte("x"), 1<<20)
				for i := 0; i < 12; i++ { // 12 MiB, over the 8 MiB the harness reads
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			}),
			// OK-07's scenarios read with the harness's own client, whose
			// cap this is (mockokta's is 64 MiB, and Okta's lookup is
			// where a ZN-01 scenario meets the huge answer).
			args: []string{"--tags", "@OK-07"},
			// The cap itself, not the 64 KiB any long body is cut to in the reports.
			code: exitFailed, report: "the response body is larger than 8 MiB: only its start was read",
		},
		"valid JSON under a wrong Content-Type": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				w.WriteHeader(http.StatusCreated)
				_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u-1","userName":"x@example.com","active":true}`))
			}),
			args: []string{"--tags", "@OK-01"},
			code: exitFailed, report: "text/plain; charset=utf-8",
		},
		"a body cut short of its Content-Length": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/scim+json")
				w.Header().Set("Content-Length", "4096")
				w.WriteHeader(http.StatusCreated)
				_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":`))
				// The handler returns with 4000 bytes unsent: the server closes the connection.
			}),
			args: []string{"--tags", "@ZN-01"},
			code: exitFailed, report: "unexpected EOF",
		},
		"a connection reset mid-body": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				conn, buf, err := http.NewResponseController(w).Hijack()
				if err != nil {
					return
				}
				_, _ = buf.WriteString("HTTP/1.1 201 Created\r\nContent-Type: application/scim+json\r\nContent-Length: 500\r\n\r\n{\"id\":")
				_ = buf.Flush()
				if tc, ok := conn.(*net.TCPConn); ok {
					_ = tc.SetLinger(0) // close with a reset
				}
				conn.Close()
			}),
			args: []string{"--tags", "@ZN-01"},
			code: exitFailed, report: "POST",
		},
		"a server that hangs once the preflight passed": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-release:
				case <-r.Context().Done():
				}
			}),
			args: []string{"--tags", "@ZN-01", "--timeout", "3s"}, // only what hangs meets it: answered requests have 3 s on loopback
			code: exitFailed, report: "timeout after 3s",
		},
		"TLS trusted through --ca-cert": {tls: true, handler: refHandler(t, token), caCert: true, args: []string{"--tags", "@ZN-01"}, code: exitOK},
		"TLS through --insecure":        {tls: true, handler: refHandler(t, token), args: []string{"--tags", "@ZN-01", "--insecure"}, code: exitOK},
		"TLS without --ca-cert or --insecure": {tls: true, handler: refHandler(t, token), args: []string{"--tags", "@ZN-01"},
			code: exitUsage, contains: "certificate signed by unknown authority"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if testing.Short() && tc.code == exitFailed {
				t.Skip("scenarios against a broken target, each to its --timeout or its cap: not under -short (the setup errors run)")
			}
			url := tc.url
			if tc.handler != nil {
				var srv *httptest.Server
				if tc.tls {
					srv = httptest.NewTLSServer(tc.handler)
				} else {
					srv = httptest.NewServer(tc.handler)
				}
				defer srv.Close()
				url = srv.URL + "/scim/v2"
				if tc.caCert {
					pemFile := filepath.Join(t.TempDir(), "ca.pem")
					pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
					if err := os.WriteFile(pemFile, pemBytes, 0o600); err != nil {
						t.Fatal(err)
					}
					tc.args = append(tc.args, "--ca-cert", pemFile)
				}
			}
			dir := t.TempDir()
			args := append([]string{"run", "--target", url, "--token", token, "--reports", dir, "--format", "none", "--concurrency", "2"}, tc.args...)
			var out, errOut bytes.Buffer
			done := make(chan int, 1)
			go func() {
				done <- dispatch(context.Background(), args, &out, &errOut, func(string) string { return "" })
			}()
			var code int
			select {
			case code = <-done:
			case <-time.After(3 * time.Minute):
				t.Fatal("the run did not finish")
			}
			all := out.String() + errOut.String()
			if code != tc.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tc.code, all)
			}
			if tc.contains != "" && !strings.Contains(all, tc.contains) {
				t.Errorf("output lacks %q:\n%s", tc.contains, all)
			}
			if code == exitUsage && strings.Count(strings.TrimSpace(errOut.String()), "\n") > 0 {
				t.Errorf("a setup error is one line:\n%s", errOut.String())
			}
			// However the run ended, all six reports are written.
			texts := reportTexts(t, dir)
			if tc.code == exitUsage {
				// A setup error still writes the reports, failed, with
				// the preflight's exchange.
				if !strings.Contains(texts[reports.MarkdownFile], "fail") {
					t.Errorf("summary.md after a setup error:\n%s", texts[reports.MarkdownFile])
				}
				if !strings.Contains(texts[reports.HTMLFile], "/Users?startIndex=1&amp;count=1") {
					t.Errorf("report.html after a setup error does not show the preflight's exchange")
				}
			}
			if tc.code == exitFailed && !strings.Contains(texts[reports.HTMLFile], url) {
				t.Errorf("report.html does not show the exchanges with %s", url)
			}
			if tc.report != "" {
				html, err := os.ReadFile(filepath.Join(dir, "report.html"))
				if err != nil {
					t.Fatalf("report.html not written: %v", err)
				}
				if !strings.Contains(string(html), template.HTMLEscapeString(tc.report)) {
					t.Errorf("report.html does not show %q", tc.report)
				}
				if fi, err := os.Stat(filepath.Join(dir, "cucumber.json")); err != nil || fi.Size() > 32<<20 {
					t.Errorf("cucumber.json: %v, size %v: a huge response must be capped in the reports", err, fi)
				}
			}
			assertNoSecret(t, dir, all, token)
		})
	}
}

// refHandler is a reference server taking token.
func refHandler(t *testing.T, token string) http.HandlerFunc {
	t.Helper()
	h, err := reference.New(reference.Config{Token: token})
	if err != nil {
		t.Fatal(err)
	}
	return h.ServeHTTP
}

// A transport that fails every request after the preflight (an httpmock
// transport, not the network): each scenario fails with the exchange and
// its error shown, and all six reports are written.
func TestSuiteOverAFailingTransport(t *testing.T) {
	transport := httpmock.NewMockTransport()
	transport.RegisterNoResponder(httpmock.NewErrorResponder(errors.New("mock transport: connection reset by peer")))
	cfg := steps.Config{BaseURL: "https://mock.example/scim/v2", Token: "tok-mock-1234567", HTTPClient: &http.Client{Transport: transport}}
	parts := zincParts(t)
	src, err := suite.NewSources(parts, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	res, err := suite.Run{Config: cfg, Sources: src, Tags: "@ZN-01", Concurrency: 1}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Scenarios) == 0 || len(res.Failed()) != len(res.Scenarios) {
		t.Fatalf("%d of %d scenarios failed, want all", len(res.Failed()), len(res.Scenarios))
	}
	bs := parts.Behaviours()
	dir := t.TempDir()
	if err := reports.Write(dir, reports.Run{Target: cfg.BaseURL, Behaviours: bs, Scenarios: res.Scenarios, Secrets: []string{cfg.Token}}); err != nil {
		t.Fatal(err)
	}
	texts := reportTexts(t, dir)
	for _, f := range []string{reports.HTMLFile, reports.JUnitFile, reports.CucumberFile} {
		if !strings.Contains(texts[f], "mock transport: connection reset by peer") || !strings.Contains(texts[f], "https://mock.example/scim/v2/Users") {
			t.Errorf("%s does not show the failed exchange and its error", f)
		}
	}
	if transport.GetTotalCallCount() == 0 {
		t.Errorf("the suite made no request through the transport")
	}
}

// assertNoSecret fails if secret appears in the output or any report file.
func assertNoSecret(t *testing.T, dir, output, secret string) {
	t.Helper()
	if strings.Contains(output, secret) {
		t.Errorf("the console output contains the token")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s contains the token", e.Name())
		}
	}
}

// A target that deadlocks after some requests: after three requests in a
// row get no answer and the probe neither, the run stops sending, says once
// which request the target left unanswered first (on the console and at the
// top of the reports), fails the scenario that sent it, and reports the
// scenarios after it as not run; --timeout stays per request.
func TestRunAgainstATargetThatStopsAnswering(t *testing.T) {
	if testing.Short() {
		t.Skip("the suite until the target deadlocks, then a wait of --timeout per request: not under -short")
	}
	const token = "tok-deadlock-1234567"
	ref := refHandler(t, token)
	release := make(chan struct{})
	var mu sync.Mutex
	served, afterDeadlock := 0, 0
	const answered = 40 // the preflight and the first scenarios' requests
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served++
		dead := served > answered
		if dead {
			afterDeadlock++
		}
		mu.Unlock()
		if !dead {
			ref(w, r)
			return
		}
		select { // deadlocked: no answer until the test ends
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer func() { close(release); srv.Close() }()
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := dispatch(context.Background(), []string{"run", "--target", srv.URL + "/scim/v2", "--token", token, "--reports", dir,
		"--format", "none", "--concurrency", "2", "--timeout", "2s"}, &out, &errOut, func(string) string { return "" })
	all := out.String() + errOut.String()
	if n := strings.Count(out.String(), "The target stopped answering: "); n != 1 {
		t.Errorf("the console says %d times that the target stopped answering, want once:\n%s", n, all)
	}
	s := readSummary(t, dir)
	stopped, _ := s["targetStopped"].(string)
	if !strings.HasPrefix(stopped, "the target stopped answering: ") || !strings.Contains(stopped, "was the first request it left unanswered (timeout)") ||
		!strings.Contains(stopped, "which it had answered before (timeout)") {
		t.Errorf("summary.json targetStopped %q", stopped)
	}
	// Failed if a scenario failed (the one whose request went unanswered
	// first, unless that was a clean-up's), else incomplete: never passed.
	if want := map[any]int{"failed": exitFailed, "incomplete": exitIncomplete}[s["verdict"]]; want == 0 || code != want {
		t.Fatalf("verdict %v, exit %d; want failed (exit 1) or incomplete (exit 3)\n%s", s["verdict"], code, all)
	}
	_, culprit, _ := strings.Cut(stopped, `(sent by the scenario "`)
	culprit, _, _ = strings.Cut(culprit, `"`)
	notRun, culpritFailed := 0, false
	for _, sc := range s["scenarios"].([]any) {
		m := sc.(map[string]any)
		if m["status"] == "not run" && m["reason"] == steps.StoppedPrefix+stopped {
			notRun++
		}
		if m["name"] == culprit && m["status"] == "failed" {
			culpritFailed = true
		}
	}
	if !culpritFailed && !strings.Contains(stopped, "in its clean-up") {
		t.Errorf("the scenario %q that sent the first unanswered request is not failed", culprit)
	}
	if notRun < 50 {
		t.Errorf("%d scenarios reported as not run because the target stopped, want most of the suite", notRun)
	}
	texts := reportTexts(t, dir)
	for _, f := range []string{reports.MarkdownFile, reports.JUnitFile} {
		if !strings.Contains(texts[f], stopped[1:strings.Index(stopped, " (")]) { // summary.md starts the sentence with a capital; XML escapes the quotes after
			t.Errorf("%s does not say %q", f, stopped)
		}
	}
	if !strings.Contains(texts[reports.HTMLFile], `id="target-stopped"`) {
		t.Errorf("report.html does not say that the target stopped answering")
	}
	// Bounded: once stopped, the run sends nothing more; what reached the
	// deadlocked server is the streak and what was in flight beside it.
	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d requests reached the deadlocked target; %d scenarios not run; %s", afterDeadlock, notRun, stopped)
	if afterDeadlock > 3+1+2*2 {
		t.Errorf("%d requests reached the deadlocked target, want at most the streak of 3, the probe and those in flight", afterDeadlock)
	}
}
