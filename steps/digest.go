package steps

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scimharness/scimharness/internal/redact"
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
	// failed on; the others, read without fault, become one entry that says
	// how many they were (fold; mockokta's Config.WholeImportPages and
	// Exchange.Brief). It is the default.
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
// were; and a run of them alike (fold) is one entry that says what it
// stands for. An import that reads a thousand pages attaches a few entries,
// not a thousand pages nor a thousand lines.
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
// until it ends; reqSize and respSize are its bodies' bytes as sent and read.
func keepPending(x reports.Exchange, n, reqSize, respSize int) reports.Exchange {
	if n < maxPendingWhole {
		return x
	}
	return pastWhole(x, reqSize, respSize)
}

// pastWhole is x, an exchange of a step past its first maxPendingWhole, as
// the step keeps it: without headers, its bodies a note of their sizes as
// sent and read (reqSize, respSize). The note holds whether the step then
// passes or fails (a failed step's reports show it as kept); a step that
// passes says so in its digest (digestStep).
func pastWhole(x reports.Exchange, reqSize, respSize int) reports.Exchange {
	x.RequestHeaders, x.ResponseHeaders = nil, nil
	x.RequestBody, x.ResponseBody = pastNote(reqSize), pastNote(respSize)
	return x
}

// pastNote notes the n bytes of a body that pastWhole left out.
func pastNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("[%d bytes, not kept: an exchange past the step's first %d keeps no body]", n, maxPendingWhole)
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
	return body[:keep] + notKept(len(body)-keep)
}

// notKept notes n bytes of a body that a digest left out.
func notKept(n int) string {
	return fmt.Sprintf("[… %d more bytes not kept: the step passed; --reports-detail full keeps them]", n)
}

// pendingExchange is an exchange of the current step as the step keeps it
// until it ends (scenario.pending), with what a digest of it needs to say.
type pendingExchange struct {
	reports.Exchange
	// reqSize and respSize are the bytes of its bodies as sent and read,
	// before any cut.
	reqSize, respSize int
	// foldable: a digest may fold it into one entry with the exchanges
	// alike next to it. The scenario's own requests are; of Okta's, the
	// pages its import read without fault past Config.WholeImportPages
	// (mockokta's Exchange.Brief), not its other requests, which depend on
	// the scenario and not on the target's size, nor the first pages, the
	// last, or the one an import failed on.
	foldable bool
}

// minFold is the shortest run of alike exchanges that fold into one entry.
const minFold = 2

// digestStep is the exchanges of a step that passed, pending, as its
// reports keep them under DetailFailed, secrets redacted with red: its first
// digestKept exchanges as digest keeps them, and past them each run of
// foldable exchanges alike (foldKey: the same action but for its attempt,
// kind, method, URL path, a 2xx status, no error) as one entry (fold), any
// other exchange as its digest. An exchange with an error or another status
// ends a run and stays an entry of its own.
func digestStep(pending []pendingExchange, red *redact.Secrets) []reports.Exchange {
	out := make([]reports.Exchange, 0, min(len(pending), digestKept+8))
	for i := 0; i < len(pending); {
		x := pending[i]
		if i < digestKept {
			// Cut after redaction: a cut could leave part of a secret.
			out = append(out, digest(reports.RedactExchangeWith(x.Exchange, red), i))
			i++
			continue
		}
		j := i + 1
		if key, ok := foldKey(x); ok {
			for j < len(pending) {
				if k, ok := foldKey(pending[j]); !ok || k != key {
					break
				}
				j++
			}
		}
		if j-i < minFold {
			// Its bodies and headers go: only what is left needs redacting.
			d := digest(x.Exchange, i)
			// The bodies' sizes as sent and read: what the step kept may
			// be a note already (a page of Okta's import read without
			// fault, an exchange past maxPendingWhole).
			if x.reqSize > 0 {
				d.RequestBody = notKept(x.reqSize)
			}
			if x.respSize > 0 {
				d.ResponseBody = notKept(x.respSize)
			}
			out = append(out, reports.RedactExchangeWith(d, red))
			i++
			continue
		}
		out = append(out, fold(pending[i:j], red))
		i = j
	}
	return out
}

// exchangeKey is what the exchanges of a run that folds share.
type exchangeKey struct {
	action, kind, method, path string
	status                     int
}

// foldKey is x's key, and whether it may fold at all.
func foldKey(x pendingExchange) (exchangeKey, bool) {
	if !x.foldable || x.Error != "" || x.Status < 200 || x.Status > 299 {
		return exchangeKey{}, false
	}
	path, _, _ := strings.Cut(x.URL, "?")
	return exchangeKey{action: withoutAttempt(x.Action), kind: x.Kind, method: x.Method, path: path, status: x.Status}, true
}

// withoutAttempt is an Okta action's text without its attempt's number:
// "Okta import-users Zinc (list-users, attempt 2)" is "… attempt)".
func withoutAttempt(action string) string {
	i := strings.LastIndex(action, "attempt ")
	if i < 0 {
		return action
	}
	rest := action[i+len("attempt "):]
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 {
		return action
	}
	return action[:i+len("attempt")] + rest[n:]
}

// fold is one entry for run, exchanges alike (foldKey): the first's action,
// request line and status, its URL followed by what the last's query says
// ("…/Users?startIndex=2001&count=100 … startIndex=99901&count=100"), their
// durations summed, no headers, and a response body that says what the
// entry stands for. It is made of the first and last exchanges redacted,
// and redacted again whole.
func fold(run []pendingExchange, red *redact.Secrets) reports.Exchange {
	first := reports.RedactExchangeWith(digest(run[0].Exchange, digestKept), red)
	last := reports.RedactExchangeWith(digest(run[len(run)-1].Exchange, digestKept), red)
	var total time.Duration
	reqMin, reqMax, respMin, respMax := run[0].reqSize, run[0].reqSize, run[0].respSize, run[0].respSize
	for _, x := range run {
		total += x.Duration
		reqMin, reqMax = min(reqMin, x.reqSize), max(reqMax, x.reqSize)
		respMin, respMax = min(respMin, x.respSize), max(respMax, x.respSize)
	}
	firstPath, firstQuery, _ := strings.Cut(first.URL, "?")
	lastPath, lastQuery, hasQuery := strings.Cut(last.URL, "?")
	url := first.URL + " … " + last.URL
	if lastPath == firstPath && hasQuery {
		url = first.URL + " … " + lastQuery
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[%d requests like this one", len(run))
	if span := querySpan(firstQuery, lastQuery); span != "" {
		b.WriteString(", " + span)
	}
	fmt.Fprintf(&b, ", status %d each", first.Status)
	if reqMax > 0 {
		b.WriteString(", request bodies of " + sizeSpan(reqMin, reqMax))
	}
	if respMax > 0 {
		b.WriteString(", response bodies of " + sizeSpan(respMin, respMax))
	} else {
		b.WriteString(", no response body")
	}
	fmt.Fprintf(&b, ", %s in all: not kept, the step passed; --reports-detail full lists each]", total.Round(time.Millisecond))
	x := reports.Exchange{Action: first.Action, Kind: first.Kind, Method: first.Method, URL: url,
		Status: first.Status, ResponseBody: b.String(), Duration: total, Folded: len(run)}
	return reports.RedactExchangeWith(x, red)
}

// querySpan says which parameters of a query changed from first to last,
// as they are written (not decoded): "startIndex 2001 to 99901".
func querySpan(first, last string) string {
	lastVals := map[string]string{}
	for _, kv := range strings.Split(last, "&") {
		k, v, _ := strings.Cut(kv, "=")
		lastVals[k] = v
	}
	var spans []string
	for _, kv := range strings.Split(first, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if w, ok := lastVals[k]; ok && w != v && k != "" {
			spans = append(spans, k+" "+v+" to "+w)
		}
	}
	return strings.Join(spans, ", ")
}

// sizeSpan is "18321–21004 bytes", or "18321 bytes each".
func sizeSpan(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo) + " bytes each"
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi) + " bytes"
}
