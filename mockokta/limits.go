package mockokta

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Limits bound what the harness takes from a target and how long it waits
// for one: the one set of bounds of run, load and explore (docs/reliability.md).
// A zero field means its default, given below. When a target meets a bound,
// the request or the operation fails with an error that names the bound (a
// task, a failed step), never a crash and never a silent cut.
type Limits struct {
	// HeaderBytes bounds the header block of one answer: 64 KiB. The
	// http.Transport that sends the requests enforces it
	// (Transport.MaxResponseHeaderBytes); ApplyTo sets it.
	HeaderBytes int
	// BodyBytes bounds one response body as read, and again once
	// decompressed (a gzip bomb): 8 MiB.
	BodyBytes int
	// DetailBytes bounds the target's error text that a task message
	// quotes: 4 KiB.
	DetailBytes int
	// PageResources bounds the resources of one list page, whatever count
	// was asked: 1,000.
	PageResources int
	// ImportPages bounds the pages of one import: 2,000, that is 200,000
	// resources at Okta's 100 a page, so that a staging app of 100,000
	// users imports whole (a step that passed keeps only a digest of its
	// pages for the reports, docs/performance.md), while a target that
	// pages forever still ends.
	ImportPages int
	// ReportBytes bounds the response bodies a run keeps for its reports,
	// in all: 16 MiB (the reports are built in memory, several times the
	// size of what they hold). A suite against the reference server keeps
	// under 2 MiB; past the bound a body is replaced by a note naming it.
	ReportBytes int
	// RetryPause is the longest real pause after one 429. load waits out
	// Okta's waits up to it and says how many it cut; run plays Okta's
	// schedule on its virtual clock and pauses for real min(Okta's wait,
	// RetryPause) against the target: 5 s.
	RetryPause time.Duration
}

// Defaults of Limits.
const (
	DefaultHeaderBytes   = 64 << 10
	DefaultBodyBytes     = 8 << 20
	DefaultDetailBytes   = 4 << 10
	DefaultPageResources = 1000
	DefaultImportPages   = 2000
	DefaultReportBytes   = 16 << 20
	DefaultRetryPause    = 5 * time.Second
)

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	set := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&l.HeaderBytes, DefaultHeaderBytes)
	set(&l.BodyBytes, DefaultBodyBytes)
	set(&l.DetailBytes, DefaultDetailBytes)
	set(&l.PageResources, DefaultPageResources)
	set(&l.ImportPages, DefaultImportPages)
	set(&l.ReportBytes, DefaultReportBytes)
	if l.RetryPause <= 0 {
		l.RetryPause = DefaultRetryPause
	}
	return l
}

// LimitError is a bound of Limits that a target met.
type LimitError struct {
	// Bound names the bound, as the docs do: "HeaderBytes".
	Bound string
	// What says what went past it: "the response body is larger than 8 MiB".
	What string
}

func (e *LimitError) Error() string { return e.What + " (bound " + e.Bound + ", docs/reliability.md)" }

// ApplyTo sets t's header bound to l's: t then refuses an answer whose
// header block is larger, with an error that names the bound's size.
func (l Limits) ApplyTo(t *http.Transport) {
	t.MaxResponseHeaderBytes = int64(l.WithDefaults().HeaderBytes)
}

// HeaderBound names the bound HeaderBytes in err when it is net/http's
// refusal of a header block larger than Transport.MaxResponseHeaderBytes;
// it returns any other err as it is.
func HeaderBound(err error) error {
	if err != nil && strings.Contains(err.Error(), "server response headers exceeded") {
		return fmt.Errorf("%w (bound HeaderBytes, docs/reliability.md)", err)
	}
	return err
}
