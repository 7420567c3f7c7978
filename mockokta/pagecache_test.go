package mockokta

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// kept is how many pages c holds.
func (c *PageCache) kept() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pages)
}

// TestPageCacheReadsAsAlone: every page of listCases reads through a cache,
// the first time (decoded) and the second (from the cache), as it reads
// alone: the same resources, raw bytes and total, or the same error.
func TestPageCacheReadsAsAlone(t *testing.T) {
	for _, tc := range listCases {
		t.Run(tc.name, func(t *testing.T) {
			max := tc.max
			if max == 0 {
				max = DefaultPageResources
			}
			body := []byte(tc.body)
			want, wantErr := parseListInto(body, max, nil)
			c := NewPageCache(0)
			for _, read := range []string{"first", "second"} {
				got, err := parseListCached(append([]byte(nil), body...), max, &listPage{}, c)
				if fmt.Sprint(err) != fmt.Sprint(wantErr) {
					t.Fatalf("%s read: error %v, alone %v", read, err, wantErr)
				}
				if err == nil && !samePage(got, want) {
					t.Fatalf("%s read: %+v, alone %+v", read, got, want)
				}
			}
		})
	}
}

// TestPageCacheKeeps: which pages the cache keeps and serves. A page whose
// totalResults changed is served (the members before Resources are read
// anew); a page with anything but its end after Resources, or one that did
// not decode, is not kept; a cache without room keeps nothing and still
// reads right.
func TestPageCacheKeeps(t *testing.T) {
	res := `"Resources":[{"id":"u1","userName":"alice@example.com","active":true},{"id":"u2","userName":"bob@example.com"}]`
	tests := []struct {
		name        string
		bound       int64
		first, then string
		kept        int
		shared      bool // the second read's resources are shared (served or kept)
	}{
		{"the same page", 0, `{"totalResults":2,` + res + `}`, `{"totalResults":2,` + res + `}`, 1, true},
		{"a user more in totalResults", 0, `{"totalResults":2,` + res + `}`, ` {"totalResults":3, "startIndex":1,` + res + "}", 1, true},
		{"Resources not last", 0, `{` + res + `,"totalResults":2}`, `{` + res + `,"totalResults":2}`, 0, false},
		{"a mistyped resource", 0, `{"totalResults":2,"Resources":[{"id":1}]}`, `{"totalResults":2,"Resources":[{"id":1}]}`, 0, false},
		{"another resource", 0, `{"totalResults":2,` + res + `}`, `{"totalResults":2,` + strings.Replace(res, "bob", "rob", 1) + `}`, 2, true},
		{"no room", 1, `{"totalResults":2,` + res + `}`, `{"totalResults":2,` + res + `}`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewPageCache(tt.bound)
			var got [2]listPage
			for i, body := range []string{tt.first, tt.then} {
				p, err := parseListCached([]byte(body), DefaultPageResources, &listPage{}, c)
				want, wantErr := parseListInto([]byte(body), DefaultPageResources, nil)
				if fmt.Sprint(err) != fmt.Sprint(wantErr) || err == nil && !samePage(p, want) {
					t.Fatalf("read %d: %+v, %v; alone %+v, %v", i+1, p, err, want, wantErr)
				}
				got[i] = p
			}
			if n := c.kept(); n != tt.kept {
				t.Errorf("%d pages kept, want %d", n, tt.kept)
			}
			if got[1].shared != tt.shared {
				t.Errorf("second read shared %v, want %v", got[1].shared, tt.shared)
			}
			if tt.bound > 0 && c.held > tt.bound {
				t.Errorf("holds %d bytes, bound %d", c.held, tt.bound)
			}
		})
	}
}

// TestPageCacheConcurrent: orgs reading the same page at once all read it
// right, and it is kept once (run with -race).
func TestPageCacheConcurrent(t *testing.T) {
	body := page(250, 1, 1, 100)
	want, err := parseListInto([]byte(body), DefaultPageResources, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := NewPageCache(0)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			room := &listPage{}
			for range 20 {
				p, err := parseListCached([]byte(body), DefaultPageResources, room, c)
				if err != nil || !samePage(p, want) {
					errs <- fmt.Errorf("read %+v, %v", p, err)
					return
				}
				if !p.shared {
					*room = p
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := c.kept(); n != 1 {
		t.Errorf("%d pages kept, want 1", n)
	}
}

// TestImportThroughPageCache: imports by two orgs sharing a cache (the second
// served from it) find and count what an org without one does, and what one
// import gives out is its own: changing it changes no later import.
func TestImportThroughPageCache(t *testing.T) {
	users := []answer{ok(page(150, 1, 1, 100)), ok(page(150, 101, 101, 150))}
	groups := []answer{ok(`{"totalResults":2,"Resources":[` + engSCIM + `,{"id":"g2","displayName":"Ops","members":[{"value":"u9"}]}]}`)}
	c := NewPageCache(0)
	imports := func(cache *PageCache) (*Import, *Import) {
		t.Helper()
		o := newTestOrg(t, OIN, func(cfg *Config) { cfg.Pages = cache })
		mustAddUser(t, o, User{Login: "USER001@example.com", Email: "user001@example.com", FirstName: "U", LastName: "001"})
		addEng(t, o)
		o.fake.queue(users...)
		u, err := o.ImportUsers(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		o.fake.queue(groups...)
		g, err := o.ImportGroups(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		o.fake.requests()
		return u, g
	}
	aloneU, aloneG := imports(nil)
	firstU, firstG := imports(c)
	if n := c.kept(); n != 3 {
		t.Fatalf("%d pages kept, want 3", n)
	}
	firstU.Resources[0].Name = "changed"
	firstG.Resources[1].Members[0] = "changed"
	againU, againG := imports(c)
	if !reflect.DeepEqual(againU, aloneU) || !reflect.DeepEqual(againG, aloneG) {
		t.Errorf("through the cache:\n%+v\n%+v\nalone:\n%+v\n%+v", againU, againG, aloneU, aloneG)
	}
}
