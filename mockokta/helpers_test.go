package mockokta

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const (
	testBase  = "https://app.example.com/scim/v2"
	testToken = "T0KEN-s3cret"
)

// testTime is the fixed clock of every test org.
var testTime = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// answer is one canned response of the fake SCIM server.
type answer struct {
	status int
	body   string
	header http.Header
	// block makes the answer wait until the request is cancelled (a server
	// that never answers); arrived, if not nil, is closed when the request
	// has reached the fake, so a test can cancel it without guessing when.
	block   bool
	arrived chan struct{}
	// timeout answers as Okta's timer running out would: the request's
	// context must carry a deadline (Okta's per-attempt timeout), and the
	// answer is that deadline's error, at once, so no test waits on a wall
	// clock or races one.
	timeout bool
}

// sent is one request the fake received.
type sent struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
}

// fake is a scripted SCIM server on an httpmock transport of its own: it
// answers requests in order from its script and records them.
type fake struct {
	t      *testing.T
	mt     *httpmock.MockTransport
	mu     sync.Mutex
	script []answer
	got    []sent
}

func newFake(t *testing.T) *fake {
	f := &fake{t: t, mt: httpmock.NewMockTransport()}
	any := regexp.MustCompile(`.*`)
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		f.mt.RegisterRegexpResponder(m, any, f.respond)
	}
	return f
}

// queue appends answers to the script.
func (f *fake) queue(as ...answer) {
	f.mu.Lock()
	f.script = append(f.script, as...)
	f.mu.Unlock()
}

func (f *fake) respond(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	f.mu.Lock()
	f.got = append(f.got, sent{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.RawQuery,
		Header: req.Header.Clone(), Body: body})
	if len(f.script) == 0 {
		f.mu.Unlock()
		f.t.Errorf("unexpected request %s %s?%s: the script is used up", req.Method, req.URL.Path, req.URL.RawQuery)
		return httpmock.NewStringResponse(599, "unexpected"), nil
	}
	a := f.script[0]
	f.script = f.script[1:]
	f.mu.Unlock()
	if a.arrived != nil {
		close(a.arrived)
	}
	if a.timeout {
		if _, ok := req.Context().Deadline(); !ok {
			f.t.Errorf("%s %s was sent without a deadline: Okta's timeout is not applied", req.Method, req.URL.Path)
		}
		return nil, context.DeadlineExceeded
	}
	if a.block {
		<-req.Context().Done()
		return nil, req.Context().Err()
	}
	resp := httpmock.NewStringResponse(a.status, a.body)
	for k, v := range a.header {
		resp.Header[k] = v
	}
	return resp, nil
}

// requests returns the requests received since the last call, and checks
// that the script is used up.
func (f *fake) requests() []sent {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.script) > 0 {
		f.t.Errorf("%d answers of the script were not asked for", len(f.script))
		f.script = nil
	}
	got := f.got
	f.got = nil
	return got
}

// testOrg returns an org on a fake server with deterministic ids, password
// and clock, and the waits its sleeper was asked for.
type testOrg struct {
	*Org
	fake  *fake
	mu    sync.Mutex
	waits []time.Duration
}

func (o *testOrg) sleeps() []time.Duration {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]time.Duration(nil), o.waits...)
}

func newTestOrg(t *testing.T, profile Profile, edit ...func(*Config)) *testOrg {
	t.Helper()
	f := newFake(t)
	to := &testOrg{fake: f}
	var mu sync.Mutex
	n := 0
	cfg := Config{
		BaseURL: testBase,
		Client:  &http.Client{Transport: f.mt},
		Auth:    Bearer(testToken),
		Profile: profile,
		AppName: "Zinc",
		Now:     func() time.Time { return testTime },
		Sleep: func(ctx context.Context, d time.Duration) error {
			to.mu.Lock()
			to.waits = append(to.waits, d)
			to.mu.Unlock()
			return ctx.Err()
		},
		NewID: func(prefix string) string {
			mu.Lock()
			defer mu.Unlock()
			n++
			return prefix + strings.Repeat("0", 3) + string(rune('a'+n-1))
		},
		NewPassword: func() string { return "1mz050nq" },
	}
	for _, e := range edit {
		e(&cfg)
	}
	o, err := NewOrg(cfg)
	if err != nil {
		t.Fatalf("NewOrg: %v", err)
	}
	to.Org = o
	return to
}

func mustAddUser(t *testing.T, o *testOrg, u User) User {
	t.Helper()
	got, err := o.AddUser(u)
	if err != nil {
		t.Fatalf("AddUser: %v", err)
	}
	return got
}

// alice is the user most tests provision.
var alice = User{ID: "00ualice0000000000", Login: "alice@example.com", FirstName: "Alice", LastName: "Smith"}

// goldenRequest is the form of a golden file: one Okta request.
type goldenRequest struct {
	Kind   string            `json:"kind"`
	Source string            `json:"source"`
	Method string            `json:"method"`
	Path   string            `json:"path"`
	Query  string            `json:"query"`
	Header map[string]string `json:"header"`
	Body   json.RawMessage   `json:"body,omitempty"`
}

// checkGolden compares a request with testdata/<name>.json, or rewrites the
// file under -update. The body is compared byte for byte after indenting,
// so key order counts.
func checkGolden(t *testing.T, name string, s sent) {
	t.Helper()
	src, ok := goldenSources[name]
	if !ok {
		t.Fatalf("golden %s: no source listed in goldenSources", name)
	}
	g := goldenRequest{Kind: strings.SplitN(name, ".", 2)[0], Source: src, Method: s.Method, Path: s.Path,
		Query: s.Query, Header: map[string]string{}}
	for k, v := range s.Header {
		g.Header[k] = strings.Join(v, ", ")
	}
	if len(s.Body) > 0 {
		if !json.Valid(s.Body) {
			t.Fatalf("golden %s: the request body is not JSON: %s", name, s.Body)
		}
		var buf bytes.Buffer
		if err := json.Indent(&buf, s.Body, "  ", "  "); err != nil {
			t.Fatal(err)
		}
		g.Body = buf.Bytes()
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(g); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test -update to create it)", name, err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("request differs from %s:\n--- got\n%s\n--- want\n%s", path, out.Bytes(), want)
	}
}

// JSON answers of the fake server.
const (
	emptyList = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}`
	aliceList = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[{"id":"2819c223","userName":"alice@example.com"}]}`
	// aliceSCIM is the server's Alice, as GET /Users/2819c223 answers.
	aliceSCIM    = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2819c223","externalId":"00ualice0000000000","userName":"alice@example.com","name":{"givenName":"Alice","familyName":"Smith","formatted":"Alice Smith"},"emails":[{"value":"alice@example.com","primary":true,"type":"work"}],"displayName":"Alice Smith","active":true,"groups":[],"meta":{"resourceType":"User","created":"2026-01-02T03:04:05Z","location":"https://app.example.com/scim/v2/Users/2819c223"}}`
	aliceCreated = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2819c223","userName":"alice@example.com","active":true}`
	engList      = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[{"id":"abf4dd94","displayName":"Eng"}]}`
	engCreated   = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"abf4dd94","displayName":"Eng","members":[],"meta":{"resourceType":"Group"}}`
	engSCIM      = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"abf4dd94","displayName":"Eng","members":[{"value":"2819c223","display":"alice@example.com"}],"meta":{"resourceType":"Group"}}`
	scimError    = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"%s","status":"%d"}`
)

func ok(body string) answer              { return answer{status: 200, body: body} }
func created(body string) answer         { return answer{status: 201, body: body} }
func status(code int) answer             { return answer{status: code} }
func withBody(code int, b string) answer { return answer{status: code, body: b} }

// provisionAlice adds Alice, assigns her (lookup miss, create) and forgets
// those requests.
func provisionAlice(t *testing.T, o *testOrg) {
	t.Helper()
	mustAddUser(t, o, alice)
	o.fake.queue(ok(emptyList), created(aliceCreated))
	if err := o.Assign(context.Background(), alice.Login); err != nil {
		t.Fatalf("Assign: %v", err)
	}
	o.fake.requests()
}

func kinds(o *Org) []string {
	var ks []string
	for _, e := range o.Transcript() {
		ks = append(ks, e.Kind)
	}
	return ks
}
