package main

import (
	"cmp"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// With --concurrency 4 scenarios end in any order; the console prints their
// lines by feature path and line, each scenario once, so two runs diff clean.
func TestLinesInStableOrder(t *testing.T) {
	t.Parallel() // a whole suite run or more: the package's long pole in make test
	if testing.Short() {
		t.Skip("whole suite runs, twice: not under -short")
	}
	const tags = "@ZN-01,@ZN-05,@ZN-17,@OK-04,@OK-02"
	code, out, errOut := invoke("list", "--json", "--tags", tags)
	if code != exitOK {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	var listed []listedScenario
	if err := json.Unmarshal([]byte(out), &listed); err != nil {
		t.Fatal(err)
	}
	type loc struct {
		uri  string
		line int
	}
	parse := func(s string) loc {
		i := strings.LastIndexByte(s, ':')
		n, err := strconv.Atoi(s[i+1:])
		if i < 0 || err != nil {
			t.Fatalf("location %q: want path:line", s)
		}
		return loc{s[:i], n}
	}
	var want []loc
	for _, s := range listed {
		want = append(want, parse(s.Location))
	}
	slices.SortFunc(want, func(a, b loc) int { return cmp.Or(cmp.Compare(a.uri, b.uri), cmp.Compare(a.line, b.line)) })
	if len(want) < 10 || want[0].uri == want[len(want)-1].uri {
		t.Fatalf("%d scenarios selected by %s: want a few features' worth", len(want), tags)
	}

	code, out, errOut = invoke("run", "--reports", t.TempDir(), "--format", "lines", "--concurrency", "4", "--tags", tags)
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errOut)
	}
	var got []loc
	for _, m := range scenarioLine.FindAllStringSubmatch(out, -1) {
		got = append(got, parse(m[1]))
	}
	if !slices.Equal(got, want) {
		t.Errorf("scenario lines in the order\n%v\nwant\n%v\noutput:\n%s", got, want, out)
	}
}

// scenarioLine is one scenario's line of the lines format: status, name, location.
var scenarioLine = regexp.MustCompile(`(?m)^  (?:ok  |skip|FAIL)  .*  \((\S+:\d+)\)$`)
