package mockokta

import (
	"context"
	"reflect"
	"strings"
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
