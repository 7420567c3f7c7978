package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestTableGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "bench.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parse(bytes.NewReader(in))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var out bytes.Buffer
	write(&out, rows)
	golden := filepath.Join("testdata", "bench.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	if out.String() != string(want) {
		t.Errorf("table differs from %s:\n got:\n%s\nwant:\n%s", golden, out.String(), want)
	}
}

func TestParse(t *testing.T) {
	tests := map[string]struct {
		in      string
		rows    int
		wantErr string
	}{
		"empty":          {in: "", rows: 0},
		"noise only":     {in: "goos: linux\nPASS\n", rows: 0},
		"failed package": {in: "--- FAIL: BenchmarkX\nFAIL\tpkg\t0.1s\n", wantErr: "benchmarks failed"},
		"sizes grouped":  {in: "BenchmarkA/n=1-2 10 5 ns/op\nBenchmarkA/n=2-2 10 6 ns/op\nBenchmarkB-2 10 1 ns/op\n", rows: 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rows, err := parse(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tc.rows {
				t.Fatalf("rows = %d, want %d", len(rows), tc.rows)
			}
		})
	}
}
