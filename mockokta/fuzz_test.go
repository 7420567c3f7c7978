package mockokta

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseList: a ListResponse from an untrusted server never panics, and
// parseList reads it as encoding/json does (parseListStd, its reading before
// the one-pass decoder): the same bodies refused, the same counts, resources
// and raw resources accepted, a refused page of too many resources as a
// LimitError in both. Seeds: testdata/fuzz/FuzzParseList.
func FuzzParseList(f *testing.F) {
	f.Add([]byte(emptyList))
	f.Add([]byte(aliceList))
	f.Add([]byte(`{"totalResults":"1","Resources":[{"id":1}]}`))
	for _, c := range listCases {
		f.Add([]byte(c.body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, max := range []int{DefaultPageResources, 1} {
			page, err := parseList(body, max)
			want, wantErr := parseListStd(body, max)
			var le, wantLE *LimitError
			if (err == nil) != (wantErr == nil) || errors.As(err, &le) != errors.As(wantErr, &wantLE) {
				t.Fatalf("parseList(%q, %d): error %v, encoding/json's reading: %v", body, max, err, wantErr)
			}
			if err != nil {
				continue
			}
			if page.total < 0 || !json.Valid(body) {
				t.Fatalf("accepted %q as %+v", body, page)
			}
			if !samePage(page, want) {
				t.Fatalf("parseList(%q, %d) = %+v\nencoding/json's reading: %+v", body, max, page, want)
			}
			// An import reads each page into the slices of the page before.
			prev, err := parseList([]byte(aliceList), DefaultPageResources)
			if err != nil {
				t.Fatal(err)
			}
			again, err := parseListInto(body, max, &prev)
			if err != nil || !samePage(again, want) {
				t.Fatalf("parseListInto(%q, %d) after a page of Alice = %+v, %v\nencoding/json's reading: %+v", body, max, again, err, want)
			}
			// Through a PageCache: decoded, then served.
			c := NewPageCache(0)
			for _, read := range []string{"first", "second"} {
				p, err := parseListCached(body, max, &listPage{}, c)
				if err != nil || !samePage(p, want) {
					t.Fatalf("parseListCached(%q, %d), %s read = %+v, %v\nencoding/json's reading: %+v", body, max, read, p, err, want)
				}
			}
		}
	})
}

// samePage compares two readings of a page; Resources [] and null both read
// as no resources.
func samePage(a, b listPage) bool {
	if a.total != b.total || len(a.resources) != len(b.resources) || len(a.raw) != len(b.raw) {
		return false
	}
	for i := range a.resources {
		if !reflect.DeepEqual(a.resources[i], b.resources[i]) || !bytes.Equal(a.raw[i], b.raw[i]) {
			return false
		}
	}
	return true
}

// parseListStd is parseList as it was with encoding/json: the reading
// FuzzParseList holds the one-pass decoder to.
func parseListStd(body []byte, max int) (listPage, error) {
	var raw struct {
		TotalResults json.RawMessage   `json:"totalResults"`
		StartIndex   json.RawMessage   `json:"startIndex"`
		ItemsPerPage json.RawMessage   `json:"itemsPerPage"`
		Resources    []json.RawMessage `json:"Resources"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return listPage{}, fmt.Errorf("list response: %w", err)
	}
	var page listPage
	var err error
	if page.total, err = jsonInt("totalResults", raw.TotalResults, true); err != nil {
		return listPage{}, err
	}
	if _, err = jsonInt("startIndex", raw.StartIndex, false); err != nil {
		return listPage{}, err
	}
	if _, err = jsonInt("itemsPerPage", raw.ItemsPerPage, false); err != nil {
		return listPage{}, err
	}
	if len(raw.Resources) > max {
		return listPage{}, &LimitError{Bound: "PageResources", What: "too many"}
	}
	page.raw = raw.Resources
	page.resources = make([]resource, len(raw.Resources))
	for i, r := range raw.Resources {
		if err := json.Unmarshal(r, &page.resources[i]); err != nil {
			return listPage{}, fmt.Errorf("list response: Resources[%d]: %w", i, err)
		}
	}
	return page, nil
}

// FuzzRemoteProblem: an error answer from an untrusted server always words
// into a message that starts with the reason phrase. Seeds:
// testdata/fuzz/FuzzRemoteProblem.
func FuzzRemoteProblem(f *testing.F) {
	f.Add(409, []byte(`{"detail":"User already exists"}`))
	f.Add(502, []byte("error code: 502"))
	f.Add(503, []byte("<html>"))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		got := remoteProblem(status, body)
		if got == "" || (strings.TrimSpace(string(body)) != "" && !strings.Contains(got, ". Errors reported by remote server: ")) {
			t.Fatalf("remoteProblem(%d, %q) = %q", status, body, got)
		}
	})
}
