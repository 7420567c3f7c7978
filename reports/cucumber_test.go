package reports_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reports"
)

// cuke builds a one-feature, one-scenario cucumber JSON document whose steps
// have the given statuses; a status "failed:msg" carries an error message.
func cuke(steps ...string) string {
	var ss []string
	for i, st := range steps {
		status, msg, _ := strings.Cut(st, ":")
		res := fmt.Sprintf(`{"status":%q`, status)
		if msg != "" {
			res += fmt.Sprintf(`,"error_message":%q`, msg)
		}
		if status == "passed" || status == "failed" {
			res += `,"duration":1000000`
		}
		ss = append(ss, fmt.Sprintf(`{"keyword":"Given ","name":"step %d","line":%d,"match":{"location":"x.go:1"},"result":%s}}`, i+1, i+4, res))
	}
	return `[{"uri":"features/a.feature","id":"a","keyword":"Feature","name":"A","line":1,"elements":[` +
		`{"id":"a;s","keyword":"Scenario","name":"S","line":3,"type":"scenario","tags":[{"name":"@ZN-01","line":2}],"steps":[` +
		strings.Join(ss, ",") + `]}]}]`
}

func TestFromCucumberStatus(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		steps []string
		want  reports.Status
	}{
		"all passed":                  {[]string{"passed", "passed"}, reports.Passed},
		"skipped by ErrSkip":          {[]string{"passed", "skipped", "skipped"}, reports.Skipped},
		"failed, rest skipped":        {[]string{"passed", "failed:boom", "skipped"}, reports.Failed},
		"undefined":                   {[]string{"passed", "undefined", "skipped"}, reports.Failed},
		"pending":                     {[]string{"pending", "skipped"}, reports.Failed},
		"ambiguous":                   {[]string{"ambiguous"}, reports.Failed},
		"unknown status is a failure": {[]string{"passed", "exploded"}, reports.Failed},
		"no steps":                    {nil, reports.Failed},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := reports.FromCucumber(strings.NewReader(cuke(tt.steps...)))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Status != tt.want {
				t.Fatalf("got %+v, want one scenario with status %q", got, tt.want)
			}
		})
	}
}

func TestFromCucumberFields(t *testing.T) {
	t.Parallel()
	got, err := reports.FromCucumber(strings.NewReader(cuke("passed", "failed:expected 400, got 200")))
	if err != nil {
		t.Fatal(err)
	}
	s := got[0]
	if s.Feature != "A" || s.Name != "S" || s.URI != "features/a.feature" || s.Line != 3 || strings.Join(s.Tags, " ") != "@ZN-01" {
		t.Errorf("scenario: got %+v", s)
	}
	if s.Duration != 2_000_000 || s.Steps[1].Error != "expected 400, got 200" || s.Steps[1].Keyword != "Given " || s.Steps[1].Text != "step 2" {
		t.Errorf("steps: got duration %v, %+v", s.Duration, s.Steps)
	}
}

func TestFromCucumberEmbeddings(t *testing.T) {
	t.Parallel()
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	x, _ := json.Marshal(reports.Exchange{Method: "GET", URL: "http://t/scim/v2/Users", Status: 200})
	doc := `[{"uri":"f","name":"F","elements":[{"name":"S","line":2,"type":"scenario","steps":[` +
		`{"keyword":"Given ","name":"x","result":{"status":"passed"},"embeddings":[` +
		`{"name":"ex","mime_type":"application/vnd.scimharness.exchange+json; charset=utf-8","data":"` + b64(string(x)) + `"},` +
		`{"name":"bad","mime_type":"application/vnd.scimharness.exchange+json","data":"` + b64("not json") + `"},` +
		`{"name":"note","mime_type":"text/plain","data":"` + b64("hello") + `"}]},` +
		`{"keyword":"When ","name":"y","result":{"status":"skipped"},"embeddings":[` +
		`{"name":"r","mime_type":"text/vnd.scimharness.skip-reason","data":"` + b64(" No admin API. \n") + `"}]}]}]}]`
	got, err := reports.FromCucumber(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	s := got[0]
	if s.Status != reports.Skipped || s.Reason != "No admin API." {
		t.Errorf("got status %q, reason %q", s.Status, s.Reason)
	}
	st := s.Steps[0]
	if len(st.Exchanges) != 1 || st.Exchanges[0].URL != "http://t/scim/v2/Users" || st.Exchanges[0].Status != 200 {
		t.Errorf("exchanges: got %+v", st.Exchanges)
	}
	if len(st.Attachments) != 2 || string(st.Attachments[0].Data) != "not json" || st.Attachments[1].Name != "note" || string(st.Attachments[1].Data) != "hello" {
		t.Errorf("attachments: got %+v (an exchange that is not JSON is kept as an attachment)", st.Attachments)
	}
}

func TestFromCucumberErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ in, want string }{
		"not JSON":         {`<html>`, "read cucumber json: invalid character"},
		"an object":        {`{"uri":"f"}`, "read cucumber json: json: cannot unmarshal object"},
		"trailing data":    {`[] []`, "unexpected data after the list of features"},
		"truncated":        {`[{"uri":"f","elements":[`, "read cucumber json: unexpected EOF"},
		"bad base64":       {`[{"uri":"f","elements":[{"name":"S","steps":[{"result":{"status":"passed"},"embeddings":[{"mime_type":"text/plain","data":"%%%"}]}]}]}]`, "feature 0 (f), scenario 0 (S): step 0, embedding 0 (text/plain): data is not base64"},
		"wrong field type": {`[{"uri":"f","elements":[{"name":"S","line":"three"}]}]`, "cannot unmarshal string"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := reports.FromCucumber(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, %v; want an error containing %q", got, err, tt.want)
			}
		})
	}
}

func TestFromCucumberEmpty(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"[]", "null", "[]\n"} {
		got, err := reports.FromCucumber(strings.NewReader(in))
		if err != nil || len(got) != 0 {
			t.Errorf("%q: got %v, %v; want no scenarios", in, got, err)
		}
	}
}
