package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scimharness/scimharness/reference"
)

// lockedBuffer is an io.Writer safe for the server goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `scimharness serve args...` until the test ends and returns
// the root URL it printed, its output and the exit code channel.
func startServe(t *testing.T, getenv func(string) string, args ...string) (root string, out, errOut *lockedBuffer, cancel context.CancelFunc, done chan int) {
	t.Helper()
	return startServeWith(t, defaultServeLimits, getenv, args...)
}

// startServeWith is startServe with other connection limits.
func startServeWith(t *testing.T, lim serveLimits, getenv func(string) string, args ...string) (root string, out, errOut *lockedBuffer, cancel context.CancelFunc, done chan int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut = &lockedBuffer{}, &lockedBuffer{}
	done = make(chan int, 1)
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	go func() {
		done <- serveWith(env{ctx: ctx, args: append([]string{"--addr", "127.0.0.1:0"}, args...), stdout: out, stderr: errOut, getenv: getenv}, lim)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	})
	re := regexp.MustCompile(`SCIM Production:\s+(http://\S+)/scim/v2`)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1], out, errOut, cancel, done
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s%s", code, out, errOut)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no base URL: %s%s", out, errOut)
	return
}

func get(t *testing.T, url, authz string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if authz != "" {
		req.Header.Set("Authorization", authz)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	root, out, errOut, cancel, done := startServe(t, nil, "--token", "scim-secret", "--admin-token", "admin-secret", "--sandbox-token", "sb-secret", "--log")
	for _, c := range []struct {
		path, authz string
		status      int
	}{
		{"/scim/v2/Users?startIndex=1&count=2", "Bearer scim-secret", 200},
		{"/sandbox/scim/v2/Users", "Bearer sb-secret", 200},
		{"/scim/v2/Users", "Bearer admin-secret", 401},
		{"/admin/orgs/default/settings", "Bearer admin-secret", 200},
		{"/admin/orgs/default/settings", "Bearer scim-secret", 401},
	} {
		if status, body := get(t, root+c.path, c.authz); status != c.status {
			t.Errorf("GET %s: %d, want %d: %s", c.path, status, c.status, body)
		}
	}
	for _, want := range []string{root + "/sandbox/scim/v2", root + "/admin/"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the banner lacks %s:\n%s", want, out)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d after cancel: %s", code, errOut)
		}
		done <- code // for the cleanup
	case <-time.After(15 * time.Second):
		t.Fatal("no graceful shutdown")
	}
	all := out.String() + errOut.String()
	for _, secret := range []string{"scim-secret", "admin-secret", "sb-secret"} {
		if strings.Contains(all, secret) {
			t.Errorf("the output shows the token %q:\n%s", secret, all)
		}
	}
	if !strings.Contains(errOut.String(), "GET /scim/v2/Users 200") || !strings.Contains(out.String(), "stopped") {
		t.Errorf("request log or stop line missing:\n%s\n%s", out, errOut)
	}
}

func TestServeGeneratesTokens(t *testing.T) {
	env := map[string]string{"SCIMHARNESS_ADMIN_TOKEN": "from-env"}
	root, out, _, _, _ := startServe(t, func(k string) string { return env[k] })
	m := regexp.MustCompile(`production token \(generated\): (\S+)`).FindStringSubmatch(out.String())
	if m == nil || strings.Contains(out.String(), "admin token (generated)") || !strings.Contains(out.String(), "sandbox token (generated)") {
		t.Fatalf("banner:\n%s", out)
	}
	if status, body := get(t, root+"/scim/v2/Users", "Bearer "+m[1]); status != 200 {
		t.Fatalf("the generated token: %d %s", status, body)
	}
	if status, _ := get(t, root+"/admin/orgs/default/settings", "Bearer from-env"); status != 200 {
		t.Fatalf("the admin token from the environment: %d", status)
	}
}

func TestServeFlags(t *testing.T) {
	root, out, _, _, _ := startServe(t, nil, "--token", "t", "--admin-token", "a", "--max-body", "100", "--fault", "mutable-username", "--fault", "filter-miss-404")
	if !strings.Contains(out.String(), "faults: mutable-username,filter-miss-404") {
		t.Errorf("banner does not list the faults:\n%s", out)
	}
	req, _ := http.NewRequest("POST", root+"/scim/v2/Users", strings.NewReader(`{"userName":"a@example.com","title":"`+strings.Repeat("x", 200)+`"}`))
	req.Header.Set("Authorization", "Bearer t")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("--max-body 100: status %d, want 413", resp.StatusCode)
	}
	if status, _ := get(t, root+"/scim/v2/Users?filter=userName%20eq%20%22x%40y.com%22", "Bearer t"); status != 404 {
		t.Errorf("--fault filter-miss-404 not applied: %d", status)
	}
}

func TestServeEntitlementFlags(t *testing.T) {
	root, _, _, _, _ := startServe(t, nil, "--token", "t", "--entitlement", "Pro license:License", "--entitlement", "Seat: a:b:Seat", "--role", "Billing admin")
	for path, want := range map[string][]string{
		"/scim/v2/Entitlements": {`"displayName":"Pro license","type":"License"`, `"displayName":"Seat: a:b","type":"Seat"`},
		"/scim/v2/Roles":        {`"displayName":"Billing admin"`, `"totalResults":1`},
	} {
		status, body := get(t, root+path, "Bearer t")
		for _, w := range want {
			if status != 200 || !strings.Contains(body, w) {
				t.Errorf("GET %s: %d %s; want %s", path, status, body, w)
			}
		}
	}
}

func TestServeUsageErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown fault": {"--token", "t", "--fault", "nope"},
		"bad flag":      {"--nope"},
		"argument":      {"extra"},
		"same tokens":   {"--token", "t", "--admin-token", "t"},
		"bad address":   {"--addr", "256.0.0.1:99999", "--token", "t"},
		"zero max body": {"--token", "t", "--max-body", "0"},
		"no type":       {"--token", "t", "--entitlement", "Pro license"},
		"empty type":    {"--token", "t", "--entitlement", "Pro license:"},
		"empty role":    {"--token", "t", "--role", ""},
	} {
		var out, errOut bytes.Buffer
		code := runServe(env{ctx: context.Background(), args: args, stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }})
		if code != exitUsage || errOut.Len() == 0 {
			t.Errorf("%s: exit %d, stderr %q; want %d and a reason", name, code, errOut.String(), exitUsage)
		}
	}
}

func TestFaultsCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := runFaults(env{ctx: context.Background(), stdout: &out, stderr: &errOut}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(reference.Faults())+1 {
		t.Fatalf("%d lines for %d faults:\n%s", len(lines), len(reference.Faults()), out.String())
	}
	for i, f := range reference.Faults() {
		if fields := strings.Fields(lines[i+1]); len(fields) < 3 || fields[0] != f.Name || fields[1] != f.Behaviour {
			t.Errorf("line %q, want %s %s …", lines[i+1], f.Name, f.Behaviour)
		}
	}
	if code := runFaults(env{ctx: context.Background(), args: []string{"x"}, stdout: &out, stderr: &errOut}); code != exitUsage {
		t.Errorf("an argument: exit %d", code)
	}
}

func TestServeFaultsFromEnvironment(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut bytes.Buffer
	getenv := func(k string) string {
		return map[string]string{"SCIMHARNESS_TOKEN": "tok", "SCIMHARNESS_FAULTS": "mutable-username, no-such-fault"}[k]
	}
	code := dispatch(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, &out, &errOut, getenv)
	if code != exitUsage || !strings.Contains(errOut.String(), "no-such-fault") {
		t.Fatalf("an unknown fault in $SCIMHARNESS_FAULTS: exit %d, want %d naming it; stderr:\n%s", code, exitUsage, errOut.String())
	}
}

// fastLimits are serve's limits shortened for tests.
func fastLimits() serveLimits {
	lim := defaultServeLimits
	lim.readHeader, lim.read, lim.write, lim.idle = 200*time.Millisecond, 2*time.Second, 5*time.Second, time.Second
	return lim
}

func hostOf(t *testing.T, root string) string {
	t.Helper()
	u, err := url.Parse(root)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// A client that sends its headers one byte at a time is cut off once
// ReadHeaderTimeout has passed, however long it would go on. Nothing else
// can close the connection meanwhile (the read timeout is an hour), so the
// test asks only whether it was cut off, not how fast.
func TestServeCutsOffSlowHeaders(t *testing.T) {
	lim := fastLimits()
	lim.read = time.Hour // so that only ReadHeaderTimeout can cut the client off
	root, _, _, _, _ := startServeWith(t, lim, nil, "--token", "t", "--admin-token", "a")
	conn, err := net.Dial("tcp", hostOf(t, root))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	closed := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(conn) // returns when the server closes the connection
		closed <- b
	}()
	start := time.Now()
	// Headers that never end: without a timeout this would go on for a minute.
	slow := "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nX-Slow: " + strings.Repeat("a", 6000)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case b := <-closed:
			if bytes.Contains(b, []byte(" 200 ")) {
				t.Fatalf("a request whose headers never ended was answered: %q", b)
			}
			return
		case <-tick.C:
		}
		if i >= len(slow) {
			t.Fatalf("not cut off after %d bytes over %v (ReadHeaderTimeout %v)", i, time.Since(start), lim.readHeader)
		}
		_, _ = conn.Write([]byte{slow[i]}) // fails once the server has closed: the reader then sees it
	}
}

// Headers over the limit get 431 once the server has read its limit, not a
// read of the rest into memory. The client sends exactly what the server
// reads before it answers (net/http's read limit: MaxHeaderBytes plus 4096
// bytes of bufio slop, Server.initialReadLimitSize): a byte more would be
// left unread at the close, the kernel would answer it with a reset, and
// the reset could overtake the 431 on a loaded machine.
func TestServeHeaderLimit(t *testing.T) {
	lim := defaultServeLimits // ReadHeaderTimeout 10 s: the header is sent well within it
	root, _, _, _, _ := startServeWith(t, lim, nil, "--token", "t", "--admin-token", "a")
	conn, err := net.Dial("tcp", hostOf(t, root))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	start := "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nX-Big: "
	big := start + strings.Repeat("a", lim.maxHeaderBytes+4096-len(start)) // no end of the headers: over the limit whatever follows
	go func() {
		_, _ = io.WriteString(conn, big)
	}()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a header over the limit: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("a header over the limit: status %d, want 431", resp.StatusCode)
	}
	// Headers under the limit still work.
	if status, body := get(t, root+"/scim/v2/Users", "Bearer t"); status != 200 {
		t.Fatalf("after the 431: %d %s", status, body)
	}
}

// A request framed by both Content-Length and Transfer-Encoding is refused
// with 400 and its connection closed (RFC 9112 section 6.1), where net/http
// alone would serve it by its chunks and keep the connection for the next.
func TestServeRefusesTwoFramings(t *testing.T) {
	root, _, _, _, _ := startServeWith(t, fastLimits(), nil, "--token", "t", "--admin-token", "a")
	conn, err := net.Dial("tcp", hostOf(t, root))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	body := `{"userName":"smuggle@example.com"}`
	_, _ = fmt.Fprintf(conn, "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/scim+json\r\n"+
		"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", len(body), body)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !bytes.Contains(b, []byte("Transfer-Encoding")) {
		t.Fatalf("status %d %s, want 400 naming the two framings", resp.StatusCode, b)
	}
	_, _ = io.WriteString(conn, "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n")
	if resp, err := http.ReadResponse(br, nil); err == nil {
		resp.Body.Close()
		t.Fatalf("the connection stayed open: the next request was answered %d", resp.StatusCode)
	}
	if status, body := get(t, root+"/scim/v2/Users?filter="+url.QueryEscape(`userName eq "smuggle@example.com"`), "Bearer t"); status != 200 || strings.Contains(body, "smuggle@") {
		t.Fatalf("the refused request made a user: %d %s", status, body)
	}
}

// A request in flight when serve is told to stop completes with its answer;
// new connections are refused meanwhile, and serve then exits cleanly.
func TestServeGracefulShutdown(t *testing.T) {
	lim := fastLimits()
	// The request counts as in flight once the handler has it: Go's server
	// drops a request whose headers it read just as Shutdown began, before
	// calling the handler, so a connection-state hook would signal too early.
	active := make(chan struct{}, 1)
	lim.inner = func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				select {
				case active <- struct{}{}:
				default:
				}
			}
			h.ServeHTTP(w, r)
		})
	}
	root, out, errOut, cancel, done := startServeWith(t, lim, nil, "--token", "t", "--admin-token", "a")
	host := hostOf(t, root)
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	body := `{"userName":"inflight@example.com","name":{"givenName":"In","familyName":"Flight"}}`
	half := len(body) / 2
	fmt.Fprintf(conn, "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/scim+json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:half])
	select {
	case <-active:
	case <-time.After(10 * time.Second):
		t.Fatal("the request never became active")
	}
	cancel()
	// Shutdown has begun once the listener refuses connections.
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", host, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections after the cancel")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case code := <-done:
		t.Fatalf("serve exited (%d) with a request in flight: %s", code, errOut)
	default:
	}
	if _, err := io.WriteString(conn, body[half:]); err != nil {
		t.Fatalf("the in-flight request's connection was closed: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the in-flight request got no answer: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || !strings.Contains(string(b), "inflight@example.com") {
		t.Fatalf("the in-flight request: %d %s", resp.StatusCode, b)
	}
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		done <- code // for the cleanup
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after the last request")
	}
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("no stop line:\n%s", out)
	}
}
