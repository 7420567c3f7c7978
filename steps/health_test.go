package steps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
)

func TestHealthStopsOnlyWhenTheTargetIsSilentToEverything(t *testing.T) {
	req := func(method, path string) *http.Request {
		return &http.Request{Method: method, URL: &url.URL{Scheme: "http", Host: "h", Path: path}}
	}
	ok := &http.Response{StatusCode: 500}
	timeout := fmt.Errorf("Get x: %w", os.ErrDeadlineExceeded)
	reset := fmt.Errorf("read: %w", syscall.ECONNRESET)
	harness, cancel := context.WithCancelCause(context.Background())
	cancel(errHarnessDeadline)
	type call struct {
		r    *http.Request
		resp *http.Response
		err  error
		seq  uint64 // 0: in the order of the calls
	}
	tests := map[string]struct {
		calls  []call
		probe  error // the probe's error; nil: it is answered
		want   string
		probes int
	}{
		"three timeouts after an answer, the probe unanswered": {
			calls: []call{
				{r: req("GET", "/scim/v2/Groups/9f1c"), resp: ok},
				{r: req("GET", "/scim/v2/Users/abc"), err: timeout},
				{r: req("POST", "/scim/v2/Users"), err: reset},
				{r: req("GET", "/admin/orgs/o1/groups/g2"), err: timeout},
			},
			probe:  timeout,
			probes: 1,
			want:   "the target stopped answering: GET /Users/{id} was the first request it left unanswered (timeout); 3 requests in a row got no answer, nor did GET /Groups/{id}, which it had answered before (timeout)",
		},
		"the probe answered: the failures stay their requests' own": {
			calls: []call{
				{r: req("GET", "/scim/v2/Users"), resp: ok},
				{r: req("GET", "/scim/v2/Entitlements"), err: reset},
				{r: req("GET", "/scim/v2/Entitlements"), err: reset},
				{r: req("GET", "/scim/v2/Entitlements"), err: reset},
			},
			probes: 1,
		},
		"the first sent is named, not the first to fail": {
			calls: []call{
				{r: req("GET", "/scim/v2/Users"), resp: ok, seq: 1},
				{r: req("DELETE", "/scim/v2/Users/u9"), err: timeout, seq: 5},
				{r: req("GET", "/scim/v2/Groups"), err: timeout, seq: 4},
				{r: req("PATCH", "/scim/v2/Groups/g1"), err: timeout, seq: 2},
			},
			probe:  timeout,
			probes: 1,
			want:   "the target stopped answering: PATCH /Groups/{id} was the first request it left unanswered (timeout); 3 requests in a row got no answer, nor did GET /Users, which it had answered before (timeout)",
		},
		"an answer between failures resets the count": {
			calls: []call{
				{r: req("GET", "/scim/v2/Users"), err: timeout},
				{r: req("GET", "/scim/v2/Users"), err: timeout},
				{r: req("GET", "/scim/v2/Users"), resp: ok},
				{r: req("GET", "/scim/v2/Users"), err: timeout},
			},
		},
		"cancelled requests are not the target's fault": {
			calls: []call{
				{r: req("GET", "/scim/v2/Users"), err: context.Canceled},
				{r: req("GET", "/scim/v2/Users"), err: context.Canceled},
				{r: req("GET", "/scim/v2/Users"), err: context.Canceled},
			},
		},
		"the harness's own deadline is not the target's silence": {
			calls: []call{
				{r: req("DELETE", "/scim/v2/Users/a").WithContext(harness), err: context.DeadlineExceeded},
				{r: req("DELETE", "/scim/v2/Users/b").WithContext(harness), err: context.DeadlineExceeded},
				{r: req("DELETE", "/scim/v2/Users/c").WithContext(harness), err: context.DeadlineExceeded},
			},
		},
		"other errors do not count": {
			calls: []call{
				{r: req("GET", "/scim/v2/Users"), err: errors.New("tls: bad certificate")},
				{r: req("GET", "/scim/v2/Users"), err: errors.New("tls: bad certificate")},
				{r: req("GET", "/scim/v2/Users"), err: errors.New("tls: bad certificate")},
			},
		},
		"from the first request, with nothing to probe": {
			calls: []call{
				{r: req("GET", "/scim/v2/Users"), err: io.ErrUnexpectedEOF},
				{r: req("GET", "/scim/v2/Users"), err: io.EOF},
				{r: req("DELETE", "/sandbox/scim/v2/Groups/x"), err: syscall.ECONNREFUSED},
			},
			probes: 1,
			want:   "the target stopped answering: GET /Users was the first request it left unanswered (connection closed without an answer); 3 requests in a row got no answer, and it had answered no GET the harness could send again to ask",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			h := &health{limit: 3, prefix: []string{"/scim/v2", "/sandbox/scim/v2", "/admin"}}
			var probed []string
			h.probe = func(r *http.Request) (*http.Response, error) {
				probed = append(probed, r.Method+" "+r.URL.Path)
				if tc.probe != nil {
					return nil, tc.probe
				}
				return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(""))}, nil
			}
			for i, c := range tc.calls {
				seq := c.seq
				if seq == 0 {
					seq = uint64(i + 1)
				}
				if c.r.Context() == nil {
					c.r = c.r.WithContext(context.Background())
				}
				h.observe(seq, c.r, c.resp, c.err)
			}
			if got := h.reason(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if h.probes != tc.probes {
				t.Errorf("%d probes, want %d (%v)", h.probes, tc.probes, probed)
			}
		})
	}
}

// Once stopped, watch sends nothing more: the request fails at once.
func TestWatchSendsNothingOnceStopped(t *testing.T) {
	sent := 0
	base := roundTripFunc(func(*http.Request) (*http.Response, error) { sent++; return nil, os.ErrDeadlineExceeded })
	h := &health{limit: 2}
	w := watch{base: base, h: h}
	for range 5 {
		r, _ := http.NewRequest(http.MethodGet, "http://h/Users", nil)
		if _, err := w.RoundTrip(r); err == nil {
			t.Fatal("no error")
		}
	}
	if sent != 2 {
		t.Errorf("%d requests reached the target, want 2", sent)
	}
}

// The scenario that sent the first unanswered request is the culprit; a
// request of its clean-up says so.
func TestHealthNamesTheSender(t *testing.T) {
	st := &scenario{name: "Push a group"}
	h := &health{limit: 1}
	r, _ := http.NewRequestWithContext(withSender(context.Background(), st, true), http.MethodDelete, "http://h/Users/1", nil)
	h.observe(1, r, nil, os.ErrDeadlineExceeded)
	c := h.culprit()
	if c == nil || c.st != st || !c.cleanup {
		t.Fatalf("culprit %+v, want the scenario's clean-up", c)
	}
	if want := `DELETE /Users/{id} (sent by the scenario "Push a group", in its clean-up) was the first`; !strings.Contains(h.reason(), want) {
		t.Errorf("reason %q does not say %q", h.reason(), want)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
