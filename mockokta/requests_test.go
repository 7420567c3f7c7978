package mockokta

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// goldenSources says where each golden request comes from: the section of
// docs/okta-protocol.md and its sources. testdata/README.md
// has the same list.
var goldenSources = map[string]string{
	"list-users.credentials":          "§1.1 Test API Credentials: GET /Users?startIndex=1&count=2 (Okta-doc S2; Observed S25)",
	"list-groups.credentials":         "§1.1 Test API Credentials with groups: GET /Groups?startIndex=1&count=100 (Okta-doc S2)",
	"lookup-user":                     "§2.2 lookup by userName eq, startIndex=1&count=100, %20 for spaces (Okta-doc S1); headers §1.3 (Okta-doc S3, S19)",
	"create-user":                     "§2.3, §11.3 POST /Users with locale en-US, externalId, groups: [] and a placeholder password (Okta-doc S1)",
	"create-user.attributes":          "§2.3 and §10.4: mapped core, name and enterprise-extension attributes (Observed S25; URN in schemas is an inference)",
	"get-user":                        "§3.2, §4.1: GET /Users/{id} before every PUT (Okta-doc S1)",
	"put-user.link":                   "§2.5: link an existing user: the profile merged over the GET answer (Observed S24, S25, S26)",
	"put-user.groups":                 "§4.1, §11.5: the PUT carries groups: [] whatever the GET answer listed (Okta-doc S1; Observed S24, S25)",
	"put-user.profile":                "§4.1: profile update, GET then PUT with the changed attributes (Okta-doc S1)",
	"put-user.deactivate":             "§5.2: AIW deactivation, PUT with active false (Okta-doc S1; Observed S25)",
	"put-user.activate":               "§5.4: AIW reactivation, PUT with active true (Observed S26)",
	"put-user.password":               "§6: AIW password sync by PUT (Okta-doc S1; body is an inference)",
	"patch-user.deactivate":           "§5.1: OIN deactivation, PATCH no-path replace {active: false} (Okta-doc S1, S3; Okta-test S18)",
	"patch-user.activate":             "§5.4: OIN reactivation, PATCH replace {active: true} (inference, mirror of §5.1)",
	"patch-user.password":             "§6: OIN password sync, PATCH replace {password} (inference)",
	"lookup-group":                    "§7.3: group lookup by displayName eq (Okta-doc S1)",
	"create-group":                    "§7.2: POST /Groups with members: [] (Okta-doc S1)",
	"get-group":                       "§7.4: GET /Groups/{id} before the AIW PUT (Observed S25)",
	"patch-group.add":                 "§7.6, §11.1: add members {value, display} without type, member operations alone (Okta-doc S1; Observed S27 2023-02)",
	"patch-group.remove":              "§7.6, §11.1: remove by members[value eq \"…\"], one operation per member, alone (Okta-doc S1, S3)",
	"patch-group.replace":             "§7.6, §11.1: Push Now, replace members by path, alone (Okta-doc S1, S14 C9316)",
	"patch-group.rename":              "§7.5: rename, no-path replace {id, displayName} (Okta-doc S1)",
	"patch-group.rename-eng":          "§7.5, §11.1: the rename as a PATCH of its own after every membership PATCH (Okta-doc S1; S33a 2020-03; Observed S27 2023-02)",
	"patch-group.replace-value":       "§11.2 full-push-value: Push Now as one no-path replace of {members, id, displayName} (Observed S47 2024-02)",
	"patch-group.replace-value-empty": "§11.2 full-push-value: Push Now of an empty group, members: [] (Observed S47 2024-02)",
	"lookup-user.plus":                "§2.2, §11.4 query-plus: spaces as + in the lookup (Okta-doc S3 2019)",
	"create-user.en_US":               "§2.3, §11.3 locale-en_US: POST /Users with locale en_US (Okta-doc S3 2019)",
	"create-user.unmapped":            "§11.3 locale-unmapped: POST /Users without locale (Okta-doc S22b)",
	"put-group":                       "§7.6, §11.5: AIW group write, PUT with schemas, id, displayName and every member (Okta-doc S1; Observed S25, S48 2023-06)",
	"put-group.two-members":           "§7.6: AIW membership change, PUT with the full members list (Okta-doc S1)",
	"put-group.empty":                 "§7.6: AIW membership removal, PUT with members: [] (Okta-doc S1; Observed S25)",
	"put-group.rename":                "§7.5: AIW rename, PUT /Groups/{id} (Okta-doc S1)",
	"delete-group":                    "§7.7: unlink and delete in the app, DELETE /Groups/{id} (Okta-doc S1)",
	"list-users.import":               "§3.1: import, GET /Users?startIndex=1&count=100 (Okta-doc S1)",
	"list-users.import-page2":         "§3.1: next page, startIndex advanced by the count asked for (Okta-doc S1)",
	"list-groups.import":              "§7.4: group import, GET /Groups?startIndex=1&count=100 (Okta-doc S1)",
}

var bob = User{ID: "00ubob000000000000", Login: "bob@example.com", FirstName: "Bob", LastName: "Jones"}

const bobSCIM = `{"id":"7a1b0c2d","userName":"bob@example.com","active":true}`

func provisionBob(t *testing.T, o *testOrg) {
	t.Helper()
	mustAddUser(t, o, bob)
	o.fake.queue(ok(emptyList), created(bobSCIM))
	if err := o.Assign(context.Background(), bob.Login); err != nil {
		t.Fatalf("Assign bob: %v", err)
	}
	o.fake.requests()
}

// pushEng provisions Alice, puts her in Eng and pushes Eng, forgetting those
// requests.
func pushEng(t *testing.T, o *testOrg) {
	t.Helper()
	provisionAlice(t, o)
	ctx := context.Background()
	if _, err := o.AddGroup("Eng"); err != nil {
		t.Fatal(err)
	}
	if err := o.AddMembers(ctx, "Eng", alice.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.queue(ok(emptyList), created(engCreated))
	if o.profile == AIW {
		o.fake.queue(ok(engCreated), ok(engSCIM))
	} else {
		o.fake.queue(status(204), status(204)) // the adds, then the rename
	}
	if err := o.PushGroup(ctx, "Eng"); err != nil {
		t.Fatalf("PushGroup: %v", err)
	}
	o.fake.requests()
}

// page is a ListResponse of users user<from>..user<to>.
func page(total, start, from, to int) string {
	var rs []string
	for i := from; i <= to; i++ {
		rs = append(rs, fmt.Sprintf(`{"id":"id%03d","userName":"user%03d@example.com","name":{"givenName":"U","familyName":"%03d"},"emails":[{"value":"user%03d@example.com","primary":true}],"active":true}`, i, i, i, i))
	}
	return fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":%d,"startIndex":%d,"itemsPerPage":%d,"Resources":[%s]}`,
		total, start, len(rs), strings.Join(rs, ","))
}

// TestRequests drives every action under both profiles and compares each
// request Okta would send, method, path, query, headers and body, with its
// golden file.
func TestRequests(t *testing.T) {
	aliceInactive := strings.Replace(aliceSCIM, `"active":true`, `"active":false`, 1)
	tests := []struct {
		name     string
		profile  Profile
		variants Variants
		setup    func(t *testing.T, o *testOrg)
		answers  []answer
		act      func(ctx context.Context, o *testOrg) error
		golden   []string
		kinds    []string // the transcript's kinds when they differ from the golden names'
	}{
		{
			name:    "test credentials",
			answers: []answer{ok(emptyList), ok(emptyList)},
			act:     func(ctx context.Context, o *testOrg) error { return o.TestCredentials(ctx) },
			golden:  []string{"list-users.credentials", "list-groups.credentials"},
		},
		{
			name:    "assign creates",
			setup:   func(t *testing.T, o *testOrg) { mustAddUser(t, o, alice) },
			answers: []answer{ok(emptyList), created(aliceCreated)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "create-user"},
		},
		{
			name:     "assign creates (locale-en_US, query-plus)",
			variants: Variants{Locale: LocaleUnderscore, QuerySpaces: SpacesPlus},
			setup:    func(t *testing.T, o *testOrg) { mustAddUser(t, o, alice) },
			answers:  []answer{ok(emptyList), created(aliceCreated)},
			act:      func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:   []string{"lookup-user.plus", "create-user.en_US"},
		},
		{
			name:     "assign creates (locale-unmapped)",
			variants: Variants{Locale: LocaleUnmapped},
			setup:    func(t *testing.T, o *testOrg) { mustAddUser(t, o, alice) },
			answers:  []answer{ok(emptyList), created(aliceCreated)},
			act:      func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:   []string{"lookup-user", "create-user.unmapped"},
		},
		{
			name:    "assign creates (AIW)",
			profile: AIW,
			setup:   func(t *testing.T, o *testOrg) { mustAddUser(t, o, alice) },
			answers: []answer{ok(emptyList), created(aliceCreated)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "create-user"},
		},
		{
			name: "assign sends mapped attributes",
			setup: func(t *testing.T, o *testOrg) {
				u := alice
				u.Attributes = map[string]any{
					"title":           "Engineer",
					"locale":          "en-US",
					"name.middleName": "Q",
					"phoneNumbers":    []map[string]any{{"value": "+1 415 555 0100", "type": "work"}},
					"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":    "R&D",
					"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value": "0042",
				}
				mustAddUser(t, o, u)
			},
			answers: []answer{ok(emptyList), created(aliceCreated)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "create-user.attributes"},
		},
		{
			name:    "assign links an existing user",
			setup:   func(t *testing.T, o *testOrg) { mustAddUser(t, o, alice) },
			answers: []answer{ok(aliceList), ok(aliceSCIM), ok(aliceSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "get-user", "put-user.link"},
		},
		{
			name:    "assign links an existing user (AIW)",
			profile: AIW,
			setup:   func(t *testing.T, o *testOrg) { mustAddUser(t, o, alice) },
			answers: []answer{ok(aliceList), ok(aliceSCIM), ok(aliceSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "get-user", "put-user.link"},
		},
		{
			name:    "update profile",
			setup:   provisionAlice,
			answers: []answer{ok(aliceSCIM), ok(aliceSCIM)},
			act:     updateAlice,
			golden:  []string{"get-user", "put-user.profile"},
		},
		{
			name:    "update profile of a user the server lists in groups",
			setup:   provisionAlice,
			answers: []answer{ok(strings.Replace(aliceSCIM, `"groups":[]`, `"groups":[{"value":"abf4dd94","display":"Eng"}]`, 1)), ok(aliceSCIM)},
			act:     updateAlice,
			golden:  []string{"get-user", "put-user.groups"},
		},
		{
			name:    "update profile (AIW)",
			profile: AIW,
			setup:   provisionAlice,
			answers: []answer{ok(aliceSCIM), ok(aliceSCIM)},
			act:     updateAlice,
			golden:  []string{"get-user", "put-user.profile"},
		},
		{
			name:    "unassign deactivates",
			setup:   provisionAlice,
			answers: []answer{ok(aliceInactive)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Unassign(ctx, alice.Login) },
			golden:  []string{"patch-user.deactivate"},
		},
		{
			name:    "unassign deactivates (AIW)",
			profile: AIW,
			setup:   provisionAlice,
			answers: []answer{ok(aliceSCIM), ok(aliceInactive)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Unassign(ctx, alice.Login) },
			golden:  []string{"get-user", "put-user.deactivate"},
		},
		{
			name:    "deactivating the Okta user deactivates",
			setup:   provisionAlice,
			answers: []answer{status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.DeactivateUser(ctx, alice.Login) },
			golden:  []string{"patch-user.deactivate"},
		},
		{
			name:    "deactivating the Okta user deactivates (AIW)",
			profile: AIW,
			setup:   provisionAlice,
			answers: []answer{ok(aliceSCIM), ok(aliceInactive)},
			act:     func(ctx context.Context, o *testOrg) error { return o.DeactivateUser(ctx, alice.Login) },
			golden:  []string{"get-user", "put-user.deactivate"},
		},
		{
			name:    "unassigning the assigning group deactivates",
			setup:   assignAliceViaGroup,
			answers: []answer{status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.UnassignGroup(ctx, "All") },
			golden:  []string{"patch-user.deactivate"},
		},
		{
			name:    "unassigning the assigning group deactivates (AIW)",
			profile: AIW,
			setup:   assignAliceViaGroup,
			answers: []answer{ok(aliceSCIM), ok(aliceInactive)},
			act:     func(ctx context.Context, o *testOrg) error { return o.UnassignGroup(ctx, "All") },
			golden:  []string{"get-user", "put-user.deactivate"},
		},
		{
			name: "reactivating a group-assigned Okta user reactivates",
			setup: func(t *testing.T, o *testOrg) {
				assignAliceViaGroup(t, o)
				deactivateAlice(t, o)
			},
			answers: []answer{ok(aliceList), status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.ReactivateUser(ctx, alice.Login) },
			golden:  []string{"lookup-user", "patch-user.activate"},
		},
		{
			name:    "reactivating a group-assigned Okta user reactivates (AIW)",
			profile: AIW,
			setup: func(t *testing.T, o *testOrg) {
				assignAliceViaGroup(t, o)
				deactivateAlice(t, o)
			},
			answers: []answer{ok(aliceList), ok(aliceInactive), ok(aliceSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.ReactivateUser(ctx, alice.Login) },
			golden:  []string{"lookup-user", "get-user", "put-user.activate"},
		},
		{
			name:    "reassign reactivates",
			setup:   deprovisionAlice,
			answers: []answer{ok(aliceList), status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "patch-user.activate"},
		},
		{
			name:    "reassign reactivates (AIW)",
			profile: AIW,
			setup:   deprovisionAlice,
			answers: []answer{ok(aliceList), ok(aliceInactive), ok(aliceSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.Assign(ctx, alice.Login) },
			golden:  []string{"lookup-user", "get-user", "put-user.activate"},
		},
		{
			name:    "sync password",
			setup:   provisionAlice,
			answers: []answer{status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.SetPassword(ctx, alice.Login, "n3w-Pa55word") },
			golden:  []string{"patch-user.password"},
		},
		{
			name:    "sync password (AIW)",
			profile: AIW,
			setup:   provisionAlice,
			answers: []answer{ok(aliceSCIM), ok(aliceSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.SetPassword(ctx, alice.Login, "n3w-Pa55word") },
			golden:  []string{"get-user", "put-user.password"},
		},
		{
			name: "push group",
			setup: func(t *testing.T, o *testOrg) {
				provisionAlice(t, o)
				addEng(t, o, alice.Login)
			},
			answers: []answer{ok(emptyList), created(engCreated), ok(engSCIM), status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.PushGroup(ctx, "Eng") },
			golden:  []string{"lookup-group", "create-group", "patch-group.add", "patch-group.rename-eng"},
		},
		{
			name:    "push group (AIW)",
			profile: AIW,
			setup: func(t *testing.T, o *testOrg) {
				provisionAlice(t, o)
				addEng(t, o, alice.Login)
			},
			answers: []answer{ok(emptyList), created(engCreated), ok(engCreated), ok(engSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.PushGroup(ctx, "Eng") },
			golden:  []string{"lookup-group", "create-group", "get-group", "put-group"},
		},
		{
			name: "push group links an existing group",
			setup: func(t *testing.T, o *testOrg) {
				provisionAlice(t, o)
				addEng(t, o, alice.Login)
			},
			answers: []answer{ok(engList), status(204), status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.PushGroup(ctx, "Eng") },
			golden:  []string{"lookup-group", "patch-group.replace", "patch-group.rename-eng"},
		},
		{
			name: "add member to a pushed group",
			setup: func(t *testing.T, o *testOrg) {
				provisionAlice(t, o)
				provisionBob(t, o)
				addEng(t, o)
				o.fake.queue(ok(emptyList), created(engCreated))
				if err := o.PushGroup(context.Background(), "Eng"); err != nil {
					t.Fatal(err)
				}
				o.fake.requests()
			},
			answers: []answer{ok(engSCIM), status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.AddMembers(ctx, "Eng", alice.Login) },
			golden:  []string{"patch-group.add", "patch-group.rename-eng"},
		},
		{
			name:    "add member to a pushed group (AIW)",
			profile: AIW,
			setup: func(t *testing.T, o *testOrg) {
				provisionBob(t, o)
				pushEng(t, o)
			},
			answers: []answer{ok(engSCIM), ok(engSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.AddMembers(ctx, "Eng", bob.Login) },
			golden:  []string{"get-group", "put-group.two-members"},
		},
		{
			name:    "remove member",
			setup:   pushEng,
			answers: []answer{status(204), status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.RemoveMembers(ctx, "Eng", alice.Login) },
			golden:  []string{"patch-group.remove", "patch-group.rename-eng"},
		},
		{
			name:    "remove member (AIW)",
			profile: AIW,
			setup:   pushEng,
			answers: []answer{ok(engSCIM), ok(engCreated)},
			act:     func(ctx context.Context, o *testOrg) error { return o.RemoveMembers(ctx, "Eng", alice.Login) },
			golden:  []string{"get-group", "put-group.empty"},
		},
		{
			name:    "push now",
			setup:   pushEng,
			answers: []answer{ok(engSCIM), status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.PushNow(ctx, "Eng") },
			golden:  []string{"patch-group.replace", "patch-group.rename-eng"},
		},
		{
			name:     "push now (full-push-value)",
			variants: Variants{FullPush: FullPushValue},
			setup:    pushEng,
			answers:  []answer{ok(engSCIM)},
			act:      func(ctx context.Context, o *testOrg) error { return o.PushNow(ctx, "Eng") },
			golden:   []string{"patch-group.replace-value"},
		},
		{
			name:     "push now of an empty group (full-push-value)",
			variants: Variants{FullPush: FullPushValue},
			setup: func(t *testing.T, o *testOrg) {
				pushEng(t, o)
				o.fake.queue(status(204), status(204))
				if err := o.RemoveMembers(context.Background(), "Eng", alice.Login); err != nil {
					t.Fatal(err)
				}
				o.fake.requests()
			},
			answers: []answer{status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.PushNow(ctx, "Eng") },
			golden:  []string{"patch-group.replace-value-empty"},
		},
		{
			name:    "push now (AIW)",
			profile: AIW,
			setup:   pushEng,
			answers: []answer{ok(engSCIM), ok(engSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.PushNow(ctx, "Eng") },
			golden:  []string{"get-group", "put-group"},
		},
		{
			name:    "rename group",
			setup:   pushEng,
			answers: []answer{ok(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"abf4dd94","displayName":"Engineering","members":null}`)},
			act:     func(ctx context.Context, o *testOrg) error { return o.RenameGroup(ctx, "Eng", "Engineering") },
			golden:  []string{"patch-group.rename"},
		},
		{
			name:    "rename group (AIW)",
			profile: AIW,
			setup:   pushEng,
			answers: []answer{ok(engSCIM), ok(engSCIM)},
			act:     func(ctx context.Context, o *testOrg) error { return o.RenameGroup(ctx, "Eng", "Engineering") },
			golden:  []string{"get-group", "put-group.rename"},
		},
		{
			name:    "unlink and delete",
			setup:   pushEng,
			answers: []answer{status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.UnlinkGroup(ctx, "Eng", DeleteInApp) },
			golden:  []string{"delete-group"},
		},
		{
			name:    "unlink and delete (AIW)",
			profile: AIW,
			setup:   pushEng,
			answers: []answer{status(204)},
			act:     func(ctx context.Context, o *testOrg) error { return o.UnlinkGroup(ctx, "Eng", DeleteInApp) },
			golden:  []string{"delete-group"},
		},
		{
			name:  "unlink and leave sends nothing",
			setup: pushEng,
			act:   func(ctx context.Context, o *testOrg) error { return o.UnlinkGroup(ctx, "Eng", LeaveInApp) },
		},
		{
			name:    "import users",
			answers: []answer{ok(page(101, 1, 1, 100)), ok(page(101, 101, 101, 101))},
			act: func(ctx context.Context, o *testOrg) error {
				_, err := o.ImportUsers(ctx)
				return err
			},
			golden: []string{"list-users.import", "list-users.import-page2"},
		},
		{
			name:    "import groups",
			answers: []answer{ok(`{"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[` + engSCIM + `]}`)},
			act: func(ctx context.Context, o *testOrg) error {
				_, err := o.ImportGroups(ctx)
				return err
			},
			golden: []string{"list-groups.import"},
		},
	}
	// Each case runs twice: against testBase, and against a base URL with a
	// query (Okta's OIN tenant variables, docs/okta-protocol.md §10.1), which
	// every request must keep before its own parameters, the rest as golden.
	for _, tt := range tests {
		for _, baseQuery := range []string{"", "connection=42&tenant=acme%20corp"} {
			name := tt.name
			if baseQuery != "" {
				name += " (base URL with a query)"
			}
			t.Run(name, func(t *testing.T) {
				runRequestCase(t, tt.profile, tt.variants, baseQuery, tt.setup, tt.answers, tt.act, tt.golden)
			})
		}
	}
}

// runRequestCase is one case of TestRequests against a base URL with
// baseQuery ("" for none).
func runRequestCase(t *testing.T, profile Profile, variants Variants, baseQuery string, setup func(*testing.T, *testOrg), answers []answer,
	act func(context.Context, *testOrg) error, golden []string) {
	t.Parallel()
	o := newTestOrg(t, profile, func(c *Config) {
		c.Variants = variants
		if baseQuery != "" {
			c.BaseURL += "?" + baseQuery
		}
	})
	if setup != nil {
		setup(t, o)
	}
	before := len(o.Transcript())
	o.fake.queue(answers...)
	if err := act(context.Background(), o); err != nil {
		t.Fatalf("action: %v", err)
	}
	got := o.fake.requests()
	if len(got) != len(golden) {
		for _, s := range got {
			t.Logf("sent %s %s?%s", s.Method, s.Path, s.Query)
		}
		t.Fatalf("sent %d requests, want %d (%v)", len(got), len(golden), golden)
	}
	for i, name := range golden {
		if baseQuery != "" {
			rest, ok := strings.CutPrefix(got[i].Query, baseQuery)
			if !ok || rest != "" && rest[0] != '&' {
				t.Errorf("%s: query %q does not start with the base URL's %q", name, got[i].Query, baseQuery)
				continue
			}
			got[i].Query = strings.TrimPrefix(rest, "&")
		}
		checkGolden(t, name, got[i])
	}
	var ks []string
	for _, e := range o.Transcript()[before:] {
		ks = append(ks, e.Kind)
	}
	for i, name := range golden {
		if want := strings.SplitN(name, ".", 2)[0]; i >= len(ks) || ks[i] != want {
			t.Errorf("transcript kinds %v, want %v", ks, golden)
			break
		}
	}
	if len(o.Tasks()) != 0 {
		t.Errorf("tasks: %+v", o.Tasks())
	}
}

func updateAlice(ctx context.Context, o *testOrg) error {
	return o.UpdateUser(ctx, alice.Login, func(u *User) {
		u.FirstName = "Alicia"
		u.Attributes = map[string]any{"title": "Staff Engineer"}
	})
}

func deprovisionAlice(t *testing.T, o *testOrg) {
	t.Helper()
	provisionAlice(t, o)
	if o.profile == AIW {
		o.fake.queue(ok(aliceSCIM), ok(aliceSCIM))
	} else {
		o.fake.queue(status(204))
	}
	if err := o.Unassign(context.Background(), alice.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
}

// assignAliceViaGroup adds Alice to the group All, assigns the app to All
// (which provisions her: lookup miss, create) and forgets those requests.
func assignAliceViaGroup(t *testing.T, o *testOrg) {
	t.Helper()
	mustAddUser(t, o, alice)
	ctx := context.Background()
	if _, err := o.AddGroup("All"); err != nil {
		t.Fatal(err)
	}
	if err := o.AddMembers(ctx, "All", alice.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.queue(ok(emptyList), created(aliceCreated))
	if err := o.AssignGroup(ctx, "All"); err != nil {
		t.Fatalf("AssignGroup: %v", err)
	}
	if got := o.fake.requests(); len(got) != 2 {
		t.Fatalf("AssignGroup sent %d requests, want the lookup and the create", len(got))
	}
}

// deactivateAlice deactivates Alice in Okta and forgets the requests.
func deactivateAlice(t *testing.T, o *testOrg) {
	t.Helper()
	if o.profile == AIW {
		o.fake.queue(ok(aliceSCIM), ok(aliceSCIM))
	} else {
		o.fake.queue(status(204))
	}
	if err := o.DeactivateUser(context.Background(), alice.Login); err != nil {
		t.Fatal(err)
	}
	o.fake.requests()
}

func addEng(t *testing.T, o *testOrg, logins ...string) {
	t.Helper()
	if _, err := o.AddGroup("Eng"); err != nil {
		t.Fatal(err)
	}
	if err := o.AddMembers(context.Background(), "Eng", logins...); err != nil {
		t.Fatal(err)
	}
}
