package reference

import (
	"reflect"
	"testing"
)

func TestUserPatch(t *testing.T) {
	ent := enterpriseSchema
	tests := map[string]struct {
		ops  []string
		want map[string]any // paths of the answer
	}{
		"okta deactivate": {[]string{`{"op":"replace","value":{"active":false}}`}, map[string]any{"active": false}},
		"path active":     {[]string{`{"op":"replace","path":"active","value":false}`}, map[string]any{"active": false}},
		"string false":    {[]string{`{"op":"Replace","path":"active","value":"False"}`}, map[string]any{"active": false}},
		"remove active":   {[]string{`{"op":"remove","path":"active"}`}, map[string]any{"active": false}},
		"given name": {[]string{`{"op":"replace","path":"name.givenName","value":"Janet"}`},
			map[string]any{"name.givenName": "Janet", "name.familyName": "Family", "displayName": "Janet Family"}},
		"name merge": {[]string{`{"op":"replace","path":"name","value":{"familyName":"Roe"}}`},
			map[string]any{"name.givenName": "Given", "displayName": "Given Roe"}},
		"no-path name and dotted key": {[]string{`{"op":"replace","value":{"name.familyName":"Roe","title":"CTO"}}`},
			map[string]any{"displayName": "Given Roe", "title": "CTO"}},
		"remove family name": {[]string{`{"op":"remove","path":"name.familyName"}`},
			map[string]any{"displayName": "Given", "name.familyName": nil}},
		"displayName ignored": {[]string{`{"op":"replace","path":"displayName","value":"Boss"}`},
			map[string]any{"displayName": "Given Family"}},
		"same userName other case": {[]string{`{"op":"replace","path":"userName","value":"JANE@example.com"}`},
			map[string]any{"userName": "jane@example.com"}},
		"same email by filter": {[]string{`{"op":"replace","path":"emails[type eq \"work\"].value","value":"jane@example.com"}`},
			map[string]any{"emails.0.value": "jane@example.com"}},
		"password": {[]string{`{"op":"replace","value":{"password":"n3w"}}`}, map[string]any{"password": nil}},
		"externalId": {[]string{`{"op":"replace","path":"externalId","value":"00uNEW"}`},
			map[string]any{"externalId": "00uNEW"}},
		"remove externalId": {[]string{`{"op":"remove","path":"externalId"}`}, map[string]any{"externalId": nil}},
		"enterprise path": {[]string{`{"op":"add","path":"` + ent + `:department","value":"R&D"}`},
			map[string]any{ent + ".department": "R&D"}},
		"enterprise no-path": {[]string{`{"op":"replace","value":{"` + ent + `":{"employeeNumber":"7","manager":{"value":"boss"}}}}`},
			map[string]any{ent + ".employeeNumber": "7", ent + ".manager.value": "boss"}},
		"unknown no-path attribute ignored": {[]string{`{"op":"replace","value":{"favouriteColour":"red","active":false}}`},
			map[string]any{"active": false, "favouriteColour": nil}},
		"phone numbers": {[]string{`{"op":"add","path":"phoneNumbers","value":[{"value":"1","type":"work"},{"value":"2","type":"home"}]}`,
			`{"op":"remove","path":"phoneNumbers[type eq \"home\"]"}`},
			map[string]any{"phoneNumbers.0.value": "1", "phoneNumbers.1": nil}},
		"id echoed in no-path value": {[]string{`{"op":"replace","value":{"id":"whatever","meta":{},"schemas":[],"locale":"fr"}}`},
			map[string]any{"locale": "fr"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tt := newTester(t)
			id := tt.createUser("jane@example.com")
			r := tt.must(200, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(tc.ops...)))
			for path, want := range tc.want {
				got := r.get(path)
				if path == ent+".department" || path == ent+".employeeNumber" || path == ent+".manager.value" {
					top, _ := r.json.(map[string]any)
					ext, _ := top[ent].(map[string]any)
					got = resp{json: ext}.get(path[len(ent)+1:])
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v\n%s", path, got, want, r.body)
				}
			}
			if r.str("id") != id {
				t.Errorf("id changed: %s", r.str("id"))
			}
			again := tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
			if again.body != r.body {
				t.Errorf("GET after PATCH differs from the PATCH answer:\n%s\n%s", r.body, again.body)
			}
		})
	}
}

func TestUserPatchErrors(t *testing.T) {
	tests := map[string]struct {
		ops            []string
		status         int
		scimType, text string
	}{
		"userName change":           {[]string{`{"op":"replace","path":"userName","value":"new@example.com"}`}, 400, typeMutability, "immutable"},
		"userName no-path change":   {[]string{`{"op":"replace","value":{"userName":"new@example.com"}}`}, 400, typeMutability, "immutable"},
		"userName remove":           {[]string{`{"op":"remove","path":"userName"}`}, 400, typeMutability, "immutable"},
		"email change by filter":    {[]string{`{"op":"replace","path":"emails[type eq \"work\"].value","value":"new@example.com"}`}, 400, typeMutability, "cannot be changed"},
		"email change by list":      {[]string{`{"op":"replace","path":"emails","value":[{"value":"new@example.com","primary":true}]}`}, 400, typeMutability, "cannot be changed"},
		"email add":                 {[]string{`{"op":"add","path":"emails","value":[{"value":"home@example.com","type":"home"}]}`}, 400, typeMutability, "cannot be changed"},
		"email remove":              {[]string{`{"op":"remove","path":"emails"}`}, 400, typeMutability, "cannot be removed"},
		"groups":                    {[]string{`{"op":"add","path":"groups","value":[{"value":"g"}]}`}, 400, typeMutability, "read-only"},
		"active not boolean":        {[]string{`{"op":"replace","path":"active","value":"yes"}`}, 400, typeInvalidValue, "true or false"},
		"unknown path":              {[]string{`{"op":"replace","path":"favouriteColour","value":"red"}`}, 400, typeInvalidPath, "not an attribute"},
		"unknown schema path":       {[]string{`{"op":"replace","path":"urn:acme:x:color","value":"red"}`}, 400, typeInvalidPath, "not an attribute"},
		"id path":                   {[]string{`{"op":"replace","path":"id","value":"x"}`}, 400, typeMutability, "read-only"},
		"name not object":           {[]string{`{"op":"replace","path":"name","value":"Jane"}`}, 400, typeInvalidValue, "must be an object"},
		"title a number":            {[]string{`{"op":"replace","path":"title","value":5}`}, 400, typeInvalidValue, "must be a string"},
		"filter matches nothing":    {[]string{`{"op":"replace","path":"phoneNumbers[type eq \"work\"].value","value":"1"}`}, 400, typeNoTarget, "matches no value"},
		"unsupported filter path":   {[]string{`{"op":"replace","path":"addresses[type eq \"work\"].locality","value":"1"}`}, 400, typeInvalidPath, "not supported"},
		"atomic: second op refused": {[]string{`{"op":"replace","value":{"active":false}}`, `{"op":"replace","path":"userName","value":"x@example.com"}`}, 400, typeMutability, "immutable"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tt := newTester(t)
			id := tt.createUser("jane@example.com")
			tt.createGroup("Eng", id)
			before := tt.do("GET", "/scim/v2/Users/"+id, "").body
			checkError(t, tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(tc.ops...)), tc.status, tc.scimType, tc.text)
			if after := tt.do("GET", "/scim/v2/Users/"+id, "").body; after != before {
				t.Fatalf("a refused PATCH changed the user:\n%s\n%s", before, after)
			}
		})
	}
	tt := newTester(t)
	checkError(t, tt.do("PATCH", "/scim/v2/Users/nope", patchBodyOf(`{"op":"replace","value":{"active":false}}`)), 404, "", "not found")
}
