package wire

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func readFile(t *testing.T, path string) *Capture {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := Read(f, Limits{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

// TestCompareOktaDocs compares a capture written from Okta's documented
// examples (testdata/okta-docs.har): every request is as mockokta sends it
// but the DELETE, whose documented sample carries a Content-Type that
// mockokta does not send (docs/okta-protocol.md §1.3).
func TestCompareOktaDocs(t *testing.T) {
	rep, err := Compare(readFile(t, "testdata/okta-docs.har"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 9 || rep.NotCompared() != 0 {
		t.Fatalf("%d results, %d not compared: %+v", len(rep.Results), rep.NotCompared(), rep.Results)
	}
	for _, res := range rep.Results {
		want := 0
		if res.Request.Kind == "delete-group" {
			want = 1
		}
		if len(res.Differences) != want || res.Variant != "" {
			t.Errorf("%s %s: differences %v, variant %q; want %d", res.Request.Kind, res.Request.X.Entry, res.Differences, res.Variant, want)
		}
	}
	del := rep.Results[8].Differences
	if len(del) != 1 || del[0].Field != "header Content-Type" || del[0].Mock != absent {
		t.Errorf("DELETE: %v, want the Content-Type the docs show and mockokta does not send", del)
	}
}

// TestCompareRecording: a recording of the harness's own run (testdata,
// `scimharness run --app none --tags … --record`) holds no difference;
// the scenarios run under a variant are named by it.
func TestCompareRecording(t *testing.T) {
	rep, err := Compare(readFile(t, "testdata/recording.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := rep.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	if rep.Differences() != 0 {
		t.Fatalf("a recording of the harness differs from mockokta:\n%s", out.String())
	}
	variants := map[string]bool{}
	for _, res := range rep.Results {
		variants[res.Variant] = true
	}
	for _, v := range []string{"", "locale-en_US", "locale-unmapped", "query-plus", "full-push-value"} {
		if !variants[v] {
			t.Errorf("no request in the shape of %q:\n%s", v, out.String())
		}
	}
	if len(rep.NotOkta) == 0 || !strings.Contains(out.String(), "not Okta's") {
		t.Errorf("the harness's own requests are not listed as left out:\n%s", out.String())
	}
}

// TestComparePlantedDifferences plants one difference at a time in the
// recording and expects compare to name it.
func TestComparePlantedDifferences(t *testing.T) {
	raw, err := os.ReadFile("testdata/recording.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	tests := []struct {
		name  string
		find  string // a substring of the line to change
		old   string
		new   string
		field string // the difference compare must name
	}{
		{"a member with a type", `"method":"PATCH"`, `\"display\":`, `\"type\":\"User\",\"display\":`, "type"},
		{"the rename in the membership PATCH", `\"op\":\"add\",\"path\":\"members\"`, `\"Operations\":[`, `\"Operations\":[{\"op\":\"replace\",\"value\":{\"displayName\":\"X\"}},`, "body Operations[0]"},
		{"Accept of another media type", `"url":"http://127.0.0.1`, `"Accept":["application/scim+json"]`, `"Accept":["application/json"]`, "header Accept"},
		{"a PUT without groups", `"method":"PUT"`, `\"groups\":[],`, ``, "body groups"},
		{"a create with another locale", `"method":"POST","url":"http://127.0.0.1:`, `\"locale\":\"en-US\"`, `\"locale\":\"fr-FR\"`, "body locale"},
		{"the lookup without count", `filter=userName`, `\u0026count=100`, ``, "query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			planted := append([]string(nil), lines...)
			at := -1
			for i, l := range planted {
				if strings.Contains(l, `"action":"Okta`) && strings.Contains(l, tt.find) && strings.Contains(l, tt.old) {
					planted[i] = strings.Replace(l, tt.old, tt.new, 1)
					at = i
					break
				}
			}
			if at < 0 {
				t.Fatalf("no Okta request in the recording has %s and %s", tt.find, tt.old)
			}
			c, err := Read(strings.NewReader(strings.Join(planted, "\n")), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Compare(c)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Differences() != 1 {
				var out bytes.Buffer
				_ = rep.WriteText(&out)
				t.Fatalf("%d requests differ, want 1:\n%s", rep.Differences(), out.String())
			}
			for _, res := range rep.Results {
				if len(res.Differences) == 0 {
					continue
				}
				if res.Request.X.Entry != c.Exchanges[at].Entry {
					t.Errorf("the difference is at %s, planted at %s", res.Request.X.Entry, c.Exchanges[at].Entry)
				}
				named := false
				for _, d := range res.Differences {
					named = named || strings.Contains(d.Field, tt.field)
				}
				if !named {
					t.Errorf("differences %v: none names %q", res.Differences, tt.field)
				}
			}
		})
	}
}

// TestCompareReportRedacts: no password or token reaches either report.
func TestCompareReportRedacts(t *testing.T) {
	c := readFile(t, "testdata/okta-docs.har")
	c.Exchanges[1].Header.Set("Authorization", "Bearer s3cr3t-TOKEN")
	c.Exchanges[1].Body = bytes.Replace(c.Exchanges[1].Body, []byte(`"password":"1mz050nq"`), []byte(`"password":"Hunter2pass","title":"x"`), 1)
	c.Exchanges[1].Body = bytes.Replace(c.Exchanges[1].Body, []byte(`"type":"work"`), []byte(`"type":"home"`), 1)
	rep, err := Compare(c)
	if err != nil {
		t.Fatal(err)
	}
	var text, html bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "Hunter2") && !strings.Contains(text.String(), "password") {
		t.Fatalf("the report does not show the create at all:\n%s", text.String())
	}
	for name, out := range map[string]string{"text": text.String(), "html": html.String()} {
		if strings.Contains(out, "s3cr3t-TOKEN") || strings.Contains(out, "Hunter2pass") {
			t.Errorf("the %s report shows a secret:\n%s", name, out)
		}
	}
}
