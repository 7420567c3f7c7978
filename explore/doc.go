// Package explore is model-based random testing of a SCIM server as Okta
// provisions it: it draws random sequences of Okta actions (assign,
// unassign, profile changes, deactivate, reactivate, group push, members
// added and removed, rename, Push Now, unlink, import, link to an existing
// group), of Admin Console actions where the app pack has a console API,
// and of a few probes (requests another SCIM client would send), runs them
// through mockokta against the target, checks invariants after every
// action, and shrinks a violation to a minimal scenario written as a
// .feature in the suite's own step vocabulary.
//
// Call Run with a Config; a Result's Finding is the shrunk scenario, which
// WriteFeature writes. The same Config.Seed draws the same scenarios,
// action for action, so a run is repeated by its seed.
//
// The files, one concept each: action.go (the actions, the cast and the
// seeded generator), kind.go (an action kind whole: its name, weight, how
// it applies and the steps a feature writes for it, kept in a table that
// each family's file fills: user.go (Okta's actions on a user), group.go
// (on a group), probe.go (the harness's own requests), console.go (the
// Admin Console actions) and memory.go (Okta's memory)), episode.go (one
// scenario in a fresh organization, explore's model beside Okta's),
// invariant.go (the Okta core's
// invariants) and invariant_zinc.go (the Zinc pack's), violation.go (what
// a broken invariant reports, and the checks of every answer Okta gets),
// run.go (a scenario run to its first violation), shrink.go, concurrent.go
// (--concurrency), steps.go (the one table from explore's steps to the
// suite's wording) and feature.go (the .feature writer).
//
// Invariants come in parts, so that an app pack's can be left out (`--app
// none`): the Okta core's hold for any server Okta provisions (a lookup
// finds exactly the users Okta created, an import returns each active user
// once, a group's membership equals what Okta pushed after every push, ids
// are stable, every answer is a well-formed SCIM response, every Okta
// action succeeds); the Zinc pack's are Zinc's documented behaviours (a
// deactivated or reactivated user is in no group, userName never changes,
// displayName is first and last name, console groups never appear over
// SCIM, the console lists exactly the active users, synced groups are
// read-only in the console, ...).
//
// Shrinking: the engine shrinks with its own delta debugging over actions
// (remove halves, then quarters, down to single actions; then lower each
// action's user, group and value; then simplify the setup; until a pass
// changes nothing), and does not drive pgregory.net/rapid, for a measured
// reason: rapid v1.3.0's Check calls testing.Short, which panics outside
// `go test` ("testing: Short called before Init", tried from a command),
// and it takes its seed, number of checks and shrink time from
// process-global flags (-rapid.seed, -rapid.checks, -rapid.shrinktime)
// and writes fail files under testdata/rapid. A command with --seed,
// --steps and --time, that explores fifty faulty servers in one process
// (selfcheck --explore), would have to call testing.Init and set global
// flags for every run. rapid is used where it fits, in the tests: it
// checks the shrinker against random planted bugs (shrink_test.go).
package explore
