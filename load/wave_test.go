package load_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/scimharness/scimharness/internal/reftest"
	"github.com/scimharness/scimharness/load"
	"github.com/scimharness/scimharness/mockokta"
)

// startReference serves the reference server with the given fault modes and
// returns its SCIM base URL.
func startReference(t *testing.T, faults ...string) string {
	t.Helper()
	return reftest.Start(t, reftest.Config(true, faults...)).URL + "/scim/v2"
}

func smallWave(base string, profile mockokta.Profile) load.Config {
	cfg := load.DefaultConfig()
	cfg.BaseURL = base
	cfg.Auth = mockokta.Bearer(reftest.Token)
	cfg.Profile = profile
	cfg.Users, cfg.Groups, cfg.Members, cfg.Concurrency = 120, 3, 110, 4
	return cfg
}

func TestWaveAgainstReferencePasses(t *testing.T) {
	for _, profile := range []mockokta.Profile{mockokta.OIN, mockokta.AIW} {
		t.Run(profile.String(), func(t *testing.T) {
			res, err := load.Run(context.Background(), smallWave(startReference(t), profile))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			res.WriteText(&out)
			if !res.OK {
				t.Fatalf("wave failed against the reference server:\n%s", out.String())
			}
			a := res.Audit
			// 120 users, every tenth deactivated: 108 active ones.
			if a.UsersExpected != 108 || a.UsersFound != 108 || a.GroupsFound != 3 || a.MembersFound != a.MembersExpected || a.MembersExpected == 0 {
				t.Fatalf("audit = %+v\n%s", a, out.String())
			}
			kinds := map[string]int{}
			for _, k := range res.Kinds {
				kinds[k.Kind] = k.Requests
			}
			if kinds["lookup-user"] < 120 || kinds["create-user"] != 120 {
				t.Errorf("request kinds %v: want 120 lookups and creates at least", kinds)
			}
			if profile == mockokta.OIN && kinds["patch-group"] < 6 { // 110 members: two batches per group
				t.Errorf("OIN pushes members by PATCH in batches of 100; kinds %v", kinds)
			}
			// Each phase counts the items it works on: 120 users assigned and
			// updated, 3 groups pushed, 12 users (every tenth) deactivated.
			items := map[string]int{}
			for _, p := range res.Phases {
				items[p.Name] = p.Items
			}
			want := map[string]int{"assign users": 120, "push groups": 3, "update profiles": 120, "deactivate users": 12}
			for name, n := range want {
				if items[name] != n {
					t.Errorf("phase %q counts %d items, want %d (phases %v)", name, items[name], n, items)
				}
			}
		})
	}
}

// A server that loses memberships fails the audit: with the fault
// group-put-keeps-members, the AIW profile's membership push (PUT /Groups/{id}
// with every member) is answered 200 and dropped.
func TestWaveAuditCatchesLostMemberships(t *testing.T) {
	res, err := load.Run(context.Background(), smallWave(startReference(t, "group-put-keeps-members"), mockokta.AIW))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.WriteText(&out)
	if res.OK || res.Audit.OK || !strings.Contains(out.String(), "lacks member") {
		t.Fatalf("the wave passed, but memberships were lost:\n%s", out.String())
	}
}

// Config.Timeout is each attempt's timeout: a target that never answers fails
// the credential test once it has passed, not after Okta's 60 seconds, and
// the client's own Timeout plays no part.
func TestWaveTimeout(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer ts.Close()
	defer close(release)
	cfg := smallWave(ts.URL+"/scim/v2", mockokta.OIN)
	cfg.Timeout = 100 * time.Millisecond
	cfg.Client = &http.Client{Timeout: time.Hour}
	done := make(chan error, 1)
	go func() {
		_, err := load.Run(context.Background(), cfg)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "test API credentials") || !strings.Contains(err.Error(), "timeout after 100ms") {
			t.Fatalf("error %v, want the credential test's timeout after 100ms", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the wave did not give up on a target that never answers")
	}
}
