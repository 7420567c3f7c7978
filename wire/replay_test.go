package wire

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/reftest"
)

func replayAgainst(t *testing.T, c *Capture, faults ...string) *ReplayReport {
	t.Helper()
	ts := reftest.Start(t, reftest.Config(true, faults...))
	rep, err := Replay(context.Background(), c, ReplayConfig{
		Target: ts.URL + "/scim/v2", SandboxTarget: ts.URL + "/sandbox/scim/v2", Token: reftest.Token,
		AdminURL: ts.URL + "/admin", AdminToken: reftest.AdminToken,
	})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestReplayRecording: the recording of a run against the reference server
// replays green against a fresh one, each scenario in an organization of
// its own, and red against one with a fault the recorded scenarios meet.
func TestReplayRecording(t *testing.T) {
	c := readFile(t, "testdata/recording.jsonl")
	rep := replayAgainst(t, c)
	var out bytes.Buffer
	if err := rep.WriteText(&out, false); err != nil {
		t.Fatal(err)
	}
	if rep.Failed() != 0 || len(rep.Results)-rep.Skipped() < len(c.Exchanges)/2 {
		t.Fatalf("%d failed, %d of %d left out:\n%s", rep.Failed(), rep.Skipped(), len(rep.Results), out.String())
	}
	for _, fault := range []string{"member-remove-clears-all", "group-rename-ignored", "no-path-patch-ignored"} {
		t.Run(fault, func(t *testing.T) {
			rep := replayAgainst(t, c, fault)
			if rep.Failed() == 0 {
				out.Reset()
				_ = rep.WriteText(&out, false)
				t.Fatalf("the replay is green against a server with %s:\n%s", fault, out.String())
			}
		})
	}
}

// TestReplayMapsIDs: ids the server returns replace the capture's in later
// requests, and a capture without sessions replays in the one organization
// of the token given.
func TestReplayMapsIDs(t *testing.T) {
	in := `{"method":"POST","url":"https://app.example.com/scim/v2/Users","requestHeaders":{"Authorization":["Bearer [redacted]"],"Content-Type":["application/scim+json"],"User-Agent":["Okta SCIM Client 1.0.0"]},"requestBody":"{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"map.me@example.com\",\"name\":{\"givenName\":\"Map\",\"familyName\":\"Me\"},\"emails\":[{\"primary\":true,\"value\":\"map.me@example.com\",\"type\":\"work\"}],\"active\":true}","status":201,"responseBody":"{\"id\":\"capture-id-1\",\"userName\":\"map.me@example.com\",\"active\":true}"}
{"method":"GET","url":"https://app.example.com/scim/v2/Users/capture-id-1","requestHeaders":{"Authorization":["Bearer [redacted]"],"User-Agent":["Okta SCIM Client 1.0.0"]},"status":200,"responseBody":"{\"id\":\"capture-id-1\",\"userName\":\"map.me@example.com\",\"active\":true,\"name\":{\"givenName\":\"Map\"}}"}
{"method":"GET","url":"https://app.example.com/scim/v2/Users/capture-id-1","requestHeaders":{"Authorization":["Bearer not-the-token"],"User-Agent":["Okta SCIM Client 1.0.0"]},"status":401}
`
	c, err := Read(strings.NewReader(in), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rep := replayAgainst(t, c)
	var out bytes.Buffer
	_ = rep.WriteText(&out, true)
	if rep.Failed() != 0 || rep.Skipped() != 0 {
		t.Fatalf("%d failed, %d left out:\n%s", rep.Failed(), rep.Skipped(), out.String())
	}
	if got := rep.Results[1].URL; strings.Contains(got, "capture-id-1") {
		t.Errorf("the GET went to %s: the capture's id was not mapped", got)
	}
	if rep.Results[2].Status != 401 {
		t.Errorf("a credential the capture shows is sent as it is: got %d, want 401", rep.Results[2].Status)
	}
}

// TestFoldedNeitherComparedNorReplayed: an entry of a recording that stands
// for a run of requests (a step that passed, its digest folded:
// reports.Exchange.Folded), whose URL is not one request's, is left out of
// a comparison and of a replay, each saying why; the requests around it
// are not.
func TestFoldedNeitherComparedNorReplayed(t *testing.T) {
	page := func(start int) string {
		return `{"action":"Okta import-users Zinc (list-users, attempt 1)","method":"GET","url":"https://app.example.com/scim/v2/Users?startIndex=` + strconv.Itoa(start) + `&count=100","requestHeaders":{"Authorization":["Bearer [redacted]"],"Accept":["application/scim+json"],"User-Agent":["Okta SCIM Client 1.0.0"]},"status":200,"responseBody":"{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":0,\"startIndex\":` + strconv.Itoa(start) + `,\"itemsPerPage\":0,\"Resources\":[]}"}`
	}
	fold := `{"action":"Okta import-users Zinc (list-users, attempt 1)","kind":"scim","method":"GET","url":"https://app.example.com/scim/v2/Users?startIndex=2001&count=100 … startIndex=99901&count=100","status":200,"responseBody":"[980 requests like this one, startIndex 2001 to 99901, status 200 each: not kept, the step passed; --reports-detail full lists each]","folded":980}`
	c, err := Read(strings.NewReader(page(1)+"\n"+fold+"\n"+page(100001)+"\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Exchanges) != 3 || c.Exchanges[1].Folded != 980 {
		t.Fatalf("read %d exchanges, the second folded %d: %+v", len(c.Exchanges), c.Exchanges[1].Folded, c.Exchanges)
	}
	cmp, err := Compare(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(cmp.NotOkta) != 1 || cmp.NotOkta[0].X != &c.Exchanges[1] || !strings.Contains(cmp.NotOkta[0].NotOkta, "a digest of requests alike") {
		t.Errorf("compare left out %+v, want the folded entry alone", cmp.NotOkta)
	}
	rep := replayAgainst(t, c)
	var out bytes.Buffer
	_ = rep.WriteText(&out, true)
	if rep.Skipped() != 1 || !strings.Contains(rep.Results[1].Skipped, "a digest of requests alike") || rep.Failed() != 0 {
		t.Errorf("%d left out, %d failed, want the folded entry left out:\n%s", rep.Skipped(), rep.Failed(), out.String())
	}
}
