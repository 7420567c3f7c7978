// Package reports turns one run of the conformance suite into the files
// people read and CI systems consume: cucumber.json, junit.xml, summary.json,
// summary.md, a self-contained report.html and messages.ndjson (Cucumber
// Messages, WriteMessages). Write writes all six from a Run, cucumber.json
// included (WriteCucumber, in godog's format, redacted).
//
// The runner lets godog's "cucumber" formatter write its results to a file
// of its own, reads them with FromCucumber, fills a Run with the scenarios
// and the run's details, and calls Write. godog's own file is not a report:
// the cucumber.json in a reports directory is the one WriteCucumber writes.
//
// # What scenarios attach
//
// Steps attach every HTTP exchange with godog.Attach, media type
// MediaTypeExchange, the JSON of an Exchange already passed through
// RedactExchange. A step that finds the target lacks a capability attaches
// its reason, media type MediaTypeSkipReason, and returns godog.ErrSkip.
// godog counts ErrSkip as passed; FromCucumber gives the scenario the
// harness's own status, Skipped.
//
// godog v0.16.0 keeps an attachment only if the context that godog.Attach
// returned flows back to godog (TestGodogAttachmentRules pins this down):
//
//   - A step that attaches and skips must return that context:
//     func(ctx context.Context, ...) (context.Context, error) ending in
//     return godog.Attach(ctx, reason), godog.ErrSkip. A step returning only
//     an error loses what it attached, whatever its status.
//   - An after-step hook (ScenarioContext.StepContext().After) may attach
//     for the step that just ran, and its attachments are kept for a
//     passed, failed or skipped step, even one that returned only an error.
//     Recording exchanges during the step and attaching them there is the
//     most robust pattern.
//   - The reason may also sit on an earlier step of the scenario.
//   - An After (scenario) hook's attachments land on the last step or on
//     the failing one, but are lost when a step returned ErrSkip and
//     further steps follow: no place for a skip reason, nor for cleanup
//     exchanges that must show after a skip.
//
// # Secrets
//
// Every writer redacts a copy of the Run before it writes (see Redact and
// RedactExchange), including Run.Secrets wherever they occur, and
// replaces Run.Secrets once more in the bytes it writes.
package reports
