package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"
)

// result is one benchmark line: its package, full name and metrics by unit.
type result struct {
	pkg     string
	name    string
	metrics map[string]float64
	units   []string // units in the order they appeared
}

// row groups the results that share a name up to their last "/" segment.
type row struct {
	pkg, base string
	sizes     []string
	results   []result
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// parse reads go test output; lines that are not benchmark results are ignored,
// except "pkg:" lines, which name the package of the results after them, and
// FAIL lines, which are reported as an error after everything is read.
func parse(r io.Reader) ([]row, error) {
	var (
		pkg    string
		rows   []row
		index  = map[string]int{}
		failed []string
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		if strings.HasPrefix(line, "FAIL") || strings.HasPrefix(line, "--- FAIL") {
			failed = append(failed, line)
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		res := result{pkg: pkg, name: strings.TrimPrefix(m[1], "Benchmark"), metrics: map[string]float64{}}
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				break
			}
			res.metrics[fields[i+1]] = v
			res.units = append(res.units, fields[i+1])
		}
		base, size := res.name, ""
		if i := strings.LastIndex(res.name, "/"); i >= 0 {
			base, size = res.name[:i], res.name[i+1:]
		}
		key := pkg + " " + base
		j, ok := index[key]
		if !ok {
			j = len(rows)
			index[key] = j
			rows = append(rows, row{pkg: pkg, base: base})
		}
		rows[j].sizes = append(rows[j].sizes, size)
		rows[j].results = append(rows[j].results, res)
	}
	if err := sc.Err(); err != nil {
		return rows, fmt.Errorf("read benchmark output: %w", err)
	}
	if len(failed) > 0 {
		return rows, fmt.Errorf("benchmarks failed: %s", strings.Join(failed, "; "))
	}
	return rows, nil
}

// write prints the rows as an aligned table: one line per benchmark and size,
// with the growth ratio on the last size of each row.
func write(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "benchmark\tsize\tns/op\tB/op\tallocs/op\tother\tlarge/small\t")
	lastPkg := ""
	for _, r := range rows {
		if r.pkg != lastPkg {
			fmt.Fprintf(tw, "%s\t\t\t\t\t\t\t\n", shortPkg(r.pkg))
			lastPkg = r.pkg
		}
		for i, res := range r.results {
			name := r.base
			if i > 0 {
				name = ""
			}
			ratio := ""
			if n := len(r.results); n > 1 && i == n-1 && isSize(r.sizes[0]) && isSize(r.sizes[n-1]) {
				if first := r.results[0].metrics["ns/op"]; first > 0 {
					ratio = fmt.Sprintf("%.2fx", res.metrics["ns/op"]/first)
				}
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name, r.sizes[i],
				num(res.metrics, "ns/op"), num(res.metrics, "B/op"), num(res.metrics, "allocs/op"),
				others(res), ratio)
		}
	}
	tw.Flush()
}

// isSize reports whether a sub-benchmark name is a size such as "users=1000",
// the only kind of variant whose ratio means growth.
func isSize(seg string) bool { return strings.Contains(seg, "=") }

func shortPkg(p string) string {
	if i := strings.Index(p, "/scimharness/"); i >= 0 {
		return p[i+len("/scimharness/"):]
	}
	return p
}

func num(m map[string]float64, unit string) string {
	v, ok := m[unit]
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// others renders the custom metrics (b.ReportMetric), such as bytes/user.
func others(res result) string {
	var parts []string
	for _, u := range res.units {
		switch u {
		case "ns/op", "B/op", "allocs/op", "MB/s":
			continue
		}
		parts = append(parts, strconv.FormatFloat(res.metrics[u], 'f', -1, 64)+" "+u)
	}
	return strings.Join(parts, ", ")
}
