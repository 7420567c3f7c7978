package mockokta

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestQueryEncoding(t *testing.T) {
	tests := []struct{ attr, value, want string }{
		{"userName", "test.user@okta.local", "filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100"},
		{"displayName", "Test SCIMv2", "filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100"},
		{"userName", `o"hara+x&y@example.com`, "filter=userName%20eq%20%22o%5C%22hara%2Bx%26y%40example.com%22&startIndex=1&count=100"},
		{"displayName", "Équipe ~ R&D", "filter=displayName%20eq%20%22%C3%89quipe%20~%20R%26D%22&startIndex=1&count=100"},
	}
	for _, tt := range tests {
		got := filterQuery(tt.attr, tt.value, SpacesPercent)
		if got != tt.want {
			t.Errorf("filterQuery(%q) = %s, want %s", tt.value, got, tt.want)
		}
		// A server decoding the query gets the filter back.
		q, err := url.ParseQuery(got)
		if err != nil || q.Get("filter") != tt.attr+` eq "`+escapeFilter(tt.value)+`"` {
			t.Errorf("%s decodes to %q (%v)", got, q.Get("filter"), err)
		}
	}
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "tab\tnl\ncr\r\x00\x1f", "<&>", "é€😀", "bad\xffutf8", "\u2028"} {
		got := appendString(nil, s)
		want, _ := json.Marshal(s)
		var back, wantBack string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("appendString(%q) = %s: not JSON: %v", s, got, err)
		}
		json.Unmarshal(want, &wantBack)
		if back != wantBack {
			t.Errorf("appendString(%q) decodes to %q, want %q", s, back, wantBack)
		}
		if strings.Contains(s, "<") && !strings.Contains(string(got), "<") {
			t.Errorf("appendString(%q) = %s: HTML escaped", s, got)
		}
	}
}

func TestRemoteProblem(t *testing.T) {
	tests := []struct {
		status int
		body   string
		want   string
	}{
		{409, `{"detail":"dup"}`, "Conflict. Errors reported by remote server: dup"},
		{409, `{"detail":42}`, "Conflict. Errors reported by remote server: 42"},
		{500, ``, "Internal Server Error"},
		{500, `{"detail":null,"status":"500"}`, `Internal Server Error. Errors reported by remote server: {"detail":null,"status":"500"}`},
		{599, `x`, "HTTP 599. Errors reported by remote server: Invalid JSON: Unrecognized token 'x'" + jacksonExpecting},
		{400, "\x01", "Bad Request. Errors reported by remote server: Invalid JSON: Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens"},
		{400, `{"detail":`, "Bad Request. Errors reported by remote server: Invalid JSON: malformed JSON: unexpected end of JSON input"},
		{400, "\ufeff{}", "Bad Request. Errors reported by remote server: Invalid JSON: Unexpected character ('\\ufeff' (code 65279)): byte order mark"},
	}
	for _, tt := range tests {
		if got := remoteProblem(tt.status, []byte(tt.body)); got != tt.want {
			t.Errorf("remoteProblem(%d, %q)\n got %s\nwant %s", tt.status, tt.body, got, tt.want)
		}
	}
}

func TestRetryAfterParse(t *testing.T) {
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"120", 2 * time.Minute}, {"", 5 * time.Minute}, {" 5", 5 * time.Minute}, {"1e3", 5 * time.Minute},
		{"99999999999999999999", 5 * time.Minute}, {"9999999999999", maxWait},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.v); got != tt.want {
			t.Errorf("retryAfter(%q) = %s, want %s", tt.v, got, tt.want)
		}
	}
	if double(maxWait/2+1) != maxWait || double(3*time.Second) != 6*time.Second {
		t.Error("double overflows")
	}
}

// TestReadAnswer: the body is read whole, sized by Content-Length when there
// is one; a body shorter than announced is an error.
func TestReadAnswer(t *testing.T) {
	tests := map[string]struct {
		contentLength int64
		body          string
		wantErr       error
	}{
		"announced":                {contentLength: 5, body: "hello"},
		"unknown length":           {contentLength: -1, body: "hello"},
		"empty":                    {contentLength: 0, body: ""},
		"longer than announced":    {contentLength: 2, body: "hello"},
		"shorter than announced":   {contentLength: 9, body: "hello", wantErr: io.ErrUnexpectedEOF},
		"announced over the limit": {contentLength: DefaultBodyBytes + 10, body: "hello"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			resp := &http.Response{ContentLength: tt.contentLength, Body: io.NopCloser(strings.NewReader(tt.body))}
			got, err := readAnswer(resp, DefaultBodyBytes, nil)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if err == nil && string(got) != tt.body {
				t.Errorf("read %q, want %q", got, tt.body)
			}
		})
	}
}
