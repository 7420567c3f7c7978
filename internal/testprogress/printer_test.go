package main

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// testdata/events.json is the real `go test -json ./...` of a small module:
// a package that passes with a skipped test and a skipped subtest, one that
// fails (a test, and a subtest), one without tests and one that does not
// build.
func TestPrinterGolden(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "events.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	start := time.Date(2026, 12, 2, 13, 54, 17, 0, time.UTC)
	p := newPrinter(&out, "example.com/fix", start)
	sc := bufio.NewScanner(f)
	for n := 0; sc.Scan(); n++ {
		p.line(sc.Bytes())
		if n == 3 { // two packages started, b in its first test
			p.tick(start.Add(30 * time.Second))
		}
	}
	p.line([]byte("go: not an event, printed as it is"))
	p.summary(start.Add(61 * time.Second))
	if p.ok() {
		t.Error("ok() after a failing package: want false")
	}
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./internal/testprogress -update writes it)", err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("output differs from %s (rerun with -update if intended):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}

func TestPrinter(t *testing.T) {
	tests := map[string]struct {
		lines  []string
		ok     bool
		has    []string
		hasNot []string
	}{
		"a passing package": {
			lines: []string{
				`{"Action":"start","Package":"m/a"}`,
				`{"Action":"run","Package":"m/a","Test":"TestX"}`,
				`{"Action":"output","Package":"m/a","Test":"TestX","Output":"    x_test.go:1: a log line\n"}`,
				`{"Action":"pass","Package":"m/a","Test":"TestX"}`,
				`{"Action":"output","Package":"m/a","Output":"ok  \tm/a\t0.1s\n"}`,
				`{"Action":"pass","Package":"m/a","Elapsed":0.1}`,
			},
			ok: true, has: []string{"ok  \tm/a\t0.1s\n", "1 passed, 0 failed, 0 skipped in 1 packages"},
			hasNot: []string{"a log line", "skipped ("},
		},
		"a panic outside any test is shown": {
			lines: []string{
				`{"Action":"output","Package":"m/a","Output":"panic: boom\n"}`,
				`{"Action":"output","Package":"m/a","Output":"FAIL\tm/a\t0.1s\n"}`,
				`{"Action":"fail","Package":"m/a","Elapsed":0.1}`,
			},
			has: []string{"panic: boom\n", "FAIL\tm/a\t0.1s\n", "failed packages: a"},
		},
		"a test the package died under (a timeout) is shown": {
			lines: []string{
				`{"Action":"run","Package":"m/a","Test":"TestSlow"}`,
				`{"Action":"output","Package":"m/a","Test":"TestSlow","Output":"=== RUN   TestSlow\n"}`,
				`{"Action":"output","Package":"m/a","Test":"TestSlow","Output":"panic: test timed out after 1s\n"}`,
				`{"Action":"output","Package":"m/a","Test":"TestSlow","Output":"\trunning tests:\n"}`,
				`{"Action":"output","Package":"m/a","Output":"FAIL\tm/a\t1.004s\n"}`,
				`{"Action":"fail","Package":"m/a","Elapsed":1.016}`,
			},
			has: []string{"--- TestSlow did not finish:\npanic: test timed out after 1s\n\trunning tests:\n", "failed packages: a", "0 passed, 1 failed"},
		},
		"a skip says why": {
			lines: []string{
				`{"Action":"run","Package":"m/a","Test":"TestBrowser"}`,
				`{"Action":"output","Package":"m/a","Test":"TestBrowser","Output":"=== RUN   TestBrowser\n"}`,
				`{"Action":"output","Package":"m/a","Test":"TestBrowser","Output":"    b_test.go:9: no Chromium on PATH\n"}`,
				`{"Action":"output","Package":"m/a","Test":"TestBrowser","Output":"--- SKIP: TestBrowser (0.00s)\n"}`,
				`{"Action":"skip","Package":"m/a","Test":"TestBrowser"}`,
				`{"Action":"pass","Package":"m/a"}`,
			},
			ok: true, has: []string{"skipped (1):\n  a TestBrowser: b_test.go:9: no Chromium on PATH\n", "0 passed, 0 failed, 1 skipped"},
		},
		"a truncated event is printed as text": {
			lines: []string{`{"Action":"pass","Pack`},
			ok:    true, has: []string{`{"Action":"pass","Pack` + "\n"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			p := newPrinter(&out, "m", time.Time{})
			for _, l := range tc.lines {
				p.line([]byte(l))
			}
			p.summary(time.Time{})
			if p.ok() != tc.ok {
				t.Errorf("ok() = %v, want %v", p.ok(), tc.ok)
			}
			for _, s := range tc.has {
				if !strings.Contains(out.String(), s) {
					t.Errorf("output lacks %q:\n%s", s, out.String())
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(out.String(), s) {
					t.Errorf("output holds %q:\n%s", s, out.String())
				}
			}
		})
	}
}
