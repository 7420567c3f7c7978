package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/scimharness/scimharness/reports"
)

var update = flag.Bool("update", false, "rewrite the golden files and the cucumber fixture under testdata/")

// runGodog runs features (path → Gherkin) with godog v0.16.0's cucumber
// formatter and returns the JSON it wrote.
func runGodog(t *testing.T, init func(*godog.ScenarioContext), features map[string]string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "cucumber.json")
	var contents []godog.Feature
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range features {
			if !yield(k) {
				return
			}
		}
	}) {
		contents = append(contents, godog.Feature{Name: name, Contents: []byte(features[name])})
	}
	var console bytes.Buffer
	st := godog.TestSuite{
		Name:                "reports",
		ScenarioInitializer: init,
		Options: &godog.Options{
			Format:          "cucumber:" + out,
			Strict:          true,
			NoColors:        true,
			Output:          &console,
			FeatureContents: contents,
		},
	}
	if code := st.Run(); code == 2 {
		t.Fatalf("godog: option error (exit 2): %s", console.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("read godog's cucumber json: %v", err)
	}
	return b
}

func attachReason(ctx context.Context, reason string) context.Context {
	return godog.Attach(ctx, godog.Attachment{FileName: "skip reason", MediaType: reports.MediaTypeSkipReason, Body: []byte(reason)})
}

func attachExchange(ctx context.Context, x reports.Exchange) context.Context {
	b, err := json.Marshal(x)
	if err != nil {
		panic(err) // an Exchange always marshals
	}
	return godog.Attach(ctx, godog.Attachment{FileName: x.Method + " " + x.URL, MediaType: reports.MediaTypeExchange, Body: b})
}

type scenarioKey struct{}

func hasTag(ctx context.Context, tag string) bool {
	s, _ := ctx.Value(scenarioKey{}).(*godog.Scenario)
	if s == nil {
		return false
	}
	for _, t := range s.Tags {
		if t.Name == tag {
			return true
		}
	}
	return false
}

const rulesFeature = `Feature: Attachment rules

  Scenario: skip on the last step, context returned
    Given a passing step
    When I attach a reason and skip, returning the context

  Scenario: skip on a middle step, context returned
    Given a passing step
    When I attach a reason and skip, returning the context
    Then a passing step

  Scenario: skip, only the error returned
    Given a passing step
    When I attach a reason and skip, returning only the error

  Scenario: reason on an earlier step
    Given I attach a reason and pass
    When I skip

  @after-hook
  Scenario: after hook, skip on the last step
    Given a passing step
    When I skip

  @after-hook
  Scenario: after hook, skip on a middle step
    Given a passing step
    When I skip
    Then a passing step

  @after-hook
  Scenario: after hook, failure on a middle step
    Given I attach an exchange and fail
    Then a passing step

  @after-step-hook
  Scenario: after-step hook, skip on a middle step
    Given a passing step
    When I skip
    Then a passing step

  @after-step-hook
  Scenario: after-step hook, failure on a middle step
    Given a passing step
    When I fail
    Then a passing step
`

// TestGodogAttachmentRules pins down where godog v0.16.0 keeps attachments
// around godog.ErrSkip; the package doc states the rule that follows.
func TestGodogAttachmentRules(t *testing.T) {
	const reason = "the target has no admin API"
	init := func(sc *godog.ScenarioContext) {
		sc.Step(`^a passing step$`, func() error { return nil })
		sc.Step(`^I attach a reason and skip, returning the context$`, func(ctx context.Context) (context.Context, error) {
			return attachReason(ctx, reason), godog.ErrSkip
		})
		sc.Step(`^I attach a reason and skip, returning only the error$`, func(ctx context.Context) error {
			attachReason(ctx, reason) // the context is dropped, and the attachment with it
			return godog.ErrSkip
		})
		sc.Step(`^I attach a reason and pass$`, func(ctx context.Context) (context.Context, error) {
			return attachReason(ctx, reason), nil
		})
		sc.Step(`^I skip$`, func() error { return godog.ErrSkip })
		sc.Step(`^I fail$`, func() error { return errors.New("boom") })
		// The pattern the steps package can use: steps record, and an
		// after-step hook attaches what the step that just ran recorded.
		sc.StepContext().After(func(ctx context.Context, st *godog.Step, status godog.StepResultStatus, err error) (context.Context, error) {
			if !hasTag(ctx, "@after-step-hook") || status == godog.StepPassed {
				return ctx, nil
			}
			ctx = attachExchange(ctx, reports.Exchange{Method: "GET", URL: "http://target/admin/orgs", Status: 404})
			if status == godog.StepSkipped {
				ctx = attachReason(ctx, reason)
			}
			return ctx, nil
		})
		sc.Step(`^I attach an exchange and fail$`, func(ctx context.Context) (context.Context, error) {
			return attachExchange(ctx, reports.Exchange{Method: "GET", URL: "http://target/scim/v2/Users", Status: 500}), errors.New("boom")
		})
		sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
			return context.WithValue(ctx, scenarioKey{}, s), nil
		})
		sc.After(func(ctx context.Context, s *godog.Scenario, err error) (context.Context, error) {
			for _, tag := range s.Tags {
				if tag.Name == "@after-hook" {
					return attachReason(ctx, reason), nil
				}
			}
			return ctx, nil
		})
	}
	got, err := reports.FromCucumber(bytes.NewReader(runGodog(t, init, map[string]string{"features/rules.feature": rulesFeature})))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		status    reports.Status
		reason    string
		exchanges int
	}{
		"skip on the last step, context returned":   {reports.Skipped, reason, 0},
		"skip on a middle step, context returned":   {reports.Skipped, reason, 0},
		"skip, only the error returned":             {reports.Skipped, "", 0}, // lost
		"reason on an earlier step":                 {reports.Skipped, reason, 0},
		"after hook, skip on the last step":         {reports.Skipped, reason, 0},
		"after hook, skip on a middle step":         {reports.Skipped, "", 0}, // lost
		"after hook, failure on a middle step":      {reports.Failed, reason, 1},
		"after-step hook, skip on a middle step":    {reports.Skipped, reason, 1},
		"after-step hook, failure on a middle step": {reports.Failed, "", 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d scenarios, want %d", len(got), len(want))
	}
	for _, s := range got {
		w, ok := want[s.Name]
		if !ok {
			t.Errorf("unexpected scenario %q", s.Name)
			continue
		}
		n := 0
		for _, st := range s.Steps {
			n += len(st.Exchanges)
		}
		if s.Status != w.status || s.Reason != w.reason || n != w.exchanges {
			t.Errorf("%s: got status %q, reason %q, %d exchanges; want %q, %q, %d", s.Name, s.Status, s.Reason, n, w.status, w.reason, w.exchanges)
		}
	}
}

const usersFeature = `@users
Feature: Users
  Okta pushes users into Zinc.

  @ZN-01 @documented
  Scenario: A user assigned in Okta is created in Zinc
    Given the target serves SCIM
    When Okta pushes the new user "ada@example.com"
    Then the response status is 201

  @ZN-17 @documented
  Scenario: userName cannot be changed
    Given the user "grace@example.com" exists
    When Okta changes the userName to "grace.h@example.com"
    Then the response status is 400

  @OK-04 @okta-doc
  Scenario: A password is accepted and never returned
    When Okta pushes the new user "linus@example.com" with a password
    Then the response has no password
`

const groupsFeature = `@groups
Feature: Groups

  @ZN-22 @documented
  Scenario: An unlinked group is gone from SCIM
    Given the target has an admin API
    When an admin unlinks the group "Engineering"
    Then the group "Engineering" is not found over SCIM

  @ZN-07 @documented
  Scenario: A pushed group is created
    When Okta creates the group "Engineering"
    Then the response status is 201
`

const fixtureTarget = "http://127.0.0.1:8080/scim/v2"

func scimHeaders(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

var oktaRequestHeaders = []string{
	"Accept", "application/scim+json",
	"Authorization", "Bearer [redacted]",
	"Content-Type", "application/scim+json; charset=utf-8",
	"User-Agent", "Okta SCIM Client 1.0.0",
}

func userBody(id, userName, given, family string) string {
	return fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":%q,"userName":%q,"name":{"givenName":%q,"familyName":%q},"emails":[{"value":%q,"primary":true}],"active":true}`,
		id, userName, given, family, userName)
}

// fixtureSteps is a stand-in for the steps package: the same attachments, no
// network. Every exchange carries fixed data so that the fixture is stable.
func fixtureSteps(sc *godog.ScenarioContext) {
	type state struct{ status int }
	type key struct{}
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		return context.WithValue(ctx, key{}, &state{}), nil
	})
	st := func(ctx context.Context) *state { return ctx.Value(key{}).(*state) }

	sc.Step(`^the target serves SCIM$`, func(ctx context.Context) (context.Context, error) {
		ctx = godog.Attach(ctx, godog.Attachment{FileName: "note", MediaType: "text/plain", Body: []byte("credential test passed")})
		return attachExchange(ctx, reports.Exchange{
			Action: "Test API Credentials", Kind: "scim", Method: "GET", URL: fixtureTarget + "/Users?startIndex=1&count=2",
			RequestHeaders: scimHeaders(oktaRequestHeaders[:8]...), Status: 200,
			ResponseHeaders: scimHeaders("Content-Type", "application/scim+json"),
			ResponseBody:    `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}`,
			Duration:        3 * time.Millisecond,
		}), nil
	})
	sc.Step(`^Okta pushes the new user "([^"]*)"$`, func(ctx context.Context, userName string) (context.Context, error) {
		st(ctx).status = 201
		return attachExchange(ctx, reports.Exchange{
			Action: "Push new user", Kind: "scim", Method: "POST", URL: fixtureTarget + "/Users",
			RequestHeaders: scimHeaders(oktaRequestHeaders...),
			RequestBody:    `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"` + userName + `","name":{"givenName":"Ada","familyName":"Lovelace"},"emails":[{"primary":true,"value":"` + userName + `","type":"work"}],"active":true}`,
			Status:         201, ResponseHeaders: scimHeaders("Content-Type", "application/scim+json", "Location", fixtureTarget+"/Users/9f1c"),
			ResponseBody: userBody("9f1c", userName, "Ada", "Lovelace"), Duration: 5 * time.Millisecond,
		}), nil
	})
	sc.Step(`^Okta pushes the new user "([^"]*)" with a password$`, func(ctx context.Context, userName string) (context.Context, error) {
		st(ctx).status = 201
		return attachExchange(ctx, reports.Exchange{
			Action: "Push new user", Kind: "scim", Method: "POST", URL: fixtureTarget + "/Users",
			RequestHeaders: scimHeaders(oktaRequestHeaders...),
			RequestBody:    `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"` + userName + `","password":"Tr0ub4dor&3","name":{"givenName":"Linus","familyName":"Pauling"},"active":true}`,
			Status:         201, ResponseHeaders: scimHeaders("Content-Type", "application/scim+json"),
			ResponseBody: userBody("77ab", userName, "Linus", "Pauling"), Duration: 4 * time.Millisecond,
		}), nil
	})
	sc.Step(`^the response has no password$`, func() error { return godog.ErrPending })
	sc.Step(`^the user "([^"]*)" exists$`, func(ctx context.Context, userName string) (context.Context, error) {
		return attachExchange(ctx, reports.Exchange{
			Action: "Push new user", Kind: "scim", Method: "POST", URL: fixtureTarget + "/Users",
			RequestHeaders: scimHeaders(oktaRequestHeaders...),
			RequestBody:    `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"` + userName + `","name":{"givenName":"Grace","familyName":"Hopper"},"active":true}`,
			Status:         201, ResponseHeaders: scimHeaders("Content-Type", "application/scim+json"),
			ResponseBody: userBody("2819c223", userName, "Grace", "Hopper"), Duration: 4 * time.Millisecond,
		}), nil
	})
	sc.Step(`^Okta changes the userName to "([^"]*)"$`, func(ctx context.Context, userName string) (context.Context, error) {
		st(ctx).status = 200
		return attachExchange(ctx, reports.Exchange{
			Action: "Push profile update", Kind: "scim", Method: "PUT", URL: fixtureTarget + "/Users/2819c223",
			RequestHeaders: scimHeaders(oktaRequestHeaders...),
			RequestBody:    userBody("2819c223", userName, "Grace", "Hopper"),
			Status:         200, ResponseHeaders: scimHeaders("Content-Type", "application/scim+json"),
			ResponseBody: userBody("2819c223", userName, "Grace", "Hopper"), Duration: 6 * time.Millisecond,
		}), nil
	})
	sc.Step(`^the response status is (\d+)$`, func(ctx context.Context, want int) error {
		if got := st(ctx).status; got != want {
			return fmt.Errorf("PUT /Users/2819c223: status: expected %d, got %d", want, got)
		}
		return nil
	})
	sc.Step(`^the target has an admin API$`, func(ctx context.Context) (context.Context, error) {
		ctx = attachExchange(ctx, reports.Exchange{
			Kind: "admin", Method: "GET", URL: "http://127.0.0.1:8080/admin/orgs",
			RequestHeaders: scimHeaders("Authorization", "Bearer [redacted]"), Status: 404,
			ResponseHeaders: scimHeaders("Content-Type", "text/plain; charset=utf-8"), ResponseBody: "404 page not found\n",
			Duration: time.Millisecond,
		})
		return attachReason(ctx, "The target has no Admin Console API (GET /admin/orgs answered 404)."), godog.ErrSkip
	})
	sc.Step(`^an admin unlinks the group "([^"]*)"$`, func() error { return nil })
	sc.Step(`^the group "([^"]*)" is not found over SCIM$`, func() error { return nil })
	sc.Step(`^Okta creates the group "([^"]*)"$`, func(ctx context.Context, name string) (context.Context, error) {
		st(ctx).status = 201
		return attachExchange(ctx, reports.Exchange{
			Action: "Push groups", Kind: "scim", Method: "POST", URL: fixtureTarget + "/Groups",
			RequestHeaders: scimHeaders(oktaRequestHeaders...),
			RequestBody:    `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"` + name + `","members":[]}`,
			Status:         201, ResponseHeaders: scimHeaders("Content-Type", "application/scim+json"),
			ResponseBody: `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g-31","displayName":"` + name + `","members":[]}`,
			Duration:     3 * time.Millisecond,
		}), nil
	})
}

// TestGodogFixture runs a small suite through real godog and checks what
// FromCucumber makes of its cucumber JSON. With -update it stores that JSON
// as testdata/cucumber.json, the input of the golden tests; without, it
// checks that the stored fixture still says what godog says today.
func TestGodogFixture(t *testing.T) {
	raw := runGodog(t, fixtureSteps, map[string]string{
		"features/users.feature":  usersFeature,
		"features/groups.feature": groupsFeature,
	})
	got, err := reports.FromCucumber(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		status    reports.Status
		reason    string
		exchanges int
		other     int
	}
	want := map[string]summary{
		"A user assigned in Okta is created in Zinc": {reports.Passed, "", 2, 1},
		"userName cannot be changed":                 {reports.Failed, "", 2, 0},
		"A password is accepted and never returned":  {reports.Failed, "", 1, 0}, // pending counts as failed
		"An unlinked group is gone from SCIM":        {reports.Skipped, "The target has no Admin Console API (GET /admin/orgs answered 404).", 1, 0},
		"A pushed group is created":                  {reports.Passed, "", 1, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d scenarios, want %d", len(got), len(want))
	}
	for _, s := range got {
		var g summary
		g.status, g.reason = s.Status, s.Reason
		for _, st := range s.Steps {
			g.exchanges += len(st.Exchanges)
			g.other += len(st.Attachments)
		}
		if w := want[s.Name]; g != w {
			t.Errorf("%s: got %+v, want %+v", s.Name, g, w)
		}
	}
	// The failing step carries its error and its exchange with the headers intact.
	failed := find(t, got, "userName cannot be changed")
	if st := failed.Steps[2]; st.Status != "failed" || st.Error != "PUT /Users/2819c223: status: expected 400, got 200" {
		t.Errorf("failing step: got status %q, error %q", st.Status, st.Error)
	}
	if x := failed.Steps[1].Exchanges[0]; x.Method != "PUT" || x.Status != 200 || x.RequestHeaders.Get("User-Agent") != "Okta SCIM Client 1.0.0" {
		t.Errorf("exchange: got %s %s %d %v", x.Method, x.URL, x.Status, x.RequestHeaders)
	}
	if tags := failed.Tags; !slices.Equal(tags, []string{"@users", "@ZN-17", "@documented"}) {
		t.Errorf("tags: got %q", tags)
	}

	path := filepath.Join("testdata", "cucumber.json")
	if *update {
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	stored, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -run TestGodogFixture -update)", err)
	}
	fixture, err := reports.FromCucumber(bytes.NewReader(stored))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := normalise(got), normalise(fixture); !jsonEqual(a, b) {
		t.Errorf("testdata/cucumber.json no longer matches godog's output; rerun with -update\nfresh:   %s\nfixture: %s", mustJSON(a), mustJSON(b))
	}
}

func find(t *testing.T, ss []reports.Scenario, name string) reports.Scenario {
	t.Helper()
	for _, s := range ss {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no scenario %q", name)
	return reports.Scenario{}
}

// normalise zeroes godog's measured durations; exchange durations are fixed data.
func normalise(ss []reports.Scenario) []reports.Scenario {
	out := slices.Clone(ss)
	for i := range out {
		out[i].Duration = 0
		out[i].Steps = slices.Clone(out[i].Steps)
		for j := range out[i].Steps {
			out[i].Steps[j].Duration = 0
		}
	}
	return out
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func jsonEqual(a, b any) bool { return mustJSON(a) == mustJSON(b) }
