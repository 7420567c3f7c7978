package mockokta

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// TestImportUsers: paging by 100 with startIndex advanced by the count asked
// for, inactive users skipped, and Okta's counts.
func TestImportUsers(t *testing.T) {
	inactive := `{"id":"id999","userName":"gone@example.com","active":false}`
	tests := []struct {
		name    string
		answers []answer
		queries []string
		want    Import // without Resources
		ids     int    // resources kept
	}{
		{
			name:    "one page",
			answers: []answer{ok(page(3, 1, 1, 3))},
			queries: []string{"startIndex=1&count=100"},
			want:    Import{Scanned: 3, New: 1, Updated: 1, Unchanged: 1},
			ids:     3,
		},
		{
			name: "two pages with an inactive user",
			answers: []answer{
				ok(strings.Replace(page(150, 1, 1, 99), `"Resources":[`, `"Resources":[`+inactive+",", 1)),
				ok(page(150, 101, 101, 150)),
			},
			queries: []string{"startIndex=1&count=100", "startIndex=101&count=100"},
			want:    Import{Scanned: 149, Skipped: 1, New: 147, Updated: 1, Unchanged: 1},
			ids:     149,
		},
		{
			// A server that caps pages at 60 makes Okta skip users 61-100:
			// Okta advances by the count it asked for (§3.1).
			name:    "short pages are skipped past",
			answers: []answer{ok(page(150, 1, 1, 60)), ok(page(150, 101, 101, 150))},
			queries: []string{"startIndex=1&count=100", "startIndex=101&count=100"},
			want:    Import{Scanned: 110, New: 108, Updated: 1, Unchanged: 1},
			ids:     110,
		},
		{
			name:    "an empty page ends the import",
			answers: []answer{ok(page(100000, 1, 1, 3)), ok(page(100000, 101, 1, 0))},
			queries: []string{"startIndex=1&count=100", "startIndex=101&count=100"},
			want:    Import{Scanned: 3, New: 1, Updated: 1, Unchanged: 1},
			ids:     3,
		},
		{
			name:    "exactly 100",
			answers: []answer{ok(page(100, 1, 1, 100))},
			queries: []string{"startIndex=1&count=100"},
			want:    Import{Scanned: 100, New: 98, Updated: 1, Unchanged: 1},
			ids:     100,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := newTestOrg(t, OIN)
			// user001 matches unchanged, user002 matches with another name.
			mustAddUser(t, o, User{Login: "USER001@example.com", Email: "user001@example.com", FirstName: "U", LastName: "001"})
			mustAddUser(t, o, User{Login: "user002@example.com", FirstName: "V", LastName: "002"})
			o.fake.queue(tt.answers...)
			im, err := o.ImportUsers(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			var queries []string
			for _, s := range o.fake.requests() {
				queries = append(queries, s.Query)
			}
			if !reflect.DeepEqual(queries, tt.queries) {
				t.Errorf("queries %v, want %v", queries, tt.queries)
			}
			if len(im.Resources) != tt.ids {
				t.Errorf("%d resources, want %d", len(im.Resources), tt.ids)
			}
			got := *im
			got.Resources = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("counts %+v, want %+v", got, tt.want)
			}
			if r := im.Resources[0]; !reflect.DeepEqual(r, Imported{ID: "id001", Name: "user001@example.com", GivenName: "U", FamilyName: "001", Email: "user001@example.com"}) {
				t.Errorf("first resource %+v", r)
			}
		})
	}
}

// TestImportGroups: groups with their member ids; a known name counts as
// unchanged.
func TestImportGroups(t *testing.T) {
	o := newTestOrg(t, OIN)
	addEng(t, o)
	o.fake.queue(ok(`{"totalResults":2,"Resources":[` + engSCIM + `,{"id":"g2","displayName":"Ops"}]}`))
	im, err := o.ImportGroups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
	want := &Import{Scanned: 2, New: 1, Unchanged: 1, Resources: []Imported{
		{ID: "abf4dd94", Name: "Eng", Members: []string{"2819c223"}},
		{ID: "g2", Name: "Ops", Members: []string{}},
	}}
	if !reflect.DeepEqual(im, want) {
		t.Errorf("import %+v, want %+v", im, want)
	}
}

// TestImportFailure: a failed page is a task and ends the import.
func TestImportFailure(t *testing.T) {
	o := newTestOrg(t, OIN)
	o.fake.queue(ok(page(150, 1, 1, 100)), withBody(500, "oops"))
	_, err := o.ImportUsers(context.Background())
	o.fake.requests()
	want := "Import from app Zinc failed: Error while importing users: Internal Server Error. Errors reported by remote server: Invalid JSON: Unrecognized token 'oops'" + jacksonExpecting
	if tasks := o.Tasks(); err == nil || len(tasks) != 1 || tasks[0].Message != want || tasks[0].URL != testBase+"/Users?startIndex=101&count=100" {
		t.Errorf("error %v, tasks %+v\nwant %q", err, tasks, want)
	}
}

// TestImportBriefPages: past Config.WholeImportPages, a page the import read
// without fault comes brief (no body, its size), to the transcript and to
// Observe alike; the first pages, the last and the page an import failed on
// are whole.
func TestImportBriefPages(t *testing.T) {
	const total = 500 // five pages
	pages := func(bad int) []answer {
		var as []answer
		for p := range 5 {
			body := page(total, p*100+1, p*100+1, p*100+100)
			if p+1 == bad {
				body = strings.Replace(body, `"id":"id`, `"id":7,"x":"id`, 1)
			}
			as = append(as, ok(body))
		}
		return as
	}
	tests := []struct {
		name  string
		whole int
		bad   int    // the page that fails, 0 for none
		want  string // per page: W whole, b brief
	}{
		{name: "every page whole by default", whole: 0, want: "WWWWW"},
		{name: "two pages whole, and the last", whole: 2, want: "WWbbW"},
		{name: "the failed page whole", whole: 1, bad: 3, want: "WbW"},
		{name: "all within the bound", whole: 5, want: "WWWWW"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var observed []*Exchange
			o := newTestOrg(t, OIN, func(c *Config) {
				c.WholeImportPages = tt.whole
				c.Observe = func(_ context.Context, e *Exchange) { mu.Lock(); observed = append(observed, e); mu.Unlock() }
			})
			o.fake.queue(pages(tt.bad)...)
			im, err := o.ImportUsers(context.Background())
			if (err != nil) != (tt.bad != 0) {
				t.Fatalf("import: %v", err)
			}
			if tt.bad == 0 && im.Scanned != total {
				t.Errorf("scanned %d, want %d", im.Scanned, total)
			}
			tr := o.Transcript()
			got := ""
			for i, e := range tr {
				switch {
				case e.Brief && len(e.ResponseBody) == 0 && e.ResponseSize > 0 && e.ResponseHeader != nil && e.Status == 200:
					got += "b"
				case !e.Brief && len(e.ResponseBody) == e.ResponseSize:
					got += "W"
				default:
					t.Errorf("exchange %d: brief %v, body %d of %d bytes", i, e.Brief, len(e.ResponseBody), e.ResponseSize)
				}
				if i < len(observed) && observed[i].Brief != e.Brief {
					t.Errorf("exchange %d: observed brief %v, transcript %v", i, observed[i].Brief, e.Brief)
				}
				if want := fmt.Sprintf("startIndex=%d&count=100", i*100+1); !strings.HasSuffix(e.URL, want) {
					t.Errorf("exchange %d: %s, want the query %s, in order", i, e.URL, want)
				}
			}
			if got != tt.want {
				t.Errorf("pages %s, want %s (W whole, b brief)", got, tt.want)
			}
			if len(observed) != len(tr) {
				t.Errorf("observed %d exchanges, the transcript holds %d", len(observed), len(tr))
			}
			if tt.bad != 0 {
				if ts := o.Tasks(); len(ts) != 1 || !strings.Contains(ts[0].URL, fmt.Sprintf("startIndex=%d&", (tt.bad-1)*100+1)) {
					t.Errorf("tasks %+v, want one on page %d", ts, tt.bad)
				}
			}
		})
	}
}

// TestImportRoom: an import makes room for the users the first page's
// totalResults counts, a page and a thirty-second more (users added while
// it reads), and never more than Limits.ImportPages lets it read, whatever
// count the target states; the users read are all kept, room or not.
func TestImportRoom(t *testing.T) {
	tests := []struct {
		name     string
		total    int
		pages    int // Limits.ImportPages
		wantRoom int
	}{
		{"the count the target holds", 3, 0, 3 + 100},
		{"a big count", 6400, 0, 6400 + 100 + 200},
		{"more than the pages bound lets it read", 100000, 5, 500},
		{"the largest count", math.MaxInt, 0, DefaultImportPages * 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := newTestOrg(t, OIN, func(c *Config) { c.Limits.ImportPages = tt.pages })
			// The page holds 3 users however many the count says: the
			// next page, empty, ends the import.
			o.fake.queue(ok(page(tt.total, 1, 1, 3)))
			if tt.total > 100 {
				o.fake.queue(ok(page(tt.total, 101, 1, 0)))
			}
			im, err := o.ImportUsers(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			o.fake.requests()
			if len(im.Resources) != 3 {
				t.Errorf("%d resources, want 3", len(im.Resources))
			}
			if got := cap(im.Resources); got != tt.wantRoom {
				t.Errorf("room for %d resources, want %d", got, tt.wantRoom)
			}
		})
	}
}
