// Package admin is the reference server's Admin Console API (docs/design.md):
// JSON under /admin/, opened by the admin token only, through which a test
// does what a Zinc admin does in the console and what Zinc's staff set:
// organizations (POST /admin/orgs makes one with its two SCIM tokens), the
// Users and Official Groups sections (console groups, unlink, members),
// settings, folders, the entitlements and roles users can be granted, and the
// organization's OAuth clock. Errors are {"error": "<sentence>", "status":
// <int>}.
//
// The caller (package reference) builds one API with New over the server's
// store.Orgs and passes it every request under /admin, with the path after
// /admin. The API locks an environment (store.Env) for each request that
// reads or changes it and writes its answer after the lock is released.
package admin
