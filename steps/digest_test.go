package steps

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

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
	if got := keepPending(x, maxPendingWhole-1); got.ResponseBody != x.ResponseBody || got.RequestHeaders == nil {
		t.Errorf("the %d-th exchange of a step was not kept whole", maxPendingWhole-1)
	}
	got := keepPending(x, maxPendingWhole)
	if got.RequestHeaders != nil || len(got.ResponseBody) > 200 || !strings.Contains(got.ResponseBody, "30000 more bytes") || got.URL != x.URL {
		t.Errorf("the %d-th exchange of a step: %+v, want its digest", maxPendingWhole, got)
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
		return &exchange{rec: reports.Exchange{Method: "GET", URL: "https://x/scim/v2/Users?t=" + secret, Status: 200,
			RequestHeaders: http.Header{"Authorization": {"Bearer " + secret}}, ResponseBody: `{"token":"` + secret + `","i":` + strings.Repeat("1", i+1) + `}`,
			Error: "read " + secret}}
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
	if p := st.pending[maxPendingWhole+1]; !strings.Contains(p.ResponseBody, "more bytes not kept") || p.RequestHeaders != nil {
		t.Errorf("past the first %d: %+v, want a digest", maxPendingWhole, p)
	}
	msg := st.failure([]*exchange{last}, "the page").Error()
	if strings.Contains(msg, secret) || !strings.Contains(msg, `"i":`+strings.Repeat("1", maxPendingWhole+2)) {
		t.Errorf("failure message %q: want the body whole, without the secret", msg)
	}
}
