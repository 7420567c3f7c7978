package explore

import (
	"bytes"
	"context"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/mockokta"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/steps"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestSameSeedSameScenarios(t *testing.T) {
	caps := capabilities{pack: PackZinc, admin: true, sandbox: true}
	draw := func(seed uint64) []Scenario {
		g := newGenerator(seed, caps)
		var out []Scenario
		for range 50 {
			out = append(out, g.scenario(20))
		}
		return out
	}
	if a, b := draw(42), draw(42); !reflect.DeepEqual(a, b) {
		t.Fatal("seed 42 drew different scenarios twice")
	}
	if a, b := draw(42), draw(43); reflect.DeepEqual(a, b) {
		t.Fatal("seeds 42 and 43 drew the same scenarios")
	}
}

func TestRunIsReproducible(t *testing.T) {
	run := func() *Result {
		res, err := Run(context.Background(), Config{Target: refTarget(t, "group-delete-ignored"), Pack: PackZinc, Seed: 3, Steps: 3000})
		if err != nil {
			t.Fatal(err)
		}
		if res.Finding == nil {
			t.Fatal("no finding for group-delete-ignored in 3000 actions")
		}
		return res
	}
	a, b := run(), run()
	if a.Steps != b.Steps || !reflect.DeepEqual(a.Finding.Scenario, b.Finding.Scenario) || a.Finding.Violation.Invariant != b.Finding.Violation.Invariant {
		t.Fatalf("seed 3 twice: %d steps %v, then %d steps %v", a.Steps, a.Finding.Scenario, b.Steps, b.Finding.Scenario)
	}
}

func TestCleanServerNoViolation(t *testing.T) {
	for _, pack := range []Pack{PackZinc, PackCore} {
		res, err := Run(context.Background(), Config{Target: refTarget(t), Pack: pack, Seed: 11, Steps: 1500})
		if err != nil {
			t.Fatal(err)
		}
		if res.Finding != nil {
			var b bytes.Buffer
			_ = WriteFeature(&b, res.Finding)
			t.Fatalf("--app %s: a violation on the clean server: %v\n%s", pack, res.Finding.Violation, b.String())
		}
		if res.Steps < 1500 {
			t.Fatalf("--app %s: %d actions, expected 1500", pack, res.Steps)
		}
	}
}

// plantDeleteBug answers 500 to every DELETE /Groups/{id}: the minimal
// scenario that shows it is one push and one unlink that deletes.
type plantDeleteBug struct{ h http.Handler }

func (p plantDeleteBug) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodDelete && strings.Contains(r.URL.Path, "/Groups/") {
		w.Header().Set("Content-Type", "application/scim+json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"planted"}`))
		return
	}
	p.h.ServeHTTP(w, r)
}

func TestShrinkPlantedBugToKnownMinimum(t *testing.T) {
	tgt := refTarget(t)
	srv, err := reference.New(reference.Config{Token: "tok-prod-123456", SandboxToken: "tok-sandbox-123456", AdminToken: "tok-admin-123456"})
	if err != nil {
		t.Fatal(err)
	}
	tgt.Transport = HandlerTransport(plantDeleteBug{srv})
	res, err := Run(context.Background(), Config{Target: tgt, Pack: PackZinc, Seed: 5, Steps: 20000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Finding == nil {
		t.Fatal("the planted bug was not found")
	}
	want := Scenario{Setup: Setup{Profile: mockokta.OIN}, Actions: []Action{{Kind: PushGroup}, {Kind: UnlinkDelete}}}
	if !reflect.DeepEqual(res.Finding.Scenario, want) {
		t.Fatalf("shrunk to %v, expected %v (from %d actions)", res.Finding.Scenario, want, res.Finding.Original)
	}
	if res.Finding.Violation.Invariant != "every Okta action succeeds" {
		t.Fatalf("invariant %q", res.Finding.Violation.Invariant)
	}
}

func TestWriteFeatureGolden(t *testing.T) {
	f := &Finding{Seed: 7, Pack: PackZinc, Original: 13, Admin: true,
		Scenario: Scenario{Setup: Setup{Profile: mockokta.AIW, Auth: AuthBasic}, Actions: []Action{
			{Kind: Assign, User: 1}, {Kind: AddMember, User: 1}, {Kind: PushGroup}, {Kind: Deactivate, User: 1},
			{Kind: Reactivate, User: 1}, {Kind: ProbeDuplicateCreate, User: 1}, {Kind: RenameGroup, Value: 1}}},
		Violation: &Violation{Invariant: "a reactivated user is in no group", Pack: PackZinc, Message: "Bob, reactivated, is in 1 groups",
			Then: []string{step(stepInNoGroup, "Bob")}}}
	var b bytes.Buffer
	if err := WriteFeature(&b, f); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "reactivated.feature")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Fatalf("feature differs from %s (go test -update rewrites it):\n%s", golden, b.String())
	}
}

// TestStepsMatchVocabulary renders every step explore writes and asks the
// suite's vocabulary: each must match exactly one registered step, so a
// change of wording breaks this test, not the features users get.
func TestStepsMatchVocabulary(t *testing.T) {
	samples := map[stepID][]any{
		stepFreshOrg: {" not allowed to sync groups"}, stepTokenAs: {"the Basic auth password"}, stepTokenInUse: {"missing"},
		stepOktaUser: {"Alice", "Smith"}, stepOktaUserNamed: {"Carol", "White", "carol.white"}, stepOktaGroup: {"Engineering"},
		stepAssign: {"Alice"}, stepUnassign: {"Alice"}, stepChange: {"Alice", "first name", "Alicia"}, stepDeactivate: {"Alice"},
		stepReactivate: {"Alice"}, stepPush: {"Engineering"}, stepPushNow: {"Engineering"}, stepZincGroup: {"Lunch"},
		stepLink: {"Engineering", "Lunch"}, stepAddMember: {"Alice", "Sales"}, stepRemoveMember: {"Alice", "Sales"},
		stepRename: {"Sales", "Sales Growth"}, stepUnlink: {"Sales", "deletes"}, stepImport: {"users"}, stepTestCredentials: nil,
		stepSend: {"GET", "/Users"}, stepSendWith: {"POST", "/Users"}, stepConsoleCreate: {"Picnic"},
		stepConsoleRename: {"Engineering", "Eng Social"}, stepConsoleUnlink: {"Engineering"}, stepConsoleRetention: {"removes"},
		stepConsoleFolder: {"Root Level Folder"}, stepResponseStatus: {403}, stepResponseStatusOr: {200, 204},
		stepHeader: {"Content-Type", "application/json"}, stepSetting: {"Push group memberships immediately", "off"}, stepResponseError: {"409", "uniqueness"},
		stepResponseHeader: {"WWW-Authenticate", "contains", "Bearer"}, stepResponseJSON: {"emails", "has 1 item"},
		stepResponseList: nil, stepResponsePaging: nil, stepResponseListOf: {0}, stepActive: {"Alice", "inactive"}, stepNotInZinc: {"Alice"},
		stepExactlyOne: {"Alice"}, stepKeepsID: {"Alice"}, stepUserField: {"Alice", "name.givenName", `is "Alicia"`},
		stepInNoGroup: {"Alice"}, stepGroupMembers: {"Engineering", "Alice and Bob"}, stepGroupNamed: {"Engineering", "Engineering Growth"},
		stepGroupGone: {"Engineering"}, stepGroupVisible: {"Engineering"}, stepGroupNewID: {"Engineering"},
		stepConsoleListsUser: {"does not list", "Alice"}, stepConsoleListsGroup: {"lists", "Engineering"},
		stepConsoleShows: {"Engineering", "folder", `"Root Level Folder"`}, stepNoTasks: nil, stepHasTask: {"failed"},
		stepTaskDetail: nil, stepCredentials: {"groups"}, stepImportFinds: {"finds", "Alice"}, stepImportEach: {120}, stepZincUsers: {120},
		stepImportGrantFinds: {"schema", "finds", customAttr}, stepZincGrantable: {"Pro license", "License"}, stepGrant: {"Alice", "Pro license"}, stepGroupImportFinds: {"does not find", "Picnic"},
		stepLoses: {"Alice"}, stepLosesGroup: {"Engineering"}, stepPushState: {"deactivates", "Engineering"}, stepSuspend: {"suspends", "Alice"},
		stepPushIs: {"Engineering", "in ERROR"}, stepDeactivatesItself: {"Alice"}, stepImportDeactivated: {"Alice"},
		stepSwapsIDs: {"Alice", "Bob"}, stepNewID: {"Alice"},
	}
	var texts []string
	for id := stepID(0); id < numSteps; id++ {
		args, ok := samples[id]
		if !ok && !strings.Contains(stepText[id], "%") {
			ok = true
		}
		if !ok {
			t.Errorf("step %d (%q) has no sample in this test", id, stepText[id])
			continue
		}
		texts = append(texts, step(id, args...))
	}
	for k := Kind(0); k < numKinds; k++ {
		for v := range 3 {
			texts = append(texts, actionSteps(Action{Kind: k, User: 2, Group: v % 2, Value: v})...)
		}
	}
	match := steps.NewMatcher("Zinc")
	for _, text := range texts {
		first, _, _ := strings.Cut(text, "\n")
		if m := match.Match(first); len(m) != 1 {
			t.Errorf("%q matches %d vocabulary steps, expected exactly 1", first, len(m))
		}
	}
}

func BenchmarkOktaActions(b *testing.B) {
	tgt := refTarget(b)
	b.ReportAllocs()
	steps := 0
	for b.Loop() {
		res, err := Run(context.Background(), Config{Target: tgt, Pack: PackZinc, Seed: uint64(steps), Steps: 2000})
		if err != nil {
			b.Fatal(err)
		}
		if res.Finding != nil {
			b.Fatalf("a violation on the clean server: %v", res.Finding.Violation)
		}
		steps += res.Steps
	}
	b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "actions/s")
}

func TestEvidenceRedactsPasswords(t *testing.T) {
	a := &answer{method: http.MethodGet, url: "http://x/scim/v2/Users/1", status: 200,
		body: []byte(`{"id":"1","userName":"a@example.com","password":"Hunter2secret"}`)}
	if s := a.String(); strings.Contains(s, "Hunter2secret") {
		t.Fatalf("the evidence shows the password: %s", s)
	}
	res, err := Run(context.Background(), Config{Target: refTarget(t, "password-returned"), Pack: PackZinc, Seed: 1, Steps: 2000})
	if err != nil || res.Finding == nil {
		t.Fatalf("password-returned not found: %v", err)
	}
	// Each password value starts with the marker; the evidence may cut the
	// marker itself short ("[r…"), never show a value.
	ev := res.Finding.Violation.Evidence
	for rest := ev; ; {
		i := strings.Index(rest, `"password":"`)
		if i < 0 {
			break
		}
		rest = rest[i+len(`"password":"`):]
		if !strings.HasPrefix(rest, "[") {
			t.Fatalf("the evidence shows Okta's password: %s", ev)
		}
	}
}
