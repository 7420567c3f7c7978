package wire

import (
	"errors"
	"os"
	"strings"
	"testing"
)

const harTwo = `{"log":{"version":"1.2","creator":{"name":"proxy"},"entries":[
{"request":{"method":"GET","url":"https://app.example.com/scim/v2/Users?filter=userName%20eq%20%22a%40example.com%22&startIndex=1&count=100","headers":[{"name":"User-Agent","value":"Okta SCIM Client 1.0.0"},{"name":":authority","value":"app.example.com"}]},
 "response":{"status":200,"headers":[],"content":{"mimeType":"application/scim+json","text":"{\"totalResults\":0,\"Resources\":[]}"}}},
{"request":{"method":"POST","url":"https://app.example.com/scim/v2/Users","headers":[{"name":"User-Agent","value":"Okta SCIM Client 1.0.0"}],"postData":{"mimeType":"application/scim+json; charset=utf-8","text":"{\"userName\":\"a@example.com\"}"}},
 "response":{"status":201,"headers":[],"content":{"mimeType":"application/scim+json","encoding":"base64","text":"eyJpZCI6IjEifQ=="}}}
]}}`

// TestRead reads each format and refuses what is not a capture with an
// error that says why; entries it cannot use are named, not dropped.
func TestRead(t *testing.T) {
	tests := []struct {
		name, in  string
		lim       Limits
		format    string
		exchanges int
		problems  []string // each a substring of one problem, in order
		err       string   // a substring of the error
	}{
		{name: "HAR", in: harTwo, format: "har", exchanges: 2},
		{name: "truncated HAR", in: harTwo[:len(harTwo)/2], err: "the HAR file is truncated"},
		{name: "HAR cut after its first entry", in: harTwo[:strings.Index(harTwo, `{"request":{"method":"POST"`)], err: "after 1 complete entries"},
		{name: "HAR without entries", in: `{"log":{"version":"1.2"}}`, err: "no log.entries"},
		{name: "HAR with an entry that is not one", in: `{"log":{"entries":[{"request":"GET /"},{"request":{"method":"GET","url":"https://a/scim/v2/Users"}}]}}`,
			format: "har", exchanges: 1, problems: []string{"entry 1: not a HAR entry"}},
		{name: "HAR entry with a bad method", in: `{"log":{"entries":[{"request":{"method":"BREW","url":"https://a/scim/v2/Users"}},{"request":{"method":"GET","url":"https://a/scim/v2/Users"}}]}}`,
			format: "har", exchanges: 1, problems: []string{`entry 1: method "BREW"`}},
		{name: "JSON lines", in: `{"method":"GET","url":"https://a/scim/v2/Users/1","requestHeaders":{"User-Agent":["Okta SCIM Client 1.0.0"]},"status":200,"responseBody":"{}"}
{"session":"s","method":"PUT","url":"https://a/scim/v2/Users/1","requestHeaders":{"Content-Type":"application/scim+json"},"requestBody":"{}","status":200}

{"method":"GET"}
not json
`, format: "jsonl", exchanges: 2, problems: []string{"line 4: no URL", "line 5: not a JSON object"}},
		{name: "access log", in: `2026-12-05T10:00:00+00:00 "POST /scim/v2/Users HTTP/1.1" 201 "application/scim+json; charset=utf-8" "Okta SCIM Client 1.0.0" "{\"userName\":\"a@example.com\",\"name\":{\"givenName\":\"A\"}}" "{\"id\":\"1\"}"
2026-12-05T10:00:01+00:00 "GET /scim/v2/Users/1 HTTP/1.1" 200 "-" "Okta SCIM Client 1.0.0" "-"
2026-12-05T10:00:02+00:00 "GET /scim/v2/Users/1 HTTP/1.1" 200 "-" "Okta SCIM Client 1.0.0"
`, format: "access-log", exchanges: 2, problems: []string{"line 3: 2 quoted fields"}},
		{name: "empty", in: " \n ", err: "empty"},
		{name: "text", in: "hello\nworld\n", err: "not a capture in a known format"},
		{name: "a JSON array", in: `[{"method":"GET"}]`, err: "not a capture in a known format"},
		{name: "too large", in: harTwo, lim: Limits{MaxBytes: 100}, err: "capture too large"},
		{name: "too many exchanges", in: harTwo, lim: Limits{MaxExchanges: 1}, err: "more than 1 exchanges"},
		{name: "bodies over the limit", in: harTwo, lim: Limits{MaxBody: 10}, format: "har", exchanges: 0,
			problems: []string{"entry 1: response body: larger than 10 bytes", "entry 2: request body: larger than 10 bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Read(strings.NewReader(tt.in), tt.lim)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Read: %v, want an error containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if c.Format != tt.format || len(c.Exchanges) != tt.exchanges || len(c.Problems) != len(tt.problems) {
				t.Fatalf("format %s, %d exchanges, problems %v; want %s, %d, %v", c.Format, len(c.Exchanges), c.Problems, tt.format, tt.exchanges, tt.problems)
			}
			for i, p := range tt.problems {
				if !strings.Contains(c.Problems[i].String(), p) {
					t.Errorf("problem %d %q, want it to contain %q", i, c.Problems[i], p)
				}
			}
		})
	}
	var tl *TooLargeError
	if _, err := Read(strings.NewReader(harTwo), Limits{MaxBytes: 10}); !errors.As(err, &tl) {
		t.Errorf("a capture over MaxBytes: %v, want a *TooLargeError", err)
	}
}

// TestReadKeepsWhatItReads checks the fields of each format.
func TestReadKeepsWhatItReads(t *testing.T) {
	c, err := Read(strings.NewReader(harTwo), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	x := c.Exchanges[1]
	if x.Entry != "entry 2" || x.Method != "POST" || string(x.Body) != `{"userName":"a@example.com"}` || x.Status != 201 ||
		string(x.ResponseBody) != `{"id":"1"}` || x.Header.Get("Content-Type") != "application/scim+json; charset=utf-8" {
		t.Errorf("HAR entry 2: %+v", x)
	}
	if c.Exchanges[0].Header.Get(":authority") != "" {
		t.Error("an HTTP/2 pseudo-header was kept")
	}
	c, err = Read(strings.NewReader(`2026-12-05T10:00:00Z "PATCH /scim/v2/Groups/g%201 HTTP/1.1" 204 "application/scim+json" "Okta SCIM Client 1.0.0" "{\"a\":\"\u00e9\n\x41\"}" ""`+"\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	x = c.Exchanges[0]
	if x.URL != "/scim/v2/Groups/g%201" || string(x.Body) != "{\"a\":\"é\nA\"}" || !x.HasResponseBody || len(x.ResponseBody) != 0 {
		t.Errorf("access-log line: %+v body %q", x, x.Body)
	}
	if r := Classify(&x); r.Kind != "patch-group" || r.ID != "g 1" || r.Base != "/scim/v2" || !r.Okta {
		t.Errorf("Classify: %+v", r)
	}
}

// FuzzRead: any input gives a capture or an error, never a panic, and every
// exchange Read returns is a request with a method and a URL.
func FuzzRead(f *testing.F) {
	for _, s := range []string{harTwo, harTwo[:200], `{"method":"GET","url":"https://a/scim/v2/Users"}`,
		`2026-12-05T10:00:00Z "GET /scim/v2/Users HTTP/1.1" 200 "-" "Okta SCIM Client 1.0.0" "-"`, `{"log":{"entries":[{}]}}`} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("testdata/okta-docs.har"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Read(strings.NewReader(string(data)), Limits{MaxBytes: 1 << 20, MaxBody: 64 << 10, MaxExchanges: 1000})
		if err != nil {
			if c != nil {
				t.Fatal("a capture and an error")
			}
			return
		}
		for _, x := range c.Exchanges {
			if !validMethod(x.Method) || x.URL == "" || x.Header == nil || x.Entry == "" {
				t.Fatalf("exchange %+v", x)
			}
			r := Classify(&x)
			_ = r
		}
		for _, p := range c.Problems {
			if p.Entry == "" || p.Reason == "" {
				t.Fatalf("problem %+v", p)
			}
		}
		if len(c.Exchanges) > 0 && len(c.Exchanges) <= 10 {
			_, _ = Compare(c)
		}
	})
}
