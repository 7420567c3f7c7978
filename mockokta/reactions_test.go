package mockokta

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

const jacksonExpecting = ": was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

// TestCreateReactions covers Okta's reactions to the answers of POST /Users
// (docs/okta-protocol.md §2.4, §8.1, §8.2).
func TestCreateReactions(t *testing.T) {
	const prefix = "Automatic provisioning of user alice@example.com to app Zinc failed: Error while creating user Alice Smith: "
	tests := []struct {
		name     string
		answer   answer
		link     string // the stored SCIM id on success
		message  string // the task message on failure
		errorHas string
	}{
		{name: "201 with the user", answer: created(aliceCreated), link: "2819c223"},
		{name: "200 with the user", answer: ok(aliceCreated), link: "2819c223"},
		{name: "201 without a body", answer: status(201), message: prefix + "Create new user returned empty user.",
			errorHas: "expected 201 with an id, got 201 with create new user returned empty user"},
		{name: "201 with blanks only", answer: withBody(201, " \n"), message: prefix + "Create new user returned empty user."},
		{name: "201 without an id", answer: created(`{"userName":"alice@example.com"}`), message: prefix + "Create new user returned empty user."},
		{name: "204", answer: status(204), message: prefix + "Create new user returned empty user."},
		{name: "201 with text", answer: withBody(201, "created"), message: prefix + "Invalid JSON: Unrecognized token 'created'" + jacksonExpecting},
		{name: "409 with a SCIM error", answer: withBody(409, fmt.Sprintf(scimError, "User already exists in the database.", 409)),
			message:  prefix + "Conflict. Errors reported by remote server: User already exists in the database.",
			errorHas: "POST https://app.example.com/scim/v2/Users: expected 201 with an id, got 409 Conflict. Errors reported by remote server: User already exists in the database."},
		{name: "409 with a numeric status", answer: withBody(409, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"userName is not unique","status":409,"scimType":"uniqueness"}`),
			message: prefix + "Conflict. Errors reported by remote server: userName is not unique"},
		{name: "409 in plain text", answer: withBody(409, "User already exists"),
			message: prefix + "Conflict. Errors reported by remote server: Invalid JSON: Unrecognized token 'User'" + jacksonExpecting},
		{name: "500 with a SCIM error, not retried", answer: withBody(500, fmt.Sprintf(scimError, "boom", 500)),
			message: prefix + "Internal Server Error. Errors reported by remote server: boom"},
		{name: "502 in plain text from a proxy", answer: withBody(502, "error code: 502"),
			message: prefix + "Bad Gateway. Errors reported by remote server: Invalid JSON: Unrecognized token 'error'" + jacksonExpecting},
		{name: "503 in HTML", answer: withBody(503, "<html><body>down</body></html>"),
			message: prefix + "Service Unavailable. Errors reported by remote server: Invalid JSON: Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
		{name: "400 without a body", answer: status(400), message: prefix + "Bad Request"},
		{name: "400 with JSON but no detail", answer: withBody(400, `{"error": "bad"}`),
			message: prefix + `Bad Request. Errors reported by remote server: {"error":"bad"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := newTestOrg(t, OIN)
			mustAddUser(t, o, alice)
			o.fake.queue(ok(emptyList), tt.answer)
			err := o.Assign(context.Background(), alice.Login)
			if n := len(o.fake.requests()); n != 2 {
				t.Errorf("sent %d requests, want 2 (lookup, create; no retry)", n)
			}
			au, _ := o.AppUser(alice.Login)
			if tt.message == "" {
				if err != nil {
					t.Fatalf("Assign: %v", err)
				}
				if au.SCIMID != tt.link || !au.Active || !au.Assigned {
					t.Errorf("app user %+v, want linked to %s and active", au, tt.link)
				}
				if len(o.Tasks()) != 0 {
					t.Errorf("tasks %+v, want none", o.Tasks())
				}
				return
			}
			var te *TaskError
			if !errors.As(err, &te) {
				t.Fatalf("Assign: error %v, want a *TaskError", err)
			}
			if tt.errorHas != "" && !strings.Contains(err.Error(), tt.errorHas) {
				t.Errorf("error %q\ndoes not contain %q", err, tt.errorHas)
			}
			tasks := o.Tasks()
			if len(tasks) != 1 {
				t.Fatalf("tasks %+v, want one", tasks)
			}
			want := Task{Time: testTime, Action: "assign", Target: alice.Login, Kind: "create-user", Method: "POST",
				URL: testBase + "/Users", Status: tt.answer.status, Attempts: 1, Message: tt.message}
			if tasks[0] != want {
				t.Errorf("task\n got %+v\nwant %+v", tasks[0], want)
			}
			if te.Task != want {
				t.Errorf("TaskError.Task %+v, want the org's task", te.Task)
			}
			if au.SCIMID != "" || au.Active || !au.Assigned {
				t.Errorf("app user %+v, want assigned but not provisioned", au)
			}
		})
	}
}

// TestLookupReactions covers the answers to the userName lookup (§2.2).
func TestLookupReactions(t *testing.T) {
	const prefix = "Automatic provisioning of user alice@example.com to app Zinc failed: Error while verifying if user Alice Smith exists: "
	tests := []struct {
		name    string
		answers []answer
		kinds   []string
		message string
	}{
		{name: "200 empty creates", answers: []answer{ok(emptyList), created(aliceCreated)}, kinds: []string{"lookup-user", "create-user"}},
		{name: "404 counts as not found", answers: []answer{withBody(404, fmt.Sprintf(scimError, "User not found", 404)), created(aliceCreated)},
			kinds: []string{"lookup-user", "create-user"}},
		{name: "404 in HTML counts as not found", answers: []answer{withBody(404, "<h1>Not Found</h1>"), created(aliceCreated)},
			kinds: []string{"lookup-user", "create-user"}},
		{name: "lower-case members are read", answers: []answer{ok(`{"totalresults":1,"resources":[{"id":"2819c223"}]}`), ok(aliceSCIM), ok(aliceSCIM)},
			kinds: []string{"lookup-user", "get-user", "put-user"}},
		{name: "401", answers: []answer{withBody(401, fmt.Sprintf(scimError, "Invalid SCIM token", 401))}, kinds: []string{"lookup-user"},
			message: prefix + "Unauthorized. Errors reported by remote server: Invalid SCIM token"},
		{name: "totalResults as a string", answers: []answer{ok(`{"totalResults":"0","startIndex":1,"itemsPerPage":0,"Resources":[]}`)}, kinds: []string{"lookup-user"},
			message: prefix + `list response: totalResults: expected a non-negative integer, got "0"`},
		{name: "startIndex as a string", answers: []answer{ok(`{"totalResults":0,"startIndex":"1","itemsPerPage":0,"Resources":[]}`)}, kinds: []string{"lookup-user"},
			message: prefix + `list response: startIndex: expected a non-negative integer, got "1"`},
		{name: "no totalResults", answers: []answer{ok(`{"Resources":[]}`)}, kinds: []string{"lookup-user"},
			message: prefix + "list response: totalResults: expected an integer, got nothing"},
		{name: "a count without resources", answers: []answer{ok(`{"totalResults":1,"Resources":[]}`)}, kinds: []string{"lookup-user"},
			message: prefix + "totalResults is 1 but Resources is empty"},
		{name: "a resource without id", answers: []answer{ok(`{"totalResults":1,"Resources":[{"userName":"alice@example.com"}]}`)}, kinds: []string{"lookup-user"},
			message: prefix + "Resources[0] has no id"},
		{name: "200 in plain text", answers: []answer{ok("OK")}, kinds: []string{"lookup-user"},
			message: prefix + "Invalid JSON: Unrecognized token 'OK'" + jacksonExpecting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := newTestOrg(t, OIN)
			mustAddUser(t, o, alice)
			o.fake.queue(tt.answers...)
			err := o.Assign(context.Background(), alice.Login)
			o.fake.requests()
			if got := kinds(o.Org); !reflect.DeepEqual(got, tt.kinds) {
				t.Errorf("kinds %v, want %v", got, tt.kinds)
			}
			if tt.message == "" {
				if err != nil {
					t.Fatalf("Assign: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Assign: no error")
			}
			if tasks := o.Tasks(); len(tasks) != 1 || tasks[0].Message != tt.message || tasks[0].Kind != "lookup-user" {
				t.Errorf("tasks %+v\nwant one lookup-user task %q", tasks, tt.message)
			}
		})
	}
}

// TestRetryAfter covers Okta's 429 policy (docs/okta-protocol.md §8.3): Retry-After
// seconds first (5 minutes when absent or not an integer), then doubling, at
// most 10 attempts; the waits go through the injected sleeper.
func TestRetryAfter(t *testing.T) {
	tooMany := func(retryAfter string) answer {
		a := withBody(429, fmt.Sprintf(scimError, "Too many requests", 429))
		if retryAfter != "" {
			a.header = http.Header{"Retry-After": {retryAfter}}
		}
		return a
	}
	repeat := func(n int, a answer) []answer {
		as := make([]answer, n)
		for i := range as {
			as[i] = a
		}
		return as
	}
	m := time.Minute
	tests := []struct {
		name        string
		maxAttempts int
		lookup      []answer // answers to the lookup, the last one final
		waits       []time.Duration
		failed      bool
	}{
		{name: "Retry-After seconds", lookup: []answer{tooMany("7"), ok(emptyList)}, waits: []time.Duration{7 * time.Second}},
		{name: "doubling, later Retry-After ignored", lookup: []answer{tooMany("7"), tooMany("30"), tooMany("1"), ok(emptyList)},
			waits: []time.Duration{7 * time.Second, 14 * time.Second, 28 * time.Second}},
		{name: "absent", lookup: []answer{tooMany(""), tooMany(""), ok(emptyList)}, waits: []time.Duration{5 * m, 10 * m}},
		{name: "HTTP date", lookup: []answer{tooMany("Wed, 21 Oct 2026 07:28:00 GMT"), ok(emptyList)}, waits: []time.Duration{5 * m}},
		{name: "fraction", lookup: []answer{tooMany("1.5"), ok(emptyList)}, waits: []time.Duration{5 * m}},
		{name: "negative", lookup: []answer{tooMany("-3"), ok(emptyList)}, waits: []time.Duration{5 * m}},
		{name: "zero", lookup: []answer{tooMany("0"), tooMany("0"), ok(emptyList)}, waits: []time.Duration{0, 0}},
		{name: "give up after 10 attempts", lookup: repeat(10, tooMany("")), failed: true,
			waits: []time.Duration{5 * m, 10 * m, 20 * m, 40 * m, 80 * m, 160 * m, 320 * m, 640 * m, 1280 * m}},
		{name: "give up after a configured 3", maxAttempts: 3, lookup: repeat(3, tooMany("2")), failed: true,
			waits: []time.Duration{2 * time.Second, 4 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := newTestOrg(t, OIN, func(c *Config) { c.MaxAttempts = tt.maxAttempts })
			mustAddUser(t, o, alice)
			o.fake.queue(tt.lookup...)
			if !tt.failed {
				o.fake.queue(created(aliceCreated))
			}
			err := o.Assign(context.Background(), alice.Login)
			o.fake.requests()
			if got := o.sleeps(); !reflect.DeepEqual(got, tt.waits) {
				t.Errorf("waits %v, want %v", got, tt.waits)
			}
			var attempts []int
			for _, e := range o.Transcript() {
				if e.Kind == "lookup-user" {
					attempts = append(attempts, e.Attempt)
				}
			}
			if len(attempts) != len(tt.lookup) || attempts[len(attempts)-1] != len(tt.lookup) {
				t.Errorf("lookup attempts %v, want 1..%d", attempts, len(tt.lookup))
			}
			if !tt.failed {
				if err != nil {
					t.Fatalf("Assign: %v", err)
				}
				return
			}
			tasks := o.Tasks()
			want := "Automatic provisioning of user alice@example.com to app Zinc failed: Error while verifying if user Alice Smith exists: Too Many Requests. Errors reported by remote server: Too many requests"
			if err == nil || len(tasks) != 1 || tasks[0].Message != want || tasks[0].Attempts != len(tt.lookup) || tasks[0].Status != 429 {
				t.Errorf("error %v, tasks %+v\nwant one task %q after %d attempts", err, tasks, want, len(tt.lookup))
			}
		})
	}
}

// TestRetryWaitCancelled: a sleeper that gives up stops the operation
// without a task (the caller cancelled, not the server failed).
func TestRetryWaitCancelled(t *testing.T) {
	o := newTestOrg(t, OIN, func(c *Config) {
		c.Sleep = func(context.Context, time.Duration) error { return context.Canceled }
	})
	mustAddUser(t, o, alice)
	o.fake.queue(status(429))
	err := o.Assign(context.Background(), alice.Login)
	o.fake.requests()
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if len(o.Tasks()) != 0 {
		t.Errorf("tasks %+v, want none", o.Tasks())
	}
}

// TestTimeout: an answer that does not come within the timeout fails the
// operation without a retry. The fake answers as the attempt's deadline
// running out does, at once: the test waits on no clock.
func TestTimeout(t *testing.T) {
	o := newTestOrg(t, OIN) // Okta's 60 s: no answer of the fake comes near it
	mustAddUser(t, o, alice)
	o.fake.queue(ok(emptyList), answer{timeout: true})
	err := o.Assign(context.Background(), alice.Login)
	if n := len(o.fake.requests()); n != 2 {
		t.Errorf("sent %d requests, want 2 (no retry after a timeout)", n)
	}
	var te *TaskError
	if !errors.As(err, &te) {
		t.Fatalf("error %v, want a *TaskError", err)
	}
	want := "Automatic provisioning of user alice@example.com to app Zinc failed: Error while creating user Alice Smith: Read timed out"
	if te.Task.Message != want || te.Task.Status != 0 || te.Task.Kind != "create-user" || te.Task.Attempts != 1 {
		t.Errorf("task %+v\nwant status 0 and %q", te.Task, want)
	}
	if !strings.Contains(err.Error(), "got no answer: timeout after 1m0s") {
		t.Errorf("error %q does not say it timed out", err)
	}
	tr := o.Transcript()
	if last := tr[len(tr)-1]; last.Status != 0 || last.Err != "timeout after 1m0s" {
		t.Errorf("last exchange status %d err %q, want 0 and the timeout", last.Status, last.Err)
	}
}

// TestCallerCancel: a context cancelled by the caller is not Okta's timeout:
// no task.
func TestCallerCancel(t *testing.T) {
	o := newTestOrg(t, OIN)
	mustAddUser(t, o, alice)
	ctx, cancel := context.WithCancel(context.Background())
	arrived := make(chan struct{})
	o.fake.queue(answer{block: true, arrived: arrived})
	go func() {
		<-arrived // cancel while the request waits for its answer
		cancel()
	}()
	err := o.Assign(ctx, alice.Login)
	o.fake.requests()
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if len(o.Tasks()) != 0 {
		t.Errorf("tasks %+v, want none", o.Tasks())
	}
}

// TestWriteReactions covers the answers to PATCH, PUT and DELETE: any 2xx
// is accepted, a 200 body must be JSON (docs/okta-protocol.md §5.1, §7.5, §7.6).
func TestWriteReactions(t *testing.T) {
	const groupPrefix = "Push of group Eng to app Zinc failed: Error while updating group Eng: "
	tests := []struct {
		name    string
		profile Profile
		act     func(ctx context.Context, o *testOrg) error
		answers []answer
		message string
	}{
		{name: "group PATCH 200 with the group", act: pushNow, answers: []answer{ok(engSCIM), ok(engSCIM)}},
		{name: "group PATCH 200 with members null", act: pushNow, answers: []answer{ok(`{"id":"abf4dd94","displayName":"Eng","members":null}`), ok(`{"id":"abf4dd94","displayName":"Eng","members":null}`)}},
		{name: "group PATCH 204", act: pushNow, answers: []answer{status(204), status(204)}},
		{name: "group PATCH 200 without a body", act: pushNow, answers: []answer{status(200), status(200)}},
		{name: "group PATCH 200 in plain text", act: pushNow, answers: []answer{ok("OK")},
			message: groupPrefix + "Invalid JSON: Unrecognized token 'OK'" + jacksonExpecting},
		{name: "group PATCH 400", act: pushNow, answers: []answer{withBody(400, fmt.Sprintf(scimError, "Unsupported operation", 400))},
			message: groupPrefix + "Bad Request. Errors reported by remote server: Unsupported operation"},
		{name: "group GET 404 before the AIW PUT", profile: AIW, act: pushNow, answers: []answer{withBody(404, fmt.Sprintf(scimError, "Group not found", 404))},
			message: groupPrefix + "Not Found. Errors reported by remote server: Group not found"},
		{name: "group PUT 200", profile: AIW, act: pushNow, answers: []answer{ok(engSCIM), ok(engSCIM)}},
		{name: "group DELETE 200", act: unlinkDelete, answers: []answer{ok(`{}`)}},
		{name: "group DELETE 404", act: unlinkDelete, answers: []answer{withBody(404, fmt.Sprintf(scimError, "Group not found", 404))},
			message: "Push of group Eng to app Zinc failed: Error while deleting group Eng: Not Found. Errors reported by remote server: Group not found"},
		{name: "user PATCH 200 with the user", act: unassign, answers: []answer{ok(aliceSCIM)}},
		{name: "user PATCH 204", act: unassign, answers: []answer{status(204)}},
		{name: "user PATCH 500", act: unassign, answers: []answer{withBody(500, fmt.Sprintf(scimError, "boom", 500))},
			message: "Automatic deactivation of user alice@example.com in app Zinc failed: Error while deactivating user Alice Smith: Internal Server Error. Errors reported by remote server: boom"},
		{name: "user PUT 409", profile: AIW, act: updateAlice, answers: []answer{ok(aliceSCIM), withBody(409, fmt.Sprintf(scimError, "userName is immutable", 409))},
			message: "Automatic profile push of user alice@example.com to app Zinc failed: Error while updating user Alicia Smith: Conflict. Errors reported by remote server: userName is immutable"},
		{name: "user GET answers an array", profile: AIW, act: updateAlice, answers: []answer{ok(`[]`)},
			message: "Automatic profile push of user alice@example.com to app Zinc failed: Error while updating user Alicia Smith: json: cannot unmarshal array into Go value of type map[string]interface {}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := newTestOrg(t, tt.profile)
			pushEng(t, o)
			o.fake.queue(tt.answers...)
			err := tt.act(context.Background(), o)
			o.fake.requests()
			if tt.message == "" {
				if err != nil {
					t.Fatalf("action: %v", err)
				}
				return
			}
			if tasks := o.Tasks(); err == nil || len(tasks) != 1 || tasks[0].Message != tt.message {
				t.Errorf("error %v, tasks %+v\nwant one task %q", err, tasks, tt.message)
			}
		})
	}
}

func pushNow(ctx context.Context, o *testOrg) error { return o.PushNow(ctx, "Eng") }
func unlinkDelete(ctx context.Context, o *testOrg) error {
	return o.UnlinkGroup(ctx, "Eng", DeleteInApp)
}
func unassign(ctx context.Context, o *testOrg) error { return o.Unassign(ctx, alice.Login) }

// TestCompressedAnswers: Okta asks for gzip or deflate, so the org decodes
// both (net/http does not once Accept-Encoding is set).
func TestCompressedAnswers(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	zl := func(s string) []byte {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	raw := func(s string) []byte {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, flate.DefaultCompression)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for _, tt := range []struct {
		encoding string
		body     []byte
	}{{"gzip", gz(aliceList)}, {"deflate", zl(aliceList)}, {"deflate", raw(aliceList)}} {
		t.Run(tt.encoding, func(t *testing.T) {
			o := newTestOrg(t, OIN)
			mustAddUser(t, o, alice)
			o.fake.queue(answer{status: 200, body: string(tt.body), header: http.Header{"Content-Encoding": {tt.encoding}}},
				ok(aliceSCIM), ok(aliceSCIM))
			if err := o.Assign(context.Background(), alice.Login); err != nil {
				t.Fatalf("Assign: %v", err)
			}
			o.fake.requests()
			if got := string(o.Transcript()[0].ResponseBody); got != aliceList {
				t.Errorf("transcript body %q, want the decoded list", got)
			}
			if au, _ := o.AppUser(alice.Login); au.SCIMID != "2819c223" {
				t.Errorf("link %q, want 2819c223", au.SCIMID)
			}
		})
	}
}

// TestTimeoutAfterRetry: a timeout on a later attempt is a task that counts
// the attempts made.
func TestTimeoutAfterRetry(t *testing.T) {
	o := newTestOrg(t, OIN)
	mustAddUser(t, o, alice)
	o.fake.queue(withBody(429, ""), answer{timeout: true})
	err := o.Assign(context.Background(), alice.Login)
	o.fake.requests()
	var te *TaskError
	if !errors.As(err, &te) || te.Task.Attempts != 2 || te.Task.Status != 0 || te.Task.Kind != "lookup-user" {
		t.Fatalf("error %v, want a lookup-user task after 2 attempts", err)
	}
	if got := o.sleeps(); len(got) != 1 || got[0] != 5*time.Minute {
		t.Errorf("waits %v, want [5m]", got)
	}
}
