package main

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/reftest"
	"github.com/scimharness/scimharness/reference"
)

// usersOnly serves a plain reference server that has no groups: every
// /Groups request answers 404, as an app that manages users only does.
func usersOnly(t *testing.T) string {
	t.Helper()
	ref := reftest.Start(t, reference.Config{Token: reftest.Token, Mode: reference.ModePlain})
	u, _ := url.Parse(ref.URL)
	proxy := httputil.NewSingleHostReverseProxy(u)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/Groups") {
			w.Header().Set("Content-Type", "application/scim+json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"this app has no groups"}`))
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL + "/scim/v2"
}

// TestUsersOnlyApp: an app that manages users only, declared so, is green,
// its group scenarios skipped for the reason; Okta's credential test reads
// no /Groups. The same app declared with groups is red.
func TestUsersOnlyApp(t *testing.T) {
	t.Parallel()
	target := usersOnly(t)
	const users = "Create Users, Update User Attributes, Deactivate Users, Import Users"
	for name, tc := range map[string]struct {
		supports string
		// tags, if set, narrows the run: declared with groups, the
		// verdict is red from the group scenarios and the users ones
		// (Users fails with them), the others adding nothing to it.
		tags   string
		code   int
		stdout []string
	}{
		"declared users only": {users, "", exitOK, []string{
			"Okta features tested: Users, Create Users, Update User Attributes, Deactivate Users, Import Users (declared by --supports)",
			"The app does not support Push Groups (not declared by --supports).",
			"The app does not support Import Groups (not declared by --supports).",
			"Okta features: the verdict covers Users, Create Users, Update User Attributes, Deactivate Users, Import Users; not supported, so skipped: Sync Password, Import Groups, Push Groups,",
		}},
		"declared with groups": {users + ", Import Groups, Push Groups", "@push-groups,@import-groups,@users", exitFailed, []string{
			"Failed:", "failed: Users, ", "Import Groups, Push Groups; not supported",
		}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "reports")
			args := []string{"run", "--app", "none", "--target", target, "--token", reftest.Token, "--supports", tc.supports, "--reports", dir, "--format", "none"}
			if tc.tags != "" {
				args = append(args, "--tags", tc.tags)
			}
			code, out, errOut := invoke(args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tc.code, out, errOut)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("the output lacks %q:\n%s", want, out)
				}
			}
			s := readSummary(t, dir)
			pushed := 0
			for _, x := range s["scenarios"].([]any) {
				sc := x.(map[string]any)
				tags := sc["tags"].([]any)
				group := false
				for _, tg := range tags {
					group = group || tg == "@push-groups" || tg == "@import-groups"
				}
				if !group {
					continue
				}
				pushed++
				if tc.code == exitOK && (sc["status"] != "skipped" || !strings.HasPrefix(sc["reason"].(string), "The app does not support ")) {
					t.Errorf("%s: %s (%s), want skipped as not supported", sc["name"], sc["status"], sc["reason"])
				}
			}
			if pushed < 15 {
				t.Errorf("%d group scenarios, want the core's", pushed)
			}
			var covered []string
			for _, x := range s["features"].([]any) {
				f := x.(map[string]any)
				if f["status"] == "passed" {
					covered = append(covered, f["name"].(string))
				}
			}
			if tc.code == exitOK && strings.Join(covered, ", ") != "Users, "+users {
				t.Errorf("summary.json: the features passed are %q, want Users, %s", covered, users)
			}
			if s["featuresDeclaredBy"] != "--supports" {
				t.Errorf("summary.json: featuresDeclaredBy %v", s["featuresDeclaredBy"])
			}
		})
	}
}

func TestSupportsFlag(t *testing.T) {
	code, _, errOut := invoke("run", "--supports", "Group Push")
	if code != exitUsage || !strings.Contains(errOut, `--supports: feature "Group Push": not one of Okta's`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
	code, out, _ := invoke("list", "--app", "none", "--supports", "Create Users")
	if code != exitOK || strings.Contains(out, "@push-groups") || !strings.Contains(out, "@create-users") {
		t.Errorf("list --supports \"Create Users\": exit %d\n%s", code, out)
	}
}
