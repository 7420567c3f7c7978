// Package load replays Okta's initial provisioning wave against a SCIM server and
// measures it: N users assigned with Okta's lookup-then-create sequence, M groups
// of K members pushed in Okta's batches of 100, then a round of profile updates
// and deactivations, from C concurrent workers under an optional request-rate
// cap. Every request is timed per kind; 429s are honoured as Okta does (through
// mockokta) and their waits are counted. At the end a consistency audit imports
// every user and group back and checks that everything the wave pushed is there
// exactly once.
package load
