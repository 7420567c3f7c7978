package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/scimharness/scimharness/steps"
	"github.com/scimharness/scimharness/suite"
)

// stepsGuide explains what the vocabulary's arguments mean.
const stepsGuide = `Writing your own scenarios

  People are named by a capitalised first name: "Okta has a user Alice Smith" makes
  Alice; later steps say "Alice". Lists read "Alice", "Alice and Bob" or
  "Alice, Bob and Carol". Groups are named in quotes: "Engineering".

  Placeholders in request paths, bodies and expected values:
    {Alice.userName}        Alice's userName (an email address made for the run)
    {Alice.userName|upper}  the same in capitals (also |lower)
    {Alice.id}              Alice's id in the app; {Engineering.id} the group's
    {Alice.oktaId}          Alice's Okta user id (sent as externalId)
    {Engineering.displayName}  the group's displayName
    {response:PATH}         a value of the last response, such as {response:Resources.0.id}
    {Entitlement.endpoint}  the endpoint /ResourceTypes names for Okta's Entitlement schema
                            (and {Role.endpoint}), after "the target lists at least 1 value at
                            the Entitlement endpoint"

  JSON paths are gjson paths: name.givenName, emails.0.value, Resources.#.id. Keys
  are case-sensitive (the canonical SCIM spelling); escape dots in schema URNs
  (urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.department).

  Predicates after a path: is <JSON> ("Alicia", false, 3, {"active": false}),
  is absent, is absent or empty (null, "", [] or {}), is present, is not empty,
  is a number|string|boolean|an array|an object, is 404 as text or number,
  contains <JSON> (an array element that has these fields, or a substring), does
  not contain <JSON>, has <n> items.

  A step marked [admin API] needs --admin-url; without it the scenario is skipped
  with that reason. Tag such scenarios @admin-api. Every scenario carries one
  provenance tag (@documented, @okta-doc or @inferred) and behaviour IDs of its own
  part (@OK-04 in the Okta core, your prefix in an app pack such as @ZN-04:
  see docs/app-packs.md).
`

func runSteps(e env) int {
	fs := flag.NewFlagSet("steps", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	var app, appDir string
	registerAppFlags(fs, &app, &appDir)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness steps [--app zinc|none | --app-dir DIR] [--json]")
		fmt.Fprintln(e.stderr, "Prints the step vocabulary, each step with an example, for writing scenarios of your own.")
		fs.PrintDefaults()
	}
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	parts, err := suite.Load(app, appDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness steps: %v\n", err)
		return exitUsage
	}
	vocabulary := steps.VocabularyFor(parts.AppName())
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(vocabulary); err != nil {
			return exitFailed
		}
		return exitOK
	}
	printSteps(e.stdout, vocabulary, parts.AppName())
	return exitOK
}

var actorTitles = map[string]string{
	"Setup":     "Setup: the target, the credentials and headers in use, fixtures made over SCIM",
	"Okta":      "Okta: what an Okta admin does (the mock Okta org sends Okta's own requests)",
	"App admin": "App admin: the app's Admin Console, through the Admin Console API",
	"App event": "App event: the app's own changes that Okta does not know about (docs/okta-memory.md), played over the app's SCIM API",
	"SCIM":      "SCIM: raw requests to the SCIM base URL in use",
	"Then":      "Then: what the scenario expects",
}

// printSteps prints the vocabulary for the app named app ("" for none).
func printSteps(w io.Writer, vocabulary []steps.StepDoc, app string) {
	if app != "" {
		fmt.Fprintf(w, "Where a step names the app it says \"the app\" or %q: both are shown by the pattern.\n\n", app)
	}
	// One section per actor, in the order the vocabulary first names it:
	// the vocabulary lists steps by topic, and an actor recurs.
	var actors []string
	byActor := map[string][]steps.StepDoc{}
	for _, d := range vocabulary {
		if _, ok := byActor[d.Actor]; !ok {
			actors = append(actors, d.Actor)
		}
		byActor[d.Actor] = append(byActor[d.Actor], d)
	}
	for i, actor := range actors {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, actorTitles[actor])
		for _, d := range byActor[actor] {
			mark := ""
			if d.AdminAPI {
				mark = "  [admin API]"
			}
			ex := strings.ReplaceAll(d.Example, "\n", "\n      ")
			fmt.Fprintf(w, "  %s%s\n      %s\n", ex, mark, d.Pattern)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, stepsGuide)
}
