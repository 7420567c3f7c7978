package mockokta

import (
	"context"
	"strings"
	"testing"
)

// TestLinkGroup links the Okta group "Engineering" to the app group
// "Lunch" (id 9a1b): no lookup, no create, then the full membership push,
// which carries Okta's name only when Rename app groups to match is on.
func TestLinkGroup(t *testing.T) {
	lunch := `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"9a1b","displayName":"Lunch","members":[]}`
	tests := []struct {
		name    string
		profile Profile
		rename  bool
		kinds   []string
		body    []string // what the last request's body must contain
		notBody []string
	}{
		{name: "OIN, rename off", profile: OIN, kinds: []string{"patch-group"},
			body:    []string{`{"op":"replace","path":"members","value":[{"value":"2819c223","display":"alice@example.com"}]}`},
			notBody: []string{"displayName", "Engineering"}},
		{name: "OIN, rename on", profile: OIN, rename: true, kinds: []string{"patch-group", "patch-group"},
			body: []string{`{"op":"replace","value":{"id":"9a1b","displayName":"Engineering"}}`}},
		{name: "AIW", profile: AIW, kinds: []string{"get-group", "put-group"},
			body: []string{`"displayName":"Engineering"`, `"value":"2819c223"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newTestOrg(t, tt.profile)
			s := o.Settings()
			s.RenameGroups = tt.rename
			o.SetSettings(s)
			provisionAlice(t, o)
			mark := len(o.Transcript())
			if _, err := o.AddGroup("Engineering"); err != nil {
				t.Fatal(err)
			}
			if err := o.AddMembers(context.Background(), "Engineering", alice.Login); err != nil {
				t.Fatal(err)
			}
			if tt.profile == AIW {
				o.fake.queue(ok(lunch), ok(lunch))
			} else if tt.rename {
				o.fake.queue(status(204), status(204)) // the replace, then the rename
			} else {
				o.fake.queue(status(204))
			}
			if err := o.LinkGroup(context.Background(), "Engineering", "9a1b"); err != nil {
				t.Fatalf("LinkGroup: %v", err)
			}
			got := o.fake.requests()
			var ks []string
			for _, e := range o.Transcript()[mark:] {
				ks = append(ks, e.Kind)
			}
			if strings.Join(ks, " ") != strings.Join(tt.kinds, " ") {
				t.Errorf("requests %v, want %v", ks, tt.kinds)
			}
			for _, s := range got {
				if s.Path != "/scim/v2/Groups/9a1b" {
					t.Errorf("%s %s: want every request to the linked group /Groups/9a1b", s.Method, s.Path)
				}
			}
			last := string(got[len(got)-1].Body)
			for _, want := range tt.body {
				if !strings.Contains(last, want) {
					t.Errorf("last body %s: want it to contain %s", last, want)
				}
			}
			for _, bad := range tt.notBody {
				if strings.Contains(last, bad) {
					t.Errorf("last body %s: want no %s in it", last, bad)
				}
			}
			g, _ := o.Group("Engineering")
			if g.SCIMID != "9a1b" {
				t.Errorf("Group(Engineering).SCIMID = %q, want 9a1b", g.SCIMID)
			}
		})
	}
}

// TestLinkGroupRefuses checks the errors: an unknown group, an empty id, a
// group already pushed, and an app group already linked to another group.
func TestLinkGroupRefuses(t *testing.T) {
	o := newTestOrg(t, OIN)
	for _, n := range []string{"Engineering", "Sales"} {
		if _, err := o.AddGroup(n); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	o.fake.queue(status(204), status(204))
	if err := o.LinkGroup(ctx, "Engineering", "9a1b"); err != nil {
		t.Fatalf("LinkGroup: %v", err)
	}
	o.fake.requests()
	for _, tt := range []struct{ name, id, want string }{
		{"Nobody", "9a1b", `group "Nobody": not in the org`},
		{"Sales", "", "empty app group id"},
		{"Engineering", "77", "already pushed as 9a1b"},
		{"Sales", "9a1b", `already linked to "Engineering"`},
	} {
		err := o.LinkGroup(ctx, tt.name, tt.id)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LinkGroup(%q, %q) = %v, want an error saying %q", tt.name, tt.id, err, tt.want)
		}
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("refused links sent %d requests", len(got))
	}
}
