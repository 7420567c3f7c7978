package scimfilter

import (
	"reflect"
	"testing"
)

// Okta's filters and paths, and the shapes around them that clients get wrong.
var seeds = []string{
	`userName eq "test.user@okta.local"`,
	`userName eq "jane.doe@example.com"`,
	`displayName eq "Test SCIMv2"`,
	`members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]`,
	`emails[type eq "work" and primary eq true]`,
	`emails[type eq "work"].value`,
	`externalId eq "00ujl29u0le5T6Aj10h7"`,
	`meta.lastModified gt "2011-05-13T04:42:34Z"`,
	`not (userName eq "x") or title pr`,
	`displayName eq "caf\u00e9 \"q\""`,
	`userName Eq 'x'`,
	`name.givenName sw "J" and (active eq true or n le -1.5e3)`,
}

func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Parse(%q): error of type %T, want *Error", s, err)
			}
			return
		}
		text := Format(e)
		again, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its Format %q does not parse: %v", s, text, err)
		}
		if !reflect.DeepEqual(e, again) {
			t.Fatalf("round trip of %q through %q changed the tree:\n%#v\n%#v", s, text, e, again)
		}
	})
}

func FuzzParsePath(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Add("name.givenName")
	f.Add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePath(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("ParsePath(%q): error of type %T, want *Error", s, err)
			}
			return
		}
		if p.Attr.Name == "" {
			t.Fatalf("ParsePath(%q) = %#v: no attribute name", s, p)
		}
		if p.Filter != nil {
			if _, err := Parse(Format(&ValuePath{Attr: p.Attr, Filter: p.Filter})); err != nil {
				t.Fatalf("ParsePath(%q): its value filter does not re-parse: %v", s, err)
			}
		}
	})
}

// The fast paths give exactly the tree the parser gives, whenever they answer.
func FuzzFastPathsAgree(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	for _, s := range []string{`userName pr`, `active eq TRUE`, `title eq null`, `a:b:c.d eq "x"`, `members[value eq "x"].display`,
		`emails[type eq "w\"]"]`, `x eq "\u00e9"`, `eq eq "eq"`, `not eq "x"`, `a  eq  "b"`, `userName eq "a" `, `prx pr`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if e, ok := fastFilter(s); ok {
			full, err := parseFull(s)
			if err != nil {
				t.Fatalf("fast path read filter %q as %#v, the parser refuses it: %v", s, e, err)
			}
			if !reflect.DeepEqual(e, full) {
				t.Fatalf("filter %q: fast %#v, parser %#v", s, e, full)
			}
		}
		if p, ok := fastPath(s); ok {
			full, err := parsePathFull(s)
			if err != nil {
				t.Fatalf("fast path read path %q as %#v, the parser refuses it: %v", s, p, err)
			}
			if !reflect.DeepEqual(p, full) {
				t.Fatalf("path %q: fast %#v, parser %#v", s, p, full)
			}
		}
	})
}
