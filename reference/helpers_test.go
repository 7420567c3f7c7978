package reference

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Test tokens of the default organization.
const (
	prodToken    = "prod-token"
	sandboxToken = "sandbox-token"
	adminToken   = "admin-token"
)

// tester drives a Server through ServeHTTP (no network) with a fixed clock and
// sequential ids, so that answers are reproducible.
type tester struct {
	t     testing.TB
	srv   *Server
	clock atomic.Int64 // Unix seconds
	ids   atomic.Int64
}

func newTester(t testing.TB, faults ...string) *tester {
	t.Helper()
	tt := &tester{t: t}
	tt.clock.Store(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).Unix())
	srv, err := New(Config{
		Token: prodToken, SandboxToken: sandboxToken, AdminToken: adminToken, Faults: faults,
		MaxBodyBytes: 64 << 10, MaxResults: 100,
		OAuth: &OAuthConfig{ClientID: oauthClient, ClientSecret: oauthSecret},
		Now:   func() time.Time { return time.Unix(tt.clock.Load(), 0) },
		NewID: func() string { return fmt.Sprintf("id-%04d", tt.ids.Add(1)) },
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	tt.srv = srv
	return tt
}

// resp is a recorded answer.
type resp struct {
	status int
	header http.Header
	body   string
	json   any // nil unless the body is JSON
}

// get reads a dotted path ("Resources.0.id") from the JSON body.
func (r resp) get(path string) any {
	v := r.json
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func (r resp) str(path string) string {
	s, _ := r.get(path).(string)
	return s
}

// num reads a number; a number sent as a string reads too (the type is checked
// where it matters).
func (r resp) num(path string) float64 {
	switch n := r.get(path).(type) {
	case float64:
		return n
	case string:
		f, _ := strconv.ParseFloat(n, 64)
		return f
	}
	return 0
}

func (r resp) len(path string) int {
	a, _ := r.get(path).([]any)
	return len(a)
}

func (r resp) String() string { return fmt.Sprintf("%d %s", r.status, r.body) }

// req is a request option.
type req func(*http.Request)

func auth(v string) req { return func(r *http.Request) { r.Header.Set("Authorization", v) } }
func header(k, v string) req {
	return func(r *http.Request) { r.Header.Set(k, v) }
}

// do sends a request; SCIM paths get the Production token unless an option sets
// Authorization, /admin/ paths the admin token.
func (tt *tester) do(method, path, body string, opts ...req) resp {
	tt.t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if strings.HasPrefix(path, "/admin") {
		r.Header.Set("Authorization", "Bearer "+adminToken)
	} else {
		r.Header.Set("Authorization", "Bearer "+prodToken)
	}
	if body != "" {
		r.Header.Set("Content-Type", "application/scim+json; charset=utf-8")
	}
	for _, o := range opts {
		o(r)
	}
	w := httptest.NewRecorder()
	tt.srv.ServeHTTP(w, r)
	out := resp{status: w.Code, header: w.Header(), body: w.Body.String()}
	if out.body != "" {
		_ = json.Unmarshal(w.Body.Bytes(), &out.json)
	}
	return out
}

// must fails the test unless the answer has status want.
func (tt *tester) must(want int, r resp) resp {
	tt.t.Helper()
	if r.status != want {
		tt.t.Fatalf("status %d, want %d; body: %s", r.status, want, r.body)
	}
	return r
}

func userBody(userName, given, family string) string {
	return fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":%q,"name":{"givenName":%q,"familyName":%q},"emails":[{"primary":true,"value":%q,"type":"work"}],"displayName":"%s %s","locale":"en-US","externalId":"00u%s","groups":[],"password":"1mz050nq","active":true}`,
		userName, given, family, userName, given, family, strings.Split(userName, "@")[0])
}

// createUser POSTs a user the way Okta does and returns its id.
func (tt *tester) createUser(userName string) string {
	tt.t.Helper()
	r := tt.must(http.StatusCreated, tt.do("POST", "/scim/v2/Users", userBody(userName, "Given", "Family")))
	if id := r.str("id"); id != "" {
		return id
	}
	// The fault create-without-id: find the user as Okta's lookup would.
	r = tt.must(http.StatusOK, tt.do("GET", "/scim/v2/Users?filter="+url.QueryEscape(`userName eq "`+userName+`"`), ""))
	return r.str("Resources.0.id")
}

// createGroup pushes a group with members and returns its id.
func (tt *tester) createGroup(name string, members ...string) string {
	tt.t.Helper()
	refs := make([]string, len(members))
	for i, m := range members {
		refs[i] = fmt.Sprintf(`{"value":%q,"display":"x"}`, m)
	}
	r := tt.do("POST", "/scim/v2/Groups",
		fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":%q,"members":[%s]}`, name, strings.Join(refs, ",")))
	if r.status != http.StatusCreated && r.status != http.StatusOK { // 200: the fault group-create-200
		tt.t.Fatalf("create group %s: %s", name, r)
	}
	return r.str("id")
}

func patchBodyOf(ops ...string) string {
	return `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[` + strings.Join(ops, ",") + `]}`
}

// deactivate sends Okta's deactivation PATCH.
func (tt *tester) deactivate(id string) resp {
	return tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","value":{"active":false}}`))
}

func (tt *tester) reactivate(id string) resp {
	return tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","value":{"active":true}}`))
}

func (tt *tester) addMembers(gid string, uids ...string) resp {
	refs := make([]string, len(uids))
	for i, u := range uids {
		refs[i] = fmt.Sprintf(`{"value":%q,"display":"x"}`, u)
	}
	return tt.do("PATCH", "/scim/v2/Groups/"+gid, patchBodyOf(`{"op":"add","path":"members","value":[`+strings.Join(refs, ",")+`]}`))
}

func (tt *tester) removeMember(gid, uid string) resp {
	return tt.do("PATCH", "/scim/v2/Groups/"+gid, patchBodyOf(fmt.Sprintf(`{"op":"remove","path":"members[value eq \"%s\"]"}`, uid)))
}

// members lists a group's member ids over SCIM.
func (tt *tester) members(gid string) []string {
	tt.t.Helper()
	r := tt.must(http.StatusOK, tt.do("GET", "/scim/v2/Groups/"+gid, ""))
	var ids []string
	for i := 0; i < r.len("members"); i++ {
		ids = append(ids, r.str(fmt.Sprintf("members.%d.value", i)))
	}
	return ids
}

// consoleGroup reads a group through the Admin Console API.
func (tt *tester) consoleGroup(id string) resp {
	return tt.do("GET", "/admin/orgs/default/groups/"+id, "")
}

// checkInvariants verifies every index of every environment of every
// organization against the stored resources.
func checkInvariants(t testing.TB, s *Server) {
	t.Helper()
	for _, o := range s.orgs.All() {
		for env, e := range o.Envs {
			if err := e.Invariants(&s.rules); err != nil {
				t.Fatalf("org %s env %d: %v", o.ID, env, err)
			}
		}
	}
}
