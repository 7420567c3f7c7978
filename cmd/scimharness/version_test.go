package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/refimage"
)

func TestBuildStamp(t *testing.T) {
	const rev = "3b427a6c1f2e0d9a8b7c6d5e4f3a2b1c0d9e8f7a"
	settings := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	tests := map[string]struct {
		bi        *debug.BuildInfo
		version   string
		rev, line string
	}{
		"no build info": {nil, "devel", "", "devel"},
		"go run: (devel), no vcs": {&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"devel", "", "devel"},
		"go install module@v0.3.0: a version, no vcs": {&debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}},
			"v0.3.0", "", "v0.3.0"},
		"go build in a clean checkout": {&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202134900-3b427a6c1f2e"},
			Settings: settings("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-02T13:49:00Z", "vcs.modified", "false")},
			"v0.0.0-20261202134900-3b427a6c1f2e", rev,
			"v0.0.0-20261202134900-3b427a6c1f2e (revision " + rev + ", 2026-12-02T13:49:00Z)"},
		"go build with uncommitted changes": {&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202134900-3b427a6c1f2e+dirty"},
			Settings: settings("vcs.revision", rev, "vcs.time", "2026-12-02T13:49:00Z", "vcs.modified", "true")},
			"v0.0.0-20261202134900-3b427a6c1f2e+dirty", rev + "+dirty",
			"v0.0.0-20261202134900-3b427a6c1f2e+dirty (revision " + rev + ", 2026-12-02T13:49:00Z, modified)"},
		"-buildvcs with no version": {&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", rev)},
			"devel", rev, "devel (revision " + rev + ")"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := stampOf(tc.bi)
			if s.version != tc.version || s.rev() != tc.rev || s.String() != tc.line {
				t.Errorf("got version %q, rev %q, line %q; want %q, %q, %q", s.version, s.rev(), s.String(), tc.version, tc.rev, tc.line)
			}
		})
	}
}

// A binary built as `make build` builds it, in a git checkout, names the
// commit it was built from: a CI can tell which harness gave a verdict.
func TestBuiltBinaryNamesItsRevision(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	root := refimage.Root(t)
	if fi, err := os.Stat(filepath.Join(root, ".git")); err != nil || !fi.IsDir() {
		// Go looks for a .git directory: a git worktree's .git file gets no stamp.
		t.Skipf("%s/.git is not a directory (not a git checkout, or a git worktree): Go stamps no revision", root)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout, or no git: %v", err)
	}
	out, err := exec.Command(refimage.Binary(t), "version").CombinedOutput()
	if err != nil {
		t.Fatalf("scimharness version: %v\n%s", err, out)
	}
	line := strings.TrimSpace(string(out))
	if want := "(revision " + strings.TrimSpace(string(head)); !strings.Contains(line, want) {
		t.Errorf("version line %q lacks %q", line, want)
	}
	if strings.HasPrefix(line, "scimharness devel") {
		t.Errorf("version line %q: want the pseudo-version Go stamps from the commit", line)
	}
}
