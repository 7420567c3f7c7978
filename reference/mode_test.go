package reference

import (
	"strings"
	"testing"
)

// TestPlainMode checks, rule by rule, that ModePlain drops Zinc's rules and
// ModeZinc keeps them.
func TestPlainMode(t *testing.T) {
	if _, err := New(Config{Token: prodToken, Mode: "strict"}); err == nil || !strings.Contains(err.Error(), `mode "strict"`) {
		t.Errorf("an unknown mode: %v", err)
	}
	const create = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"carol.jones","displayName":"CJ",
		"name":{"givenName":"Carol","familyName":"Jones"},"emails":[{"value":"carol@home.example","type":"home","primary":true}]}`
	for _, tc := range []struct {
		mode                string
		wantCreate          int
		wantName, wantEmail string
	}{
		{ModeZinc, 400, "", ""},
		{ModePlain, 201, "CJ", "carol@home.example"},
	} {
		tt := newTester(t)
		srv, err := New(Config{Token: prodToken, AdminToken: adminToken, Mode: tc.mode})
		if err != nil {
			t.Fatal(err)
		}
		tt.srv = srv
		r := tt.do("POST", "/scim/v2/Users", create)
		if r.status != tc.wantCreate {
			t.Errorf("%s: a non-email userName: %s, want %d", tc.mode, r, tc.wantCreate)
			continue
		}
		if tc.mode != ModePlain {
			continue
		}
		if got := r.str("displayName"); got != tc.wantName {
			t.Errorf("plain: displayName %q, want it as sent", got)
		}
		if got := r.str("emails.0.value"); got != tc.wantEmail {
			t.Errorf("plain: emails.0.value %q, want it as sent", got)
		}
		id := r.str("id")
		r = tt.do("PATCH", "/scim/v2/Users/"+id, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"userName":"carol.j"}}]}`)
		if r.status != 200 && r.status != 204 {
			t.Errorf("plain: a userName change: %s, want it taken", r)
		}
		g := tt.must(201, tt.do("POST", "/scim/v2/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Eng","members":[{"value":"`+id+`"}]}`))
		tt.do("PATCH", "/scim/v2/Users/"+id, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}`)
		if r = tt.do("GET", "/scim/v2/Groups/"+g.str("id"), ""); r.len("members") != 1 {
			t.Errorf("plain: a deactivated user's group: %s, want it still a member", r)
		}
		if r = tt.do("DELETE", "/scim/v2/Users/"+id, ""); r.status != 204 {
			t.Errorf("plain: DELETE /Users: %s, want 204", r)
		}
	}
}
