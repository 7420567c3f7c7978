// Package mockokta is a mock of Okta's SCIM 2.0 provisioning client: a model of
// an Okta org with one app instance that, driven through methods such as
// [Org.Assign] and [Org.PushGroup], sends the requests Okta's provisioning
// engine sends, in Okta's order, and reacts to the answers as Okta does.
//
// The facts it encodes are those of docs/okta-protocol.md (sections 0 to 8,
// with their sources); each request builder names the section it follows, and
// where the document marks a behaviour as an inference the code says so in a
// comment. The golden request fixtures under
// testdata/ list their sources in testdata/README.md.
//
// Okta's entitlement management and Import User Schema follow
// docs/okta-entitlements-and-schema.md: [Org.ImportEntitlements] discovers the
// entitlement resource types in /ResourceTypes and reads their endpoints,
// [Org.Grant] and [Org.Revoke] push a user's entitlements and roles
// ([Config.GrantRequest]), [Org.ImportUserSchema] reads /ResourceTypes and
// /Schemas, and [Config.EmptyValues] says how an emptied attribute goes out.
//
// Okta's memory of the app follows docs/okta-protocol.md §12 (told for an
// integrator in docs/okta-memory.md): the link of each user and the error
// its assignment shows ([Org.AppUser]), each Group Push mapping and its
// ACTIVE, INACTIVE or ERROR state ([Org.PushMapping], [Org.RetryPush],
// [Org.DeactivatePush], [Org.ActivatePush]), push rules
// ([Org.CreatePushRule]), suspended users ([Org.SuspendUser]), a disabled
// API integration and profile sourcing ([Settings]).
//
// An Org talks to the SCIM base URL only over HTTP through the *http.Client it
// is given. It is safe for concurrent use: the model is guarded by a mutex that
// is never held during a request. Every request and answer is kept in a
// transcript (see [Exchange]) with secrets redacted, and every failed operation
// becomes a [Task], as an Okta admin sees it on the dashboard.
package mockokta
