package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reports"
)

func TestDigest(t *testing.T) {
	long := strings.Repeat("é", digestBody) // 2 bytes a rune: a cut inside one must back off
	x := reports.Exchange{Method: "GET", URL: "https://x/scim/v2/Users?startIndex=1", Status: 200,
		RequestHeaders: http.Header{"Accept": {"application/scim+json"}}, ResponseHeaders: http.Header{"Etag": {"W/1"}},
		RequestBody: "short", ResponseBody: "x" + long}
	tests := []struct {
		name      string
		i         int
		headers   bool
		reqBody   string
		respStart string
		respNote  string
	}{
		{"among the first", 0, true, "short", "xéé", "more bytes not kept"},
		{"the last kept whole", digestKept - 1, true, "short", "xéé", "more bytes not kept"},
		{"past the first", digestKept, false, "[… 5 more bytes not kept", "[… 4097 more bytes not kept", "--reports-detail full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := digest(x, tt.i)
			if d.Method != x.Method || d.URL != x.URL || d.Status != x.Status {
				t.Errorf("request line or status changed: %+v", d)
			}
			if (d.RequestHeaders != nil) != tt.headers || (d.ResponseHeaders != nil) != tt.headers {
				t.Errorf("headers kept %v, want %v", d.RequestHeaders != nil, tt.headers)
			}
			if !strings.HasPrefix(d.RequestBody, tt.reqBody) {
				t.Errorf("request body %q, want it to start %q", d.RequestBody, tt.reqBody)
			}
			if !strings.HasPrefix(d.ResponseBody, tt.respStart) || !strings.Contains(d.ResponseBody, tt.respNote) {
				t.Errorf("response body %.80q…, want it to start %q and say %q", d.ResponseBody, tt.respStart, tt.respNote)
			}
			if !utf8.ValidString(d.ResponseBody) {
				t.Error("the cut split a UTF-8 sequence")
			}
			if len(d.ResponseBody) > digestBody+200 {
				t.Errorf("kept %d bytes of the response body", len(d.ResponseBody))
			}
		})
	}
	if got := digest(reports.Exchange{ResponseBody: "{}"}, digestKept+5).ResponseBody; got != "[… 2 more bytes not kept: the step passed; --reports-detail full keeps them]" {
		t.Errorf("a short body past the first: %q", got)
	}
}

func TestKeepPending(t *testing.T) {
	x := reports.Exchange{Method: "GET", URL: "https://x/Users", RequestHeaders: http.Header{"A": {"b"}}, ResponseBody: strings.Repeat("u", 30000)}
	if got := keepPending(x, maxPendingWhole-1, 0, 30000); got.ResponseBody != x.ResponseBody || got.RequestHeaders == nil {
		t.Errorf("the %d-th exchange of a step was not kept whole", maxPendingWhole-1)
	}
	// A page of Okta's import kept brief: its body is a note already, and
	// the size said is the page's own.
	x.ResponseBody = "[61000 bytes, not kept: a page Okta's import read without fault]"
	got := keepPending(x, maxPendingWhole, 0, 61000)
	want := "[61000 bytes, not kept: an exchange past the step's first 200 keeps no body]"
	if got.RequestHeaders != nil || got.ResponseBody != want || got.RequestBody != "" || got.URL != x.URL {
		t.Errorf("the %d-th exchange of a step: %+v, want it without headers, its body %q", maxPendingWhole, got, want)
	}
}

// TestFailedStepPastWhole: a failed step's exchanges past its first
// maxPendingWhole say what was left out, with the bodies' real sizes, and
// not that the step passed, under either detail.
func TestFailedStepPastWhole(t *testing.T) {
	for _, detail := range []Detail{DetailFailed, DetailFull} {
		var pending []pendingExchange
		for i, x := range importPages(maxPendingWhole+3, nil) {
			pending = append(pending, pendingExchange{Exchange: keepPending(x.Exchange, i, 0, x.respSize), respSize: x.respSize, foldable: x.foldable})
		}
		xs := attached(t, detail, pending, true)
		if len(xs) != maxPendingWhole+3 {
			t.Fatalf("%s: %d exchanges attached, want %d", detail, len(xs), maxPendingWhole+3)
		}
		for i, x := range xs {
			if strings.Contains(x.ResponseBody, "the step passed") {
				t.Errorf("%s: exchange %d of a failed step says %q", detail, i, x.ResponseBody)
			}
		}
		if got, want := xs[maxPendingWhole+1].ResponseBody, fmt.Sprintf("[%d bytes, not kept: an exchange past the step's first 200 keeps no body]", 20000+maxPendingWhole+1); got != want {
			t.Errorf("%s: exchange %d: %q, want %q", detail, maxPendingWhole+1, got, want)
		}
	}
}

// TestRecordPastWhole: past the first maxPendingWhole exchanges of a step,
// the step keeps a digest with the secrets hidden (URL, headers, error) and
// no body; the exchange itself keeps its bodies for a failure message that
// cites it, which hides the secrets in them.
func TestRecordPastWhole(t *testing.T) {
	const secret = "s3cret-token-value"
	s, err := New(Config{BaseURL: "https://x/scim/v2", Token: secret})
	if err != nil {
		t.Fatal(err)
	}
	st := &scenario{suite: s}
	page := func(i int) *exchange {
		body := `{"token":"` + secret + `","i":` + strings.Repeat("1", i+1) + `}`
		return &exchange{rec: reports.Exchange{Method: "GET", URL: "https://x/scim/v2/Users?t=" + secret, Status: 200,
			RequestHeaders: http.Header{"Authorization": {"Bearer " + secret}}, ResponseBody: body,
			Error: "read " + secret}, respBody: []byte(body)}
	}
	var last *exchange
	for i := range maxPendingWhole + 2 {
		last = page(i)
		st.record(last)
	}
	for _, i := range []int{0, maxPendingWhole - 1, maxPendingWhole, maxPendingWhole + 1} {
		p := st.pending[i]
		if all := p.URL + p.Error + p.ResponseBody + strings.Join(p.RequestHeaders["Authorization"], ""); strings.Contains(all, secret) {
			t.Errorf("pending[%d] shows the secret: %+v", i, p)
		}
		if whole := i < maxPendingWhole; whole != strings.HasPrefix(p.ResponseBody, `{"token":`) {
			t.Errorf("pending[%d]: body %.60q, whole %v", i, p.ResponseBody, whole)
		}
	}
	if p := st.pending[maxPendingWhole+1]; !strings.Contains(p.ResponseBody, "bytes, not kept: an exchange past the step's first 200") || p.RequestHeaders != nil {
		t.Errorf("past the first %d: %+v, want a digest", maxPendingWhole, p)
	}
	msg := st.failure([]*exchange{last}, "the page").Error()
	if strings.Contains(msg, secret) || !strings.Contains(msg, `"i":`+strings.Repeat("1", maxPendingWhole+2)) {
		t.Errorf("failure message %q: want the body whole, without the secret", msg)
	}
}

// importPages are the exchanges of a step that ran an Okta import of n
// pages of 100 users, as observeOkta keeps them under DetailFailed: the
// first digestKept whole, then pages read without fault (brief, foldable),
// the last page whole; edit, if not nil, changes page i (from 0).
func importPages(n int, edit func(i int, x *pendingExchange)) []pendingExchange {
	var xs []pendingExchange
	for i := range n {
		x := pendingExchange{Exchange: reports.Exchange{
			Action: "Okta import-users Zinc (list-users, attempt 1)", Kind: "scim", Method: "GET",
			URL:    fmt.Sprintf("https://app.example.com/scim/v2/Users?startIndex=%d&count=100", i*100+1),
			Status: 200, Duration: time.Millisecond,
			RequestHeaders: http.Header{"Accept": {"application/scim+json"}}, ResponseHeaders: http.Header{"Etag": {"W/1"}},
			ResponseBody: fmt.Sprintf(`{"totalResults":%d,"Resources":[]}`, n*100)},
			respSize: 20000 + i, foldable: i >= digestKept && i < n-1}
		if x.foldable {
			x.ResponseBody = fmt.Sprintf("[%d bytes, not kept: a page Okta's import read without fault]", x.respSize)
		}
		if edit != nil {
			edit(i, &x)
		}
		xs = append(xs, x)
	}
	return xs
}

// attached runs attachPending on pending, for a step that failed or passed,
// and returns the exchanges it attached.
func attached(t *testing.T, detail Detail, pending []pendingExchange, failed bool) []reports.Exchange {
	t.Helper()
	s, err := New(Config{BaseURL: "https://app.example.com/scim/v2", Token: "s3cret-token-value", ReportsDetail: detail})
	if err != nil {
		t.Fatal(err)
	}
	st := &scenario{suite: s, pending: pending}
	ctx := st.attachPending(context.Background(), failed)
	var xs []reports.Exchange
	for _, a := range godog.Attachments(ctx) {
		if a.MediaType != reports.MediaTypeExchange {
			continue
		}
		var x reports.Exchange
		if err := json.Unmarshal(a.Body, &x); err != nil {
			t.Fatal(err)
		}
		if a.FileName != x.Method+" "+x.URL {
			t.Errorf("attachment %q for %s %s", a.FileName, x.Method, x.URL)
		}
		xs = append(xs, x)
	}
	return xs
}

// entry is an attached exchange in short: "fold 980" for one that stands
// for 980 requests, "page 21" for a page's own entry, "page 21 error" for
// one with an error.
func entry(x reports.Exchange) string {
	if x.Folded > 0 {
		n, _, _ := strings.Cut(strings.TrimPrefix(x.ResponseBody, "["), " ")
		if n != strconv.Itoa(x.Folded) {
			return fmt.Sprintf("fold %d saying %s", x.Folded, n)
		}
		return "fold " + n
	}
	_, q, _ := strings.Cut(x.URL, "startIndex=")
	q, _, _ = strings.Cut(q, "&")
	start, _ := strconv.Atoi(q)
	s := fmt.Sprintf("page %d", start/100+1)
	if x.Status != 200 {
		s += fmt.Sprintf(" status %d", x.Status)
	}
	if x.Error != "" {
		s += " error"
	}
	return s
}

// TestDigestFolds: past the first digestKept exchanges of a step that
// passed, a run of pages alike becomes one entry; an error, another status
// or a page that is not brief ends a run and keeps an entry of its own; a
// step that failed, or DetailFull, keeps every exchange.
func TestDigestFolds(t *testing.T) {
	firstPages := func() []string {
		var s []string
		for i := range digestKept {
			s = append(s, fmt.Sprintf("page %d", i+1))
		}
		return s
	}
	with := func(tail ...string) []string { return append(firstPages(), tail...) }
	tests := []struct {
		name    string
		pages   int
		edit    func(i int, x *pendingExchange)
		detail  Detail
		failed  bool
		want    []string // nil: every page its own entry
		wantAll int
	}{
		{name: "1,000 pages alike", pages: 1001, want: with("fold 980", "page 1001")},
		{name: "an error in the middle", pages: 1001,
			edit: func(i int, x *pendingExchange) {
				if i == 500 {
					x.Error = "reading the body: unexpected EOF"
				}
			},
			want: with("fold 480", "page 501 error", "fold 499", "page 1001")},
		{name: "a 429 in the middle, the retry folds with the pages after it", pages: 1001,
			edit: func(i int, x *pendingExchange) {
				switch {
				case i == 300:
					x.Status = http.StatusTooManyRequests
				case i > 300:
					x.Action = strings.Replace(x.Action, "attempt 1", "attempt 2", 1)
				}
			},
			want: with("fold 280", "page 301 status 429", "fold 699", "page 1001")},
		{name: "another path ends a run", pages: 100,
			edit: func(i int, x *pendingExchange) {
				if i >= 60 {
					x.URL = strings.Replace(x.URL, "/Users", "/Groups", 1)
				}
			},
			want: with("fold 40", "fold 39", "page 100")},
		{name: "one alike page alone stays its own", pages: 40,
			edit: func(i int, x *pendingExchange) {
				if i == 21 {
					x.Status = 204
				}
			},
			want: with("page 21", "page 22 status 204", "fold 17", "page 40")},
		{name: "pages Okta kept whole do not fold", pages: 60,
			edit: func(i int, x *pendingExchange) { x.foldable = false }, wantAll: 60},
		{name: "the pages of a step that failed", pages: 1001, failed: true, wantAll: 1001},
		{name: "DetailFull", pages: 1001, detail: DetailFull, wantAll: 1001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			detail := tt.detail
			if detail == "" {
				detail = DetailFailed
			}
			xs := attached(t, detail, importPages(tt.pages, tt.edit), tt.failed)
			var got []string
			for _, x := range xs {
				got = append(got, entry(x))
			}
			if tt.wantAll > 0 {
				if len(xs) != tt.wantAll || strings.Contains(strings.Join(got, ","), "fold") {
					t.Fatalf("%d entries, want each of the %d pages its own: %v", len(xs), tt.wantAll, got)
				}
				if full := detail == DetailFull || tt.failed; full && xs[len(xs)-2].ResponseHeaders == nil {
					t.Errorf("a page of a step that failed, or under DetailFull, lost its headers: %+v", xs[len(xs)-2])
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("entries\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

// TestFoldSays: the entry of a run says what it stands for: how many, the
// query parameters that changed, the status, the bodies' sizes and the
// time in all (the durations summed), and keeps no header and no body.
func TestFoldSays(t *testing.T) {
	xs := attached(t, DetailFailed, importPages(1001, nil), false)
	f := xs[digestKept]
	want := reports.Exchange{Action: "Okta import-users Zinc (list-users, attempt 1)", Kind: "scim", Method: "GET",
		URL:    "https://app.example.com/scim/v2/Users?startIndex=2001&count=100 … startIndex=99901&count=100",
		Status: 200, Duration: 980 * time.Millisecond, Folded: 980,
		ResponseBody: "[980 requests like this one, startIndex 2001 to 99901, status 200 each, response bodies of 20020–20999 bytes, 980ms in all: not kept, the step passed; --reports-detail full lists each]"}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("the fold\n%+v\nwant\n%+v", f, want)
	}
	if last := xs[len(xs)-1]; last.URL != "https://app.example.com/scim/v2/Users?startIndex=100001&count=100" {
		t.Errorf("the last entry is %s, want the last page", last.URL)
	}
}

// TestFoldRedacts: the entry of a run hides the secrets its exchanges
// held, in their URLs and actions.
func TestFoldRedacts(t *testing.T) {
	const secret = "s3cret-token-value"
	xs := attached(t, DetailFailed, importPages(100, func(i int, x *pendingExchange) {
		x.URL += "&t=" + strconv.Itoa(i) + secret
		x.Action = "Okta import-users " + secret + " (list-users, attempt 1)"
	}), false)
	b, err := json.Marshal(xs)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), secret) {
		t.Errorf("the digest shows the secret: %s", b)
	}
	if f := xs[digestKept]; !strings.Contains(f.ResponseBody, "79 requests like this one") {
		t.Errorf("no fold: %+v", f)
	}
}

// TestDigestSaysSizes: an exchange past the first digestKept that keeps an
// entry of its own says its bodies' sizes as sent and read, not the size
// of the note the step kept of it (a page Okta's import read without fault
// is "[20021 bytes, not kept: …]" until then).
func TestDigestSaysSizes(t *testing.T) {
	xs := attached(t, DetailFailed, importPages(40, func(i int, x *pendingExchange) {
		switch i {
		case 21:
			x.Status = http.StatusTooManyRequests
		case 22:
			x.Method, x.reqSize = "POST", 512
		}
	}), false)
	for _, tt := range []struct {
		i             int
		req, response string
	}{
		{20, "", "[… 20020 more bytes not kept"},
		{21, "", "[… 20021 more bytes not kept"},
		{22, "[… 512 more bytes not kept", "[… 20022 more bytes not kept"},
	} {
		if x := xs[tt.i]; x.Folded != 0 || !strings.HasPrefix(x.RequestBody, tt.req) || (tt.req == "") != (x.RequestBody == "") || !strings.HasPrefix(x.ResponseBody, tt.response) {
			t.Errorf("entry %d: request body %q, response body %q; want them to start %q, %q", tt.i, x.RequestBody, x.ResponseBody, tt.req, tt.response)
		}
	}
}

func TestWithoutAttempt(t *testing.T) {
	for in, want := range map[string]string{
		"Okta import-users Zinc (list-users, attempt 12)": "Okta import-users Zinc (list-users, attempt)",
		"Okta push (patch-group, attempt x)":              "Okta push (patch-group, attempt x)",
		"":                                                "",
		"read the users":                                  "read the users",
	} {
		if got := withoutAttempt(in); got != want {
			t.Errorf("withoutAttempt(%q) = %q, want %q", in, got, want)
		}
	}
}
