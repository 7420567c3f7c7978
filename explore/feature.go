package explore

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteFeature writes the finding as a runnable .feature in the suite's
// step vocabulary: `scimharness run --features DIR --only` replays the
// shrunk scenario and its last steps check the broken invariant.
func WriteFeature(w io.Writer, f *Finding) error {
	var b strings.Builder
	v := f.Violation
	fmt.Fprintf(&b, "# Written by scimharness explore --seed %d --app %s: the shrunk scenario (%d actions, %d before shrinking).\n", f.Seed, f.Pack, len(f.Scenario.Actions), f.Original)
	fmt.Fprintf(&b, "# What broke: %s\n", oneLine(v.Message))
	if f.Concurrent {
		b.WriteString("# Found with --concurrency: these actions ran at once, and the Okta assignments twice, from two app\n")
		b.WriteString("# instances; the steps run them one after another, from one, so this replay may pass where the race failed.\n")
	}
	fmt.Fprintf(&b, "Feature: explore found: %s\n\n", v.Invariant)
	tags := []string{"@explore", "@" + strings.ToLower(f.Scenario.Setup.Profile.String())}
	fmt.Fprintf(&b, "  %s\n  Scenario: %s\n", strings.Join(tags, " "), v.Invariant)
	var given, when []string
	s := f.Scenario.Setup
	if s.Org != OrgNormal {
		given = append(given, step(stepFreshOrg, map[OrgKind]string{OrgNoProvisioning: " with provisioning turned off",
			OrgNoGroupSync: " not allowed to sync groups", OrgNoUserSync: " not allowed to sync users"}[s.Org]))
		when = append(when, step(stepTestCredentials))
	}
	switch s.Auth {
	case AuthHeader:
		given = append(given, step(stepTokenAs, "the raw Authorization header"))
	case AuthBasic:
		given = append(given, step(stepTokenAs, "the Basic auth password"))
	}
	people, groups := cast(f.Scenario.Actions, v.Then)
	for i := range People {
		if !people[i] {
			continue
		}
		p := People[i]
		if s.NonEmail && i == len(People)-1 {
			given = append(given, step(stepOktaUserNamed, p.First, p.Last, strings.ToLower(p.First+"."+p.Last)))
		} else {
			given = append(given, step(stepOktaUser, p.First, p.Last))
		}
	}
	for g := range Groups {
		if groups[g] {
			given = append(given, step(stepOktaGroup, Groups[g]))
		}
	}
	var seen [numKinds]bool
	for _, a := range f.Scenario.Actions {
		if !seen[a.Kind] {
			seen[a.Kind] = true
			when = append(when, kinds[a.Kind].once...)
		}
		when = append(when, actionSteps(a)...)
	}
	writeBlock(&b, "Given", given)
	writeBlock(&b, "When", when)
	writeBlock(&b, "Then", v.Then)
	_, err := io.WriteString(w, b.String())
	return err
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func writeBlock(b *strings.Builder, keyword string, lines []string) {
	for i, l := range lines {
		kw := keyword
		if i > 0 {
			kw = "And"
		}
		first, rest, _ := strings.Cut(l, "\n")
		fmt.Fprintf(b, "    %s %s\n", kw, first)
		if rest != "" {
			b.WriteString(rest)
			b.WriteString("\n")
		}
	}
}

// cast is the people and groups the actions and checks name.
func cast(acts []Action, then []string) (people, groups []bool) {
	people, groups = make([]bool, len(People)), make([]bool, len(Groups))
	for _, a := range acts {
		if kinds[a.Kind].user {
			people[a.User] = true
		}
		if more := kinds[a.Kind].more; more != nil {
			for _, i := range more(a) {
				people[i] = true
			}
		}
		if kinds[a.Kind].group {
			groups[a.Group] = true
		}
	}
	for _, t := range then {
		for i, p := range People {
			if strings.Contains(t, p.First) {
				people[i] = true
			}
		}
		for g, name := range Groups {
			if strings.Contains(t, `"`+name+`"`) {
				groups[g] = true
			}
		}
	}
	return people, groups
}

// actionSteps is an action in the suite's words.
func actionSteps(a Action) []string { return kinds[a.Kind].steps(a) }

// withBody appends a doc string with the JSON body to a step.
func withBody(s string, body any) string {
	b, _ := json.MarshalIndent(body, "      ", "  ")
	return s + "\n      \"\"\"\n      " + string(b) + "\n      \"\"\""
}
