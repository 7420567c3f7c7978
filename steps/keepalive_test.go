package steps

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// droppingTarget serves HTTP/1.1 on loopback: the first request of each
// connection gets a keep-alive 200 and is acted on; a request that comes
// second on a connection is read in full and left unanswered, the
// connection closed. With acts, the target acts on that request first, as a
// target that died after acting would; without, it drops it, as a target
// that closed an idle keep-alive connection just as the request went out
// (the closing proxy's race) does. Nothing depends on timing: what happens
// to a request depends only on its place on its connection.
type droppingTarget struct {
	ln    net.Listener
	acts  bool
	mu    sync.Mutex
	posts []string // the bodies of the POSTs it acted on, answered or not
	wg    sync.WaitGroup
}

func startDroppingTarget(t *testing.T, acts bool) *droppingTarget {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &droppingTarget{ln: ln, acts: acts}
	t.Cleanup(func() { ln.Close(); d.wg.Wait() })
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			d.wg.Add(1)
			go func() {
				defer d.wg.Done()
				d.serve(conn)
			}()
		}
	}()
	return d
}

func (d *droppingTarget) serve(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for n := 1; ; n++ {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return
		}
		if n > 1 && !d.acts {
			return // dropped, never acted on
		}
		if req.Method == http.MethodPost {
			d.mu.Lock()
			d.posts = append(d.posts, string(body))
			d.mu.Unlock()
			if n > 1 {
				return // read, acted on, never answered
			}
		}
		if _, err := io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/scim+json\r\n\r\n{}"); err != nil {
			return
		}
	}
}

// A POST written in full on a reused connection that the target closes
// without an answer: net/http alone does not send it again, and gives the
// same error whether the target acted on it or dropped it, so
// freshRetry cannot tell the two apart. It sends the POST again in both:
// the target that dropped it then acts on it once, as it should,
// and the one that acted and died acts on it twice. The harness keeps this
// (steps/keepalive.go says why).
func TestFreshRetrySendsAgainAWrittenPOSTLeftUnanswered(t *testing.T) {
	for _, tc := range []struct {
		name string
		acts bool
		want int // how many times the target acted on the resent POST
	}{
		{"dropped the POST", false, 1},
		{"acted on the POST, then closed", true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) { freshRetryDroppedPOST(t, tc.acts, tc.want) })
	}
}

func freshRetryDroppedPOST(t *testing.T, acts bool, want int) {
	d := startDroppingTarget(t, acts)
	base := &http.Transport{}
	defer base.CloseIdleConnections()
	client := &http.Client{Transport: freshRetry{base}}
	url := "http://" + d.ln.Addr().String() + "/scim/v2/Users"

	// The first request leaves its connection idle in the pool: net/http
	// puts it back before the body's Read returns io.EOF.
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(resp.Body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	// Alone, net/http does not send the POST again: the error is the one
	// freshRetry sees.
	_, baseErr := base.RoundTrip(mustRequest(t, http.MethodPost, url, `{"userName":"ada@example.com"}`))
	if baseErr == nil || !closedBeforeAnswer(baseErr) {
		t.Fatalf("net/http's own answer to the dropped POST: %v, want an EOF before the answer", baseErr)
	}
	if baseErr != io.EOF {
		t.Fatalf("net/http's own error for the dropped POST: %v, want io.EOF, whatever the target did with it", baseErr)
	}
	if got, wantAlone := len(d.postsRead()), map[bool]int{false: 0, true: 1}[acts]; got != wantAlone {
		t.Fatalf("the target acted on %d POSTs from net/http alone, want %d", got, wantAlone)
	}
	before := len(d.postsRead())

	// Again with freshRetry, after a GET that leaves a connection idle.
	resp, err = client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	var resent atomic.Int32
	post := mustRequest(t, http.MethodPost, url, `{"userName":"grace@example.com"}`)
	resp, err = client.Do(post.WithContext(withResends(context.Background(), &resent)))
	if err != nil {
		t.Fatalf("freshRetry's POST: %v, want the answer of the second sending", err)
	}
	resp.Body.Close()
	got := d.postsRead()[before:]
	if len(got) != want {
		t.Fatalf("the target acted on the POST sent through freshRetry %d times (%q), want %d", len(got), got, want)
	}
	// The POST was written in full before the connection closed, whatever
	// the target did with it: the resend is counted, so that the step says
	// the target may have had it twice.
	if n := resent.Load(); n != 1 {
		t.Errorf("resends counted: %d, want 1", n)
	}
}

func (d *droppingTarget) postsRead() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.posts...)
}

func mustRequest(t *testing.T, method, url, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return req
}
