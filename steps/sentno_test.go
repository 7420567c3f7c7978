package steps

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/scimharness/scimharness/internal/reftest"
	"github.com/scimharness/scimharness/mockokta"
)

// TestOktaSentNoWithABaseURLQuery: "Okta sent no DELETE request to /Groups"
// matches a request by its path when the target names no query, so that the
// base URL's query, which follows the path of every request, does not hide
// one: the step must fail after Okta deleted a group.
func TestOktaSentNoWithABaseURLQuery(t *testing.T) {
	ts := reftest.Start(t, reftest.Config(false))
	for _, base := range []string{ts.URL + "/scim/v2", ts.URL + "/scim/v2?connection=42"} {
		s, err := New(Config{BaseURL: base, Token: reftest.Token, HTTPClient: ts.Client()})
		if err != nil {
			t.Fatal(err)
		}
		st := &scenario{suite: s}
		ctx, err := st.before(context.Background(), &godog.Scenario{Name: "sent no", Tags: []*messages.PickleTag{{Name: "@oin"}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.target(ctx); err != nil {
			t.Fatal(err)
		}
		o, err := st.org(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.AddGroup("G"); err != nil {
			t.Fatal(err)
		}
		if err := o.PushGroup(ctx, "G"); err != nil {
			t.Fatal(err)
		}
		if err := st.oktaSentNo(http.MethodDelete, "/Groups"); err != nil {
			t.Fatalf("base %s: before the delete: %v", base, err)
		}
		if err := o.UnlinkGroup(ctx, "G", mockokta.DeleteInApp); err != nil {
			t.Fatal(err)
		}
		err = st.oktaSentNo(http.MethodDelete, "/Groups")
		if err == nil || !strings.Contains(err.Error(), "expected Okta to send no DELETE request /Groups, got 1") {
			t.Errorf("base %s: after Okta deleted the group: %v, want the step to fail", base, err)
		}
	}
}
