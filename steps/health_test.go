package steps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"testing"
)

func TestHealthStopsAfterConsecutiveFailures(t *testing.T) {
	req := func(method, path string) *http.Request {
		return &http.Request{Method: method, URL: &url.URL{Scheme: "http", Host: "h", Path: path}}
	}
	ok := &http.Response{StatusCode: 500}
	timeout := fmt.Errorf("Get x: %w", os.ErrDeadlineExceeded)
	reset := fmt.Errorf("read: %w", syscall.ECONNRESET)
	type call struct {
		r    *http.Request
		resp *http.Response
		err  error
	}
	tests := map[string]struct {
		calls []call
		want  string
	}{
		"three timeouts after an answer": {
			calls: []call{
				{req("PATCH", "/scim/v2/Groups/9f1c"), ok, nil},
				{req("GET", "/scim/v2/Users/abc"), nil, timeout},
				{req("POST", "/scim/v2/Users"), nil, reset},
				{req("GET", "/admin/orgs/o1/groups/g2"), nil, timeout},
			},
			want: "the target stopped answering after PATCH /Groups/{id}: 3 requests in a row from GET /Users/{id} on got no answer (timeout)",
		},
		"an answer between failures resets the count": {
			calls: []call{
				{req("GET", "/scim/v2/Users"), nil, timeout},
				{req("GET", "/scim/v2/Users"), nil, timeout},
				{req("GET", "/scim/v2/Users"), ok, nil},
				{req("GET", "/scim/v2/Users"), nil, timeout},
			},
		},
		"cancelled requests are not the target's fault": {
			calls: []call{
				{req("GET", "/scim/v2/Users"), nil, context.Canceled},
				{req("GET", "/scim/v2/Users"), nil, context.Canceled},
				{req("GET", "/scim/v2/Users"), nil, context.Canceled},
			},
		},
		"other errors do not count": {
			calls: []call{
				{req("GET", "/scim/v2/Users"), nil, errors.New("tls: bad certificate")},
				{req("GET", "/scim/v2/Users"), nil, errors.New("tls: bad certificate")},
				{req("GET", "/scim/v2/Users"), nil, errors.New("tls: bad certificate")},
			},
		},
		"from the first request": {
			calls: []call{
				{req("GET", "/scim/v2/Users"), nil, io.ErrUnexpectedEOF},
				{req("GET", "/scim/v2/Users"), nil, io.EOF},
				{req("DELETE", "/sandbox/scim/v2/Groups/x"), nil, syscall.ECONNREFUSED},
			},
			want: "the target stopped answering at its first request: 3 requests in a row from GET /Users on got no answer (connection closed without an answer)",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			h := &health{limit: 3, prefix: []string{"/scim/v2", "/sandbox/scim/v2", "/admin"}}
			for _, c := range tc.calls {
				h.observe(c.r, c.resp, c.err)
			}
			if got := h.reason(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
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

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
