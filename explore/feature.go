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
	granting := false
	for _, a := range f.Scenario.Actions {
		if a.Kind == GrantEntitlement && !granting { // the first grant makes the entitlement and imports it
			granting = true
			when = append(when, step(stepZincGrantable, entitlementDisplay, entitlementType), step(stepImport, "entitlements"))
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
		if usesUser(a.Kind) {
			people[a.User] = true
		}
		if usesGroup(a.Kind) {
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

func usesUser(k Kind) bool {
	switch k {
	case Assign, Unassign, ChangeFirstName, ChangeLastName, ChangeUsername, Deactivate, Reactivate, AddMember, RemoveMember, ProbeDuplicateCreate, ProbeGroupWithMembers,
		ChangeEnterprise, ChangeCustom, GrantEntitlement, AppLosesUser, Suspend, Unsuspend, AppDeactivates, PausedRemove:
		return true
	}
	return false
}

func usesGroup(k Kind) bool {
	switch k {
	case PushGroup, AddMember, RemoveMember, RenameGroup, PushNow, UnlinkDelete, UnlinkLeave, LinkExisting, ConsoleRenameSynced, ConsoleUnlink,
		AppLosesGroup, PausePush, ActivatePush, RetryPush, PausedRemove:
		return true
	}
	return false
}

// actionSteps is an action in the suite's words.
func actionSteps(a Action) []string {
	who := People[a.User].First
	g := Groups[a.Group]
	switch a.Kind {
	case Assign:
		return []string{step(stepAssign, who)}
	case Unassign:
		return []string{step(stepUnassign, who)}
	case ChangeFirstName:
		return []string{step(stepChange, who, "first name", firstNames[a.Value%len(firstNames)])}
	case ChangeLastName:
		return []string{step(stepChange, who, "last name", lastNames[a.Value%len(lastNames)])}
	case ChangeUsername:
		return []string{step(stepChange, who, "username", "renamed.{"+who+".userName}")}
	case Deactivate:
		return []string{step(stepDeactivate, who)}
	case Reactivate:
		return []string{step(stepReactivate, who)}
	case PushGroup:
		return []string{step(stepPush, g)}
	case PushNow:
		return []string{step(stepPushNow, g)}
	case LinkExisting:
		return []string{step(stepZincGroup, linkedName(a.Group)), step(stepLink, g, linkedName(a.Group))}
	case AddMember:
		return []string{step(stepAddMember, who, g)}
	case RemoveMember:
		return []string{step(stepRemoveMember, who, g)}
	case RenameGroup:
		return []string{step(stepRename, g, g+" "+renames[a.Value%len(renames)])}
	case UnlinkDelete:
		return []string{step(stepUnlink, g, "deletes")}
	case UnlinkLeave:
		return []string{step(stepUnlink, g, "leaves")}
	case ImportUsers:
		return []string{step(stepImport, "users")}
	case ImportGroups:
		return []string{step(stepImport, "groups")}
	case ProbeNoToken:
		return []string{step(stepTokenInUse, "missing"), step(stepSend, "GET", "/Users"), step(stepTokenInUse, "the Production token")}
	case ProbeSandboxToken:
		return []string{step(stepTokenInUse, "the Sandbox token"), step(stepSend, "GET", "/Users"), step(stepTokenInUse, "the Production token")}
	case ProbeDiscoveryPost:
		return []string{withBody(step(stepSendWith, "POST", "/ServiceProviderConfig"), map[string]any{})}
	case ProbeDuplicateCreate:
		var body map[string]any
		_ = json.Unmarshal(duplicateBody("{"+who+".userName}", People[a.User]), &body)
		return []string{withBody(step(stepSendWith, "POST", "/Users"), body)}
	case ProbeForeignCreate:
		return []string{withBody(step(stepSendWith, "POST", "/Users"), foreignBody("{Dave.userName}"))}
	case ProbeRemoveActive:
		var body any
		_ = json.Unmarshal([]byte(removeActiveBody), &body)
		return []string{withBody(step(stepSendWith, "PATCH", "/Users/{Dave.id}"), body)}
	case ProbeGroupWithMembers:
		return []string{withBody(step(stepSendWith, "POST", "/Groups"), groupWithMembersBody(probeGroupName, "{"+who+".id}"))}
	case ProbeApplicationJSON:
		return []string{step(stepHeader, "Content-Type", "application/json"),
			withBody(step(stepSendWith, "POST", "/Groups"), map[string]any{"schemas": []string{schemaGroup}, "displayName": jsonGroupName})}
	case ProbeBulkUsers:
		return []string{step(stepZincUsers, bulkUsers)}
	case ChangeEnterprise:
		return []string{step(stepChange, who, enterpriseAttr, extValues[a.Value%len(extValues)])}
	case ChangeCustom:
		return []string{step(stepChange, who, customAttr, extValues[a.Value%len(extValues)])}
	case GrantEntitlement:
		return []string{step(stepGrant, who, entitlementDisplay)}
	case ProbeUserSchema:
		return []string{step(stepImport, "user schema")}
	case ToggleSetting:
		state := "off"
		if a.Group == 1 {
			state = "on"
		}
		return []string{step(stepSetting, settingName[a.Value%2], state)}
	case ConsoleCreateGroup:
		return []string{step(stepConsoleCreate, consoleGroupName)}
	case ConsoleRenameSynced:
		return []string{step(stepConsoleRename, g, consoleRename)}
	case ConsoleUnlink:
		return []string{step(stepConsoleUnlink, g)}
	case ConsoleDropDeleted:
		return []string{step(stepConsoleRetention, "removes")}
	case ConsoleRootFolder:
		return []string{step(stepConsoleFolder, "Root Level Folder")}
	}
	return memorySteps(a)
}

// settingName are Okta's names of the settings ToggleSetting sets, by
// Value%2 (read-only).
var settingName = [2]string{"Push group memberships immediately", "Rename app groups to match group name in Okta"}

// withBody appends a doc string with the JSON body to a step.
func withBody(s string, body any) string {
	b, _ := json.MarshalIndent(body, "      ", "  ")
	return s + "\n      \"\"\"\n      " + string(b) + "\n      \"\"\""
}
