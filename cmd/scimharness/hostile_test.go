package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
		"a redirect loop": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.String(), http.StatusFound) }),
			code:    exitFailed, report: "302",
		},
		"non-JSON bodies": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write([]byte("<html>Bad Gateway</html>"))
			}),
			code: exitFailed, report: "Bad Gateway",
		},
		"truncated JSON": {
			handler: answerListThen(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/scim+json")
				w.WriteHeader(http.StatusCreated)
				_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"12`))
			}),
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
			args: []string{"--tags", "@ZN-01"},
			code: exitFailed, report: "more bytes not kept",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
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
			if tc.code == exitUsage {
				// A setup error still writes the reports, failed.
				sum, err := os.ReadFile(filepath.Join(dir, "summary.md"))
				if err != nil || !strings.Contains(string(sum), "fail") {
					t.Errorf("summary.md after a setup error (err %v):\n%s", err, sum)
				}
			}
			if tc.report != "" {
				html, err := os.ReadFile(filepath.Join(dir, "report.html"))
				if err != nil {
					t.Fatalf("report.html not written: %v", err)
				}
				if !strings.Contains(string(html), tc.report) {
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
