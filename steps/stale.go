package steps

import (
	"context"
	"fmt"
	"net/http"
)

// Okta's stale ids (docs/okta-protocol.md §7.8): Okta keeps the SCIM ids it
// stored and sends them after the app lost the resource (a database
// restored from a backup), and it does not retry a push the app refused.

// appLost is "the app has lost Bob": the app deletes the user behind Okta's
// back (DELETE /Users/{id}), so Okta still holds its id. A target that does
// not delete users skips the scenario.
func (st *scenario) appLost(ctx context.Context, label string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	id, err := st.userID(label)
	if err != nil {
		return err
	}
	u, err := st.scimURL("/Users/" + id)
	if err != nil {
		return err
	}
	x := st.send(ctx, "scim", http.MethodDelete, u, nil, st.rawHeader(false))
	switch {
	case x.status >= 200 && x.status < 300:
		return nil
	case x.status == http.StatusMethodNotAllowed || x.status == http.StatusNotImplemented || x.status == http.StatusForbidden:
		return st.skip(fmt.Sprintf("The target does not delete users (DELETE /Users/{id} answered %d), so the harness cannot make it lose one as a restored database does.", x.status))
	}
	return st.failOn(x, "DELETE %s: expected 204, got %d", u, x.status)
}

// pushWholeOrFailedWhole is `either the app group "Engineering" has exactly
// the members Alice and Carol and Okta has no failed tasks, or it has exactly
// the members Alice and Okta has a failed task`: a push that named an id the
// app lost either reached the app for every user it has (the unknown id
// skipped), or failed whole, as a task Okta does not retry (the app applied
// none of it). Anything between, a success that lost members or a failure
// that changed them, fails.
func (st *scenario) pushWholeOrFailedWhole(ctx context.Context, label, whole, none string) error {
	if len(st.tasks()) == 0 {
		if err := st.groupMembers(ctx, label, whole); err != nil {
			return fmt.Errorf("Okta's push succeeded (no failed task), so the app must hold every member it knows: %w", err)
		}
		return nil
	}
	if err := st.groupMembers(ctx, label, none); err != nil {
		return fmt.Errorf("Okta's push failed (a task, which Okta does not retry), so the app must have applied none of it: %w", err)
	}
	return nil
}
