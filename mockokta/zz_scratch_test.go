package mockokta

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/reference"
)

func realPage(b *testing.B) []byte {
	srv, err := reference.New(reference.Config{Token: "t"})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 100 {
		un := fmt.Sprintf("scale%07d@example.com", i)
		body := fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":%q,"name":{"givenName":"Given%d","familyName":"Family"},"emails":[{"primary":true,"value":%q,"type":"work"}],"displayName":"Given%d Family","locale":"en-US","externalId":"00u%07d","active":true}`, un, i, un, i, i)
		r := httptest.NewRequest("POST", "/scim/v2/Users", strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer t")
		r.Header.Set("Content-Type", "application/scim+json")
		srv.ServeHTTP(httptest.NewRecorder(), r)
	}
	r := httptest.NewRequest("GET", "/scim/v2/Users?startIndex=1&count=100", nil)
	r.Header.Set("Authorization", "Bearer t")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK {
		b.Fatal(rec.Code)
	}
	os.WriteFile("/tmp/page.json", rec.Body.Bytes(), 0o644)
	return rec.Body.Bytes()
}

func BenchmarkZZParse(b *testing.B) {
	body := realPage(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var page listPage
	for b.Loop() {
		var err error
		page, err = parseListInto(body, DefaultPageResources, &page)
		if err != nil || len(page.resources) != 100 {
			b.Fatal(err)
		}
	}
}

func BenchmarkZZSkip(b *testing.B) {
	body := realPage(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		d := &listDecoder{b: body}
		if _, err := d.skip(); err != nil {
			b.Fatal(err)
		}
	}
}
