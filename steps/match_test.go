package steps

import (
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

const userDoc = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"a@b.co",
"name":{"givenName":"Alice","familyName":"Smith"},"active":false,"emails":[{"value":"a@b.co","primary":true,"type":"work"}],
"status":"404","count":3,"groups":[],"meta":{},"nothing":null,"Operations":[{"op":"replace","value":{"id":"g1","displayName":"Eng"}}]}`

func TestPredicates(t *testing.T) {
	doc := gjson.Parse(userDoc)
	tests := map[string]struct {
		path, pred string
		wantErr    string // "" passes
	}{
		"string equal":           {"name.givenName", `is "Alice"`, ""},
		"string differs":         {"name.givenName", `is "Alicia"`, `name.givenName: expected it is "Alicia", got "Alice"`},
		"bool":                   {"active", `is false`, ""},
		"bool is not a string":   {"active", `is "false"`, "got false"},
		"number by value":        {"count", `is 3.0`, ""},
		"object exact":           {"Operations.0.value", `is {"displayName": "Eng", "id": "g1"}`, ""},
		"object exact extra key": {"Operations.0.value", `is {"id": "g1"}`, "expected it is"},
		"absent":                 {"password", `is absent`, ""},
		"null counts as absent":  {"nothing", `is absent`, ""},
		"present is not absent":  {"id", `is absent`, "expected no value"},
		"absent or empty absent": {"password", `is absent or empty`, ""},
		"absent or empty null":   {"nothing", `is absent or empty`, ""},
		"absent or empty []":     {"groups", `is absent or empty`, ""},
		"absent or empty {}":     {"meta", `is absent or empty`, ""},
		"absent or empty value":  {"userName", `is absent or empty`, `expected no value or an empty one, got "a@b.co"`},
		"missing value":          {"password", `is "x"`, "got none"},
		"case hint":              {"username", `is not empty`, `the body has "userName"`},
		"not empty bool":         {"active", `is not empty`, ""},
		"empty array":            {"groups", `is not empty`, "got []"},
		"empty object":           {"meta", `is not empty`, "got {}"},
		"number type":            {"count", `is a number`, ""},
		"string is no number":    {"status", `is a number`, "got \"404\""},
		"boolean type":           {"active", `is a boolean`, ""},
		"text or number":         {"status", `is 404 as text or number`, ""},
		"text or number differs": {"status", `is 401 as text or number`, "got \"404\""},
		"array contains object":  {"emails", `contains {"value": "a@b.co", "primary": true}`, ""},
		"array lacks":            {"emails", `contains {"value": "x@y.z"}`, "expected it contains"},
		"does not contain":       {"emails", `does not contain {"type": "home"}`, ""},
		"substring":              {"userName", `contains "@b."`, ""},
		"string vs object":       {"userName", `contains {"a": 1}`, "a string can only contain a string"},
		"has items":              {"emails", `has 1 item`, ""},
		"has wrong count":        {"emails", `has 2 items`, "expected 2 items, got 1"},
		"schemas contains":       {"schemas", `contains "urn:ietf:params:scim:schemas:core:2.0:User"`, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, err := parsePredicate(tc.pred)
			if err != nil {
				t.Fatalf("parse %q: %v", tc.pred, err)
			}
			err = p.check(doc, tc.path)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("got error %v, want none", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("got error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestPredicateParseErrors(t *testing.T) {
	for _, s := range []string{`is Alice`, `equals "x"`, `has many items`, `contains {`, `is "a" "b"`} {
		if _, err := parsePredicate(s); err == nil {
			t.Errorf("parsePredicate(%q): no error", s)
		}
	}
}

func TestExpand(t *testing.T) {
	st := &scenario{suite: &Suite{}, people: map[string]*person{}, groups: map[string]*groupRef{}, prefix: "shx-1"}
	st.person("Alice").bind("u-1")
	st.group("Engineering").bind("g-1")
	st.last = &exchange{status: 200, respBody: []byte(`{"Resources":[{"id":"r\"1"}]}`)}
	tests := map[string]struct {
		in, want string
		json     bool
	}{
		"userName":       {`{Alice.userName}`, "shx-1.alice@example.com", false},
		"upper":          {`{Alice.userName|upper}`, "SHX-1.ALICE@EXAMPLE.COM", false},
		"ids":            {`/Groups/{Engineering.id}?x={Alice.id}`, "/Groups/g-1?x=u-1", false},
		"displayName":    {`{Engineering.displayName}`, "shx-1 Engineering", false},
		"unknown label":  {`{Lunch.displayName}`, "shx-1 Lunch", false},
		"response":       {`{response:Resources.0.id}`, `r"1`, false},
		"json escaped":   {`"{response:Resources.0.id}"`, `"r\"1"`, true},
		"not a holder":   {`{"op": "add"}`, `{"op": "add"}`, true},
		"new person":     {`{Bob.userName}`, "shx-1.bob@example.com", false},
		"JSON in a body": {`{"value": "{Alice.id}"}`, `{"value": "u-1"}`, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := st.expand(tc.in, tc.json)
			if err != nil || got != tc.want {
				t.Errorf("expand(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
	for _, bad := range []string{`{Carol.id}`, `{Alice.nope}`, `{Alice.userName|shout}`, `{Alice}`} {
		if _, err := st.expand(bad, false); err == nil {
			t.Errorf("expand(%q): no error", bad)
		}
	}
}

// FuzzPredicateCheck feeds arbitrary response bodies (a misbehaving server's)
// to the matchers: they must answer with an error, never panic.
func FuzzPredicateCheck(f *testing.F) {
	f.Add(userDoc, "emails", `contains {"value": "a@b.co"}`)
	f.Add(`{"a":[1,2,{"b":null}]}`, "a.2.b", "is absent")
	f.Add(`[]`, "0", "has 0 items")
	f.Add(`{"x":"\u00e9"}`, "x", `is "é"`)
	f.Fuzz(func(t *testing.T, body, path, pred string) {
		if !gjson.Valid(body) {
			return
		}
		p, err := parsePredicate(pred)
		if err != nil {
			return
		}
		_ = p.check(gjson.Parse(body), path)
	})
}

// TestPredicateFailuresRedactPasswords checks that no failure message shows
// a password: not at a path whose last segment is a password, in any case,
// nor inside an object or array shown whole.
func TestPredicateFailuresRedactPasswords(t *testing.T) {
	const secret = "wj1t9xqq"
	doc := gjson.Parse(`{"password":"wj1t9xqq","Password2":{"x":1},"creds":{"newPassword":"wj1t9xqq"},
"Operations":[{"op":"replace","value":{"PASSWORD":"wj1t9xqq","active":true}}],"n":{"password":12345}}`)
	tests := map[string]struct{ path, pred string }{
		"absent":                {"password", `is absent`},
		"value differs":         {"password", `is "other"`},
		"kind differs":          {"password", `is a number`},
		"contains":              {"password", `contains "zzz"`},
		"items":                 {"password", `has 2 items`},
		"camel case":            {"creds.newPassword", `is absent`},
		"object shown whole":    {"creds", `is absent`},
		"array shown whole":     {"Operations", `contains {"op": "add"}`},
		"upper case in a value": {"Operations.0.value", `is {}`},
		"number password":       {"n.password", `is absent`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, err := parsePredicate(tc.pred)
			if err != nil {
				t.Fatal(err)
			}
			err = p.check(doc, tc.path)
			if err == nil {
				t.Fatalf("%s %s: expected a failure", tc.path, tc.pred)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "12345") {
				t.Errorf("the message shows the password: %v", err)
			}
			if !strings.Contains(err.Error(), "[redacted]") {
				t.Errorf("the message does not say the value is redacted: %v", err)
			}
		})
	}
}
