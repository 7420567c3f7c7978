// Package docs holds the project's documents: design.md (the packages and the
// contracts between them), okta-protocol.md (what Okta's SCIM client sends and
// expects, with its sources), the pages beside it on OAuth and
// entitlements, and the user's pages that README.md links. It has no code. Its test keeps the repository self-contained:
// no file may cite a path outside it, and every "docs/NAME.md §N" that code,
// features or documents cite must name a document here and a section of it
// (a numbered heading, or a numbered item of a numbered section); and a path
// in backticks, or a relative link, in README.md, CONTRIBUTING.md or docs/
// must exist. README.md stays under 12 KiB and links every page here; the
// detail of each command lives on its own page (explore.md, load.md,
// reference-server.md, reports.md, targets.md, ...). Whoever
// cites a new fact about Okta adds it to one of these documents, with its
// source, under the section number they cite.
package docs
