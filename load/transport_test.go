package load

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// leanClient is a client on the wave's transport in place of base.
func leanClient(t *testing.T, base http.RoundTripper) *http.Client {
	t.Helper()
	rt := newTransport(base)
	if _, ok := rt.(*transport); !ok {
		t.Fatalf("newTransport(%T) = %T, want the lean transport", base, rt)
	}
	t.Cleanup(rt.(*transport).CloseIdleConnections)
	return &http.Client{Transport: rt}
}

// countingServer is an httptest server that counts the connections it
// accepts.
func countingServer(h http.Handler) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			n.Add(1)
		}
	}
	srv.Start()
	return srv, &n
}

func do(t *testing.T, c *http.Client, method, url, body string) (int, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, url, err)
	}
	return resp.StatusCode, string(b)
}

// The server gets the same request from the lean transport as from
// net/http's: method, target, protocol, headers and body.
func TestTransportSendsWhatNetHTTPSends(t *testing.T) {
	type seen struct {
		Method, RequestURI, Proto, Host string
		Header                          http.Header
		Body                            string
	}
	var mu sync.Mutex
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, seen{r.Method, r.RequestURI, r.Proto, r.Host, r.Header.Clone(), string(b)})
		mu.Unlock()
		w.WriteHeader(201)
	}))
	defer srv.Close()
	send := func(c *http.Client) {
		req, _ := http.NewRequest("POST", srv.URL+"/scim/v2/Users?filter=userName%20eq%20%22a%40b.c%22", strings.NewReader(`{"userName":"a@b.c"}`))
		req.Header["User-Agent"] = []string{"Okta SCIM Client 1.0.0"}
		req.Header["Accept"] = []string{"application/scim+json"}
		req.Header["Accept-Encoding"] = []string{"gzip,deflate"}
		req.Header["Content-Type"] = []string{"application/scim+json; charset=utf-8"}
		req.Header["Authorization"] = []string{"Bearer t"}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	send(srv.Client())
	send(leanClient(t, srv.Client().Transport))
	if len(got) != 2 {
		t.Fatalf("the server saw %d requests, want 2", len(got))
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("net/http sent %+v\nthe lean transport sent %+v", got[0], got[1])
	}
}

// Answers of every framing are read whole, and the connection is reused
// after each one that allows it.
func TestTransportReusesConnections(t *testing.T) {
	srv, conns := countingServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/chunked":
			fmt.Fprint(w, "part one, ")
			w.(http.Flusher).Flush()
			fmt.Fprint(w, "part two")
		case "/empty":
			w.WriteHeader(204)
		default:
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Length", "5")
			fmt.Fprint(w, "hello")
		}
	}))
	defer srv.Close()
	c := leanClient(t, srv.Client().Transport)
	for i := range 30 {
		for _, tc := range []struct {
			method, path, body string
			status             int
			want               string
		}{
			{"GET", "/sized", "", 200, "hello"},
			{"GET", "/chunked", "", 200, "part one, part two"},
			{"DELETE", "/empty", "", 204, ""},
			{"PUT", "/sized", `{"a":1}`, 200, "hello"},
		} {
			status, got := do(t, c, tc.method, srv.URL+tc.path, tc.body)
			if status != tc.status || got != tc.want {
				t.Fatalf("round %d, %s %s: %d %q, want %d %q", i, tc.method, tc.path, status, got, tc.status, tc.want)
			}
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("120 sequential requests took %d connections, want 1", n)
	}
}

// A connection is not reused when the answer says Connection: close, or when
// its body was not read to the end.
func TestTransportDropsConnections(t *testing.T) {
	srv, conns := countingServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/close" {
			w.Header().Set("Connection", "close")
		}
		fmt.Fprint(w, strings.Repeat("x", 100<<10))
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name string
		send func(c *http.Client) error
	}{
		{"Connection: close", func(c *http.Client) error {
			resp, err := c.Get(srv.URL + "/close")
			if err != nil {
				return err
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return err
		}},
		{"body closed early", func(c *http.Client) error {
			resp, err := c.Get(srv.URL + "/big")
			if err != nil {
				return err
			}
			buf := make([]byte, 10)
			io.ReadFull(resp.Body, buf)
			return resp.Body.Close()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := conns.Load()
			c := leanClient(t, srv.Client().Transport)
			if err := tc.send(c); err != nil {
				t.Fatal(err)
			}
			status, body := do(t, c, "GET", srv.URL+"/after", "")
			if status != 200 || len(body) != 100<<10 {
				t.Fatalf("the next request: %d, %d bytes", status, len(body))
			}
			if n := conns.Load() - before; n < 2 {
				t.Errorf("took %d connection(s), want a new one after %s", n, tc.name)
			}
		})
	}
}

// rawServer serves each accepted connection with serve, numbered from 1.
func rawServer(t *testing.T, serve func(n int, c net.Conn, br *bufio.Reader)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var n atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				serve(int(n.Add(1)), c, bufio.NewReader(c))
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// A pooled connection that the server closed while it was idle is replaced,
// and the request (with its body) sent again on a new one.
func TestTransportRetriesStaleConnection(t *testing.T) {
	var bodies []string
	var mu sync.Mutex
	base := rawServer(t, func(n int, c net.Conn, br *bufio.Reader) {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		b, _ := io.ReadAll(req.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		// Keep-alive announced, then closed: the next request on this
		// connection finds it gone.
		fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	})
	c := leanClient(t, &http.Transport{})
	for i := range 3 {
		status, got := do(t, c, "POST", base+"/Users", fmt.Sprintf(`{"n":%d}`, i))
		if status != 200 || got != "ok" {
			t.Fatalf("request %d: %d %q", i, status, got)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []string{`{"n":0}`, `{"n":1}`, `{"n":2}`}; !reflect.DeepEqual(bodies, want) {
		t.Errorf("the server got bodies %q, want %q", bodies, want)
	}
}

// Informational answers are skipped.
func TestTransportSkipsInformational(t *testing.T) {
	base := rawServer(t, func(_ int, c net.Conn, br *bufio.Reader) {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		fmt.Fprintf(c, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone")
	})
	status, got := do(t, leanClient(t, &http.Transport{}), "POST", base+"/Users", "{}")
	if status != 201 || got != "done" {
		t.Errorf("got %d %q, want 201 \"done\"", status, got)
	}
}

// The context's deadline and its cancellation end a request that gets no
// answer, with the context's error.
func TestTransportContext(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	base := rawServer(t, func(_ int, c net.Conn, br *bufio.Reader) {
		http.ReadRequest(br)
		<-release
	})
	c := leanClient(t, &http.Transport{})
	for _, tc := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, context.DeadlineExceeded},
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel) // before or after the request is sent: Canceled either way
			return ctx, cancel
		}, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := tc.ctx()
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, "GET", base+"/Users", nil)
			resp, err := c.Do(req)
			if err == nil {
				resp.Body.Close()
				t.Fatal("a server that never answers: no error")
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// An https target is reached with the TLS configuration of the client's
// transport, and its certificate is checked.
func TestTransportTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, r.Proto)
	}))
	defer srv.Close()
	status, got := do(t, leanClient(t, srv.Client().Transport), "GET", srv.URL, "")
	if status != 200 || got != "HTTP/1.1" {
		t.Errorf("got %d %q, want 200 over HTTP/1.1", status, got)
	}
	_, err := leanClient(t, &http.Transport{}).Get(srv.URL)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("an untrusted certificate: %v, want a certificate error", err)
	}
}

// Requests that the environment sends through a proxy keep net/http's
// transport.
func TestTransportProxy(t *testing.T) {
	var proxied atomic.Int64
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxied.Add(1)
		fmt.Fprint(w, "via proxy")
	}))
	defer proxy.Close()
	direct := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "direct")
	}))
	defer direct.Close()
	pu, _ := url.Parse(proxy.URL)
	std := &http.Transport{Proxy: func(r *http.Request) (*url.URL, error) {
		if r.URL.Path == "/proxied" {
			return pu, nil
		}
		return nil, nil
	}}
	c := &http.Client{Transport: newTransport(std)}
	if _, got := do(t, c, "GET", direct.URL+"/proxied", ""); got != "via proxy" || proxied.Load() != 1 {
		t.Errorf("a proxied request answered %q", got)
	}
	if _, got := do(t, c, "GET", direct.URL+"/plain", ""); got != "direct" {
		t.Errorf("a direct request answered %q", got)
	}
	// Any other RoundTripper is kept as it is.
	var rt http.RoundTripper = roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("x") })
	if got := newTransport(rt); reflect.ValueOf(got).Pointer() != reflect.ValueOf(rt).Pointer() {
		t.Errorf("newTransport replaced a custom RoundTripper with %T", got)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Many workers share the pool without a race and without losing answers.
func TestTransportConcurrent(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Write(bytes.ToUpper(b))
	}))
	defer srv.Close()
	c := leanClient(t, srv.Client().Transport)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				body := fmt.Sprintf("worker %d request %d", w, i)
				req, _ := http.NewRequest("POST", srv.URL, strings.NewReader(body))
				resp, err := c.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				got, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(got) != strings.ToUpper(body) {
					t.Errorf("answer %q to %q", got, body)
				}
			}
		}()
	}
	wg.Wait()
}

// A worker's canceller interrupts its request in flight when the worker's
// context ends, through a per-attempt deadline context as mockokta makes
// one; the spoilt connection is not reused, and once the context has ended
// no request starts.
func TestTransportCanceller(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	hanging := make(chan struct{}) // closed when the server has the /hang request
	var conns atomic.Int64
	base := rawServer(t, func(n int, c net.Conn, br *bufio.Reader) {
		conns.Add(1)
		for {
			req, err := http.ReadRequest(br)
			if err != nil {
				return
			}
			if req.URL.Path == "/hang" {
				close(hanging)
				<-release
				return
			}
			fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		}
	})
	c := leanClient(t, &http.Transport{})
	worker, cancel := context.WithCancel(context.Background())
	wctx, unwatch := withCanceller(worker)
	defer unwatch()
	get := func(path string) error {
		actx, done := context.WithTimeout(wctx, time.Minute)
		defer done()
		req, _ := http.NewRequestWithContext(actx, "GET", base+path, nil)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		return err
	}
	if err := get("/ok"); err != nil {
		t.Fatal(err)
	}
	go func() {
		<-hanging // the request is in flight: its answer is being waited for
		cancel()
	}()
	// Without the canceller the request would end at its minute's deadline,
	// with context.DeadlineExceeded.
	err := get("/hang")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the cancelled request: %v, want context.Canceled", err)
	}
	if err := get("/ok"); !errors.Is(err, context.Canceled) {
		t.Errorf("a request after the end: %v, want context.Canceled", err)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections, want 1 (no request started after the end)", n)
	}
}
