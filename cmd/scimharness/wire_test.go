package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func cli(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := dispatch(context.Background(), args, &out, &errOut, func(string) string { return "" })
	return code, out.String() + errOut.String()
}

// TestWireRecordCompareReplay: a run records its exchanges without a
// secret; wire compare finds no difference in the recording of the
// harness's own run (the variants named); wire replay of it is green against
// the reference server and red against one with a fault the recorded
// scenarios meet.
func TestWireRecordCompareReplay(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "run.jsonl")
	code, out := cli(t, "run", "--app", "none", "--tags", "@variants,@OK-11", "--format", "none",
		"--reports", filepath.Join(dir, "reports"), "--record", rec)
	if code != exitOK {
		t.Fatalf("run --record: exit %d\n%s", code, out)
	}
	b, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"session":"features/okta/request_shapes.feature:`)) || !bytes.Contains(b, []byte(`Bearer [redacted]`)) {
		t.Fatalf("the recording has no session or no redacted credential: %.400s", b)
	}
	code, out = cli(t, "wire", "compare", rec, "--html", filepath.Join(dir, "compare.html"))
	if code != exitOK || !strings.Contains(out, " 0 different") || !strings.Contains(out, "variant full-push-value") {
		t.Fatalf("wire compare: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "compare.html")); err != nil {
		t.Errorf("--html: %v", err)
	}
	code, out = cli(t, "wire", "replay", rec)
	if code != exitOK || !strings.Contains(out, " 0 differ") {
		t.Fatalf("wire replay against the reference server: exit %d\n%s", code, out)
	}
	code, out = cli(t, "wire", "replay", rec, "--reference-fault", "member-remove-clears-all")
	if code != exitFailed || !strings.Contains(out, "the answer differs from the capture's") {
		t.Fatalf("wire replay against a faulty server: exit %d\n%s", code, out)
	}
}

// TestRecordKeepsEveryExchange: --record implies --reports-detail full, so
// that a passed step's exchanges past its 20th (OK-08 makes 120 users in one
// step) are recorded whole, each with its credential, none folded; given
// --reports-detail failed, the run says what the recording will lack.
func TestRecordKeepsEveryExchange(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "run.jsonl")
	args := []string{"run", "--app", "none", "--tags", "@OK-08", "--format", "none", "--reports", filepath.Join(dir, "reports"), "--record", rec}
	code, out := cli(t, args...)
	if code != exitOK {
		t.Fatalf("run --record: exit %d\n%s", code, out)
	}
	b, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	creates := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.Contains(line, `"folded"`) {
			t.Fatalf("a folded entry in the recording: %.300s", line)
		}
		if strings.Contains(line, `"method":"POST"`) && strings.Contains(line, `/Users"`) {
			if !strings.Contains(line, `"Authorization":["`) || !strings.Contains(line, `\"userName\"`) {
				t.Fatalf("a create recorded without its credential or body: %.300s", line)
			}
			creates++
		}
	}
	if creates < 120 {
		t.Errorf("%d creates recorded, want at least 120 (OK-08's step that makes 120 users)", creates)
	}
	code, out = cli(t, append(args, "--reports-detail", "failed")...)
	if code != exitOK || !strings.Contains(out, "--record with --reports-detail failed") {
		t.Errorf("run --record --reports-detail failed: exit %d, want a note of what the recording lacks\n%s", code, out)
	}
}

// TestWireBadCaptures: an unreadable capture is a usage error that says
// why; a capture with no Okta request is one too.
func TestWireBadCaptures(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range []struct{ name, in, want string }{
		{"truncated.har", `{"log":{"entries":[{"request":{"method":"GET","url":"https://a/scim/v2/Users"}},{"req`, "truncated"},
		{"page.html", "<html><body>hello</body></html>\n", "not a capture in a known format"},
		{"curl.jsonl", `{"method":"GET","url":"https://a/scim/v2/Users","requestHeaders":{"User-Agent":["curl/8.5"]}}` + "\n", "no request of the capture is Okta's"},
	} {
		code, out := cli(t, "wire", "compare", write(tt.name, tt.in))
		if code != exitUsage || !strings.Contains(out, tt.want) {
			t.Errorf("wire compare %s: exit %d, want %d and %q:\n%s", tt.name, code, exitUsage, tt.want, out)
		}
	}
	if code, out := cli(t, "wire", "compare"); code != exitUsage || !strings.Contains(out, "no capture file") {
		t.Errorf("wire compare without a file: exit %d\n%s", code, out)
	}
	if code, out := cli(t, "wire", "replay", "x.har", "--target", "http://127.0.0.1:1/scim/v2", "--reference-fault", "group-rename-ignored"); code != exitUsage || out == "" {
		t.Errorf("wire replay --target with --reference-fault: exit %d\n%s", code, out)
	}
}
