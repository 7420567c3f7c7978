package mockokta

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestGroupAssignment covers group-based assignment (ZN-11): members of an
// assigning group are provisioned, and removing one from the group unassigns
// the app, which deactivates the user in the app.
func TestGroupAssignment(t *testing.T) {
	tests := []struct {
		profile    Profile
		deactivate []answer
		kinds      []string
		body       string // the deactivating request's body must contain this
	}{
		{OIN, []answer{status(204)}, []string{"patch-user"}, `"Operations":[{"op":"replace","value":{"active":false}}]`},
		{AIW, []answer{ok(aliceSCIM), ok(aliceSCIM)}, []string{"get-user", "put-user"}, `"active":false`},
	}
	for _, tt := range tests {
		t.Run(tt.profile.String(), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			o := newTestOrg(t, tt.profile)
			mustAddUser(t, o, alice)
			addEng(t, o, alice.Login)
			if got := o.fake.requests(); len(got) != 0 {
				t.Fatalf("membership of an unassigned group sent %d requests", len(got))
			}
			o.fake.queue(ok(emptyList), created(aliceCreated))
			if err := o.AssignGroup(ctx, "Eng"); err != nil {
				t.Fatalf("AssignGroup: %v", err)
			}
			o.fake.requests()
			if au, _ := o.AppUser(alice.Login); !au.Assigned || !au.Active || au.SCIMID != "2819c223" {
				t.Fatalf("after AssignGroup: %+v", au)
			}
			o.fake.queue(tt.deactivate...)
			if err := o.RemoveMembers(ctx, "Eng", alice.Login); err != nil {
				t.Fatalf("RemoveMembers: %v", err)
			}
			got := o.fake.requests()
			var ks []string
			tr := o.Transcript()
			for _, e := range tr[2:] {
				ks = append(ks, e.Kind)
			}
			if !reflect.DeepEqual(ks, tt.kinds) {
				t.Fatalf("removal sent %v, want %v", ks, tt.kinds)
			}
			if last := got[len(got)-1]; !strings.Contains(string(last.Body), tt.body) || last.Path != "/scim/v2/Users/2819c223" {
				t.Errorf("deactivation %s %s %s, want a body with %s", last.Method, last.Path, last.Body, tt.body)
			}
			if tr[len(tr)-1].Action != "remove-members" {
				t.Errorf("action %q, want remove-members", tr[len(tr)-1].Action)
			}
			if au, _ := o.AppUser(alice.Login); au.Assigned || au.Active || au.SCIMID != "2819c223" {
				t.Errorf("after RemoveMembers: %+v, want unassigned, inactive, still linked", au)
			}
		})
	}
}

// TestGroupAssignmentKeepsOtherAssignments: a user assigned directly too is
// not deactivated when it leaves the assigning group; a member added to an
// assigning group is provisioned; reactivating a user in Okta provisions it
// again through its group (test plan C9293).
func TestGroupAssignmentKeepsOtherAssignments(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	provisionAlice(t, o)
	addEng(t, o)
	if err := o.AssignGroup(ctx, "Eng"); err != nil {
		t.Fatal(err)
	}
	if err := o.AddMembers(ctx, "Eng", alice.Login); err != nil {
		t.Fatal(err)
	}
	if err := o.RemoveMembers(ctx, "Eng", alice.Login); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Fatalf("a directly assigned user's group changes sent %d requests", len(got))
	}

	mustAddUser(t, o, bob)
	o.fake.queue(ok(emptyList), created(bobSCIM))
	if err := o.AddMembers(ctx, "Eng", bob.Login); err != nil {
		t.Fatalf("AddMembers: %v", err)
	}
	if got := o.fake.requests(); len(got) != 2 || got[1].Method != "POST" {
		t.Fatalf("adding to an assigning group sent %d requests, want lookup and create", len(got))
	}
	o.fake.queue(status(204))
	if err := o.DeactivateUser(ctx, bob.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
	o.fake.queue(ok(`{"totalResults":1,"Resources":[`+bobSCIM+`]}`), status(204))
	if err := o.ReactivateUser(ctx, bob.Login); err != nil {
		t.Fatalf("ReactivateUser: %v", err)
	}
	got := o.fake.requests()
	if len(got) != 2 || got[1].Method != "PATCH" || !strings.Contains(string(got[1].Body), `{"active":true}`) {
		t.Fatalf("reactivation sent %d requests, want lookup and PATCH active true", len(got))
	}
	if au, _ := o.AppUser(bob.Login); !au.Active || !au.Assigned {
		t.Errorf("bob after reactivation: %+v", au)
	}
	// A directly assigned user loses the assignment on deactivation.
	o.fake.queue(status(204))
	if err := o.DeactivateUser(ctx, alice.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
	if err := o.ReactivateUser(ctx, alice.Login); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("reactivating a directly assigned user sent %d requests; Assign must follow", len(got))
	}
	if au, _ := o.AppUser(alice.Login); au.Assigned {
		t.Errorf("alice after reactivation: %+v, want unassigned", au)
	}
}

// TestSettingsOff: each provisioning option, when off, stops its requests.
func TestSettingsOff(t *testing.T) {
	tests := []struct {
		name  string
		off   func(*Settings)
		setup func(t *testing.T, o *testOrg)
		act   func(ctx context.Context, o *testOrg) error
		want  []string // kinds sent
	}{
		{"create users", func(s *Settings) { s.CreateUsers = false }, func(t *testing.T, o *testOrg) { mustAddUser(t, o, alice) },
			func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) }, nil},
		{"update user attributes", func(s *Settings) { s.UpdateUserAttributes = false }, provisionAlice, updateAlice, nil},
		{"deactivate users", func(s *Settings) { s.DeactivateUsers = false }, provisionAlice, unassign, nil},
		{"sync password", func(s *Settings) { s.SyncPassword = false }, provisionAlice,
			func(ctx context.Context, o *testOrg) error { return o.SetPassword(ctx, alice.Login, "x") }, nil},
		{"rename groups", func(s *Settings) { s.RenameGroups = false }, pushEng,
			func(ctx context.Context, o *testOrg) error { return o.RenameGroup(ctx, "Eng", "Engineering") }, nil},
		{"push memberships immediately", func(s *Settings) { s.PushMembershipsImmediately = false },
			func(t *testing.T, o *testOrg) {
				provisionAlice(t, o)
				addEng(t, o, alice.Login)
				o.fake.queue(ok(emptyList), created(engCreated))
			},
			func(ctx context.Context, o *testOrg) error { return o.PushGroup(ctx, "Eng") }, []string{"lookup-group", "create-group"}},
		{"import groups", func(s *Settings) { s.ImportGroups = false }, func(t *testing.T, o *testOrg) { o.fake.queue(ok(emptyList)) },
			func(ctx context.Context, o *testOrg) error { return o.TestCredentials(ctx) }, []string{"list-users"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := newTestOrg(t, OIN)
			tt.setup(t, o)
			before := len(o.Transcript())
			s := o.Settings()
			tt.off(&s)
			o.SetSettings(s)
			if err := tt.act(context.Background(), o); err != nil {
				t.Fatalf("action: %v", err)
			}
			o.fake.requests()
			if got := kinds(o.Org)[before:]; !reflect.DeepEqual(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Errorf("sent %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("push groups refuses a push", func(t *testing.T) {
		o := newTestOrg(t, OIN, func(c *Config) { c.Settings = &Settings{} })
		addEng(t, o)
		if err := o.PushGroup(context.Background(), "Eng"); err == nil || !strings.Contains(err.Error(), "Push Groups is off") {
			t.Errorf("PushGroup: %v, want Push Groups is off", err)
		}
	})
}

// TestSyncedPasswordOnCreate: with Sync Password on, the create carries the
// Okta password; with it off, the placeholder.
func TestSyncedPasswordOnCreate(t *testing.T) {
	for _, sync := range []bool{true, false} {
		o := newTestOrg(t, OIN)
		s := o.Settings()
		s.SyncPassword = sync
		o.SetSettings(s)
		mustAddUser(t, o, alice)
		if err := o.SetPassword(context.Background(), alice.Login, "0kta-Pa55"); err != nil {
			t.Fatal(err)
		}
		o.fake.queue(ok(emptyList), created(aliceCreated))
		if err := o.Assign(context.Background(), alice.Login); err != nil {
			t.Fatal(err)
		}
		got := o.fake.requests()
		var body struct{ Password string }
		json.Unmarshal(got[1].Body, &body)
		want := map[bool]string{true: "0kta-Pa55", false: "1mz050nq"}[sync]
		if body.Password != want {
			t.Errorf("sync %v: password %q, want %q", sync, body.Password, want)
		}
	}
}

type patchBody struct {
	Operations []struct {
		Op    string          `json:"op"`
		Path  string          `json:"path"`
		Value json.RawMessage `json:"value"`
	}
}

// describe summarises a group PATCH as "rename,remove,remove,add:2".
func describe(t *testing.T, body []byte) string {
	t.Helper()
	var p patchBody
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("PATCH body %s: %v", body, err)
	}
	var parts []string
	for _, op := range p.Operations {
		switch {
		case op.Op == "replace" && op.Path == "":
			var v struct {
				Members []map[string]string `json:"members"`
			}
			if json.Unmarshal(op.Value, &v) == nil && v.Members != nil {
				parts = append(parts, "replace-value:"+string(rune('0'+len(v.Members))))
				continue
			}
			parts = append(parts, "rename")
		case op.Op == "remove":
			parts = append(parts, "remove")
		default:
			var ms []map[string]string
			if err := json.Unmarshal(op.Value, &ms); err != nil {
				t.Fatalf("members %s: %v", op.Value, err)
			}
			for _, m := range ms {
				if _, typed := m["type"]; typed || m["value"] == "" || m["display"] == "" {
					t.Errorf("member %v: want value and display, no type", m)
				}
			}
			parts = append(parts, op.Op+":"+string(rune('0'+len(ms))))
		}
	}
	return strings.Join(parts, ",")
}

// TestMembershipBatches: at most MembershipBatchSize membership changes per
// PATCH, member operations alone, and the rename as a PATCH of its own after
// them (docs/okta-protocol.md §7.5, §7.6, §11.1).
func TestMembershipBatches(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		rename bool
		value  bool                   // FullPushValue
		prep   func(o *testOrg) error // changes before the one measured
		act    func(o *testOrg) error
		want   []string
	}{
		{name: "adds", rename: true, act: func(o *testOrg) error { return o.AddMembers(ctx, "Eng", logins(5)...) },
			want: []string{"add:2", "add:2", "add:1", "rename"}},
		{name: "adds without rename", act: func(o *testOrg) error { return o.AddMembers(ctx, "Eng", logins(3)...) },
			want: []string{"add:2", "add:1"}},
		{name: "removes then adds", rename: true,
			prep: func(o *testOrg) error {
				o.fake.queue(status(204), status(204), status(204))
				if err := o.AddMembers(ctx, "Eng", logins(3)...); err != nil {
					return err
				}
				o.fake.queue(status(204), status(204))
				if err := o.RemoveMembers(ctx, "Eng", logins(3)[:2]...); err != nil {
					return err
				}
				// Leaving and joining between two pushes: Okta's view
				// changes locally, then one membership push sends both.
				if err := o.setImmediate(false); err != nil {
					return err
				}
				if err := o.RemoveMembers(ctx, "Eng", logins(3)[2]); err != nil {
					return err
				}
				if err := o.AddMembers(ctx, "Eng", logins(5)[3:]...); err != nil {
					return err
				}
				return o.setImmediate(true)
			},
			act:  func(o *testOrg) error { return o.AddMembers(ctx, "Eng", logins(1)...) },
			want: []string{"remove,add:1", "add:2", "rename"}},
		{name: "push now", rename: true,
			prep: func(o *testOrg) error {
				o.fake.queue(status(204), status(204), status(204), status(204))
				return o.AddMembers(ctx, "Eng", logins(5)...)
			},
			act:  func(o *testOrg) error { return o.PushNow(ctx, "Eng") },
			want: []string{"replace:2", "add:2", "add:1", "rename"}},
		{name: "push now of an empty group", rename: true, act: func(o *testOrg) error { return o.PushNow(ctx, "Eng") },
			want: []string{"replace:0", "rename"}},
		{name: "push now, members inside a path-less value (full-push-value)", rename: true, value: true,
			prep: func(o *testOrg) error {
				o.fake.queue(status(204), status(204), status(204), status(204))
				return o.AddMembers(ctx, "Eng", logins(5)...)
			},
			act:  func(o *testOrg) error { return o.PushNow(ctx, "Eng") },
			want: []string{"replace-value:2", "add:2", "add:1", "rename"}},
		{name: "push now of an empty group (full-push-value)", rename: true, value: true,
			act:  func(o *testOrg) error { return o.PushNow(ctx, "Eng") },
			want: []string{"replace-value:0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := newTestOrg(t, OIN, func(c *Config) {
				s := DefaultSettings()
				s.MembershipBatchSize = 2
				s.RenameGroups = tt.rename
				c.Settings = &s
				if tt.value {
					c.Variants.FullPush = FullPushValue
				}
			})
			for i, l := range logins(5) {
				mustAddUser(t, o, User{Login: l, FirstName: "U", LastName: l[:2]})
				o.fake.queue(ok(emptyList), created(`{"id":"s`+string(rune('0'+i))+`"}`))
				if err := o.Assign(ctx, l); err != nil {
					t.Fatal(err)
				}
			}
			addEng(t, o)
			o.fake.queue(ok(emptyList), created(engCreated))
			if err := o.PushGroup(ctx, "Eng"); err != nil {
				t.Fatal(err)
			}
			o.fake.requests()
			if tt.prep != nil {
				if err := tt.prep(o); err != nil {
					t.Fatalf("prep: %v", err)
				}
				o.fake.requests()
			}
			for range tt.want {
				o.fake.queue(status(204))
			}
			if err := tt.act(o); err != nil {
				t.Fatalf("action: %v", err)
			}
			var got []string
			for _, s := range o.fake.requests() {
				got = append(got, describe(t, s.Body))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("PATCHes %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("removes are batched, one operation each", func(t *testing.T) {
		o := newTestOrg(t, OIN, func(c *Config) {
			s := DefaultSettings()
			s.MembershipBatchSize = 2
			c.Settings = &s
		})
		for i, l := range logins(3) {
			mustAddUser(t, o, User{Login: l})
			o.fake.queue(ok(emptyList), created(`{"id":"s`+string(rune('0'+i))+`"}`))
			if err := o.Assign(ctx, l); err != nil {
				t.Fatal(err)
			}
		}
		addEng(t, o, logins(3)...)
		o.fake.queue(ok(emptyList), created(engCreated), status(204), status(204), status(204))
		if err := o.PushGroup(ctx, "Eng"); err != nil {
			t.Fatal(err)
		}
		o.fake.requests()
		o.fake.queue(status(204), status(204), status(204))
		if err := o.RemoveMembers(ctx, "Eng", logins(3)...); err != nil {
			t.Fatal(err)
		}
		got := o.fake.requests()
		if len(got) != 3 || describe(t, got[0].Body) != "remove,remove" || describe(t, got[1].Body) != "remove" || describe(t, got[2].Body) != "rename" {
			t.Fatalf("removal PATCHes: %d", len(got))
		}
		if !strings.Contains(string(got[0].Body), `{"op":"remove","path":"members[value eq \"s0\"]"}`) {
			t.Errorf("remove operation: %s", got[0].Body)
		}
	})
}

// setImmediate turns Push group memberships immediately on or off.
func (o *testOrg) setImmediate(immediately bool) error {
	s := o.Settings()
	s.PushMembershipsImmediately = immediately
	o.SetSettings(s)
	return nil
}

func logins(n int) []string {
	ls := []string{"u1@example.com", "u2@example.com", "u3@example.com", "u4@example.com", "u5@example.com"}
	return ls[:n]
}

// TestPushSkipsUnprovisionedMembers: only members Okta provisioned are
// pushed (§7.1).
func TestPushSkipsUnprovisionedMembers(t *testing.T) {
	o := newTestOrg(t, OIN)
	provisionAlice(t, o)
	mustAddUser(t, o, bob)
	addEng(t, o, alice.Login, bob.Login)
	o.fake.queue(ok(emptyList), created(engCreated), status(204), status(204))
	if err := o.PushGroup(context.Background(), "Eng"); err != nil {
		t.Fatal(err)
	}
	got := o.fake.requests()
	if d := describe(t, got[2].Body); d != "add:1" || strings.Contains(string(got[2].Body), "bob") {
		t.Errorf("push %s: want only alice", got[2].Body)
	}
	if g, _ := o.Group("Eng"); g.SCIMID != "abf4dd94" || !reflect.DeepEqual(g.Members, []string{alice.Login, bob.Login}) {
		t.Errorf("group %+v", g)
	}
}

// TestUpdateUserLogin: a changed login goes out as the new userName and the
// user is found under it afterwards.
func TestUpdateUserLogin(t *testing.T) {
	o := newTestOrg(t, OIN)
	provisionAlice(t, o)
	o.fake.queue(ok(aliceSCIM), ok(aliceSCIM))
	if err := o.UpdateUser(context.Background(), alice.Login, func(u *User) { u.Login = "alice.smith@example.com" }); err != nil {
		t.Fatal(err)
	}
	got := o.fake.requests()
	if !strings.Contains(string(got[1].Body), `"userName":"alice.smith@example.com"`) {
		t.Errorf("PUT body %s: want the new userName", got[1].Body)
	}
	if _, ok := o.User(alice.Login); ok {
		t.Error("the old login still finds the user")
	}
	if au, ok := o.AppUser("ALICE.SMITH@example.com"); !ok || au.SCIMID != "2819c223" {
		t.Errorf("new login: %+v %v", au, ok)
	}
	err := o.UpdateUser(context.Background(), "alice.smith@example.com", func(u *User) { u.Status = StatusDeprovisioned })
	if err == nil || !strings.Contains(err.Error(), "DeactivateUser") {
		t.Errorf("status edit: %v", err)
	}
}

// TestModelErrors: bad input gets a clear error and changes nothing.
func TestModelErrors(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	mustAddUser(t, o, alice)
	addEng(t, o)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"duplicate login", second(o.AddUser(User{Login: "ALICE@example.com"})), `add user: login "ALICE@example.com": already in the org`},
		{"no login", second(o.AddUser(User{})), "add user: user has no login"},
		{"reserved attribute", second(o.AddUser(User{Login: "x@example.com", Attributes: map[string]any{"active": false}})), `attribute "active" is written by the org itself`},
		{"deep attribute", second(o.AddUser(User{Login: "x@example.com", Attributes: map[string]any{"a.b.c": 1}})), `attribute "a.b.c": expected name, name.sub or urn:…:name`},
		{"unencodable attribute", second(o.AddUser(User{Login: "x@example.com", Attributes: map[string]any{"x": make(chan int)}})), `attribute "x": json: unsupported type: chan int`},
		{"bad status", second(o.AddUser(User{Login: "x@example.com", Status: "STAGED"})), `status "STAGED": expected "ACTIVE", "DEPROVISIONED" or "SUSPENDED"`},
		{"duplicate group", second(o.AddGroup("Eng")), `add group "Eng": already in the org`},
		{"unknown user", o.Assign(ctx, "nobody@example.com"), `assign: user "nobody@example.com": not in the org`},
		{"unknown member", o.AddMembers(ctx, "Eng", "nobody@example.com"), `add-members: user "nobody@example.com": not in the org`},
		{"unknown group", o.PushGroup(ctx, "Ops"), `push-group: group "Ops": not in the org`},
		{"push now unpushed", o.PushNow(ctx, "Eng"), `push-now: group "Eng": not a pushed group of the org`},
		{"unlink unpushed", o.UnlinkGroup(ctx, "Eng", DeleteInApp), `unlink-group: group "Eng": not a pushed group of the org`},
	}
	for _, tt := range tests {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, tt.err, tt.want)
		}
	}
	if _, ok := o.User("x@example.com"); ok {
		t.Error("a refused user was added")
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("refused operations sent %d requests", len(got))
	}
}

func second[T any](_ T, err error) error { return err }

// TestNewOrgErrors: NewOrg refuses what it cannot use.
func TestNewOrgErrors(t *testing.T) {
	for _, base := range []string{"", "app.example.com/scim/v2", "ftp://app.example.com", "https:///scim", "http://[::1"} {
		if _, err := NewOrg(Config{BaseURL: base}); err == nil {
			t.Errorf("NewOrg(%q): no error", base)
		}
	}
	for _, base := range []string{"https://app.example.com/scim#x", "https://app.example.com/scim?x=1#y"} {
		if _, err := NewOrg(Config{BaseURL: base}); err == nil {
			t.Errorf("NewOrg(%q): no error for a fragment", base)
		}
	}
	if _, err := NewOrg(Config{BaseURL: testBase, Profile: 7}); err == nil {
		t.Error("NewOrg with profile 7: no error")
	}
	o, err := NewOrg(Config{BaseURL: testBase + "/"})
	if err != nil || o.base.String() != testBase || o.timeout != defaultTimeout || o.maxAttempts != 10 || o.Settings() != DefaultSettings() {
		t.Errorf("NewOrg defaults: %v %+v", err, o)
	}
	u, _ := o.AddUser(User{Login: "a@example.com"})
	if len(u.ID) != 20 || !strings.HasPrefix(u.ID, "00u") || u.Email != "a@example.com" || u.Status != StatusActive {
		t.Errorf("defaults of AddUser: %+v", u)
	}
}
