package reference

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// The benchmark sizes: users in the organization, members in the big group.
var benchSizes = []struct {
	name           string
	users, members int
}{
	{"users=1000", 1000, 100},
	{"users=100000", 100000, 50000},
}

// fixture is an organization whose users are created as Okta creates them: its
// POST /Users body (with locale, externalId, emails, password), served by the
// handler without a network, so that bytes/user measures what a real sync
// stores. The big group's memberships go straight through the store.
type fixture struct {
	srv          *Server
	e            *store.Env
	users        []*store.User // users[:members] are the big group's members
	group        *store.Group
	members      int
	bytesPerUser float64
}

func newFixture(b *testing.B, users, members int) *fixture {
	b.Helper()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	srv, err := New(Config{Token: prodToken, AdminToken: adminToken, Now: func() time.Time { return time.Unix(1767322800, 0) }})
	if err != nil {
		b.Fatal(err)
	}
	f := &fixture{srv: srv, e: srv.orgs.Get(DefaultOrg).Envs[store.Production], members: members}
	e := f.e
	w := &discard{h: http.Header{}}
	for i := range users {
		f.serve(b, w, newBenchReq("POST", "/scim/v2/Users", userBody(fmt.Sprintf("user%07d@example.com", i), fmt.Sprintf("Given%d", i), "Family")), 201)
	}
	f.users = slices.Clone(e.UserOrder)
	if len(f.users) != users || f.users[0].Locale != "en-US" || f.users[0].Extra != nil {
		b.Fatalf("%d users created, want %d with locale en-US and no userExtra", len(f.users), users)
	}
	const now = 1767322800 * 1e9
	e.Begin(now)
	f.group = &store.Group{ID: newUUID(), DisplayName: "Big Group", Folder: store.DefaultFolder, Synced: true, Created: now, Modified: now}
	e.InsertGroup(f.group, true)
	for _, u := range f.users[:members] {
		e.AddMember(f.group, u)
	}
	runtime.GC()
	runtime.GC() // the second frees what sync.Pool's victim cache kept
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	f.bytesPerUser = float64(after.HeapAlloc-before.HeapAlloc) / float64(users)
	return f
}

// benchReq is a reusable request whose body rewinds before each use.
type benchReq struct {
	r    *http.Request
	body *strings.Reader
	text string
}

func newBenchReq(method, target, body string) *benchReq {
	br := &benchReq{body: strings.NewReader(body), text: body}
	br.r = httptest.NewRequest(method, target, nil)
	br.r.Header.Set("Authorization", "Bearer "+prodToken)
	br.r.Header.Set("Accept", "application/scim+json")
	br.r.Header.Set("User-Agent", "Okta SCIM Client 1.0.0")
	if body != "" {
		br.r.Header.Set("Content-Type", "application/scim+json; charset=utf-8")
		br.r.ContentLength = int64(len(body))
	}
	return br
}

// discard is a ResponseWriter that keeps only the status.
type discard struct {
	h      http.Header
	status int
	n      int // bytes of the last response
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { d.n += len(p); return len(p), nil }
func (d *discard) WriteHeader(s int)           { d.status = s }

// serve sends br and fails unless the status is want.
func (f *fixture) serve(b *testing.B, w *discard, br *benchReq, want int) {
	clear(w.h)
	w.status, w.n = 0, 0
	br.body.Reset(br.text)
	br.r.Body = io.NopCloser(br.body)
	f.srv.ServeHTTP(w, br.r)
	if w.status != want {
		b.Fatalf("%s %s: status %d, want %d", br.r.Method, br.r.URL, w.status, want)
	}
}

// bench runs body at every size with its own fixture, reporting bytes/user.
func bench(b *testing.B, body func(b *testing.B, f *fixture, w *discard)) {
	for _, s := range benchSizes {
		f := newFixture(b, s.users, s.members)
		b.Run(s.name, func(b *testing.B) {
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			body(b, f, w)
			b.ReportMetric(f.bytesPerUser, "bytes/user") // after the loop: b.Loop's reset drops metrics

		})
	}
}

// pick returns n distinct random indexes below limit.
func pick(n, limit int) []int {
	rng := rand.New(rand.NewPCG(1, 2))
	return rng.Perm(limit)[:min(n, limit)]
}

func lookupURL(userName string) string {
	return "/scim/v2/Users?filter=userName%20eq%20%22" + strings.ReplaceAll(userName, "@", "%40") + "%22&startIndex=1&count=100"
}

func BenchmarkFilterLookup(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		var reqs []*benchReq
		for _, i := range pick(256, len(f.users)) {
			reqs = append(reqs, newBenchReq("GET", lookupURL(f.users[i].UserName), ""))
		}
		for i := 0; b.Loop(); i++ {
			f.serve(b, w, reqs[i%len(reqs)], 200)
		}
	})
}

// Okta's create: the lookup misses, then POST /Users.
func BenchmarkOktaCreate(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		const batch = 1000
		keep := len(f.e.UserOrder)
		for i := 0; b.Loop(); i++ {
			name := fmt.Sprintf("new%09d@example.com", i)
			f.serve(b, w, newBenchReq("GET", lookupURL(name), ""), 200)
			f.serve(b, w, newBenchReq("POST", "/scim/v2/Users", userBody(name, "New", "User")), 201)
			if i%batch == batch-1 {
				b.StopTimer()
				truncateUsers(f.e, keep)
				b.StartTimer()
			}
		}
		truncateUsers(f.e, keep)
	})
}

func BenchmarkPutUser(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		var reqs []*benchReq
		for n, i := range pick(256, len(f.users)) {
			u := f.users[i]
			reqs = append(reqs, newBenchReq("PUT", "/scim/v2/Users/"+u.ID, fmt.Sprintf(
				`{"schemas":["%s"],"id":%q,"userName":%q,"name":{"givenName":"Put%d","familyName":"Family"},"emails":[{"primary":true,"value":%q,"type":"work"}],"active":true,"groups":[],"meta":{"resourceType":"User"}}`,
				userSchema, u.ID, u.UserName, n, u.UserName)))
		}
		for i := 0; b.Loop(); i++ {
			f.serve(b, w, reqs[i%len(reqs)], 200)
		}
	})
}

// Okta's deactivation PATCH of a member of the big group: the user leaves it.
func BenchmarkPatchDeactivate(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		pool := f.users[:min(f.members, 1000)]
		var reqs []*benchReq
		for _, u := range pool {
			reqs = append(reqs, newBenchReq("PATCH", "/scim/v2/Users/"+u.ID, patchBodyOf(`{"op":"replace","value":{"active":false}}`)))
		}
		for i := 0; b.Loop(); i++ {
			f.serve(b, w, reqs[i%len(reqs)], 200)
			if i%len(reqs) == len(reqs)-1 {
				b.StopTimer()
				f.restore(pool)
				b.StartTimer()
			}
		}
		f.restore(pool)
	})
}

// restore reactivates users and puts them back in the big group.
func (f *fixture) restore(users []*store.User) {
	for _, u := range users {
		u.Active = true
		f.e.AddMember(f.group, u)
	}
}

// nonMembers are users outside the big group.
func (f *fixture) nonMembers(n int) []*store.User {
	return f.users[f.members:min(f.members+n, len(f.users))]
}

func memberAdd(gid string, users []*store.User) *benchReq {
	refs := make([]string, len(users))
	for i, u := range users {
		refs[i] = fmt.Sprintf(`{"value":%q,"display":%q}`, u.ID, u.UserName)
	}
	return newBenchReq("PATCH", "/scim/v2/Groups/"+gid, patchBodyOf(`{"op":"add","path":"members","value":[`+strings.Join(refs, ",")+`]}`))
}

func (f *fixture) leave(users []*store.User) {
	for _, u := range users {
		f.e.RemoveMember(f.group, u)
	}
}

func BenchmarkPatchAddMember(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		pool := f.nonMembers(800)
		var reqs []*benchReq
		for _, u := range pool {
			reqs = append(reqs, memberAdd(f.group.ID, []*store.User{u}))
		}
		for i := 0; b.Loop(); i++ {
			f.serve(b, w, reqs[i%len(reqs)], 204)
			if i%len(reqs) == len(reqs)-1 {
				b.StopTimer()
				f.leave(pool)
				b.StartTimer()
			}
		}
		f.leave(pool)
	})
}

func BenchmarkPatchAdd100Members(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		pool := f.nonMembers(800)
		var reqs []*benchReq
		for i := 0; i+100 <= len(pool); i += 100 {
			reqs = append(reqs, memberAdd(f.group.ID, pool[i:i+100]))
		}
		for i := 0; b.Loop(); i++ {
			f.serve(b, w, reqs[i%len(reqs)], 204)
			if i%len(reqs) == len(reqs)-1 {
				b.StopTimer()
				f.leave(pool)
				b.StartTimer()
			}
		}
		f.leave(pool)
	})
}

// Okta's member removal: remove members[value eq "…"], one member per PATCH.
func BenchmarkPatchRemoveMember(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		pool := f.users[:min(f.members, 1000)]
		var reqs []*benchReq
		for _, u := range pool {
			reqs = append(reqs, newBenchReq("PATCH", "/scim/v2/Groups/"+f.group.ID,
				patchBodyOf(fmt.Sprintf(`{"op":"remove","path":"members[value eq \"%s\"]"}`, u.ID))))
		}
		for i := 0; b.Loop(); i++ {
			f.serve(b, w, reqs[i%len(reqs)], 204)
			if i%len(reqs) == len(reqs)-1 {
				b.StopTimer()
				f.restore(pool)
				b.StartTimer()
			}
		}
		f.restore(pool)
	})
}

// Okta's rename PATCH ({id, displayName}, no path), which comes with every
// membership update of the big group.
func BenchmarkPatchRename(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		reqs := []*benchReq{
			newBenchReq("PATCH", "/scim/v2/Groups/"+f.group.ID, patchBodyOf(fmt.Sprintf(`{"op":"replace","value":{"id":%q,"displayName":"Big Group A"}}`, f.group.ID))),
			newBenchReq("PATCH", "/scim/v2/Groups/"+f.group.ID, patchBodyOf(fmt.Sprintf(`{"op":"replace","value":{"id":%q,"displayName":"Big Group B"}}`, f.group.ID))),
		}
		for i := 0; b.Loop(); i++ {
			f.serve(b, w, reqs[i%2], 204)
		}
	})
}

// Import paging: a page of 100 users deep into the collection.
func BenchmarkListDeepPage(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		r := newBenchReq("GET", fmt.Sprintf("/scim/v2/Users?startIndex=%d&count=100", len(f.users)-150), "")
		for b.Loop() {
			f.serve(b, w, r, 200)
		}
	})
}

// truncateUsers removes the users created after the first keep: O(removed).
func truncateUsers(e *store.Env, keep int) {
	for _, u := range e.UserOrder[keep:] {
		e.LeaveAllGroups(u)
		delete(e.Users, u.ID)
		delete(e.ByUserName, store.FoldKey(u.UserName))
		if e.ByExternalID[u.ExternalID] == u {
			delete(e.ByExternalID, u.ExternalID)
		}
	}
	clear(e.UserOrder[keep:])
	e.UserOrder = e.UserOrder[:keep]
}

// GET of the big group (50,000 members at 100k users): Okta's SPEC 10 and
// its group import read it whole.
func BenchmarkGetBigGroup(b *testing.B) {
	bench(b, func(b *testing.B, f *fixture, w *discard) {
		r := newBenchReq("GET", "/scim/v2/Groups/"+f.group.ID, "")
		var n int
		for b.Loop() {
			f.serve(b, w, r, 200)
			n = w.n
		}
		b.ReportMetric(float64(n), "bytes/response")
	})
}
