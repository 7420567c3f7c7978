package steps

import (
	"fmt"
	"unicode/utf8"

	"github.com/scimharness/scimharness/reports"
)

// Detail is how much of each exchange the reports keep (Config.ReportsDetail).
type Detail string

const (
	// DetailFailed keeps whole the exchanges of a step that failed (its
	// first 200; the exchanges a failure message cites, in the message),
	// and a bounded digest of the others: a run's reports grow with its
	// scenarios, not with the target's size (issue 25). Of an Okta import,
	// the first 20 pages are whole (digestKept), and the last and the one it
	// failed on; the others say their size (mockokta's
	// Config.WholeImportPages). It is the default.
	DetailFailed Detail = "failed"
	// DetailFull keeps every exchange whole (bodies up to 64 KiB each), up
	// to the first 200 of a step (maxPendingWhole), and so the first 200
	// pages of an Okta import.
	DetailFull Detail = "full"
)

// wholeImportPages is mockokta's Config.WholeImportPages for the detail.
func (d Detail) wholeImportPages() int {
	if d == DetailFull {
		return maxPendingWhole
	}
	return digestKept
}

// The digest of a step that passed: its first digestKept exchanges keep
// their headers and digestBody bytes of each body; the rest keep their
// request line, status, duration and error, and say how long their bodies
// were. An import that reads a thousand pages attaches a thousand lines,
// not a thousand pages.
const (
	digestKept = 20
	digestBody = 2 << 10
)

// digest is the exchange x, the i-th of a step that passed, as the reports
// keep it under DetailFailed. x is already redacted: cutting first could
// leave the start of a secret in the kept part.
func digest(x reports.Exchange, i int) reports.Exchange {
	if i < digestKept {
		x.RequestBody = cutBody(x.RequestBody, digestBody)
		x.ResponseBody = cutBody(x.ResponseBody, digestBody)
		return x
	}
	x.RequestHeaders, x.ResponseHeaders = nil, nil
	x.RequestBody = cutBody(x.RequestBody, 0)
	x.ResponseBody = cutBody(x.ResponseBody, 0)
	return x
}

// maxPendingWhole bounds the exchanges of one step kept whole until the step
// ends: past it (an import of a big target reads thousands of pages) each is
// kept as a digest at once, so that a step's memory does not grow with the
// target. A failure message still shows whole the exchanges it cites.
const maxPendingWhole = 200

// keepPending is the exchange x, the n-th of its step, as the step keeps it
// until it ends.
func keepPending(x reports.Exchange, n int) reports.Exchange {
	if n < maxPendingWhole {
		return x
	}
	return digest(x, max(n, digestKept))
}

// cutBody keeps the first n bytes of body (not splitting a UTF-8 sequence)
// and notes how many were left out.
func cutBody(body string, n int) string {
	if len(body) <= n {
		return body
	}
	keep := n
	for keep > 0 && keep < len(body) && !utf8.RuneStart(body[keep]) {
		keep--
	}
	return body[:keep] + fmt.Sprintf("[… %d more bytes not kept: the step passed; --reports-detail full keeps them]", len(body)-keep)
}
