package mockokta

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func notFound(detail string) answer {
	return withBody(404, fmt.Sprintf(scimError, detail, 404))
}

// TestFailedCreateLeavesNoLink: a create that fails leaves Okta without a
// link, so the unassignment that follows sends nothing (the user would stay
// active in an app that had created it anyway); the assignment shows the
// task's error until a retry links the user.
func TestFailedCreateLeavesNoLink(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	mustAddUser(t, o, alice)
	o.fake.queue(ok(emptyList), withBody(500, fmt.Sprintf(scimError, "database unavailable", 500)))
	if err := o.Assign(ctx, alice.Login); err == nil {
		t.Fatal("Assign: no error for a 500")
	}
	o.fake.requests()
	au, _ := o.AppUser(alice.Login)
	if au.SCIMID != "" || au.Active || !strings.Contains(au.Error, "Error while creating user Alice Smith: Internal Server Error") {
		t.Errorf("after the failed create: %+v, want no link and the task's error", au)
	}
	if err := o.Unassign(ctx, alice.Login); err != nil {
		t.Fatalf("Unassign: %v", err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("Unassign of a user without a link sent %d requests, want none", len(got))
	}
	// The admin retries (assigns again): the lookup finds the user the
	// failed create made after all, and links it.
	o.fake.queue(ok(aliceList), ok(aliceSCIM), ok(aliceSCIM))
	if err := o.Assign(ctx, alice.Login); err != nil {
		t.Fatalf("retry: %v", err)
	}
	o.fake.requests()
	au, _ = o.AppUser(alice.Login)
	if au.SCIMID != "2819c223" || !au.Active || au.Error != "" {
		t.Errorf("after the retry: %+v, want linked to 2819c223, active, no error", au)
	}
}

// TestPushMappingError: a membership push answered 404 (the app lost the
// group) puts the mapping in ERROR with Okta's message; later changes are
// not sent; RetryPush pushes the whole membership and the mapping is
// active again.
func TestPushMappingError(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	pushEng(t, o)
	provisionBob(t, o)

	o.fake.queue(notFound("Group abf4dd94 not found"))
	if err := o.AddMembers(ctx, "Eng", bob.Login); err == nil {
		t.Fatal("AddMembers: no error for a 404")
	}
	o.fake.requests()
	m, ok := o.PushMapping("Eng")
	want := "Failed on 03-04-2026 05:06:07AM UTC: Unable to update Group Push mapping target App group Eng: Error while updating group Eng: Not Found. Errors reported by remote server: Group abf4dd94 not found"
	if !ok || m.Status != PushError || m.Error != want || m.SCIMID != "abf4dd94" {
		t.Fatalf("mapping %+v, want ERROR with %q", m, want)
	}
	if err := o.RemoveMembers(ctx, "Eng", alice.Login); err != nil {
		t.Fatalf("RemoveMembers in ERROR: %v", err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("a change while in ERROR sent %d requests, want none", len(got))
	}
	if err := o.PushNow(ctx, "Eng"); err == nil {
		t.Error("PushNow of a mapping in ERROR: no error")
	}
	o.fake.queue(status(204), status(204))
	if err := o.RetryPush(ctx, "Eng"); err != nil {
		t.Fatalf("RetryPush: %v", err)
	}
	o.fake.mu.Lock()
	o.fake.script = nil // a full push is one or two PATCHes, by variant
	o.fake.mu.Unlock()
	got := o.fake.requests()
	if !sentBody(got, `"op":"replace","path":"members","value":[{"value":"7a1b0c2d","display":"bob@example.com"}]`) {
		t.Errorf("RetryPush sent %v, want a PATCH replacing members with Bob", got)
	}
	if m, _ := o.PushMapping("Eng"); m.Status != PushActive || m.Error != "" {
		t.Errorf("after the retry: %+v, want ACTIVE without error", m)
	}
}

// TestPushMappingErrorBeforeCreate: a create that fails leaves a mapping in
// ERROR without an app group; the retry starts from the lookup; unlinking
// it sends nothing.
func TestPushMappingErrorBeforeCreate(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	if _, err := o.AddGroup("Eng"); err != nil {
		t.Fatal(err)
	}
	o.fake.queue(ok(emptyList), withBody(500, fmt.Sprintf(scimError, "boom", 500)))
	if err := o.PushGroup(ctx, "Eng"); err == nil {
		t.Fatal("PushGroup: no error for a 500")
	}
	o.fake.requests()
	m, _ := o.PushMapping("Eng")
	if m.Status != PushError || m.SCIMID != "" || !strings.Contains(m.Error, "Error while creating user group Eng: Internal Server Error") {
		t.Fatalf("mapping %+v, want ERROR without an app group", m)
	}
	if err := o.PushGroup(ctx, "Eng"); err == nil {
		t.Error("a second PushGroup of a mapped group: no error")
	}
	o.fake.queue(ok(emptyList), created(engCreated))
	if err := o.RetryPush(ctx, "Eng"); err != nil {
		t.Fatalf("RetryPush: %v", err)
	}
	if ks := kinds(o.Org); strings.Join(ks[len(ks)-2:], " ") != "lookup-group create-group" {
		t.Errorf("retry sent %v, want the lookup and the create again", ks)
	}
	o.fake.requests()

	o.fake.queue(withBody(500, fmt.Sprintf(scimError, "boom", 500)))
	if err := o.PushNow(ctx, "Eng"); err == nil {
		t.Fatal("PushNow: no error for a 500")
	}
	o.fake.requests()
	if err := o.UnlinkGroup(ctx, "Eng", LeaveInApp); err != nil {
		t.Fatalf("UnlinkGroup of a mapping in ERROR: %v", err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("leaving the group sent %d requests", len(got))
	}
	if _, ok := o.PushMapping("Eng"); ok {
		t.Error("the mapping is still there after the unlink")
	}
}

// TestPausedPush: C9319, C9320: while the push is inactive membership
// changes send nothing; activating it pushes the whole membership at once.
func TestPausedPush(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	pushEng(t, o)
	provisionBob(t, o)
	if err := o.DeactivatePush("Eng"); err != nil {
		t.Fatal(err)
	}
	if err := o.AddMembers(ctx, "Eng", bob.Login); err != nil {
		t.Fatal(err)
	}
	if err := o.RemoveMembers(ctx, "Eng", alice.Login); err != nil {
		t.Fatal(err)
	}
	if err := o.RenameGroup(ctx, "Eng", "Engineering"); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Fatalf("a paused push sent %d requests", len(got))
	}
	if m, _ := o.PushMapping("Engineering"); m.Status != PushInactive {
		t.Errorf("status %s, want INACTIVE", m.Status)
	}
	o.fake.queue(status(204), status(204))
	if err := o.ActivatePush(ctx, "Engineering"); err != nil {
		t.Fatal(err)
	}
	o.fake.mu.Lock()
	o.fake.script = nil // a full push is one or two PATCHes, by variant
	o.fake.mu.Unlock()
	got := o.fake.requests()
	for _, want := range []string{`"displayName":"Engineering"`, `"op":"replace","path":"members","value":[{"value":"7a1b0c2d","display":"bob@example.com"}]`} {
		if !sentBody(got, want) {
			t.Errorf("ActivatePush sent %v, want a body with %s", got, want)
		}
	}
}

// TestPushRules: C9323 pushes the groups a rule matches, not twice;
// C9325 deletes them in the app with the rule, C9326 leaves them.
func TestPushRules(t *testing.T) {
	for _, mode := range []UnlinkMode{DeleteInApp, LeaveInApp} {
		t.Run(fmt.Sprint(mode), func(t *testing.T) {
			ctx := context.Background()
			o := newTestOrg(t, OIN)
			for _, n := range []string{"Eng-b", "Eng-a", "Ops"} {
				if _, err := o.AddGroup(n); err != nil {
					t.Fatal(err)
				}
			}
			o.fake.queue(ok(emptyList), created(`{"id":"g2","displayName":"Eng-b"}`))
			if err := o.PushGroup(ctx, "Eng-b"); err != nil {
				t.Fatal(err)
			}
			o.fake.requests()
			o.fake.queue(ok(emptyList), created(`{"id":"g1","displayName":"Eng-a"}`))
			if err := o.CreatePushRule(ctx, "eng", "Eng-"); err != nil {
				t.Fatal(err)
			}
			got := o.fake.requests()
			if len(got) != 2 || !strings.Contains(got[1].Path, "/Groups") || !strings.Contains(string(got[1].Body), "Eng-a") {
				t.Errorf("the rule sent %v, want Eng-a's lookup and create only", got)
			}
			if m, _ := o.PushMapping("Eng-a"); m.Rule != "eng" {
				t.Errorf("Eng-a's mapping %+v, want rule eng", m)
			}
			if m, _ := o.PushMapping("Eng-b"); m.Rule != "" {
				t.Errorf("Eng-b's mapping %+v, want no rule (pushed by name before)", m)
			}
			if mode == DeleteInApp {
				o.fake.queue(status(204))
			}
			if err := o.DeletePushRule(ctx, "eng", mode); err != nil {
				t.Fatal(err)
			}
			got = o.fake.requests()
			want := 0
			if mode == DeleteInApp {
				want = 1
			}
			if len(got) != want || (want == 1 && (got[0].Method != "DELETE" || !strings.HasSuffix(got[0].Path, "/Groups/g1"))) {
				t.Errorf("DeletePushRule sent %v, want %d DELETE /Groups/g1", got, want)
			}
			if _, ok := o.PushMapping("Eng-a"); ok {
				t.Error("Eng-a is still pushed")
			}
			if _, ok := o.PushMapping("Eng-b"); !ok {
				t.Error("Eng-b, not pushed by the rule, was unlinked")
			}
		})
	}
}

// TestPushRuleLater: an active rule pushes a group made later, or renamed
// later, whose name matches (S55); AddGroup and a group that matches no
// rule send nothing, and a deleted rule pushes nothing more.
func TestPushRuleLater(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	if err := o.CreatePushRule(ctx, "eng", "Eng-"); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Fatalf("a rule that matches nothing sent %v", got)
	}
	o.fake.queue(ok(emptyList), created(`{"id":"g1","displayName":"Eng-a"}`))
	if _, err := o.CreateGroup(ctx, "Eng-a"); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 2 || got[1].Method != "POST" || !strings.Contains(string(got[1].Body), "Eng-a") {
		t.Errorf("a group made to match sent %v, want its lookup and create", got)
	}
	if m, _ := o.PushMapping("Eng-a"); m.Rule != "eng" || m.Status != PushActive || m.SCIMID != "g1" {
		t.Errorf("Eng-a's mapping %+v, want ACTIVE by rule eng, linked to g1", m)
	}
	if _, err := o.CreateGroup(ctx, "Ops"); err != nil {
		t.Fatal(err)
	}
	if _, err := o.AddGroup("Eng-b"); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("a group that matches no rule, and AddGroup, sent %v", got)
	}
	o.fake.queue(ok(emptyList), created(`{"id":"g2","displayName":"Eng-ops"}`))
	if err := o.RenameGroup(ctx, "Ops", "Eng-ops"); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 2 || !strings.Contains(string(got[1].Body), "Eng-ops") {
		t.Errorf("a group renamed to match sent %v, want its lookup and create", got)
	}
	if m, _ := o.PushMapping("Eng-ops"); m.Rule != "eng" {
		t.Errorf("Eng-ops's mapping %+v, want rule eng", m)
	}
	if err := o.DeletePushRule(ctx, "eng", LeaveInApp); err != nil {
		t.Fatal(err)
	}
	if _, err := o.CreateGroup(ctx, "Eng-c"); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("a deleted rule pushed %v", got)
	}
	if err := o.DeletePushRule(ctx, "eng", LeaveInApp); err == nil {
		t.Error("deleting the deleted rule again: no error")
	}
}

// TestPushRuleDeactivated: C9324: a deactivated rule pushes no group made
// or renamed later and sends nothing; the group it pushed keeps its
// mapping; a rule of the same name cannot be made again, and deleting the
// deactivated rule unlinks its group.
func TestPushRuleDeactivated(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	if err := o.DeactivatePushRule("eng"); err == nil {
		t.Error("deactivating a rule that does not exist: no error")
	}
	if _, err := o.AddGroup("Eng-a"); err != nil {
		t.Fatal(err)
	}
	o.fake.queue(ok(emptyList), created(`{"id":"g1","displayName":"Eng-a"}`))
	if err := o.CreatePushRule(ctx, "eng", "Eng-"); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
	for range 2 { // a second deactivation changes nothing
		if err := o.DeactivatePushRule("eng"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := o.CreateGroup(ctx, "Eng-b"); err != nil {
		t.Fatal(err)
	}
	if _, err := o.CreateGroup(ctx, "Ops"); err != nil {
		t.Fatal(err)
	}
	if err := o.RenameGroup(ctx, "Ops", "Eng-ops"); err != nil {
		t.Fatal(err)
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("a deactivated rule sent %v", got)
	}
	for _, n := range []string{"Eng-b", "Eng-ops"} {
		if _, ok := o.PushMapping(n); ok {
			t.Errorf("%s is pushed by a deactivated rule", n)
		}
	}
	if m, ok := o.PushMapping("Eng-a"); !ok || m.Rule != "eng" || m.Status != PushActive {
		t.Errorf("Eng-a's mapping %+v (%v), want it kept: ACTIVE by rule eng", m, ok)
	}
	if err := o.CreatePushRule(ctx, "eng", "Eng-"); err == nil {
		t.Error("making a rule of a deactivated rule's name: no error")
	}
	if err := o.DeletePushRule(ctx, "eng", LeaveInApp); err != nil {
		t.Fatal(err)
	}
	if _, ok := o.PushMapping("Eng-a"); ok {
		t.Error("deleting the deactivated rule left Eng-a pushed")
	}
}

// TestSuspendSendsNothing: C9295, C9300: suspending and unsuspending send
// nothing; the suspended user stays assigned and stays in pushed groups.
func TestSuspendSendsNothing(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	pushEng(t, o)
	if err := o.SuspendUser(alice.Login); err != nil {
		t.Fatal(err)
	}
	if au, _ := o.AppUser(alice.Login); !au.Assigned || !au.Active {
		t.Errorf("suspended: %+v, want still assigned and active in the app", au)
	}
	o.fake.queue(status(204), status(204))
	if err := o.PushNow(ctx, "Eng"); err != nil {
		t.Fatal(err)
	}
	o.fake.mu.Lock()
	o.fake.script = nil
	o.fake.mu.Unlock()
	got := o.fake.requests()
	if !sentBody(got, `"value":"2819c223"`) {
		t.Errorf("Push Now with a suspended member sent %v, want the member kept", got)
	}
	if err := o.Assign(ctx, alice.Login); err == nil {
		t.Error("Assign of a suspended user: no error")
	}
	if err := o.UnsuspendUser(alice.Login); err != nil {
		t.Fatal(err)
	}
	if err := o.UnsuspendUser(alice.Login); err == nil {
		t.Error("unsuspending an active user: no error")
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("suspend and unsuspend sent %d requests", len(got))
	}
}

// TestIntegrationDisabled: C9339: nothing is sent; an assignment made
// meanwhile shows Okta's "Provision User" error; turning the integration
// on again sends nothing by itself.
func TestIntegrationDisabled(t *testing.T) {
	ctx := context.Background()
	o := newTestOrg(t, OIN)
	pushEng(t, o)
	mustAddUser(t, o, bob)
	s := o.Settings()
	s.IntegrationDisabled = true
	o.SetSettings(s)
	if !o.Settings().IntegrationDisabled || !o.Settings().CreateUsers {
		t.Errorf("Settings() = %+v, want the settings as set", o.Settings())
	}
	steps := []struct {
		name string
		err  error
	}{
		{"update", o.UpdateUser(ctx, alice.Login, func(u *User) { u.FirstName = "Alicia" })},
		{"assign", o.Assign(ctx, bob.Login)},
		{"add member", o.AddMembers(ctx, "Eng", bob.Login)},
		{"rename", o.RenameGroup(ctx, "Eng", "Engineering")},
		{"unassign", o.Unassign(ctx, alice.Login)},
	}
	for _, st := range steps {
		if st.err != nil {
			t.Errorf("%s: %v", st.name, st.err)
		}
	}
	if _, err := o.ImportUsers(ctx); err == nil {
		t.Error("ImportUsers with the integration disabled: no error")
	}
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("a disabled integration sent %d requests", len(got))
	}
	if au, _ := o.AppUser(bob.Login); au.SCIMID != "" || au.Error != unprovisioned {
		t.Errorf("Bob: %+v, want no link and %q", au, unprovisioned)
	}
	if au, _ := o.AppUser(alice.Login); !au.Active {
		t.Errorf("Alice: %+v: Okta sent no deactivation, so it still holds her active", au)
	}
	s.IntegrationDisabled = false
	o.SetSettings(s)
	if got := o.fake.requests(); len(got) != 0 {
		t.Errorf("enabling the integration sent %d requests", len(got))
	}
	o.fake.queue(ok(emptyList), created(bobSCIM))
	if err := o.Assign(ctx, bob.Login); err != nil {
		t.Fatalf("Provision User: %v", err)
	}
	o.fake.requests()
	if au, _ := o.AppUser(bob.Login); au.SCIMID != "7a1b0c2d" || au.Error != "" {
		t.Errorf("Bob after Provision User: %+v", au)
	}
}

// TestProfileSourcingImport: C9359, C9361: with the app as source, an
// import reads inactive users and deactivates their Okta users; without
// it they are skipped. A linked user the import does not find is counted
// removed.
func TestProfileSourcingImport(t *testing.T) {
	inactive := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[{"id":"2819c223","userName":"alice@example.com","active":false,"name":{"givenName":"Alice","familyName":"Smith"},"emails":[{"value":"alice@example.com","primary":true}]}]}`
	for _, sourcing := range []bool{false, true} {
		t.Run(fmt.Sprint("sourcing ", sourcing), func(t *testing.T) {
			ctx := context.Background()
			o := newTestOrg(t, OIN)
			provisionAlice(t, o)
			s := o.Settings()
			s.ProfileSourcing = sourcing
			o.SetSettings(s)
			o.fake.queue(ok(inactive))
			im, err := o.ImportUsers(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := o.fake.requests(); len(got) != 1 {
				t.Errorf("the import sent %d requests, want its one page", len(got))
			}
			u, _ := o.User(alice.Login)
			au, _ := o.AppUser(alice.Login)
			if !sourcing {
				if im.Skipped != 1 || im.Scanned != 0 || len(im.Deactivated) != 0 || u.Status != StatusActive {
					t.Errorf("without sourcing: %+v, Alice %s, want the inactive user skipped and Alice untouched", im, u.Status)
				}
				return
			}
			if im.Scanned != 1 || im.Skipped != 0 || !slices.Equal(im.Deactivated, []string{alice.Login}) {
				t.Errorf("with sourcing: %+v, want Alice scanned and deactivated", im)
			}
			if u.Status != StatusDeprovisioned || au.Assigned || au.Active {
				t.Errorf("Alice %s, app user %+v: want deactivated in Okta, assignment revoked", u.Status, au)
			}
		})
	}
	t.Run("removed", func(t *testing.T) {
		o := newTestOrg(t, OIN)
		provisionAlice(t, o)
		o.fake.queue(ok(emptyList))
		im, err := o.ImportUsers(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		o.fake.requests()
		if im.Removed != 1 {
			t.Errorf("Removed = %d, want 1: Okta links Alice, the app no longer has her", im.Removed)
		}
	})
}

// sentBody reports whether one of the requests carried want in its body.
func sentBody(got []sent, want string) bool {
	for _, r := range got {
		if strings.Contains(string(r.Body), want) {
			return true
		}
	}
	return false
}
