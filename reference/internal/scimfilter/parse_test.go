package scimfilter

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	str := func(s string) Value { return Value{Kind: String, Str: s} }
	attr := func(name, sub, text string) AttrPath { return AttrPath{Name: name, Sub: sub, Text: text} }
	tests := map[string]struct {
		in   string
		want Expr
	}{
		"okta lookup": {`userName eq "test.user@okta.local"`,
			&Compare{Attr: attr("username", "", "userName"), Op: Eq, Value: str("test.user@okta.local")}},
		"operator and name case": {`USERNAME Eq "A@B.com"`,
			&Compare{Attr: attr("username", "", "USERNAME"), Op: Eq, Value: str("A@B.com")}},
		"escaped quote": {`displayName eq "Eng \"Team\""`,
			&Compare{Attr: attr("displayname", "", "displayName"), Op: Eq, Value: str(`Eng "Team"`)}},
		"unicode escape": {`displayName eq "caf\u00e9"`,
			&Compare{Attr: attr("displayname", "", "displayName"), Op: Eq, Value: str("café")}},
		"raw utf-8": {`displayName eq "café"`,
			&Compare{Attr: attr("displayname", "", "displayName"), Op: Eq, Value: str("café")}},
		"backslash": {`x eq "a\\b"`, &Compare{Attr: attr("x", "", "x"), Op: Eq, Value: str(`a\b`)}},
		"sub-attribute": {`name.givenName sw "Ja"`,
			&Compare{Attr: attr("name", "givenname", "name.givenName"), Op: Sw, Value: str("Ja")}},
		"present": {`title pr`, &Compare{Attr: attr("title", "", "title"), Op: Pr}},
		"null":    {`title eq null`, &Compare{Attr: attr("title", "", "title"), Op: Eq, Value: Value{Kind: Null}}},
		"bool":    {`active eq false`, &Compare{Attr: attr("active", "", "active"), Op: Eq, Value: Value{Kind: Bool}}},
		"number":  {`n gt 1.5`, &Compare{Attr: attr("n", "", "n"), Op: Gt, Value: Value{Kind: Number, Num: 1.5}}},
		"urn": {`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"`,
			&Compare{Attr: AttrPath{URN: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user", Name: "employeenumber",
				Text: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}, Op: Eq, Value: str("7")}},
		"and or precedence": {`a eq "1" or b eq "2" and c eq "3"`,
			&Or{Left: &Compare{Attr: attr("a", "", "a"), Op: Eq, Value: str("1")},
				Right: &And{Left: &Compare{Attr: attr("b", "", "b"), Op: Eq, Value: str("2")},
					Right: &Compare{Attr: attr("c", "", "c"), Op: Eq, Value: str("3")}}}},
		"not": {`not (a eq "1")`, &Not{X: &Compare{Attr: attr("a", "", "a"), Op: Eq, Value: str("1")}}},
		"value path": {`emails[type eq "work" and primary eq true]`,
			&ValuePath{Attr: attr("emails", "", "emails"), Filter: &And{
				Left:  &Compare{Attr: attr("type", "", "type"), Op: Eq, Value: str("work")},
				Right: &Compare{Attr: attr("primary", "", "primary"), Op: Eq, Value: Value{Kind: Bool, Bool: true}}}}},
		"string holding brackets and quotes": {`displayName eq "a] or [\"b"`,
			&Compare{Attr: attr("displayname", "", "displayName"), Op: Eq, Value: str(`a] or ["b`)}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Parse(%q)\n got %#v\nwant %#v", tc.in, got, tc.want)
			}
			again, err := Parse(Format(got))
			if err != nil || !reflect.DeepEqual(again, got) {
				t.Fatalf("Format round trip of %q: %q gives %#v, %v", tc.in, Format(got), again, err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]struct{ in, wantMsg string }{
		"empty":             {"", "empty"},
		"unquoted":          {`userName eq a@b.com`, "not valid"},
		"single quotes":     {`userName eq 'a@b.com'`, "double quotes"},
		"unterminated":      {`userName eq "a@b.com`, "no closing double quote"},
		"bad escape":        {`userName eq "a\qb"`, "not a valid JSON string"},
		"short unicode":     {`userName eq "\u00e"`, "not a valid JSON string"},
		"raw control":       {"userName eq \"a\tb\"", "not a valid JSON string"},
		"patch path":        {`emails[type eq "work"].value`, "PATCH path"},
		"unknown operator":  {`userName xx "a"`, "not valid"},
		"too long":          {`userName eq "` + strings.Repeat("a", MaxLen) + `"`, "at most"},
		"dangling and":      {`userName eq "a" and`, "not valid"},
		"missing value":     {`userName eq`, "not valid"},
		"unbalanced parens": {`(userName eq "a"`, "not valid"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(tc.in)
			if err == nil {
				t.Fatalf("Parse(%q): want an error", tc.in)
			}
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Parse(%q): error %T, want *Error", tc.in, err)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Fatalf("Parse(%q) error %q does not say %q", tc.in, err, tc.wantMsg)
			}
		})
	}
}

func TestParsePath(t *testing.T) {
	tests := map[string]struct {
		in   string
		want Path
	}{
		"attribute": {"active", Path{Attr: AttrPath{Name: "active", Text: "active"}, Text: "active"}},
		"sub":       {"name.givenName", Path{Attr: AttrPath{Name: "name", Sub: "givenname", Text: "name.givenName"}, Text: "name.givenName"}},
		"okta member remove": {`members[value eq "89bb1940-b905"]`, Path{
			Attr:   AttrPath{Name: "members", Text: "members"},
			Filter: &Compare{Attr: AttrPath{Name: "value", Text: "value"}, Op: Eq, Value: Value{Kind: String, Str: "89bb1940-b905"}},
			Text:   `members[value eq "89bb1940-b905"]`}},
		"filter then sub": {`emails[type eq "work"].value`, Path{
			Attr:   AttrPath{Name: "emails", Text: "emails"},
			Filter: &Compare{Attr: AttrPath{Name: "type", Text: "type"}, Op: Eq, Value: Value{Kind: String, Str: "work"}},
			Sub:    "value", Text: `emails[type eq "work"].value`}},
		"extension attribute": {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", Path{
			Attr: AttrPath{URN: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user", Name: "department",
				Text: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"},
			Text: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ParsePath(tc.in)
			if err != nil {
				t.Fatalf("ParsePath(%q): %v", tc.in, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ParsePath(%q)\n got %#v\nwant %#v", tc.in, got, tc.want)
			}
		})
	}
	for _, bad := range []string{"", "members[value eq ]", "members[", `a b`, "members[value eq \"x\"].", "'x'"} {
		if _, err := ParsePath(bad); err == nil {
			t.Errorf("ParsePath(%q): want an error", bad)
		}
	}
}

// Okta's shapes take the fast paths (and FuzzFastPathsAgree checks they agree).
func TestFastPathsTaken(t *testing.T) {
	for _, s := range []string{`userName eq "test.user@okta.local"`, `displayName eq "Test SCIMv2"`, `externalId eq "00u1"`,
		`active eq false`, `title pr`, `urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a@b.c"`} {
		if _, ok := fastFilter(s); !ok {
			t.Errorf("filter %q does not take the fast path", s)
		}
	}
	for _, s := range []string{`members[value eq "89bb1940"]`, `emails[type eq "work"].value`, `active`, `name.givenName`,
		`displayName`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`} {
		if _, ok := fastPath(s); !ok {
			t.Errorf("path %q does not take the fast path", s)
		}
	}
	for _, s := range []string{`a eq "1" and b eq "2"`, `userName eq "a" `, `a eq 1`, `not (a pr)`} {
		if _, ok := fastFilter(s); ok {
			t.Errorf("filter %q takes the fast path", s)
		}
	}
}
