package store

import (
	"slices"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/rules"
)

// The store keeps its indexes, memberships and versions in step through a
// lifetime of changes, without HTTP: after each step Invariants holds and the
// step's own effect shows.
func TestEnvKeepsIndexesInStep(t *testing.T) {
	rule := rules.Zinc()
	e := NewEnv()
	now := int64(1e9)
	newUser := func(name, ext string) *User {
		u := &User{ID: "u-" + name, UserName: name, ExternalID: ext, Given: "G", Family: name, Active: true,
			Created: now, Modified: now, Version: e.NextVersion()}
		e.InsertUser(u)
		return u
	}
	var alice, bob *User
	var team *Group
	steps := []struct {
		name string
		do   func(t *testing.T)
	}{
		{"users", func(t *testing.T) {
			alice, bob = newUser("Alice@Example.com", "x-a"), newUser("bob@example.com", "")
			if e.UserByName("alice@EXAMPLE.com") != alice || e.ByExternalID["x-a"] != alice || e.UserByName("ſam@example.com") != nil {
				t.Errorf("lookups: %v %v", e.UserByName("alice@EXAMPLE.com"), e.ByExternalID["x-a"])
			}
		}},
		{"group and members", func(t *testing.T) {
			team = &Group{ID: "g-team", DisplayName: "Team", Origin: FromDirectory, Synced: true, Version: e.NextVersion()}
			e.InsertGroup(team, true)
			v := team.Version
			if !e.AddMember(team, alice) || !e.AddMember(team, bob) || e.AddMember(team, alice) {
				t.Error("AddMember: want true, true, then false for a member")
			}
			if e.GroupByDisplayName("TEAM") != team || !team.Has(bob) || team.Version <= v || !slices.Contains(alice.Groups, team) {
				t.Errorf("group %+v", team)
			}
		}},
		{"rename stamps the members", func(t *testing.T) {
			before := alice.ETag()
			e.RenameGroup(team, "Squad")
			if e.GroupByDisplayName("team") != nil || e.GroupByDisplayName("squad") != team {
				t.Error("the displayName index does not follow the rename")
			}
			if alice.ETag() <= before || alice.ETag() != team.refVersion {
				t.Errorf("member version %d after the rename (was %d), group's rename stamp %d", alice.ETag(), before, team.refVersion)
			}
		}},
		{"swap and move ids", func(t *testing.T) {
			a, b, v := alice.ID, bob.ID, team.Version
			e.SwapUserIDs(alice, bob)
			if alice.ID != b || bob.ID != a || e.Users[a] != bob || e.Users[b] != alice || team.Version <= v {
				t.Errorf("after the swap alice %s, bob %s, team version %d (was %d)", alice.ID, bob.ID, team.Version, v)
			}
			e.SwapUserIDs(alice, bob)
			e.MoveUser(alice, "u-alice-2")
			if e.Users[a] != nil || e.Users["u-alice-2"] != alice || e.Moved[a] != alice.UserName || !team.Has(alice) {
				t.Errorf("after the move: old id %v, new %v, moved %q", e.Users[a], e.Users["u-alice-2"], e.Moved[a])
			}
		}},
		{"a commit that changes nothing keeps the version", func(t *testing.T) {
			v := bob.Version
			e.CommitUser(bob, bob.Clone(), &rule)
			if bob.Version != v {
				t.Errorf("version %d, want %d", bob.Version, v)
			}
		}},
		{"deactivation leaves every group", func(t *testing.T) {
			w := bob.Clone()
			w.Active = false
			e.CommitUser(bob, w, &rule)
			if bob.Active || len(bob.Groups) != 0 || team.Has(bob) || len(team.Members) != 1 {
				t.Errorf("bob active %v in %d groups; team has %d members", bob.Active, len(bob.Groups), len(team.Members))
			}
		}},
		{"hide", func(t *testing.T) {
			v := alice.Version
			e.HideGroup(team)
			if team.SCIMVisible() || e.GroupByDisplayName("squad") != nil || len(e.GroupOrder) != 0 || alice.Version <= v {
				t.Errorf("hidden group still seen, or its member not bumped")
			}
			if e.Groups[team.ID] != team || !team.Has(alice) {
				t.Error("a hidden group keeps its place in the console and its members")
			}
		}},
		{"delete user", func(t *testing.T) {
			e.DeleteUser(alice)
			if e.Users[alice.ID] != nil || e.UserByName(alice.UserName) != nil || e.ByExternalID["x-a"] != nil || team.Has(alice) || len(e.UserOrder) != 1 {
				t.Error("a deleted user is still indexed or a member")
			}
		}},
		{"delete group", func(t *testing.T) {
			e.DeleteGroup(team)
			if e.Groups[team.ID] != nil || len(team.Members) != 0 {
				t.Error("a deleted group is still stored or has members")
			}
		}},
	}
	for _, st := range steps {
		e.Lock()
		now += 1e6
		e.Begin(now)
		st.do(t)
		e.Unlock()
		if err := e.Invariants(&rule); err != nil {
			t.Fatalf("after %s: %v", st.name, err)
		}
	}
}
