package reports_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/reports"
)

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in, want string
		secrets  []string
	}{
		"secret everywhere":           {in: "token abc123 and abc123", secrets: []string{"abc123"}, want: "token [redacted] and [redacted]"},
		"longer secret first":         {in: "abc123456", secrets: []string{"abc", "abc123456"}, want: "[redacted]"},
		"url-escaped secret":          {in: "?t=a%2Bb%2Fc", secrets: []string{"a+b/c"}, want: "?t=[redacted]"},
		"empty secret ignored":        {in: "nothing to hide", secrets: []string{""}, want: "nothing to hide"},
		"short secret as a value":     {in: "T in HTTP, Token=T, \"T\"", secrets: []string{"T"}, want: "[redacted] in HTTP, Token=[redacted], \"[redacted]\""},
		"bearer header line":          {in: "Authorization: Bearer abc.def", want: "Authorization: Bearer [redacted]"},
		"raw token header line":       {in: "authorization: T0KEN", want: "authorization: [redacted]"},
		"proxy authorization":         {in: "Proxy-Authorization: Basic dXNlcjpwYXNz", want: "Proxy-Authorization: Basic [redacted]"},
		"header map as JSON":          {in: `{"Authorization":["Basic dXNlcjpwYXNz"],"Accept":["application/scim+json"]}`, want: `{"Authorization":["Basic [redacted]"],"Accept":["application/scim+json"]}`},
		"header map inside a string":  {in: `"{\"Authorization\":[\"Bearer xyz\"]}"`, want: `"{\"Authorization\":[\"Bearer [redacted]\"]}"`},
		"cookie":                      {in: "Cookie: a=1; b=2\nnext", want: "Cookie: [redacted]\nnext"},
		"set-cookie":                  {in: "Set-Cookie: sid=42; HttpOnly", want: "Set-Cookie: [redacted]"},
		"password value":              {in: `{"userName":"a","password":"x\"y","active":true}`, want: `{"userName":"a","password":"[redacted]","active":true}`},
		"password any case":           {in: `{"Password" : "hunter2"}`, want: `{"Password" : "[redacted]"}`},
		"newPassword":                 {in: `{"newPassword":"hunter2"}`, want: `{"newPassword":"[redacted]"}`},
		"password in a quoted body":   {in: `body "{\"password\":\"hunter2\"}"`, want: `body "{\"password\":\"[redacted]\"}"`},
		"password in a form":          {in: "grant_type=password&password=hunter2&x=1", want: "grant_type=password&password=[redacted]&x=1"},
		"credentials in a URL":        {in: "GET https://bob:pw@host/scim/v2", want: "GET https://[redacted]@host/scim/v2"},
		"prose about the header":      {in: "the Authorization header is missing", want: "the Authorization header is missing"},
		"a body without secrets":      {in: `{"userName":"ada@example.com","active":true}`, want: `{"userName":"ada@example.com","active":true}`},
		"already redacted stays same": {in: "Authorization: Bearer [redacted]", want: "Authorization: Bearer [redacted]"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := reports.Redact(tt.in, tt.secrets...)
			if got != tt.want {
				t.Errorf("Redact(%q): got %q, want %q", tt.in, got, tt.want)
			}
			if again := reports.Redact(got, tt.secrets...); again != got {
				t.Errorf("Redact is not idempotent: %q became %q", got, again)
			}
		})
	}
}

func TestRedactExchange(t *testing.T) {
	t.Parallel()
	in := reports.Exchange{
		Method: "POST", URL: "https://app.example/scim/v2/Users?access_token=S3CRET",
		RequestHeaders: http.Header{
			"Authorization": {"Bearer S3CRET"},
			"Cookie":        {"session=abc"},
			"Accept":        {"application/scim+json"},
			"X-Echo":        {"S3CRET"},
		},
		RequestBody:     `{"userName":"a@example.com","password":"hunter2"}`,
		ResponseHeaders: http.Header{"Set-Cookie": {"session=def"}},
		ResponseBody:    `{"detail":"token S3CRET is not valid"}`,
		Error:           "dial: S3CRET",
	}
	got := reports.RedactExchange(in, "S3CRET")
	want := reports.Exchange{
		Method: "POST", URL: "https://app.example/scim/v2/Users?access_token=[redacted]",
		RequestHeaders: http.Header{
			"Authorization": {"Bearer [redacted]"},
			"Cookie":        {"[redacted]"},
			"Accept":        {"application/scim+json"},
			"X-Echo":        {"[redacted]"},
		},
		RequestBody:     `{"userName":"a@example.com","password":"[redacted]"}`,
		ResponseHeaders: http.Header{"Set-Cookie": {"[redacted]"}},
		ResponseBody:    `{"detail":"token [redacted] is not valid"}`,
		Error:           "dial: [redacted]",
	}
	if mustJSON(got) != mustJSON(want) {
		t.Errorf("got  %s\nwant %s", mustJSON(got), mustJSON(want))
	}
	if in.RequestHeaders.Get("Authorization") != "Bearer S3CRET" {
		t.Error("RedactExchange changed its argument's headers")
	}
	if reports.RedactExchange(reports.Exchange{}).RequestHeaders != nil {
		t.Error("nil headers became non-nil")
	}
}

// TestNoSecretInAnyReport builds a run whose every part carries a
// distinctive token, or a credential the writers must find on their own,
// writes every report, and looks for each in every escaping.
func TestNoSecretInAnyReport(t *testing.T) {
	t.Parallel()
	const token = `tok-9F3c<&>"'+/=DISTINCTIVE`             // characters that every format escapes differently
	const unlisted = "unlisted-bearer-7d2e9a"               // in Authorization headers only, not in Secrets
	const password = "hunter2-correct-horse-battery-staple" // in "password" JSON values only
	body := `{"userName":"ada@example.com","password":"` + password + `","note":"` + strings.ReplaceAll(token, `"`, `\"`) + `"}`
	x := reports.Exchange{
		Action: "Push new user " + token, Kind: "scim", Method: "POST",
		URL:            "https://app.example/scim/v2/Users?access_token=" + url.QueryEscape(token),
		RequestHeaders: http.Header{"Authorization": {"Bearer " + unlisted}, "X-Token": {token}, "Cookie": {"sid=" + unlisted}},
		RequestBody:    body, Status: 401,
		ResponseHeaders: http.Header{"Www-Authenticate": {`Bearer realm="` + token + `"`}, "Set-Cookie": {"sid=" + unlisted}},
		ResponseBody:    `{"detail":"token ` + strings.ReplaceAll(token, `"`, `\"`) + ` is not valid","password":"` + password + `"}`,
		Duration:        time.Millisecond, Error: "transport: " + token,
	}
	run := reports.Run{
		Harness: "devel", Target: "https://user:" + url.QueryEscape(token) + "@app.example/scim/v2", Profile: "oin",
		Started: time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC), Duration: time.Second,
		Behaviours: []reports.Behaviour{{ID: "ZN-12", Title: "API token required", Provenance: "documented", Sentence: "a token"}},
		Scenarios: []reports.Scenario{
			{
				Feature: "Auth", Name: "Token " + token, URI: "features/auth.feature", Line: 3, Tags: []string{"@ZN-12", "@documented"},
				Status: reports.Failed, Duration: time.Millisecond,
				Steps: []reports.Step{
					{Keyword: "When ", Text: "Okta sends the token " + token, Status: "passed", Exchanges: []reports.Exchange{x},
						Attachments: []reports.Attachment{{Name: "dump", MediaType: "text/plain", Data: []byte("Authorization: Bearer " + unlisted + "\n" + token)}}},
					{Keyword: "Then ", Text: "the response status is 200", Status: "failed",
						Error: "POST /Users: status: expected 200, got 401; sent Authorization: Bearer " + unlisted + " and " + token + `; body {"password":"` + password + `"}`},
				},
			},
			{
				Feature: "Auth", Name: "Skipped", URI: "features/auth.feature", Line: 9, Tags: []string{"@ZN-12"},
				Status: reports.Skipped, Reason: "the admin token " + token + " was refused",
				Steps: []reports.Step{{Keyword: "Given ", Text: "an admin API", Status: "skipped", Exchanges: []reports.Exchange{x}}},
			},
		},
		Logs:    []reports.Log{{Name: "container " + token, Text: "started with --token " + token + "\nAuthorization: Bearer " + unlisted + "\n"}},
		Secrets: []string{token},
	}
	dir := t.TempDir()
	if err := reports.Write(dir, run); err != nil {
		t.Fatal(err)
	}
	forms := func(s string) []string {
		j, _ := json.Marshal(s)
		var x bytes.Buffer
		_ = xml.EscapeText(&x, []byte(s))
		return []string{s, html.EscapeString(s), template.HTMLEscapeString(s), template.JSEscapeString(s),
			strings.Trim(string(j), `"`), x.String(), url.QueryEscape(s), url.PathEscape(s)}
	}
	for name := range writers {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out := string(b)
		for _, secret := range []string{token, unlisted, password} {
			for _, f := range forms(secret) {
				if strings.Contains(out, f) {
					t.Errorf("%s contains the secret %q as %q", name, secret, f)
				}
			}
		}
		if !strings.Contains(out, "[redacted]") {
			t.Errorf("%s shows no [redacted] marker: was anything written at all?", name)
		}
	}
}
