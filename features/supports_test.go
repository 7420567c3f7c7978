package features_test

import (
	"bytes"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/scimharness/scimharness/features"
)

// markers are the core's tags that are neither behaviour IDs, provenance
// nor capabilities: the client profiles and what a scenario replays.
var markers = []string{"@oin", "@aiw", "@admin-api", "@spec", "@spec-legacy", "@crud", "@oin-test-plan", "@entitlements-test", "@variants"}

// needs are the Okta actions of the step vocabulary and the capability an
// app must have turned on for Okta to send them. A step that changes a user
// Okta provisioned needs its capability only once the user is assigned
// (before that, Okta only edits its own profile).
var needs = []struct {
	rx          *regexp.Regexp
	tag         string
	afterAssign bool
}{
	{regexp.MustCompile(`^Okta assigns .+ to the app$|^Okta assigns the app to the group `), "@create-users", false},
	{regexp.MustCompile(`^Okta changes \w+'s .+ to "`), "@update-user-attributes", true},
	{regexp.MustCompile(`^Okta (deactivates|reactivates|unassigns) [A-Z]`), "@deactivate-users", true},
	{regexp.MustCompile(`^Okta (pushes the group|adds \w+ to the group|removes \w+ from the group|renames the group|unlinks the pushed group) `), "@push-groups", false},
	{regexp.MustCompile(`^Okta imports the users$`), "@import-users", false},
	{regexp.MustCompile(`^Okta imports the groups$`), "@import-groups", false},
	{regexp.MustCompile(`^Okta imports the entitlements$|^Okta (grants|revokes) `), "@entitlements", false},
	{regexp.MustCompile(`^Okta imports the user schema$`), "@import-user-schema", false},
	{regexp.MustCompile(`lists the extension "urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User"$`), "@enterprise-attributes", false},
	{regexp.MustCompile(`lists the extension "urn:scimharness:`), "@custom-attributes", false},
	{regexp.MustCompile(`^the admin clicks "Authenticate with `), "@oauth", false},
}

// TestCoreScenariosNeedCapabilities: every Okta-core scenario carries the
// tag of at least one capability of Okta's (features.Capabilities), and of
// every capability its Okta actions need, so that a run skips it when the
// app does not support one; every other tag it carries is known.
func TestCoreScenariosNeedCapabilities(t *testing.T) {
	core := parts(t)[0]
	known := map[string]bool{}
	for _, m := range markers {
		known[m] = true
	}
	for _, c := range features.Capabilities() {
		known[c.Tag] = true
	}
	names, err := features.FeatureFiles(core.FS)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range names {
		b, _ := fs.ReadFile(core.FS, name)
		ids := &messages.Incrementing{}
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(b), ids.NewId)
		if err != nil {
			t.Fatal(err)
		}
		for _, pk := range gherkin.Pickles(*doc, name, ids.NewId) {
			n++
			where := name + ": " + pk.Name
			var tags []string
			caps := 0
			for _, tg := range pk.Tags {
				tags = append(tags, tg.Name)
				if _, ok := features.CapabilityOfTag(tg.Name); ok {
					caps++
				}
				if !known[tg.Name] && !features.IsBehaviourTag(tg.Name) && !features.IsProvenanceTag(tg.Name) {
					t.Errorf("%s: tag %s is not a capability (%s), a behaviour, a provenance or one of %v", where, tg.Name, strings.Join(capabilityTags(), " "), markers)
				}
			}
			if caps == 0 {
				t.Errorf("%s: no capability tag (%s)", where, strings.Join(capabilityTags(), " "))
			}
			assigned := false
			for _, st := range pk.Steps {
				for _, nd := range needs {
					if nd.rx.MatchString(st.Text) && (assigned || !nd.afterAssign) && !slices.Contains(tags, nd.tag) {
						t.Errorf("%s: the step %q needs %s, which the scenario's tags %v lack", where, st.Text, nd.tag, tags)
					}
				}
				if strings.HasPrefix(st.Text, "Okta assigns ") {
					assigned = true
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("checked %d core scenarios, want the whole core", n)
	}
}

func capabilityTags() []string {
	var out []string
	for _, c := range features.Capabilities() {
		out = append(out, c.Tag)
	}
	return out
}

func TestParseSupports(t *testing.T) {
	tests := map[string]struct {
		in   string
		want []string
		err  string
	}{
		"Okta's names":        {"Create Users, Push Groups", []string{"Users", "Create Users", "Push Groups"}, ""},
		"any case, any order": {"push groups,CREATE USERS", []string{"Users", "Create Users", "Push Groups"}, ""},
		"tags":                {"create-users,@import-users", []string{"Users", "Create Users", "Import Users"}, ""},
		"Users alone":         {"Users", []string{"Users"}, ""},
		"repeated":            {"Push Groups,Push Groups", []string{"Users", "Push Groups"}, ""},
		"all":                 {"all", features.CapabilityNames(features.Capabilities()), ""},
		"unknown":             {"Create Users, Group Push", nil, `feature "Group Push": not one of Okta's (Users, Create Users,`},
		"empty":               {" , ", nil, "no feature named"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := features.ParseSupports(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g := features.CapabilityNames(got); !slices.Equal(g, tc.want) {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

// TestPackSupports: a pack declares its app's features in catalogue.json;
// Zinc's are what its documents list.
func TestPackSupports(t *testing.T) {
	zinc := parts(t)[1]
	want := []string{"Users", "Create Users", "Update User Attributes", "Deactivate Users", "Import Groups", "Push Groups"}
	if got := features.CapabilityNames(zinc.Supports); !slices.Equal(got, want) {
		t.Errorf("Zinc supports %q, want %q", got, want)
	}
	if core := parts(t)[0]; core.Supports != nil {
		t.Errorf("the core declares %v: only an app declares its features", core.Supports)
	}
	const feature = "Feature: f\n  \"q\"\n  @XY-01 @inferred\n  Scenario: s\n    Given the app has a user Alice Smith\n"
	for name, tc := range map[string]struct {
		supports string
		want     []string
		err      string
	}{
		"none":    {"", nil, ""},
		"some":    {`,"supports":["Push Groups"]`, []string{"Users", "Push Groups"}, ""},
		"unknown": {`,"supports":["Group Push"]`, nil, `supports: feature "Group Push"`},
		"empty":   {`,"supports":[]`, nil, "supports: no feature named"},
	} {
		t.Run(name, func(t *testing.T) {
			cat := `{"app":"Xy","prefix":"XY","behaviours":[{"id":"XY-01","title":"t","provenance":"inferred","shows":"s","source":"q","sourceDocument":"d"}]` + tc.supports + `}`
			p, err := features.LoadPack(fstest.MapFS{"catalogue.json": {Data: []byte(cat)}, "f.feature": {Data: []byte(feature)}}, "xy")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := features.CapabilityNames(p.Supports); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
