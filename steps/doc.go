// Package steps is the conformance suite's step vocabulary: the godog steps
// that the feature files under features/ are written in, grouped by actor.
//
//   - okta.go: what an Okta admin does, through a mock Okta org (mockokta)
//     that sends Okta's own requests.
//   - console.go: what an app admin does in the Admin Console, through the
//     Admin Console API of docs/design.md.
//   - scim.go: raw SCIM requests, and the fixtures made with them.
//   - assert.go and match.go: what the scenario expects: status codes, SCIM
//     errors and list responses, JSON paths with a few composable matchers,
//     group membership, console state and the tasks an Okta admin sees.
//
// The package talks to the server under test over HTTP only, so it works
// against any SCIM base URL. Every exchange is attached to the step that made
// it (godog.Attach, reports.MediaTypeExchange) with secrets redacted, and
// every failure message shows the request and response behind it.
//
// State lives in one struct per scenario, built fresh before each scenario.
// With an Admin Console API (Config.AdminURL), every scenario works in an
// organization of its own; without one, scenarios share the target's
// organization, every user and group they create carries a run prefix and is
// removed afterwards, and steps that need the API skip with their reason.
package steps
