package mockokta

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
)

// statelessSCIM answers every Okta request kind without keeping state:
// lookups miss, creates answer id "s-<userName>", writes succeed.
func statelessSCIM(mt *httpmock.MockTransport) {
	any := regexp.MustCompile(`.*`)
	mt.RegisterRegexpResponder("GET", any, func(req *http.Request) (*http.Response, error) {
		if req.URL.Query().Has("filter") {
			return httpmock.NewStringResponse(200, emptyList), nil
		}
		id := req.URL.Path[strings.LastIndexByte(req.URL.Path, '/')+1:]
		return httpmock.NewStringResponse(200, `{"id":"`+id+`","userName":"x","active":true}`), nil
	})
	mt.RegisterRegexpResponder("POST", any, func(req *http.Request) (*http.Response, error) {
		var body struct{ UserName, DisplayName string }
		b, _ := io.ReadAll(req.Body)
		json.Unmarshal(b, &body)
		name := body.UserName
		if name == "" {
			name = body.DisplayName
		}
		return httpmock.NewStringResponse(201, `{"id":"s-`+name+`"}`), nil
	})
	mt.RegisterRegexpResponder("PUT", any, httpmock.NewStringResponder(200, `{}`))
	mt.RegisterRegexpResponder("PATCH", any, httpmock.NewStringResponder(204, ``))
	mt.RegisterRegexpResponder("DELETE", any, httpmock.NewStringResponder(204, ``))
}

// TestConcurrentUse drives one org from many goroutines, as the load
// generator does, while others read it; run under -race.
func TestConcurrentUse(t *testing.T) {
	const workers, perWorker = 8, 25
	mt := httpmock.NewMockTransport()
	statelessSCIM(mt)
	var observed atomic.Int64
	o, err := NewOrg(Config{BaseURL: testBase, Client: &http.Client{Transport: mt}, Auth: Bearer("t"),
		Observe: func(context.Context, *Exchange) { observed.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := o.AddGroup("All"); err != nil {
		t.Fatal(err)
	}
	if err := o.PushGroup(ctx, "All"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	go func() { // a reader, as a report would be
		for {
			select {
			case <-stop:
				return
			default:
				_ = o.Transcript()
				_ = o.Tasks()
				_, _ = o.Group("All")
				_, _ = o.AppUser("w0-u0@example.com")
			}
		}
	}()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				login := fmt.Sprintf("w%d-u%d@example.com", w, i)
				steps := []func() error{
					func() error { _, err := o.AddUser(User{Login: login, FirstName: "W", LastName: "U"}); return err },
					func() error { return o.Assign(ctx, login) },
					func() error { return o.AddMembers(ctx, "All", login) },
					func() error { return o.UpdateUser(ctx, login, func(u *User) { u.LastName = "V" }) },
					func() error { return o.Unassign(ctx, login) },
				}
				for _, step := range steps {
					if err := step(); err != nil {
						t.Errorf("%s: %v", login, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	const users = workers * perWorker
	for w := range workers {
		for i := range perWorker {
			login := fmt.Sprintf("w%d-u%d@example.com", w, i)
			if au, _ := o.AppUser(login); au.SCIMID != "s-"+login || au.Active || au.Assigned {
				t.Fatalf("%s: %+v", login, au)
			}
		}
	}
	g, _ := o.Group("All")
	if len(g.Members) != users {
		t.Errorf("group has %d members, want %d", len(g.Members), users)
	}
	// Per user: lookup, create, GET+PUT, deactivation PATCH; the group's
	// lookup and create; and membership PATCHes, which concurrent adds may
	// share, but which add every user exactly once.
	tr := o.Transcript()
	if observed.Load() != int64(len(tr)) {
		t.Errorf("%d observed, %d in the transcript", observed.Load(), len(tr))
	}
	perKind := map[string]int{}
	added := map[string]int{}
	for _, e := range tr {
		perKind[e.Kind]++
		if e.Kind == "patch-group" {
			var p struct {
				Operations []struct {
					Op    string
					Value json.RawMessage
				}
			}
			if err := json.Unmarshal(e.RequestBody, &p); err != nil {
				t.Fatal(err)
			}
			for _, op := range p.Operations {
				var ms []struct{ Display string }
				if op.Op == "add" && json.Unmarshal(op.Value, &ms) == nil {
					for _, m := range ms {
						added[m.Display]++
					}
				}
			}
		}
	}
	for _, k := range []string{"lookup-user", "create-user", "get-user", "put-user", "patch-user"} {
		if perKind[k] != users {
			t.Errorf("%d %s requests, want %d", perKind[k], k, users)
		}
	}
	if perKind["lookup-group"] != 1 || perKind["create-group"] != 1 || perKind["patch-group"] < 2 || perKind["patch-group"] > 2*users {
		t.Errorf("group requests %v", perKind)
	}
	for _, l := range g.Members {
		if added[l] != 1 {
			t.Errorf("%s added %d times", l, added[l])
		}
	}
	if len(o.Tasks()) != 0 {
		t.Errorf("tasks: %+v", o.Tasks()[0])
	}
}
