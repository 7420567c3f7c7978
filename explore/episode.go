package explore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// episode is one run of one scenario against a fresh organization (or, with
// no Admin Console API, a fresh run prefix). It holds explore's model of what
// the target must show, beside Okta's own (the mockokta Org).
type episode struct {
	ctx  context.Context
	pack Pack
	caps capabilities
	t    Target
	c    *client
	sc   Scenario

	orgID   string // the organization's id in the Admin Console API
	token   string // its Production token
	sandbox string // its Sandbox token
	authz   string // the harness's own Authorization header
	prefix  string // "" with an Admin Console API
	org     *mockokta.Org

	people []personState
	groups []groupState

	mu       sync.Mutex                 // guards expected and bad
	expected map[string]map[string]bool // SCIM group id → member SCIM ids, as Okta pushed them
	repushed map[string]bool            // SCIM user ids Okta pushed into a group since their reactivation
	dropped  map[string]bool            // core: users deactivated since Okta last pushed a membership of theirs
	lost     map[string]bool            // SCIM ids of users and groups the app lost while Okta links them
	swapped  map[string]string          // SCIM ids a restore gave to another user: the userName Okta still sends to it
	bad      *Violation                 // the first malformed answer Okta got
	silent   *Violation                 // the first 2xx Okta got for something the app lost

	consoleGroup                         bool                        // the console group "Picnic" exists
	foreign                              bool                        // the foreign client made Dave
	foreignID                            string                      // Dave's id, once made
	removedActive, probeGroup, probeJSON bool                        // probes made once per scenario
	bulk                                 int                         // users made by the bulk probe, 0 if none
	entitlements                         *mockokta.EntitlementImport // Okta's last entitlement import
	keepDeleted                          bool                        // the console keeps groups deleted in the directory (the default)
	rootFolder                           bool                        // pushed groups land in the Root Level Folder
	unlinked                             map[string]bool
	actions                              int // actions applied
}

type personState struct {
	login    string // Okta's login now
	userName string // the userName the app user was made with
	firstID  string // the first SCIM id Okta linked
	nonEmail bool
	renamed  bool            // Okta's login was changed (Zinc refuses it)
	tainted  bool            // an allowed task left Okta and the app apart: attributes unchecked
	lost     bool            // the app lost the user Okta links, or moved or swapped its id (AppLosesUser, AppMovesUser, AppSwapsIDs): Okta's memory is stale
	stale    bool            // Okta changed the names while the app user was inactive
	ext      map[string]bool // extension attributes Okta pushed while the app user was active
	granted  string          // the entitlement value Okta granted, "" if none
	// reactivated is set by a reactivation and cleared when a membership of
	// the user is pushed again (Zinc: a reactivated user is in no group).
	reactivated bool
}

type groupState struct {
	label    string
	linked   string // the Zinc group an Okta group was linked to, "" if none
	firstID  string
	pastIDs  []string // ids the group had before Okta unlinked it
	consoleU bool     // unlinked in the console
	root     bool     // created after the destination became the Root Level Folder
	deleted  string   // the id Okta deleted on unlink, "" if none
	renamed  bool
	tainted  bool
	// nameStale: Okta renamed the group while "Rename app groups" was off,
	// so the app group keeps a name Okta no longer has.
	nameStale bool
}

// probe person and names used by probes and console actions.
var (
	foreignPerson = Person{"Dave", "Brown"}
)

const (
	consoleGroupName = "Picnic"
	consoleRename    = "Eng Social"
	schemaUser       = "urn:ietf:params:scim:schemas:core:2.0:User"
	schemaGroup      = "urn:ietf:params:scim:schemas:core:2.0:Group"
	schemaList       = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	schemaError      = "urn:ietf:params:scim:api:messages:2.0:Error"
)

func linkedName(g int) string { return []string{"Lunch", "Dinner"}[g%2] }

func (e *episode) login(i int) string {
	p := People[i]
	local := strings.ToLower(p.First)
	if e.sc.Setup.NonEmail && i == len(People)-1 {
		local = strings.ToLower(p.First + "." + p.Last)
		if e.prefix != "" {
			local = e.prefix + "." + local
		}
		return local
	}
	if e.prefix != "" {
		local = e.prefix + "." + local
	}
	return local + "@example.com"
}

func (e *episode) groupName(label string) string {
	if e.prefix != "" {
		return e.prefix + " " + label
	}
	return label
}

// start makes the organization and the Okta org with the cast.
func (e *episode) start(n int) error {
	e.token, e.sandbox = e.t.Token, e.t.SandboxToken
	if e.t.AdminURL != "" {
		s := e.sc.Setup
		body, _ := json.Marshal(map[string]any{"name": fmt.Sprintf("explore-%d", n),
			"provisioning": s.Org != OrgNoProvisioning, "syncUsers": s.Org != OrgNoUserSync, "syncGroups": s.Org != OrgNoGroupSync})
		a, err := e.admin(http.MethodPost, "/orgs", body)
		if err != nil {
			return err
		}
		if a.status != http.StatusCreated {
			return fmt.Errorf("make an organization: POST %s/orgs: expected 201, got %d %s", e.t.AdminURL, a.status, truncate(string(a.body), 200))
		}
		doc := a.json()
		e.orgID, e.token, e.sandbox = doc.Get("id").String(), doc.Get("tokens.production").String(), doc.Get("tokens.sandbox").String()
	} else {
		e.prefix = fmt.Sprintf("x%d%s", n, randomSuffix())
	}
	e.authz = mockokta.Authorization(e.sc.Setup.Auth, "scimharness", e.token)
	o, err := mockokta.NewOrg(mockokta.Config{
		BaseURL: e.t.BaseURL, Transport: e.t.Transport, Auth: mockokta.Token(e.sc.Setup.Auth, "scimharness", e.token), Profile: e.sc.Setup.Profile,
		AppName: "Zinc", Observe: e.observe, Timeout: e.c.timeout, Limits: e.c.limits,
		Secrets: []string{e.t.Token, e.t.SandboxToken, e.t.AdminToken, e.token, e.sandbox, "scimharness:" + e.token},
		Sleep:   func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		return err
	}
	e.org = o
	e.keepDeleted = true
	e.expected = map[string]map[string]bool{}
	e.repushed = map[string]bool{}
	e.dropped = map[string]bool{}
	e.lost = map[string]bool{}
	e.swapped = map[string]string{}
	e.unlinked = map[string]bool{}
	for i, p := range People {
		ps := personState{login: e.login(i), nonEmail: e.sc.Setup.NonEmail && i == len(People)-1}
		ps.userName = ps.login
		if _, err := o.AddUser(mockokta.User{Login: ps.login, FirstName: p.First, LastName: p.Last}); err != nil {
			return err
		}
		e.people = append(e.people, ps)
	}
	for _, g := range Groups {
		if _, err := o.AddGroup(e.groupName(g)); err != nil {
			return err
		}
		e.groups = append(e.groups, groupState{label: g})
	}
	return nil
}

// admin sends a request to the organization's Admin Console API.
func (e *episode) admin(method, path string, body []byte) (*answer, error) {
	if e.orgID != "" && !strings.HasPrefix(path, "/orgs") {
		path = "/orgs/" + e.orgID + path
	}
	return e.c.do(e.ctx, method, strings.TrimRight(e.t.AdminURL, "/")+path, bearer(e.t.AdminToken), body)
}

// scim sends the harness's own request to the SCIM base URL.
func (e *episode) scim(method, path string, body []byte) (*answer, error) {
	return e.c.do(e.ctx, method, strings.TrimRight(e.t.BaseURL, "/")+path, e.authz, body)
}

// observe sees every answer Okta gets: it keeps the memberships Okta pushed,
// and the first answer that is no well-formed SCIM answer.
func (e *episode) observe(_ context.Context, x *mockokta.Exchange) {
	switch {
	case e.c == nil:
	case x.Status != 0:
		e.c.answered(true, "")
	case !strings.Contains(x.Err, context.Canceled.Error()):
		e.c.answered(false, x.Method+" "+x.URL+": got no answer: "+x.Err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if v := malformed(x); v != nil && e.bad == nil {
		e.bad = v
	}
	if x.Status < 200 || x.Status > 299 {
		return
	}
	if v := e.silentLoss(x); v != nil && e.silent == nil {
		e.silent = v
	}
	switch x.Kind {
	case "create-group":
		id := gjson.GetBytes(x.ResponseBody, "id").String()
		if id != "" {
			e.expected[id] = e.pushed(memberSet(gjson.GetBytes(x.RequestBody, "members")))
		}
	case "put-group":
		e.expected[lastSegment(x.URL)] = e.pushed(memberSet(gjson.GetBytes(x.RequestBody, "members")))
	case "patch-group":
		id := lastSegment(x.URL)
		set := e.expected[id]
		if set == nil {
			set = map[string]bool{}
			e.expected[id] = set
		}
		for _, op := range gjson.GetBytes(x.RequestBody, "Operations").Array() {
			path := op.Get("path").String()
			kind := strings.ToLower(op.Get("op").String())
			switch {
			case path == "members" && kind == "add":
				for id := range e.pushed(memberSet(op.Get("value"))) {
					set[id] = true
				}
			case path == "members" && kind == "replace":
				clear(set)
				for id := range e.pushed(memberSet(op.Get("value"))) {
					set[id] = true
				}
			case path == "members" && kind == "remove":
				for id := range memberSet(op.Get("value")) {
					delete(set, id)
				}
			case strings.HasPrefix(path, "members[value eq ") && kind == "remove":
				delete(set, strings.Trim(strings.TrimSuffix(strings.TrimPrefix(path, "members[value eq "), "]"), `"`))
			}
		}
	}
}

// pushed notes the users Okta pushed into a group; e.mu is held.
func (e *episode) pushed(set map[string]bool) map[string]bool {
	for id := range set {
		e.repushed[id] = true
		delete(e.dropped, id)
	}
	return set
}

func memberSet(r gjson.Result) map[string]bool {
	out := map[string]bool{}
	for _, m := range r.Array() {
		if v := m.Get("value").String(); v != "" {
			out[v] = true
		}
	}
	return out
}

func lastSegment(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	return u[strings.LastIndexByte(u, '/')+1:]
}

// errSkip is an action that does not apply in the state reached: it is left
// out of the scenario.
var errSkip = errors.New("not applicable")

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
