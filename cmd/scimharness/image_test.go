package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/refimage"
	"github.com/scimharness/scimharness/reports"
)

// TestRunImage runs the whole suite through --image against the reference
// server's image (built as `make image` builds it, once per `make test`):
// green when clean, red with a fault mode switched on in the container.
// Without a Docker engine it skips, except under CI, whose machines have one.
// The harness is the built binary, as users run it (invokeBuilt).
func TestRunImage(t *testing.T) {
	t.Parallel() // a whole suite run or more: the package's long pole in make test
	refimage.RequireDocker(t)
	tag := refimage.Image(t)

	tests := map[string]struct {
		args     []string
		code     int
		contains []string
		lacks    []string // in the output
		log      bool     // the reports carry the container log
	}{
		"clean image passes the whole suite": {
			// Every feature: the Zinc pack declares fewer than the
			// reference server supports.
			args:     []string{"--supports", "all"},
			code:     exitOK,
			contains: []string{"the image " + tag, "0 failed, 0 skipped, 0 not run", fmt.Sprintf("%[1]d behaviours: %[1]d passed, 0 failed, 0 skipped, 0 not run, 0 not covered", len(zincParts(t).Behaviours()))},
			lacks:    []string{"Connected to docker", "Test SessionID"},
			log:      true,
		},
		"a preflight failure is a setup error with the container log in the reports": {
			// The container's Admin Console API token is not the one the harness gave it.
			args:     []string{"--image-env", "SCIMHARNESS_ADMIN_TOKEN=image-env-SECRET-77x", "--tags", "@ZN-01"},
			code:     exitUsage,
			contains: []string{"refused --admin-token"},
			log:      true,
		},
		"a fault in the container fails its scenarios": {
			args:     []string{"--image-env", "SCIMHARNESS_FAULTS=mutable-username", "--tags", "@ZN-17"},
			code:     exitFailed,
			contains: []string{"Failed:", "ZN-17"},
			log:      true,
		},
		"a server that never answers is a setup error with its log": {
			args:     []string{"--image-env", "SCIMHARNESS_TOKEN=", "--image-path", "/nowhere", "--image-port", "9999", "--image-timeout", "3s"},
			code:     exitUsage,
			contains: []string{"container log", "9999/tcp", "within 3s"},
			log:      true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"run", "--image", tag, "--reports", dir, "--format", "none"}, tc.args...)
			code, out, errOut := invokeBuilt(t, args...)
			all := out + errOut
			if code != tc.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tc.code, all)
			}
			for _, want := range tc.contains {
				if !strings.Contains(all, want) {
					t.Errorf("output lacks %q:\n%s", want, all)
				}
			}
			for _, bad := range tc.lacks {
				if strings.Contains(all, bad) {
					t.Errorf("output holds %q:\n%s", bad, all)
				}
			}
			texts := reportTexts(t, dir)
			if tc.log {
				// The reference server's own start-up line is only in its log.
				for _, f := range []string{reports.HTMLFile, reports.JUnitFile} {
					if !strings.Contains(texts[f], "container log of "+tag) || !strings.Contains(texts[f], "scimharness reference server") {
						t.Errorf("%s does not carry the container log", f)
					}
				}
				if !strings.Contains(texts[reports.MarkdownFile], "ontainer log of "+tag) {
					t.Errorf("summary.md does not mention the container log")
				}
			}
			s := readSummary(t, dir)
			if target, _ := s["target"].(string); target != "" && !strings.HasPrefix(target, "http://127.0.0.1:") {
				t.Errorf("summary.json target %q: want the image's URL", target)
			}
			if s["targetDescription"] != "the image "+tag {
				t.Errorf("summary.json targetDescription %v", s["targetDescription"])
			}
			for f, text := range texts {
				if strings.Contains(text, "image-env-SECRET-77x") {
					t.Errorf("%s holds a value given with --image-env", f)
				}
			}
			// However the run ended, the container it started is gone. It is
			// found by its ID (the reports name it), not by its image: other
			// tests may run containers of the same image meanwhile.
			m := containerID.FindStringSubmatch(texts[reports.JUnitFile])
			if m == nil {
				t.Fatalf("junit.xml does not name the container: want %q", containerID)
			}
			ps, err := exec.Command("docker", "ps", "-aq", "--no-trunc", "--filter", "id="+m[1]).Output()
			if err != nil || strings.TrimSpace(string(ps)) != "" {
				t.Errorf("container %s of %s left behind: %q (err %v)", m[1], tag, ps, err)
			}
		})
	}
}

// --image takes the image's own URLs: flags that would name others are a
// clear usage error, before any engine is asked.
func TestImageFlagConflicts(t *testing.T) {
	tests := map[string]struct {
		args []string
		want string
	}{
		"--admin-url":     {[]string{"--admin-url", "http://x/admin", "--admin-token", "t"}, "--admin-url does not go with --image"},
		"--sandbox-url":   {[]string{"--sandbox-url", "http://x/sandbox/scim/v2"}, "--sandbox-url does not go with --image"},
		"--sandbox-token": {[]string{"--sandbox-token", "s"}, "--sandbox-token does not go with --image"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := invoke(append([]string{"run", "--image", "scimharness-test:unused", "--reports", t.TempDir()}, tc.args...)...)
			if code != exitUsage || !strings.Contains(errOut, tc.want) || strings.Contains(errOut, `--target ""`) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, exitUsage, tc.want)
			}
		})
	}
	// A Sandbox token from the environment is not a mistake.
	o := runOptions{img: imageFlags{image: "x"}, sandboxToken: "from-env", concurrency: 1, given: map[string]bool{}}
	o.tf.auth, o.tf.profile = "bearer", "oin"
	if err := o.validate(); err != nil {
		t.Errorf("$SCIMHARNESS_SANDBOX_TOKEN with --image: %v", err)
	}
}

// containerID finds the container's ID where the reports name its log.
var containerID = regexp.MustCompile(`container log of \S+ \(container ([0-9a-f]{12})\)`)
