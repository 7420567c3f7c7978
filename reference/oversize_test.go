package reference

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/reference/internal/drain"
	"github.com/scimharness/scimharness/reference/internal/store"
)

// oversizeServer is a reference server with a 1 MiB body limit on a real
// listener: the answer to a large body depends on what the server reads of it
// before it closes the connection, which a recorder cannot show.
func oversizeServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv, err := New(Config{Token: prodToken, AdminToken: adminToken, MaxBodyBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

// writeThenRead sends head and body on a fresh connection, writing all of it
// before reading anything, as Python's urllib does, and reads the answer.
func writeThenRead(t *testing.T, addr, head string, body []byte) (*http.Response, []byte, error) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// A small send buffer: the body cannot hide in the kernel, it must be read.
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(32 << 10)
	}
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := conn.Write(append([]byte(head), body...)); err != nil {
		return nil, nil, fmt.Errorf("writing the request: %w", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the answer: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// chunk encodes b as one HTTP/1.1 chunk and the last chunk.
func chunk(b []byte) []byte {
	return append(fmt.Appendf(nil, "%x\r\n", len(b)), append(b, "\r\n0\r\n\r\n"...)...)
}

// TestOversizeBodyToAWriteFirstClient: a 2 MiB body against a 1 MiB limit is
// answered 413 with a SCIM error, also to a client that writes its whole body
// before it reads (the server reads and discards up to drain.Limit past the
// limit, instead of closing a connection the client is still writing to).
func TestOversizeBodyToAWriteFirstClient(t *testing.T) {
	ts := oversizeServer(t)
	addr := strings.TrimPrefix(ts.URL, "http://")
	body := []byte(`{"userName":"big@example.com","title":"` + strings.Repeat("x", 2<<20) + `"}`)
	tests := map[string]struct {
		head string
		body []byte
		scim bool
	}{
		"Content-Length": {
			head: fmt.Sprintf("POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/scim+json\r\nContent-Length: %d\r\n\r\n", prodToken, len(body)),
			body: body, scim: true,
		},
		"chunked": {
			head: fmt.Sprintf("POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/scim+json\r\nTransfer-Encoding: chunked\r\n\r\n", prodToken),
			body: chunk(body), scim: true,
		},
		"Admin Console API": {
			head: fmt.Sprintf("POST /admin/orgs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", adminToken, len(body)),
			body: body,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resp, b, err := writeThenRead(t, addr, tc.head, tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d, want 413: %.300s", resp.StatusCode, b)
			}
			var e struct {
				Schemas []string `json:"schemas"`
				Status  any      `json:"status"`
				Detail  string   `json:"detail"`
				Error   string   `json:"error"`
			}
			if err := json.Unmarshal(b, &e); err != nil {
				t.Fatalf("the 413 body is not JSON: %v: %.300s", err, b)
			}
			if tc.scim && (len(e.Schemas) != 1 || e.Schemas[0] != errorSchema || e.Status != "413" || !strings.Contains(e.Detail, "larger than")) {
				t.Errorf("not a SCIM error that names the limit: %s", b)
			}
			if !tc.scim && !strings.Contains(e.Error, "larger than") {
				t.Errorf("not a console error that names the limit: %s", b)
			}
		})
	}
	if n := len(mustServer(t, ts).orgs.Get(DefaultOrg).Envs[store.Production].Users); n != 0 {
		t.Errorf("%d users stored, want none", n)
	}
}

// TestOversizeBodyBeyondTheDrain: a body announced as larger than the limit
// plus drain.Limit is not read at all (reading it would not save the answer);
// the 413 comes at once. A client that waits for 100 Continue gets the 413
// instead and sends nothing.
func TestOversizeBodyBeyondTheDrain(t *testing.T) {
	ts := oversizeServer(t)
	addr := strings.TrimPrefix(ts.URL, "http://")
	for name, head := range map[string]string{
		"beyond the drain": fmt.Sprintf("POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n\r\n", prodToken, 1<<20+drain.Limit+1),
		"100-continue":     fmt.Sprintf("POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nExpect: 100-continue\r\nContent-Length: %d\r\n\r\n", prodToken, 2<<20),
	} {
		t.Run(name, func(t *testing.T) {
			resp, b, err := writeThenRead(t, addr, head, nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusRequestEntityTooLarge || !bytes.Contains(b, []byte(errorSchema)) {
				t.Fatalf("status %d, want 413 with a SCIM error: %.300s", resp.StatusCode, b)
			}
		})
	}
}

// mustServer is the reference Server behind ts.
func mustServer(t *testing.T, ts *httptest.Server) *Server {
	t.Helper()
	s, ok := ts.Config.Handler.(*Server)
	if !ok {
		t.Fatalf("handler %T", ts.Config.Handler)
	}
	return s
}

const errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"
