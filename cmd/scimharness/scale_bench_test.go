package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/scimharness/scimharness/reference"
)

// benchChildEnv, set in the environment of this test binary, makes it run
// scimharness (dispatch) with its arguments instead of the tests (TestMain,
// main_test.go): the scale
// benchmark runs the harness as a child process, so that the child's own peak
// RSS and CPU time are measured apart from the server's.
const (
	benchChildEnv   = "SCIMHARNESS_BENCH_CHILD"
	benchProfileEnv = "SCIMHARNESS_BENCH_CPUPROFILE" // a file for the child's CPU profile
	benchMemEnv     = "SCIMHARNESS_BENCH_MEMPROFILE" // a file for the child's allocations (its allocs profile at the end)
)

func benchChild() int {
	if p := os.Getenv(benchProfileEnv); p != "" {
		f, err := os.Create(p)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
	}
	if p := os.Getenv(benchMemEnv); p != "" {
		defer func() {
			if f, err := os.Create(p); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	args := os.Args[1:]
	for i, a := range args { // the test binary's own flags come before "--"
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	return dispatch(context.Background(), args, os.Stdout, os.Stderr, os.Getenv)
}

// The scale benchmark's targets: users held by the reference server, and the
// members of one big group among them (issue 25).
var scaleSizes = []struct {
	name           string
	users, members int
}{
	{"users=1000", 1000, 0},
	{"users=100000", 100000, 50000},
}

// BenchmarkRunAppNone runs `scimharness run --app none` (the Okta core and the
// SPEC tests) as a child process against the reference server holding many
// users, and reports the harness's wall time (ns/op), its CPU time, its peak
// RSS and the bytes of its reports, and the CPU time the server spent
// answering it (server-cpu-s/op). The run must be green: a failed scenario
// fails the benchmark. SCIMHARNESS_BENCH_CPUPROFILE=file profiles the child,
// SCIMHARNESS_BENCH_MEMPROFILE=file writes its allocations.
func BenchmarkRunAppNone(b *testing.B) {
	for _, s := range scaleSizes {
		b.Run(s.name, func(b *testing.B) {
			ts := scaleTarget(b, s.users, s.members)
			defer ts.Close()
			var cpu, server, rss, rep float64
			n := 0
			for b.Loop() {
				dir := b.TempDir()
				cmd := exec.Command(os.Args[0], "--", "run", "--app", "none", "--format", "none",
					"--target", ts.URL+"/scim/v2", "--token", scaleToken, "--reports", dir)
				cmd.Env = append(os.Environ(), benchChildEnv+"=1")
				var stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = io.Discard, &stderr
				before := selfCPU()
				t0 := time.Now()
				err := cmd.Run()
				wall := time.Since(t0)
				srv := selfCPU() - before
				server += srv
				if cmd.ProcessState == nil {
					b.Fatalf("run: %v", err)
				}
				ps := cmd.ProcessState
				cpu += (ps.UserTime() + ps.SystemTime()).Seconds()
				if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
					rss = max(rss, float64(ru.Maxrss)/1024) // KiB on Linux
				}
				rep = float64(dirBytes(b, dir)) / (1 << 20)
				n++
				b.Logf("wall %v, cpu %.2f s, server cpu %.2f s, peak RSS %.0f MiB, reports %.1f MiB", wall.Round(time.Millisecond), (ps.UserTime() + ps.SystemTime()).Seconds(), srv, rss, rep)
				if err != nil {
					b.Errorf("run --app none against %d users: %v\n%s%s", s.users, err, lastLines(stderr.String(), 20), failedScenarios(dir))
				}
			}
			b.ReportMetric(cpu/float64(n), "cpu-s/op")
			b.ReportMetric(server/float64(n), "server-cpu-s/op")
			b.ReportMetric(rss, "MiB-peak-rss")
			b.ReportMetric(rep, "MiB-reports")
		})
	}
}

// selfCPU is the CPU time this process has used, user plus system, in
// seconds: while the child runs, that is the reference server answering it
// (the benchmark's own goroutine waits), on the same cores as the child.
func selfCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

const scaleToken = "scale-token"

// scaleTarget serves a reference server holding users users, members of them
// in the group "Big Group". They are created through the handler without a
// network (a POST each, then PATCHes of 1,000 members), which is faster than
// over loopback.
func scaleTarget(b *testing.B, users, members int) *httptest.Server {
	b.Helper()
	start := time.Now()
	srv, err := reference.New(reference.Config{Token: scaleToken, AdminToken: "scale-admin"})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 0, members)
	for i := range users {
		un := fmt.Sprintf("scale%07d@example.com", i)
		body := fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":%q,"name":{"givenName":"Given%d","familyName":"Family"},"emails":[{"primary":true,"value":%q,"type":"work"}],"displayName":"Given%d Family","locale":"en-US","externalId":"00u%07d","active":true}`, un, i, un, i, i)
		rec := scaleServe(b, srv, "POST", "/scim/v2/Users", body, http.StatusCreated)
		if i < members {
			var u struct{ ID string }
			if err := json.Unmarshal(rec.Body.Bytes(), &u); err != nil || u.ID == "" {
				b.Fatalf("POST /Users: no id in %.200s", rec.Body.String())
			}
			ids = append(ids, u.ID)
		}
	}
	if members > 0 {
		rec := scaleServe(b, srv, "POST", "/scim/v2/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Big Group","members":[]}`, http.StatusCreated)
		var g struct{ ID string }
		if err := json.Unmarshal(rec.Body.Bytes(), &g); err != nil || g.ID == "" {
			b.Fatalf("POST /Groups: no id in %.200s", rec.Body.String())
		}
		for lo := 0; lo < len(ids); lo += 1000 {
			var refs []string
			for _, id := range ids[lo:min(lo+1000, len(ids))] {
				refs = append(refs, `{"value":"`+id+`"}`)
			}
			body := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[` + strings.Join(refs, ",") + `]}]}`
			scaleServe(b, srv, "PATCH", "/scim/v2/Groups/"+g.ID, body, http.StatusNoContent, http.StatusOK)
		}
	}
	b.Logf("%d users, a group of %d, built in %v", users, members, time.Since(start).Round(time.Millisecond))
	return httptest.NewServer(srv)
}

func scaleServe(b *testing.B, srv http.Handler, method, path, body string, want ...int) *httptest.ResponseRecorder {
	b.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("Authorization", "Bearer "+scaleToken)
	r.Header.Set("Content-Type", "application/scim+json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, r)
	for _, w := range want {
		if rec.Code == w {
			return rec
		}
	}
	b.Fatalf("%s %s: status %d, want %v: %.300s", method, path, rec.Code, want, rec.Body.String())
	return nil
}

func dirBytes(b *testing.B, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n") + "\n"
}

// failedScenarios names the failed scenarios in the run's summary.json.
func failedScenarios(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		return ""
	}
	var sum struct {
		Behaviours map[string]struct {
			Scenarios []struct{ Name, Location, Status string }
		}
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		return "summary.json: " + err.Error()
	}
	var out []string
	for id, bh := range sum.Behaviours {
		for _, sc := range bh.Scenarios {
			if sc.Status == "failed" {
				out = append(out, id+" "+sc.Name+" ("+sc.Location+")")
			}
		}
	}
	return "failed: " + strings.Join(out, "; ")
}
