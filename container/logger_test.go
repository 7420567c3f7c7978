package container_test

import (
	"context"
	"fmt"
	stdlog "log"
	"sync"
	"testing"

	tclog "github.com/testcontainers/testcontainers-go/log"

	"github.com/scimharness/scimharness/container"
)

type recordLogger struct {
	mu    sync.Mutex
	lines []string
}

func (r *recordLogger) Printf(format string, v ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, fmt.Sprintf(format, v...))
}

// testcontainers' process-wide logger (its "Connected to docker" banner)
// is silenced as soon as the package is used, and SetLogger brings it back.
func TestTestcontainersBannerIsQuiet(t *testing.T) {
	_ = container.Available(context.Background()) // with or without an engine
	if _, std := tclog.Default().(*stdlog.Logger); std {
		t.Fatalf("testcontainers' default logger is still the standard logger on stderr")
	}
	rec := &recordLogger{}
	container.SetLogger(rec)
	defer container.SetLogger(nil)
	tclog.Printf("banner %d", 1)
	if len(rec.lines) != 1 || rec.lines[0] != "banner 1" {
		t.Errorf("SetLogger's logger got %q, want the banner", rec.lines)
	}
	container.SetLogger(nil)
	tclog.Printf("dropped")
	if len(rec.lines) != 1 {
		t.Errorf("after SetLogger(nil) lines still arrive: %q", rec.lines)
	}
}
