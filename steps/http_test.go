package steps

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"compress/zlib"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/mockokta"
)

// TestResponseLimits checks the read limits of send: a raw body and a gzip
// body that inflates past maxRead are both cut at maxRead, and the failure
// messages say so, not only that the body is not JSON. It sets
// Limits.BodyBytes to 1 MiB, so that each case moves a few MiB, not the
// default's tens (64 MiB bodies cost -race many seconds of CPU);
// TestReadCapDefaults holds the default bounds.
func TestResponseLimits(t *testing.T) {
	const maxRead = 1 << 20 // Limits.BodyBytes here
	const maxListRead = maxRead * listFactor
	huge := bytes.Repeat([]byte("x"), maxRead+1<<20)
	// A ListResponse of a group of 10,000 members, over BodyBytes (SPEC
	// 10's GET /Groups of a big target, which at the default 8 MiB is a
	// group of about 60,000).
	var lb bytes.Buffer
	lb.WriteString(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"Resources":[{"id":"g1","displayName":"Big","members":[`)
	for i := range 10000 {
		if i > 0 {
			lb.WriteByte(',')
		}
		fmt.Fprintf(&lb, `{"value":"2819c223-7f76-453a-919d-%012d","display":"user%07d@example.com","$ref":"https://example.com/scim/v2/Users/2819c223-7f76-453a-919d-%012d"}`, i, i, i)
	}
	lb.WriteString(`]}]}`)
	bigList := lb.Bytes()
	if len(bigList) <= maxRead {
		t.Fatalf("the big list is %d bytes, not over BodyBytes", len(bigList))
	}
	hugeList := bytes.Repeat([]byte("x"), maxListRead+1<<20)
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	for range 2 { // 2 MiB of zeros, about 2 KiB compressed
		if _, err := zw.Write(make([]byte, 1<<20)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	var small bytes.Buffer
	zw = gzip.NewWriter(&small)
	_, _ = zw.Write([]byte(`{"id":"u1"}`))
	_ = zw.Close()
	var deflated bytes.Buffer
	zl := zlib.NewWriter(&deflated)
	_, _ = zl.Write([]byte(`{"id":"u1"}`))
	_ = zl.Close()

	tests := []struct {
		name     string
		encoding string // Content-Encoding
		body     []byte
		wantLen  int
		wantErr  string // on the exchange, in render and in json()'s error
		wantJSON bool
		path     string // default /Users/u1
	}{
		{name: "a raw body over the limit", body: huge, wantLen: maxRead, wantErr: "the response body is larger than 1 MiB"},
		{name: "a gzip bomb", encoding: "gzip", body: bomb.Bytes(), wantLen: maxRead, wantErr: "the decompressed response body is larger than 1 MiB"},
		{name: "a list over the resource cap is read whole", path: "/Groups", body: bigList, wantLen: len(bigList), wantJSON: true},
		{name: "a list over the list cap", path: "/Groups?startIndex=1", body: hugeList, wantLen: maxListRead, wantErr: "the response body is larger than 8 MiB"},
		{name: "a small gzip body", encoding: "gzip", body: small.Bytes(), wantLen: len(`{"id":"u1"}`), wantJSON: true},
		{name: "a deflate body", encoding: "deflate", body: deflated.Bytes(), wantLen: len(`{"id":"u1"}`), wantJSON: true},
		{name: "not gzip after all", encoding: "gzip", body: []byte("plain"), wantLen: 5, wantErr: "is not gzip"},
		{name: "an unknown encoding is kept as it came", encoding: "br", body: []byte(`{"id":"u1"}`), wantLen: len(`{"id":"u1"}`), wantJSON: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.encoding != "" {
					w.Header().Set("Content-Encoding", tt.encoding)
				}
				w.Header().Set("Content-Type", "application/scim+json")
				_, _ = w.Write(tt.body)
			}))
			defer ts.Close()
			s, err := New(Config{BaseURL: ts.URL + "/scim/v2", Token: "T", Limits: mockokta.Limits{BodyBytes: maxRead},
				HTTPClient: &http.Client{Transport: &http.Transport{DisableCompression: true}}})
			if err != nil {
				t.Fatal(err)
			}
			st := &scenario{suite: s}
			path := cmp.Or(tt.path, "/Users/u1")
			x := st.send(context.Background(), "scim", http.MethodGet, ts.URL+"/scim/v2"+path, nil, http.Header{})
			if x.status != http.StatusOK {
				t.Fatalf("status %d (%s)", x.status, x.rec.Error)
			}
			if len(x.respBody) != tt.wantLen {
				t.Errorf("kept %d bytes of the body, want %d", len(x.respBody), tt.wantLen)
			}
			_, jerr := x.json()
			if tt.wantJSON {
				if jerr != nil || x.rec.Error != "" {
					t.Errorf("json() = %v (exchange error %q), want the JSON body", jerr, x.rec.Error)
				}
				return
			}
			if !strings.Contains(x.rec.Error, tt.wantErr) {
				t.Errorf("the exchange's error %q: want %q", x.rec.Error, tt.wantErr)
			}
			if jerr == nil || !strings.Contains(jerr.Error(), tt.wantErr) {
				t.Errorf("json() = %v: want it to say %q", jerr, tt.wantErr)
			}
			if r := render(x.rec, nil); !strings.Contains(r, tt.wantErr) {
				t.Errorf("render does not show %q:\n%.600s", tt.wantErr, r)
			}
		})
	}
}

// TestReadCapDefaults: with the default Limits.BodyBytes (8 MiB), a read of
// a collection (GET /Users or /Groups, with or without a query) is bounded
// at 64 MiB, and any other response, a GET of one resource or a POST's
// answer included, at 8 MiB.
func TestReadCapDefaults(t *testing.T) {
	for _, tc := range []struct {
		method, url string
		want        int
	}{
		{http.MethodGet, "https://app.example/scim/v2/Groups", 64 << 20},
		{http.MethodGet, "https://app.example/scim/v2/Groups?startIndex=1", 64 << 20},
		{http.MethodGet, "https://app.example/scim/v2/Users/?filter=userName%20eq%20%22a%22", 64 << 20},
		{http.MethodGet, "https://app.example/scim/v2/Users/u1", 8 << 20},
		{http.MethodGet, "https://app.example/scim/v2/Schemas", 8 << 20},
		{http.MethodPost, "https://app.example/scim/v2/Users", 8 << 20},
	} {
		if got, bound := readCap(mockokta.DefaultBodyBytes, tc.method, tc.url); got != tc.want {
			t.Errorf("readCap(default, %s %s) = %d (%s), want %d", tc.method, tc.url, got, bound, tc.want)
		}
	}
}
