// Package docs holds the project's documents: design.md (the packages and the
// contracts between them) and okta-protocol.md (what Okta's SCIM client sends
// and expects, with its sources). It has no code. Its test keeps the
// repository self-contained: no file may cite a path outside it, and every
// "docs/okta-protocol.md §N" that code, features or documents cite must name a
// section that exists. Whoever cites a new fact about Okta adds it to
// okta-protocol.md, with its source, under the section number they cite.
package docs
