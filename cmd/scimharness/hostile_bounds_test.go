package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// hostileToken has the characters every encoding writes differently: an
// encoder that writes "\/" (PHP's default), URL and form escaping, base64.
const hostileToken = "tok/9F+c-DISTINCTIVE-hostile-secret"

// hostileForms are the forms in which a target can echo hostileToken,
// including the Basic credentials of the three user names the harness may
// send and the token's first half (a cut that halved it).
func hostileForms() []string {
	j, _ := json.Marshal(hostileToken)
	js := strings.Trim(string(j), `"`)
	out := []string{hostileToken, url.QueryEscape(hostileToken), url.PathEscape(hostileToken), js,
		strings.ReplaceAll(js, "/", `\/`), hostileToken[:len(hostileToken)/2],
		base64.StdEncoding.EncodeToString([]byte(hostileToken))}
	for _, u := range []string{"okta", "scimharness", "ada"} {
		out = append(out, base64.StdEncoding.EncodeToString([]byte(u+":"+hostileToken)))
	}
	return out
}

// echo is the text a hostile target repeats: the token in every form.
func echo(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	return strings.Join(append(hostileForms()[:5], auth, strings.TrimPrefix(auth, "Basic ")), " | ")
}

// echoHeaders sets the headers in which a hostile target echoes the token,
// and returns the echo (echo).
func echoHeaders(w http.ResponseWriter, r *http.Request) string {
	e := echo(r)
	w.Header().Set("X-Echo", e)
	w.Header().Set("Location", "https://app.example/"+url.PathEscape(hostileToken))
	return e
}

// hostileList answers a list request as a SCIM server does, n resources of
// totalResults total, each resource carrying note.
func hostileList(w http.ResponseWriter, n, total int, note string) {
	w.Header().Set("Content-Type", "application/scim+json")
	var b strings.Builder
	fmt.Fprintf(&b, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":%d,"startIndex":1,"itemsPerPage":%d,"Resources":[`, total, n)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"h%d","userName":"h%d@example.com","active":true,"displayName":%q}`, i, i, note)
	}
	b.WriteString("]}")
	_, _ = w.Write([]byte(b.String()))
}

// isCredentialList is the preflight's or Okta's credential test's list.
func isCredentialList(r *http.Request) bool {
	q := r.URL.Query()
	if r.Method != http.MethodGet || q.Get("filter") != "" || q.Get("startIndex") != "1" {
		return false
	}
	return strings.HasSuffix(r.URL.Path, "/Users") && q.Get("count") != "100" || strings.HasSuffix(r.URL.Path, "/Groups")
}

// peakHeap samples the live heap until stop is closed, and returns the
// peak seen: a bound on memory measured with runtime stats, not a timing.
func peakHeap(stop <-chan struct{}) func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { <-done; return peak.Load() }
}

// Hostile targets (echoing the secret in every encoding, bombing, dripping,
// paging forever, 429 forever) drive run, load and explore: each ends with
// its exit class, within a bound of memory and of requests, names the bound
// it met, and shows no secret, in any encoding, in any stream or file.
func TestHostileTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("drives run, load and explore against six hostile targets")
	}
	release := make(chan struct{})
	defer close(release)
	// 64 MiB inflated, about 64 KiB sent: 64 gzip members of 1 MiB of
	// zeros each, one after another (a gzip stream may hold several, and
	// every reader reads them all as one body). Compressing 64 MiB once
	// cost 5 CPU seconds under -race; one MiB, copied, costs nothing.
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	_, _ = zw.Write(make([]byte, 1<<20))
	_ = zw.Close()
	bomb := bytes.Repeat(zb.Bytes(), 64)
	type target struct {
		// list answers the credential test's list (the preflight's or
		// Okta's, isCredentialList); nil: an empty list.
		list http.HandlerFunc
		// answer answers every other request, its Content-Type already
		// SCIM's.
		answer http.HandlerFunc
		want   map[string]string // command → text in its output or files
		// maxRequests bounds what the target got from one command.
		maxRequests int64
	}
	targets := map[string]target{
		"echoing the secret": {
			list: func(w http.ResponseWriter, r *http.Request) { hostileList(w, 1, 1, echoHeaders(w, r)) },
			answer: func(w http.ResponseWriter, r *http.Request) {
				e := echoHeaders(w, r)
				w.WriteHeader(http.StatusBadRequest)
				fmt.Fprintf(w, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","detail":%q}`, strings.Repeat("x", 64<<10-40)+e)
			},
			want:        map[string]string{"run": "[redacted]", "load": "failed operations", "explore": "violation"},
			maxRequests: 5000,
		},
		"a gzip bomb": {
			answer: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "gzip")
				_, _ = w.Write(bomb)
			},
			want:        map[string]string{"run": "larger than 1 MiB", "load": "failed operations", "explore": "bound BodyBytes"},
			maxRequests: 5000,
		},
		"an endless chunked body": {
			answer: func(w http.ResponseWriter, r *http.Request) {
				chunk := bytes.Repeat([]byte(" "), 64<<10)
				for {
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			},
			want:        map[string]string{"run": "bound BodyBytes", "load": "failed operations", "explore": "bound BodyBytes"},
			maxRequests: 5000,
		},
		"a body dripped a byte at a time": {
			answer: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusOK)
				for {
					if _, err := w.Write([]byte(" ")); err != nil {
						return
					}
					http.NewResponseController(w).Flush()
					select {
					case <-release:
						return
					case <-r.Context().Done():
						return
					case <-time.After(50 * time.Millisecond):
					}
				}
			},
			want:        map[string]string{"run": "stopped answering", "load": "failed operations", "explore": "the target stopped answering"},
			maxRequests: 200,
		},
		"paging forever": {
			list: func(w http.ResponseWriter, r *http.Request) { hostileList(w, 1, 1, "") },
			answer: func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/Users") {
					hostileList(w, 100, 1<<31-1, "")
					return
				}
				// Everything else succeeds, so that the scenarios reach
				// Okta's import.
				switch r.Method {
				case http.MethodPost:
					w.WriteHeader(http.StatusCreated)
					_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"c1","userName":"c1@example.com","active":true}`))
				case http.MethodDelete:
					w.WriteHeader(http.StatusNoContent)
				default:
					_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"c1","userName":"c1@example.com","active":true}`))
				}
			},
			want:        map[string]string{"run": "bound ImportPages", "load": "failed operations", "explore": "violation"},
			maxRequests: 2000,
		},
		"429 forever": {
			answer: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "3600")
				w.WriteHeader(http.StatusTooManyRequests)
				_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"429","detail":"slow down"}`))
			},
			want:        map[string]string{"run": "429", "load": "cut to it (bound RetryPause", "explore": "violation"},
			maxRequests: 5000,
		},
	}
	// Short bounds for the test: a 300 ms timeout, bodies of 1 MiB, a 10
	// ms real pause, imports of at most 20 pages (paging forever ends in a
	// few hundred requests).
	common := []string{"--token", hostileToken, "--timeout", "300ms", "--max-body", "1MiB", "--retry-pause", "10ms", "--import-pages", "20"}
	commands := map[string]func(base, dir, target string) []string{
		"run": func(base, dir, target string) []string {
			tags := "@OK-01" // Okta's creates and the steps' own requests
			if target == "paging forever" || target == "a body dripped a byte at a time" {
				// Okta's imports; and enough requests in a row for the
				// run to stop on a silent target.
				tags = "@OK-01,@OK-08"
			}
			// Every feature: Okta's import is not among the Zinc pack's.
			return append([]string{"run", "--target", base, "--reports", dir, "--format", "none", "--concurrency", "2", "--tags", tags, "--supports", "all"}, common...)
		},
		"load": func(base, dir, _ string) []string {
			return append([]string{"load", "--target", base, "--users", "4", "--groups", "1", "--members", "2", "--concurrency", "2",
				"--json", filepath.Join(dir, "load.json")}, common...)
		},
		"explore": func(base, dir, _ string) []string {
			return append([]string{"explore", "--target", base, "--app", "none", "--seed", "7", "--steps", "8", "--length", "4",
				"--time", "20s", "--out", dir}, common...)
		},
	}
	for name, tg := range targets {
		for cmd, args := range commands {
			t.Run(name+"/"+cmd, func(t *testing.T) {
				var requests atomic.Int64
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					requests.Add(1)
					switch {
					case !isCredentialList(r):
						w.Header().Set("Content-Type", "application/scim+json")
						tg.answer(w, r)
					case tg.list != nil:
						tg.list(w, r)
					default:
						hostileList(w, 0, 0, "")
					}
				}))
				defer srv.Close()
				dir := t.TempDir()
				var out, errOut syncBuffer
				runtime.GC() // the peak is of this command's heap, not the last one's garbage
				stop := make(chan struct{})
				peak := peakHeap(stop)
				done := make(chan int, 1)
				go func() {
					done <- dispatch(context.Background(), args(srv.URL+"/scim/v2", dir, name), &out, &errOut, func(string) string { return "" })
				}()
				var code int
				select {
				case code = <-done:
				case <-time.After(3 * time.Minute): // a hang, not a timing: the bounds end each command in seconds
					t.Fatalf("%s did not end against %s", cmd, name)
				}
				close(stop)
				all := out.String() + errOut.String()
				if code != exitFailed {
					t.Errorf("exit %d, want %d (the target fails the command)\n%s", code, exitFailed, tail(all))
				}
				if p := peak(); p > 768<<20 {
					t.Errorf("the heap peaked at %d MiB, want under 768 MiB", p>>20)
				} else {
					t.Logf("heap peak %d MiB, %d requests", p>>20, requests.Load())
				}
				if n := requests.Load(); n > tg.maxRequests {
					t.Errorf("%d requests reached the target, want at most %d", n, tg.maxRequests)
				}
				files := filesText(t, dir)
				if want := tg.want[cmd]; !strings.Contains(all+files, want) {
					t.Errorf("neither the output nor the files say %q:\n%s", want, tail(all))
				}
				for _, f := range hostileForms() {
					if strings.Contains(all, f) {
						t.Errorf("the output holds the secret as %q", f)
					}
					if strings.Contains(files, f) {
						t.Errorf("a file holds the secret as %q", f)
					}
				}
			})
		}
	}
}

// filesText is every file under dir, concatenated.
func filesText(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		return nil
	})
	return b.String()
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}

// syncBuffer is a bytes.Buffer safe for the writes of several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A token of one character is warned about and hidden only where it stands
// as a whole value: every capital T of the reports stays (--token T once
// turned 554 of them into [redacted] in one report.html).
func TestShortTokenIsHiddenAsAWholeValue(t *testing.T) {
	srv := httptest.NewServer(refHandler(t, "T"))
	defer srv.Close()
	dir := t.TempDir()
	var out, errOut syncBuffer
	code := dispatch(context.Background(), []string{"run", "--target", srv.URL + "/scim/v2", "--token", "T", "--reports", dir,
		"--format", "none", "--tags", "@ZN-01"}, &out, &errOut, func(string) string { return "" })
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "warning: --token is 1 character long") {
		t.Errorf("no warning about the short token:\n%s", out.String())
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Content-Type", "POST", "The "} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("report.html lost %q", want)
		}
	}
	if n := bytes.Count(html, []byte("[redacted]")); n > 100 {
		t.Errorf("report.html has %d [redacted] markers: the token is hidden inside words", n)
	}
	if bytes.Contains(html, []byte("Bearer T")) {
		t.Error("report.html shows the token in its header")
	}
}
