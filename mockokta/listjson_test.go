package mockokta

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// listCases are ListResponses and how parseList reads them (want, a page
// rendered by renderPage) or refuses them (wantErr, a part of the error).
// FuzzParseList seeds with them too, which holds each to encoding/json's
// reading.
var listCases = []struct {
	name, body    string
	max           int // 0: DefaultPageResources
	want, wantErr string
}{
	{name: "the reference server's page",
		body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":2,"startIndex":1,"itemsPerPage":2,"Resources":[` +
			`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"alice@example.com","name":{"givenName":"Alice","familyName":"Smith"},"emails":[{"primary":true,"value":"alice@example.com","type":"work"}],"displayName":"Alice Smith","locale":"en-US","externalId":"00u1","active":true,"groups":[],"meta":{"resourceType":"User","created":"2026-12-01T00:00:00Z","location":"https://x/scim/v2/Users/u1","version":"W/\"1\""}},` +
			`{"id":"g1","displayName":"Eng","members":[{"value":"u1","display":"alice@example.com"},{"value":"u2"}]}]}`,
		want: `total=2 [id="u1" userName="alice@example.com" name="Alice"/"Smith" display="Alice Smith" active=true emails=[{"alice@example.com" true}] members=nil` +
			` id="g1" userName="" name=""/"" display="Eng" active=nil emails=nil members=[{"u1" "alice@example.com"} {"u2" ""}]]`},
	{name: "an empty page", body: ` {"totalResults":0,"Resources":[]} `, want: `total=0 []`},
	{name: "no Resources", body: `{"totalResults":0}`, want: `total=0 []`},
	{name: "Resources null", body: `{"totalResults":0,"Resources":null}`, want: `total=0 []`},
	{name: "names in any case (S3)", body: `{"totalresults":1,"resources":[{"ID":"u1","USERNAME":"a","Name":{"GIVENNAME":"A"},"Emails":[{"VALUE":"a@x","Primary":true}],"ACTIVE":false}]}`,
		want: `total=1 [id="u1" userName="a" name="A"/"" display="" active=false emails=[{"a@x" true}] members=nil]`},
	{name: "an escaped name", body: `{"totalResults":1,"Resources":[{"\u0069d":"u1","user\u004eame":"a"}]}`,
		want: `total=1 [id="u1" userName="a" name=""/"" display="" active=nil emails=nil members=nil]`},
	{name: "a name that folds to userName", body: `{"totalResults":1,"Resources":[{"uſerName":"a"}]}`,
		want: `total=1 [id="" userName="a" name=""/"" display="" active=nil emails=nil members=nil]`},
	{name: "escapes and surrogates", body: `{"totalResults":1,"Resources":[{"id":"a\"\\\/\b\f\n\r\tb","userName":"\u00e9\ud83d\ude00","displayName":"\ud800x\udc00\ud800\u0041"}]}`,
		want: `total=1 [id="a\"\\/\b\f\n\r\tb" userName="é😀" name=""/"" display="�x��A" active=nil emails=nil members=nil]`},
	{name: "invalid UTF-8 becomes U+FFFD", body: "{\"totalResults\":1,\"Resources\":[{\"id\":\"a\xff\xfeb\",\"userName\":\"\xed\xa0\x80\"}]}",
		want: `total=1 [id="a��b" userName="���" name=""/"" display="" active=nil emails=nil members=nil]`},
	{name: "the last of two members wins, null leaves a string", body: `{"totalResults":1,"totalResults":2,"Resources":[{"id":"a","id":"b","userName":"u","userName":null,"active":true,"active":null}]}`,
		want: `total=2 [id="b" userName="u" name=""/"" display="" active=nil emails=nil members=nil]`},
	{name: "two name objects merge", body: `{"totalResults":1,"Resources":[{"name":{"givenName":"A"},"name":{"familyName":"B"},"name":null}]}`,
		want: `total=1 [id="" userName="" name="A"/"B" display="" active=nil emails=nil members=nil]`},
	{name: "two emails arrays merge element-wise", body: `{"totalResults":1,"Resources":[{"emails":[{"value":"a"},{"value":"b"}],"emails":[{"primary":true}],"emails":[null,null]}]}`,
		want: `total=1 [id="" userName="" name=""/"" display="" active=nil emails=[{"a" true} {"b" false}] members=nil]`},
	{name: "emails null", body: `{"totalResults":1,"Resources":[{"emails":[{"value":"a"}],"emails":null}]}`,
		want: `total=1 [id="" userName="" name=""/"" display="" active=nil emails=nil members=nil]`},
	{name: "the last Resources wins", body: `{"totalResults":1,"Resources":[{"id":5},1,2,3],"Resources":[null]}`, max: 2,
		want: `total=1 [id="" userName="" name=""/"" display="" active=nil emails=nil members=nil]`},
	{name: "-0 is zero", body: `{"totalResults":-0}`, want: `total=0 []`},
	{name: "nesting of 10,000", body: `{"totalResults":0,"x":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`, want: `total=0 []`},

	{name: "a string count (S34)", body: `{"totalResults":"1","Resources":[]}`, wantErr: `list response: totalResults: expected a non-negative integer, got "1"`},
	{name: "no count", body: `{"Resources":[]}`, wantErr: `list response: totalResults: expected an integer, got nothing`},
	{name: "a null body", body: `null`, wantErr: `list response: totalResults: expected an integer, got nothing`},
	{name: "a fraction", body: `{"totalResults":1.0}`, wantErr: `totalResults: expected a non-negative integer, got 1.0`},
	{name: "a string startIndex", body: `{"totalResults":1,"startIndex":"1"}`, wantErr: `startIndex: expected a non-negative integer`},
	{name: "a negative itemsPerPage", body: `{"totalResults":1,"itemsPerPage":-1}`, wantErr: `itemsPerPage: expected a non-negative integer, got -1`},
	{name: "an array body", body: `[]`, wantErr: `list response: the body: expected an object, got an array`},
	{name: "Resources an object", body: `{"totalResults":1,"Resources":{}}`, wantErr: `list response: Resources: expected an array, got an object`},
	{name: "a mistyped Resources stays an error", body: `{"totalResults":1,"Resources":"x","Resources":[]}`, wantErr: `list response: Resources: expected an array, got a string "x"`},
	{name: "a resource not an object", body: `{"totalResults":1,"Resources":["u1"]}`, wantErr: `list response: Resources[0]: expected an object, got a string "u1"`},
	{name: "a number id", body: `{"totalResults":1,"Resources":[{"id":"a"},{"id":5}]}`, wantErr: `list response: Resources[1].id: expected a string, got a number 5`},
	{name: "a mistyped id stays an error", body: `{"totalResults":1,"Resources":[{"id":5,"id":"a"}]}`, wantErr: `Resources[0].id: expected a string, got a number 5`},
	{name: "a string active", body: `{"totalResults":1,"Resources":[{"active":"true"}]}`, wantErr: `Resources[0].active: expected a boolean, got a string "true"`},
	{name: "a string name", body: `{"totalResults":1,"Resources":[{"name":"A B"}]}`, wantErr: `Resources[0].name: expected an object, got a string "A B"`},
	{name: "a number givenName", body: `{"totalResults":1,"Resources":[{"name":{"givenName":1}}]}`, wantErr: `Resources[0].name.givenName: expected a string, got a number 1`},
	{name: "emails an object", body: `{"totalResults":1,"Resources":[{"emails":{"value":"a"}}]}`, wantErr: `Resources[0].emails: expected an array, got an object`},
	{name: "an email a string", body: `{"totalResults":1,"Resources":[{"emails":["a@x"]}]}`, wantErr: `Resources[0].emails[0]: expected an object, got a string "a@x"`},
	{name: "a string primary", body: `{"totalResults":1,"Resources":[{"emails":[{"value":"a"},{"primary":"true"}]}]}`, wantErr: `Resources[0].emails[1].primary: expected a boolean, got a string "true"`},
	{name: "a number member value", body: `{"totalResults":1,"Resources":[{"members":[{"value":7}]}]}`, wantErr: `Resources[0].members[0].value: expected a string, got a number 7`},
	{name: "more resources than the bound", body: `{"totalResults":3,"Resources":[{},{"id":5},{}]}`, max: 2,
		wantErr: `the page holds 3 resources, more than the 2 the harness reads of one page (bound PageResources`},
	{name: "a trailing comma", body: `{"totalResults":1,"Resources":[{},]}`, wantErr: `list response: invalid character ']' looking for beginning of value`},
	{name: "cut short", body: `{"totalResults":1,"Resources":[{"id":"a`, wantErr: `list response: unexpected end of JSON input`},
	{name: "after the body", body: `{"totalResults":1} x`, wantErr: `list response: invalid character 'x' after the top-level value`},
	{name: "a bad escape", body: `{"totalResults":1,"Resources":[{"id":"\x"}]}`, wantErr: `invalid character 'x' in string escape code`},
	{name: "a control character", body: "{\"totalResults\":1,\"Resources\":[{\"id\":\"a\tb\"}]}", wantErr: `invalid character '\t' in string literal`},
	{name: "a leading zero", body: `{"totalResults":01}`, wantErr: `invalid character '1' after object key:value pair`},
	{name: "a bad literal", body: `{"totalResults":1,"Resources":[{"active":tru}]}`, wantErr: `invalid character '}' in literal true`},
	{name: "nesting past 10,000", body: `{"totalResults":0,"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`, wantErr: `exceeded max depth`},
}

func TestParseList(t *testing.T) {
	for _, c := range listCases {
		t.Run(c.name, func(t *testing.T) {
			max := c.max
			if max == 0 {
				max = DefaultPageResources
			}
			page, err := parseList([]byte(c.body), max)
			want, wantErr := parseListStd([]byte(c.body), max)
			if (err == nil) != (wantErr == nil) {
				t.Errorf("error %v, encoding/json's reading: %v", err, wantErr)
			}
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want one with %q", err, c.wantErr)
				}
				var le *LimitError
				if strings.Contains(c.wantErr, "bound PageResources") != errors.As(err, &le) {
					t.Errorf("error %T, LimitError only for the bound", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := renderPage(page); got != c.want {
				t.Errorf("read as\n%s\nwant\n%s", got, c.want)
			}
			if !samePage(page, want) {
				t.Errorf("read as %s, encoding/json as %s", renderPage(page), renderPage(want))
			}
			for i, r := range page.raw {
				if !strings.Contains(c.body, string(r)) || len(r) == 0 {
					t.Errorf("raw[%d] = %q, not a resource of the body", i, r)
				}
			}
		})
	}
}

func renderPage(p listPage) string {
	var b strings.Builder
	fmt.Fprintf(&b, "total=%d [", p.total)
	for i, r := range p.resources {
		if i > 0 {
			b.WriteByte(' ')
		}
		active := "nil"
		if r.Active != nil {
			active = fmt.Sprint(*r.Active)
		}
		emails, members := "nil", "nil"
		if r.Emails != nil {
			var parts []string
			for _, e := range r.Emails {
				parts = append(parts, fmt.Sprintf("{%q %v}", e.Value, e.Primary))
			}
			emails = "[" + strings.Join(parts, " ") + "]"
		}
		if r.Members != nil {
			var parts []string
			for _, m := range r.Members {
				parts = append(parts, fmt.Sprintf("{%q %q}", m.Value, m.Display))
			}
			members = "[" + strings.Join(parts, " ") + "]"
		}
		fmt.Fprintf(&b, "id=%q userName=%q name=%q/%q display=%q active=%s emails=%s members=%s",
			r.ID, r.UserName, r.Name.GivenName, r.Name.FamilyName, r.DisplayName, active, emails, members)
	}
	b.WriteByte(']')
	return b.String()
}

// TestParseListBigArrays: arrays long enough for decodeSlice to grow its
// slice many times (growFor) read as encoding/json reads them: in order,
// null elements left as they were, a second array merged element-wise into
// the first, and the elements of a shorter one past its end dropped.
func TestParseListBigArrays(t *testing.T) {
	members := func(n int, null func(i int) bool, tag string) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			if null(i) {
				b.WriteString("null")
				continue
			}
			fmt.Fprintf(&b, `{"value":"%s%d","$ref":"https://x/scim/v2/Users/%s%d"}`, tag, i, tag, i)
		}
		return b.String()
	}
	none := func(int) bool { return false }
	tests := []struct{ name, group string }{
		{"257 members", `"members":[` + members(257, none, "u") + `]`},
		{"5,000 members", `"members":[` + members(5000, none, "u") + `]`},
		{"5,000 members then 7,000 merged, every third null",
			`"members":[` + members(5000, none, "u") + `],"members":[` + members(7000, func(i int) bool { return i%3 == 0 }, "v") + `]`},
		{"7,000 members then 300", `"members":[` + members(7000, none, "u") + `],"members":[` + members(300, none, "v") + `]`},
		{"members of shrinking size", `"members":[` + strings.Repeat(`{"value":"`+strings.Repeat("x", 2000)+`"},`, 50) + strings.Repeat(`{},`, 20000) + `{}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(`{"totalResults":2,"Resources":[{"id":"g1",` + tt.group + `,"meta":{"resourceType":"Group"}},{"id":"g2","members":[{"value":"a"}]}]}`)
			want, err := parseListStd(body, DefaultPageResources)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseList(body, DefaultPageResources)
			if err != nil {
				t.Fatal(err)
			}
			if !samePage(got, want) {
				t.Errorf("parseList read %d members, encoding/json %d, or other values", len(got.resources[0].Members), len(want.resources[0].Members))
			}
		})
	}
}

// TestGrowFor: the room for the next element of a slice: twice the room,
// or what the body left can hold at the size read so far, never less than
// append's quarter more and always one element at least.
func TestGrowFor(t *testing.T) {
	tests := []struct {
		name             string
		room, read, left int // read and left are bytes; the slice is full
		want             int
	}{
		{"empty", 0, 1, 100, 1},
		{"small: twice", 4, 40, 10000, 8},
		{"what is left holds fewer than twice", 1024, 1024 * 60, 300 * 60, 1024 + 1 + 300},
		{"what is left holds more than twice", 1024, 1024 * 60, 5000 * 60, 2048},
		{"elements shrink: a quarter more at least", 1024, 1024 * 2000, 100, 1024 + 256 + 1},
		{"nothing left", 8, 80, 0, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := make([]int, tt.room)
			for i := range v {
				v[i] = i + 1
			}
			g := growFor(v, len(v), tt.read, tt.left)
			if cap(g) != tt.want || len(g) != len(v) {
				t.Errorf("len %d room %d, want len %d room %d", len(g), cap(g), len(v), tt.want)
			}
			for i := range v {
				if g[i] != v[i] {
					t.Fatalf("element %d is %d, want %d", i, g[i], v[i])
				}
			}
		})
	}
}
