package framing

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serve starts srv (guarded or not) on loopback and returns its address.
func serve(t *testing.T, guard bool) string {
	t.Helper()
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusCreated)
	}), ReadHeaderTimeout: 5 * time.Second}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if guard {
		ln = Guard(srv, ln)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// exchange sends raw on a new connection and reads the answer; closed
// reports whether the server closed the connection after it.
func exchange(t *testing.T, addr, raw string) (status int, closed bool) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	// A second request on the same connection: answered if it stayed open.
	_, _ = io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	_, err = http.ReadResponse(br, nil)
	return resp.StatusCode, err != nil
}

const (
	both    = "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
	bothLow = "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\ntransfer-encoding: chunked\r\ncontent-length: 4\r\n\r\n0\r\n\r\n"
	single  = "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n{}\r\n"
	chunked = "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
)

// RFC 9112 section 6.1: a request framed by both headers is refused and its
// connection closed; one framed once is served and the connection kept.
func TestGuard(t *testing.T) {
	addr := serve(t, true)
	for name, tc := range map[string]struct {
		raw    string
		status int
		closed bool
	}{
		"both headers":               {both, http.StatusBadRequest, true},
		"both headers, in lowercase": {bothLow, http.StatusBadRequest, true},
		"Content-Length only":        {single, http.StatusCreated, false},
		"chunked only":               {chunked, http.StatusCreated, false},
	} {
		t.Run(name, func(t *testing.T) {
			status, closed := exchange(t, addr, tc.raw)
			if status != tc.status || closed != tc.closed {
				t.Errorf("status %d, connection closed %v; want %d, %v", status, closed, tc.status, tc.closed)
			}
		})
	}
}

// Without the guard net/http serves such a request and keeps the connection
// open: why Guard exists. The test fails if net/http changes that, and
// Guard may then go.
func TestNetHTTPServesBoth(t *testing.T) {
	status, closed := exchange(t, serve(t, false), both)
	if status != http.StatusCreated || closed {
		t.Errorf("net/http now answers %d, connection closed %v, to both headers: Guard may no longer be needed", status, closed)
	}
}

// A body line that looks like a header can only close a connection early.
func TestGuardBodyLines(t *testing.T) {
	raw := "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n" + strings.Repeat("x", 20)
	if status, _ := exchange(t, serve(t, true), raw); status != http.StatusCreated {
		t.Errorf("status %d, want 201", status)
	}
}
