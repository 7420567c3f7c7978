package main

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/scimharness/scimharness/internal/redact"
)

// secretWriter hides a run's secrets (internal/redact.Secrets) from what is
// written through it: the last line of defence of every output stream and
// file a subcommand writes, behind the redaction where each exchange is
// captured. Each Write is redacted whole; the harness writes whole lines.
type secretWriter struct {
	mu sync.Mutex
	w  io.Writer
	r  *redact.Secrets
}

func (s *secretWriter) Write(p []byte) (int, error) {
	out := s.r.Bytes(p)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// guard returns e with its output streams hiding secrets, and warns on e's
// stdout of a secret shorter than redact.MinLen, which can be hidden only
// where it stands as a whole value (stdout: a setup error stays the one line
// of stderr).
func guard(e env, name string, secrets []redactable) env {
	var all []string
	for _, s := range secrets {
		if s.value == "" {
			continue
		}
		all = append(all, s.value)
		if redact.Short(s.value) && s.flag != "" {
			unit := "characters"
			if len(s.value) == 1 {
				unit = "character"
			}
			fmt.Fprintf(e.stdout, "scimharness %s: warning: %s is %d %s long: it is hidden from the output only where it stands alone, not inside other text; a real credential is longer\n", name, s.flag, len(s.value), unit)
		}
	}
	r := redact.NewSecrets(all...)
	if r == nil {
		return e
	}
	e.stdout = &secretWriter{w: e.stdout, r: r}
	e.stderr = &secretWriter{w: e.stderr, r: r}
	return e
}

// redactable is a secret and the flag that gave it ("" for a derived one,
// such as a Basic credential).
type redactable struct{ flag, value string }

// createSecret creates the file path whose writes hide r's secrets.
func createSecret(path string, r *redact.Secrets) (io.WriteCloser, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Writer
		io.Closer
	}{&secretWriter{w: f, r: r}, f}, nil
}

// secrets are the credentials of t, with the Basic credentials they make.
func (t *targetFlags) secrets() []redactable {
	out := []redactable{{"--token", t.token}, {"--password", t.password}}
	user := t.username
	for _, u := range []string{user, "okta", "scimharness"} {
		if u == "" {
			continue
		}
		for _, v := range []string{t.token, t.password} {
			if v != "" {
				out = append(out, redactable{"", u + ":" + v})
			}
		}
	}
	return out
}
