package mockokta

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestImportLendsBriefPagesBodies: a page settled brief lends its body to
// the next page's read (readAll, readAnswer), over a real connection
// with Content-Length; the whole pages (the first two, the last) keep the
// bodies they were sent and every user is imported once, in order, the
// shorter last page and a longer page read into a lent body or not.
func TestImportLendsBriefPagesBodies(t *testing.T) {
	const total = 650 // seven pages, the last of 50
	sent := map[int]string{}
	for p := range 7 {
		start := p*100 + 1
		body := page(total, start, start, min(start+99, total))
		if p == 4 { // longer than the page before: not read into its body
			body = strings.Replace(body, `"Resources"`, `"x":"`+strings.Repeat("y", 500)+`","Resources"`, 1)
		}
		sent[start] = body
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start, _ := strconv.Atoi(r.URL.Query().Get("startIndex"))
		body, ok := sent[start]
		if r.URL.Path != "/scim/v2/Users" || !ok {
			http.Error(w, "no such page", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/scim+json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		io.WriteString(w, body)
	}))
	defer srv.Close()
	o := newTestOrg(t, OIN, func(c *Config) {
		c.BaseURL = srv.URL + "/scim/v2"
		c.Client = srv.Client()
		c.WholeImportPages = 2
	})
	im, err := o.ImportUsers(context.Background())
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if im.Scanned != total || len(im.Resources) != total {
		t.Fatalf("scanned %d, %d resources, want %d", im.Scanned, len(im.Resources), total)
	}
	for i, r := range im.Resources {
		n := i + 1
		if want := (Imported{ID: fmt.Sprintf("id%03d", n), Name: fmt.Sprintf("user%03d@example.com", n), GivenName: "U", FamilyName: fmt.Sprintf("%03d", n), Email: fmt.Sprintf("user%03d@example.com", n)}); r.ID != want.ID || r.Name != want.Name || r.GivenName != want.GivenName || r.FamilyName != want.FamilyName || r.Email != want.Email {
			t.Fatalf("resource %d: %+v, want %+v", i, r, want)
		}
	}
	kinds := ""
	for i, e := range o.Transcript() {
		start := i*100 + 1
		if e.Brief {
			kinds += "b"
			continue
		}
		kinds += "W"
		if got := string(e.ResponseBody); got != sent[start] {
			t.Errorf("page at %d: the transcript holds %.80q..., it was sent %.80q...", start, got, sent[start])
		}
	}
	if kinds != "WWbbbbW" {
		t.Errorf("pages %s, want WWbbbbW (W whole, b brief)", kinds)
	}
}
