package makefile_test

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/refimage"
)

// `make help` lists every documented target once, in aligned columns, with
// the Makefile's variables replaced by their values.
func TestMakeHelp(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skipf("no make: %v", err)
	}
	root := refimage.Root(t)
	src, err := os.ReadFile(root + "/Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, m := range regexp.MustCompile(`(?m)^([a-z-]+):.*## `).FindAllStringSubmatch(string(src), -1) {
		targets = append(targets, m[1])
	}
	tests := map[string]struct {
		env  []string
		want []string
	}{
		"defaults":        {nil, []string{"reports in scim-reports/", "tagged scimharness:latest", "for 5s each"}},
		"variables given": {[]string{"REPORTS=out/x", "IMAGE=acme/zinc:1", "FUZZTIME=3s"}, []string{"reports in out/x/", "tagged acme/zinc:1", "for 3s each"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command("make", append([]string{"-s", "--no-print-directory", "-C", root, "help"}, tc.env...)...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("make help: %v\n%s", err, out)
			}
			text := string(out)
			if strings.Contains(text, "$(") {
				t.Errorf("make help prints a variable unexpanded:\n%s", text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("make help lacks %q:\n%s", w, text)
				}
			}
			lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
			if len(lines) != len(targets) {
				t.Fatalf("make help prints %d rows for %d documented targets %v:\n%s", len(lines), len(targets), targets, text)
			}
			col := -1
			for i, l := range lines {
				name := strings.Fields(l)[0]
				if name != targets[i] || !strings.HasPrefix(l, "  "+name+" ") {
					t.Errorf("row %d %q: want the target %s", i, l, targets[i])
					continue
				}
				// The description starts after the name and its padding.
				at := len(l) - len(strings.TrimLeft(l[2+len(name):], " "))
				if col == -1 {
					col = at
				} else if at != col {
					t.Errorf("row %q: description at column %d, the first row's at %d", l, at, col)
				}
			}
		})
	}
}
