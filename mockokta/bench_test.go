package mockokta

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func benchProfile(b *testing.B) *profile {
	p, err := prepareProfile(User{ID: "00ualice0000000000", Login: "alice@example.com", FirstName: "Alice", LastName: "Smith",
		Attributes: map[string]any{"title": "Engineer", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "R&D"}}, EmptyAsString)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkBuildCreateRequest is the hot path of an assignment: Okta's POST
// /Users body and the request with its headers.
func BenchmarkBuildCreateRequest(b *testing.B) {
	p := benchProfile(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c := &call{action: "assign", target: p.Login, kind: "create-user", method: http.MethodPost, path: "/Users",
			body: appendCreateUser(make([]byte, 0, 512), p, "1mz050nq", "en-US")}
		if _, err := newRequest(ctx, c, testBase+c.path, "Bearer t"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildLookupRequest is the other request of every assignment.
func BenchmarkBuildLookupRequest(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c := &call{kind: "lookup-user", method: http.MethodGet, path: "/Users", query: filterQuery("userName", "alice@example.com", SpacesPercent)}
		if _, err := newRequest(ctx, c, testBase+c.path+"?"+c.query, "Bearer t"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCaptureExchange is what the transcript costs per request: the
// redacted copy of headers and bodies, appended to the transcript.
func BenchmarkCaptureExchange(b *testing.B) {
	p := benchProfile(b)
	req, _ := newRequest(context.Background(), &call{method: "POST", body: []byte("{}")}, testBase+"/Users", "Bearer t")
	r := &reply{status: 201, header: http.Header{"Content-Type": {"application/scim+json"}}, body: []byte(aliceSCIM)}
	for _, bc := range []struct {
		name string
		body []byte
	}{
		{"plain", []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com","active":true}`)},
		{"with-password", appendCreateUser(nil, p, "1mz050nq", "en-US")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			o, _ := NewOrg(Config{BaseURL: testBase})
			c := &call{action: "assign", target: p.Login, kind: "create-user", method: "POST", path: "/Users", body: bc.body}
			start := time.Now()
			b.ReportAllocs()
			for b.Loop() {
				o.record(context.Background(), o.capture(c, 1, testBase+"/Users", req.Header, r, start, time.Millisecond, ""))
			}
		})
	}
}

// cannedTransport answers without a network: lookups miss, creates succeed.
type cannedTransport struct{}

func (cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	status, body := 200, emptyList
	if req.Method == http.MethodPost {
		status, body = 201, aliceCreated
	}
	return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

// BenchmarkAssign is one whole assignment (lookup, create) without a
// network, transcript on and off: the client's own cost per user in a load
// run.
func BenchmarkAssign(b *testing.B) {
	for _, keep := range []bool{true, false} {
		name := map[bool]string{true: "transcript", false: "no-transcript"}[keep]
		b.Run(name, func(b *testing.B) {
			o, err := NewOrg(Config{BaseURL: testBase, Client: &http.Client{Transport: cannedTransport{}},
				Auth: Bearer("t"), DiscardTranscript: !keep})
			if err != nil {
				b.Fatal(err)
			}
			u, _ := o.AddUser(User{Login: "alice@example.com", FirstName: "Alice", LastName: "Smith"})
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				o.mu.Lock()
				o.users[u.ID].active = false
				o.mu.Unlock()
				if err := o.Assign(ctx, u.Login); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGroupMembership is the model's cost of one member joining and
// leaving a group of n members (nothing pushed): flat in n, so that Okta's
// own bookkeeping never slows a wave that builds a 50,000-member group.
func BenchmarkGroupMembership(b *testing.B) {
	for _, n := range []int{1000, 50000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			o, err := NewOrg(Config{BaseURL: testBase})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := o.AddGroup("Big"); err != nil {
				b.Fatal(err)
			}
			logins := make([]string, n+1)
			for i := range logins {
				u, err := o.AddUser(User{Login: fmt.Sprintf("user%06d@example.com", i), FirstName: "U", LastName: "Ser"})
				if err != nil {
					b.Fatal(err)
				}
				logins[i] = u.Login
			}
			ctx := context.Background()
			if err := o.AddMembers(ctx, "Big", logins[:n]...); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := o.AddMembers(ctx, "Big", logins[n]); err != nil {
					b.Fatal(err)
				}
				if err := o.RemoveMembers(ctx, "Big", logins[n]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseList is Okta's import reading one page of 100 users as the
// reference server sends them, into the page read before: a big import reads
// a thousand such pages.
func BenchmarkParseList(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":100000,"startIndex":1,"itemsPerPage":100,"Resources":[`)
	for i := range 100 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2f1c9a7e-0000-4000-8000-%012d","userName":"scale%07d@example.com","name":{"givenName":"Given%d","familyName":"Family"},"emails":[{"primary":true,"value":"scale%07d@example.com","type":"work"}],"displayName":"Given%d Family","locale":"en-US","externalId":"00u%07d","active":true,"groups":[],"meta":{"resourceType":"User","created":"2026-12-01T00:00:00Z","lastModified":"2026-12-01T00:00:00Z","location":"http://127.0.0.1:8080/scim/v2/Users/2f1c9a7e-0000-4000-8000-%012d","version":"W/\"1\""}}`, i, i, i, i, i, i, i)
	}
	sb.WriteString(`]}`)
	body := []byte(sb.String())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var page listPage // as an import reads its pages (readAll)
	for b.Loop() {
		var err error
		page, err = parseListInto(body, DefaultPageResources, &page)
		if err != nil || len(page.resources) != 100 {
			b.Fatal(len(page.resources), err)
		}
	}
}

// BenchmarkParseBigGroup is Okta's group import reading a page that holds a
// group of 50,000 members as the reference server sends them (a value and a
// $ref each), and keeping the members' values (ImportGroups): issue 25's big
// target imports it in each scenario that imports groups.
func BenchmarkParseBigGroup(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"9a1c9a7e-0000-4000-8000-000000000001","displayName":"Big Group","members":[`)
	for i := range 50000 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"value":"2f1c9a7e-0000-4000-8000-%012d","$ref":"http://127.0.0.1:8080/scim/v2/Users/2f1c9a7e-0000-4000-8000-%012d"}`, i, i)
	}
	sb.WriteString(`],"meta":{"resourceType":"Group"}}]}`)
	body := []byte(sb.String())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		page, err := parseListInto(body, DefaultPageResources, &listPage{})
		if err != nil || len(page.resources) != 1 {
			b.Fatal(len(page.resources), err)
		}
		im := &Import{}
		im.sized(1)
		for _, r := range page.resources {
			im.add(importedGroup(r))
		}
		if n := len(im.Resources[0].Members); n != 50000 {
			b.Fatalf("%d members", n)
		}
	}
}
