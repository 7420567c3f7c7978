// Package scimfilter parses SCIM 2.0 filters (RFC 7644 section 3.4.2.2) and PATCH
// paths (section 3.5.2) into a small, normalized syntax tree.
//
// The grammar comes from github.com/scim2/filter-parser/v2 (v2.2.1). This package
// wraps it to fix what the parser leaves to its caller:
//   - string values are JSON-unescaped (the parser hands back `Eng \"Team\"` verbatim
//     and rejects `\u00e9` outright);
//   - attribute names and schema URNs are lower-cased, since SCIM attribute names are
//     case-insensitive;
//   - numbers are float64 and the RFC's `pr` and `null` are told apart;
//   - every failure is an *Error whose message a person can act on, instead of the
//     parser's internal trace.
//
// The shapes Okta sends (one comparison, a plain attribute path, a value path
// with one comparison) are read directly, without the parser, which allocates
// about a thousand times for each; FuzzFastPathsAgree checks both readings agree.
//
// The package only parses; resources are matched by the caller.
package scimfilter
