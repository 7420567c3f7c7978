package mockokta

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestTranscriptRedacts: the token and passwords never show in the
// transcript, its String or its JSON, while the server got them.
func TestTranscriptRedacts(t *testing.T) {
	o := newTestOrg(t, OIN)
	mustAddUser(t, o, alice)
	// A server that wrongly echoes the password.
	o.fake.queue(ok(emptyList), created(`{"id":"2819c223","password": "1mz050nq"}`), status(204))
	ctx := context.Background()
	if err := o.Assign(ctx, alice.Login); err != nil {
		t.Fatal(err)
	}
	if err := o.SetPassword(ctx, alice.Login, "n3w-Pa55word"); err != nil {
		t.Fatal(err)
	}
	got := o.fake.requests()
	if got[1].Header.Get("Authorization") != "Bearer "+testToken || !strings.Contains(string(got[1].Body), `"password":"1mz050nq"`) {
		t.Fatalf("the server did not get the secrets: %v %s", got[1].Header, got[1].Body)
	}
	tr := o.Transcript()
	if len(tr) != 3 {
		t.Fatalf("transcript has %d exchanges, want 3", len(tr))
	}
	for _, e := range tr {
		js, err := json.Marshal(&e)
		if err != nil {
			t.Fatal(err)
		}
		for _, rendered := range []string{e.String(), string(js), fmt.Sprint(e.RequestHeader), string(e.RequestBody), string(e.ResponseBody)} {
			for _, secret := range []string{testToken, "1mz050nq", "n3w-Pa55word"} {
				if strings.Contains(rendered, secret) {
					t.Errorf("%s exchange shows %q:\n%s", e.Kind, secret, rendered)
				}
			}
		}
		if e.RequestHeader.Get("Authorization") != "[redacted]" {
			t.Errorf("Authorization %q, want [redacted]", e.RequestHeader.Get("Authorization"))
		}
	}
	if body := string(tr[1].RequestBody); !strings.Contains(body, `"password":"[redacted]"`) || !strings.Contains(body, `"userName":"alice@example.com"`) {
		t.Errorf("create body in the transcript: %s", body)
	}
	if body := string(tr[1].ResponseBody); body != `{"id":"2819c223","password": "[redacted]"}` {
		t.Errorf("create answer in the transcript: %s", body)
	}
	if !strings.Contains(string(tr[2].RequestBody), `{"password":"[redacted]"}`) {
		t.Errorf("password PATCH in the transcript: %s", tr[2].RequestBody)
	}
	// The JSON form carries bodies as text.
	js, _ := json.Marshal(&tr[0])
	var back map[string]any
	json.Unmarshal(js, &back)
	if back["responseBody"] != emptyList || back["kind"] != "lookup-user" || back["action"] != "assign" || back["target"] != alice.Login {
		t.Errorf("JSON form: %s", js)
	}
}

// TestServerPasswordNotSentBack: a password that the server wrongly answers
// in GET /Users/{id} is neither merged into the PUT that follows nor shown in
// the transcript.
func TestServerPasswordNotSentBack(t *testing.T) {
	for _, profile := range []Profile{OIN, AIW} {
		t.Run(profile.String(), func(t *testing.T) {
			o := newTestOrg(t, profile)
			provisionAlice(t, o)
			leaky := strings.Replace(aliceSCIM, `"active":true`, `"active":true,"password":"s3rver-SECRET"`, 1)
			o.fake.queue(ok(leaky), ok(aliceSCIM))
			if err := updateAlice(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			got := o.fake.requests()
			if len(got) != 2 || got[1].Method != http.MethodPut {
				t.Fatalf("sent %d requests, want GET then PUT", len(got))
			}
			if strings.Contains(string(got[1].Body), "password") {
				t.Errorf("the PUT sent a password back: %s", got[1].Body)
			}
			for _, e := range o.Transcript() {
				if strings.Contains(e.String(), "s3rver-SECRET") {
					t.Errorf("%s exchange shows the server's password:\n%s", e.Kind, e.String())
				}
			}
		})
	}
}

// TestTranscriptFields: each exchange records the request as sent, the
// answer, the time and duration from the injected clock, and the action.
func TestTranscriptFields(t *testing.T) {
	var mu sync.Mutex
	now := testTime
	o := newTestOrg(t, OIN, func(c *Config) {
		c.Now = func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			now = now.Add(250 * time.Millisecond)
			return now
		}
	})
	mustAddUser(t, o, alice)
	o.fake.queue(answer{status: 200, body: emptyList, header: http.Header{"Content-Type": {"application/scim+json"}}})
	o.fake.queue(created(aliceCreated))
	if err := o.Assign(context.Background(), alice.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
	e := o.Transcript()[0]
	want := Exchange{Action: "assign", Target: alice.Login, Kind: "lookup-user", Attempt: 1, Method: "GET",
		URL:    testBase + "/Users?filter=userName%20eq%20%22alice%40example.com%22&startIndex=1&count=100",
		Status: 200, ResponseSize: len(emptyList), Start: testTime.Add(250 * time.Millisecond), Duration: 250 * time.Millisecond}
	if e.Action != want.Action || e.Target != want.Target || e.Kind != want.Kind || e.Attempt != 1 || e.Method != want.Method ||
		e.URL != want.URL || e.Status != 200 || e.ResponseSize != want.ResponseSize || !e.Start.Equal(want.Start) ||
		e.Duration != want.Duration || e.Truncated || e.Err != "" || e.RequestBody != nil {
		t.Errorf("exchange\n got %+v\nwant %+v", e, want)
	}
	if e.ResponseHeader.Get("Content-Type") != "application/scim+json" || e.RequestHeader.Get("User-Agent") != "Okta SCIM Client 1.0.0" {
		t.Errorf("headers %v / %v", e.RequestHeader, e.ResponseHeader)
	}
	s := e.String()
	for _, part := range []string{"GET " + want.URL + " (assign alice@example.com, lookup-user, attempt 1)", "Authorization: [redacted]", "HTTP/1.1 200 OK (250ms)", emptyList} {
		if !strings.Contains(s, part) {
			t.Errorf("String() lacks %q:\n%s", part, s)
		}
	}
}

// TestTranscriptCap: bodies kept in the transcript are cut at MaxBodyBytes,
// and the cut is reported; the org still reads the whole answer.
func TestTranscriptCap(t *testing.T) {
	o := newTestOrg(t, OIN, func(c *Config) { c.MaxBodyBytes = 16 })
	mustAddUser(t, o, alice)
	o.fake.queue(ok(aliceList), ok(aliceSCIM), ok(`{"password":"`+strings.Repeat("x", 40)+`"}`))
	if err := o.Assign(context.Background(), alice.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
	tr := o.Transcript()
	e := tr[0]
	if !e.Truncated || len(e.ResponseBody) != 16 || e.ResponseSize != len(aliceList) || string(e.ResponseBody) != aliceList[:16] {
		t.Errorf("capped exchange: truncated %v, %d of %d bytes: %q", e.Truncated, len(e.ResponseBody), e.ResponseSize, e.ResponseBody)
	}
	if !strings.Contains(e.String(), fmt.Sprintf("[16 of %d bytes shown]", len(aliceList))) {
		t.Errorf("String() does not report the cut:\n%s", e.String())
	}
	if au, _ := o.AppUser(alice.Login); au.SCIMID != "2819c223" {
		t.Errorf("the org did not read the whole answer: %+v", au)
	}
	// A password cut by the cap is still redacted.
	if got := string(tr[2].ResponseBody); got != `{"password":"[redacted]` {
		t.Errorf("cut password: %q", got)
	}
}

type ctxKey struct{}

// TestObserveWithoutTranscript: with the transcript off, the observer still
// sees every attempt, with the caller's context.
func TestObserveWithoutTranscript(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	o := newTestOrg(t, OIN, func(c *Config) {
		c.DiscardTranscript = true
		c.Observe = func(ctx context.Context, e *Exchange) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, fmt.Sprintf("%v %s %d %d", ctx.Value(ctxKey{}), e.Kind, e.Attempt, e.Status))
			// Brief: no headers or bodies to copy and redact.
			if e.RequestHeader != nil || e.RequestBody != nil || e.ResponseHeader != nil || e.ResponseBody != nil {
				t.Errorf("%s exchange without a transcript carries headers or bodies: %+v", e.Kind, e)
			}
			if e.Status == 201 && e.ResponseSize != len(aliceCreated) {
				t.Errorf("create: ResponseSize %d, want %d", e.ResponseSize, len(aliceCreated))
			}
		}
	})
	mustAddUser(t, o, alice)
	o.fake.queue(withBody(429, ""), ok(emptyList), created(aliceCreated))
	ctx := context.WithValue(context.Background(), ctxKey{}, "worker-3")
	if err := o.Assign(ctx, alice.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
	want := []string{"worker-3 lookup-user 1 429", "worker-3 lookup-user 2 200", "worker-3 create-user 1 201"}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("observed %v, want %v", seen, want)
	}
	if tr := o.Transcript(); len(tr) != 0 {
		t.Errorf("transcript kept %d exchanges", len(tr))
	}
}

// TestAuth: each auth style sends its header; a token source is asked
// before every attempt; a failing one stops the operation before any
// request, without a task.
func TestAuth(t *testing.T) {
	tests := []struct {
		auth Auth
		want string
	}{
		{HeaderToken("abc"), "abc"},
		{Bearer("abc"), "Bearer abc"},
		{Basic("okta", "s3cret"), "Basic b2t0YTpzM2NyZXQ="},
		{nil, ""},
	}
	for _, tt := range tests {
		o := newTestOrg(t, OIN, func(c *Config) { c.Auth = tt.auth })
		o.fake.queue(ok(emptyList), ok(emptyList))
		if err := o.TestCredentials(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, s := range o.fake.requests() {
			if got := s.Header.Get("Authorization"); got != tt.want {
				t.Errorf("Authorization %q, want %q", got, tt.want)
			}
		}
	}

	src := &counterSource{}
	o := newTestOrg(t, OIN, func(c *Config) { c.Auth = OAuth2(src) })
	mustAddUser(t, o, bob)
	o.fake.queue(withBody(429, ""), ok(emptyList), created(bobSCIM))
	if err := o.Assign(context.Background(), bob.Login); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range o.fake.requests() {
		got = append(got, s.Header.Get("Authorization"))
	}
	if want := "[Bearer access-1 Bearer access-2 Bearer access-3]"; fmt.Sprint(got) != want {
		t.Errorf("OAuth2 headers %v, want %s", got, want)
	}

	src.fail = true
	mustAddUser(t, o, alice)
	err := o.Assign(context.Background(), alice.Login)
	if !errors.Is(err, errNoToken) || len(o.fake.requests()) != 0 || len(o.Tasks()) != 0 {
		t.Errorf("failing token source: %v, want errNoToken, no request, no task", err)
	}
}

var errNoToken = errors.New("no token")

type counterSource struct {
	mu   sync.Mutex
	n    int
	fail bool
}

func (s *counterSource) Token(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return "", errNoToken
	}
	s.n++
	return fmt.Sprintf("access-%d", s.n), nil
}

// TestTestCredentials: the credential test's failures are errors, not tasks.
func TestTestCredentials(t *testing.T) {
	tests := []struct {
		name    string
		answers []answer
		want    string
	}{
		{"users pass, groups pass", []answer{ok(aliceList), ok(emptyList)}, ""},
		{"401", []answer{withBody(401, fmt.Sprintf(scimError, "Invalid token", 401))},
			"test-credentials: GET " + testBase + "/Users?startIndex=1&count=2: expected 200 with a ListResponse, got 401 Unauthorized. Errors reported by remote server: Invalid token"},
		{"a string count", []answer{ok(`{"totalResults":"2","Resources":[]}`)},
			`got 200 with list response: totalResults: expected a non-negative integer, got "2"`},
		{"groups in HTML", []answer{ok(emptyList), ok("<html></html>")},
			"GET " + testBase + "/Groups?startIndex=1&count=100: expected 200 with a ListResponse, got 200 with invalid JSON: Unexpected character ('<' (code 60))"},
		// One request and no wait: the script holds one answer, and the
		// fake fails the test on a second request.
		{"429 is not retried", []answer{{status: 429, body: fmt.Sprintf(scimError, "Slow down", 429), header: http.Header{"Retry-After": {"120"}}}},
			"test-credentials: GET " + testBase + "/Users?startIndex=1&count=2: expected 200 with a ListResponse, got 429 Too Many Requests. Errors reported by remote server: Slow down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newTestOrg(t, OIN)
			o.fake.queue(tt.answers...)
			err := o.TestCredentials(context.Background())
			o.fake.requests()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant it to contain %q", err, tt.want)
			}
			if len(o.Tasks()) != 0 {
				t.Errorf("tasks %+v, want none", o.Tasks())
			}
			if w := o.sleeps(); len(w) != 0 {
				t.Errorf("waited %v, want no wait", w)
			}
		})
	}
}

// TestTransportConfig: with Config.Transport every attempt is one round trip
// on it, and a redirect is the answer, not followed.
func TestTransportConfig(t *testing.T) {
	o := newTestOrg(t, OIN, func(c *Config) {
		c.Transport, c.Client = c.Client.Transport, &http.Client{Transport: failingTransport{}}
	})
	mustAddUser(t, o, alice)
	o.fake.queue(answer{status: http.StatusFound, header: http.Header{"Location": {testBase + "/elsewhere"}}})
	err := o.Assign(context.Background(), alice.Login)
	if err == nil {
		t.Fatal("a 302 to the lookup: no error")
	}
	if got := o.fake.requests(); len(got) != 1 {
		t.Fatalf("sent %d requests, want the lookup only (the redirect not followed)", len(got))
	}
	if tasks := o.Tasks(); len(tasks) != 1 || !strings.Contains(tasks[0].Message, "Found") {
		t.Errorf("tasks %+v, want one naming the 302", tasks)
	}
}

// failingTransport fails the test's requests that should not reach it.
type failingTransport struct{}

func (failingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("the Client was used although Config.Transport is set")
}
