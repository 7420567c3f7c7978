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
