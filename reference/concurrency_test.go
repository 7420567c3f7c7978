package reference

import (
	"fmt"
	"net/url"
	"sync"
	"testing"
)

// Many clients at once add and remove members of one group and deactivate users,
// while others read; the final state is exactly the one the operations imply.
func TestConcurrentMembershipAndDeactivation(t *testing.T) {
	tt := newTester(t)
	ids := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = tt.createUser(fmt.Sprintf("%s%d@example.com", prefix, i))
		}
		return out
	}
	add := ids("add", 120)      // added concurrently: members at the end
	remove := ids("remove", 60) // members at the start, removed concurrently
	deact := ids("deact", 60)   // members at the start, deactivated concurrently
	race := ids("race", 40)     // added and deactivated at the same time: never a member at the end
	stay := ids("stay", 20)     // members throughout
	g := tt.createGroup("Big", append(append(append([]string{}, remove...), deact...), stay...)...)
	other := tt.createGroup("Other", deact...)

	var wg sync.WaitGroup
	errs := make(chan string, 1000)
	run := func(what string, f func() resp, want ...int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := f()
			for _, w := range want {
				if r.status == w {
					return
				}
			}
			errs <- fmt.Sprintf("%s: %s", what, r)
		}()
	}
	for i := 0; i < len(add); i += 3 { // batches of up to 3 members per PATCH
		batch := add[i:min(i+3, len(add))]
		run("add batch", func() resp { return tt.addMembers(g, batch...) }, 204)
	}
	for _, id := range remove {
		run("remove", func() resp { return tt.removeMember(g, id) }, 204)
	}
	for _, id := range deact {
		run("deactivate", func() resp { return tt.deactivate(id) }, 200)
	}
	for _, id := range race {
		run("race add", func() resp { return tt.addMembers(g, id) }, 204)
		run("race deactivate", func() resp { return tt.deactivate(id) }, 200)
	}
	for i := 0; i < 40; i++ {
		run("read group", func() resp { return tt.do("GET", "/scim/v2/Groups/"+g, "") }, 200)
		run("list users", func() resp { return tt.do("GET", "/scim/v2/Users?startIndex=1&count=50", "") }, 200)
		run("rename", func() resp {
			return tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(fmt.Sprintf(`{"op":"replace","value":{"id":%q,"displayName":"Big"}}`, g)))
		}, 204)
		run("console", func() resp { return tt.do("GET", "/admin/orgs/default/groups", "") }, 200)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	want := append(append([]string{}, add...), stay...)
	if got := tt.members(g); !sameSet(got, want) {
		t.Fatalf("members of Big: %d, want %d (the added and the stayed)", len(got), len(want))
	}
	if got := tt.members(other); len(got) != 0 {
		t.Fatalf("Other still has %d deactivated members", len(got))
	}
	for _, id := range append(append([]string{}, deact...), race...) {
		r := tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
		if r.get("active") != false || r.len("groups") != 0 {
			t.Fatalf("deactivated user %s: %s", id, r.body)
		}
	}
	for _, id := range remove {
		if r := tt.do("GET", "/scim/v2/Users/"+id, ""); r.len("groups") != 0 {
			t.Fatalf("removed user %s still lists a group: %s", id, r.body)
		}
	}
	checkInvariants(t, tt.srv)
}

// Creates, membership PATCHes, deactivations and reactivations interleave from
// many goroutines (each goroutine's own steps in order); the audit afterwards
// finds exactly the state the operations imply.
func TestConcurrentLifecycle(t *testing.T) {
	tt := newTester(t)
	mk := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = tt.createUser(fmt.Sprintf("%s%d@example.com", prefix, i))
		}
		return out
	}
	stay := mk("stay", 20)   // members of G throughout
	flip := mk("flip", 30)   // members of G, then deactivated, reactivated, deactivated, reactivated
	revive := mk("rev", 30)  // deactivated first; reactivated and then added to G concurrently
	leave := mk("leave", 20) // members of G, removed and then added to H
	g := tt.createGroup("G", append(append(append([]string{}, stay...), flip...), leave...)...)
	h := tt.createGroup("H")
	for _, id := range revive {
		tt.must(200, tt.deactivate(id))
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	errs := make(chan string, 2000)
	created := map[string]string{} // userName → id
	dupWins := map[int]int{}       // pair → number of 201s
	newGroups := map[string][]string{}
	step := func(what string, r resp, want ...int) bool {
		for _, w := range want {
			if r.status == w {
				return true
			}
		}
		errs <- fmt.Sprintf("%s: %s", what, r)
		return false
	}
	goStep := func(f func()) {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	for i := 0; i < 60; i++ { // create, then join G
		goStep(func() {
			name := fmt.Sprintf("new%d@example.com", i)
			r := tt.do("POST", "/scim/v2/Users", userBody(name, "New", "User"))
			if !step("create", r, 201) {
				return
			}
			mu.Lock()
			created[name] = r.str("id")
			mu.Unlock()
			step("join G", tt.addMembers(g, r.str("id")), 204)
		})
	}
	for i := 0; i < 10; i++ { // the same userName twice at once: one 201, one 409
		for range 2 {
			goStep(func() {
				r := tt.do("POST", "/scim/v2/Users", userBody(fmt.Sprintf("dup%d@example.com", i), "D", "Up"))
				if step("duplicate create", r, 201, 409) && r.status == 201 {
					mu.Lock()
					dupWins[i]++
					mu.Unlock()
				}
			})
		}
	}
	for i := 0; i < 8; i++ { // new groups of stayers
		goStep(func() {
			members := stay[i*2 : i*2+3]
			r := tt.do("POST", "/scim/v2/Groups", fmt.Sprintf(`{"displayName":"N%d","members":[{"value":%q},{"value":%q},{"value":%q}]}`, i, members[0], members[1], members[2]))
			if step("create group", r, 201) {
				mu.Lock()
				newGroups[r.str("id")] = members
				mu.Unlock()
			}
		})
	}
	for _, id := range flip {
		goStep(func() {
			for _, active := range []bool{false, true, false, true} {
				if active {
					step("reactivate", tt.reactivate(id), 200)
				} else {
					step("deactivate", tt.deactivate(id), 200)
				}
			}
		})
	}
	for _, id := range revive {
		goStep(func() {
			if step("reactivate", tt.reactivate(id), 200) {
				step("join G after reactivation", tt.addMembers(g, id), 204)
			}
		})
	}
	for _, id := range leave {
		goStep(func() {
			if step("leave G", tt.removeMember(g, id), 204) {
				step("join H", tt.addMembers(h, id), 204)
			}
		})
	}
	for i := 0; i < 30; i++ {
		goStep(func() {
			step("list", tt.do("GET", "/scim/v2/Users?filter="+url.QueryEscape(`active eq true`)+"&count=100", ""), 200)
		})
		goStep(func() { step("read G", tt.do("GET", "/scim/v2/Groups/"+g, ""), 200) })
		goStep(func() { step("console", tt.do("GET", "/admin/orgs/default/users", ""), 200) })
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if t.Failed() {
		t.FailNow()
	}

	// The audit.
	var newIDs []string
	for _, id := range created {
		newIDs = append(newIDs, id)
	}
	if len(newIDs) != 60 {
		t.Fatalf("%d users created, want 60", len(newIDs))
	}
	for i := 0; i < 10; i++ {
		if dupWins[i] != 1 {
			t.Errorf("dup%d@example.com was created %d times, want once", i, dupWins[i])
		}
	}
	wantG := append(append(append([]string{}, stay...), revive...), newIDs...)
	if got := tt.members(g); !sameSet(got, wantG) {
		t.Errorf("G has %d members, want %d (stayers, revived, new)", len(got), len(wantG))
	}
	if got := tt.members(h); !sameSet(got, leave) {
		t.Errorf("H has %d members, want the %d who left G", len(got), len(leave))
	}
	for gid, members := range newGroups {
		if got := tt.members(gid); !sameSet(got, members) {
			t.Errorf("group %s: members %v, want %v", gid, got, members)
		}
	}
	if len(newGroups) != 8 {
		t.Errorf("%d groups created, want 8", len(newGroups))
	}
	groupsOf := func(id string) []string {
		r := tt.must(200, tt.do("GET", "/scim/v2/Users/"+id, ""))
		if r.get("active") != true {
			t.Errorf("user %s is not active at the end: %s", id, r.body)
		}
		var out []string
		for i := 0; i < r.len("groups"); i++ {
			out = append(out, r.str(fmt.Sprintf("groups.%d.value", i)))
		}
		return out
	}
	for _, id := range flip {
		if gs := groupsOf(id); len(gs) != 0 {
			t.Errorf("flipped user %s is in %v; reactivation restores no group", id, gs)
		}
	}
	for _, id := range append(append([]string{}, revive...), newIDs...) {
		if gs := groupsOf(id); !sameSet(gs, []string{g}) {
			t.Errorf("user %s is in %v, want only G", id, gs)
		}
	}
	for _, id := range leave {
		if gs := groupsOf(id); !sameSet(gs, []string{h}) {
			t.Errorf("user %s is in %v, want only H", id, gs)
		}
	}
	r := tt.must(200, tt.do("GET", "/scim/v2/Users?count=1", ""))
	if want := 20 + 30 + 30 + 20 + 60 + 10; int(r.num("totalResults")) != want {
		t.Errorf("%v users, want %d", r.get("totalResults"), want)
	}
	r = tt.must(200, tt.do("GET", "/admin/orgs/default/users", ""))
	if want := 20 + 30 + 30 + 20 + 60 + 10; r.len("users") != want {
		t.Errorf("the console lists %d active users, want %d", r.len("users"), want)
	}
	checkInvariants(t, tt.srv)
}
