package explore

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// probeKinds are the harness's own requests, as a SCIM client other than
// Okta sends them (and Okta's schema import and a directory's bulk of
// users): each checks its own answer.
var probeKinds = []kindInfo{
	{kind: ProbeNoToken, name: "probe-no-token", pack: PackCore, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) { return e.probeToken(ProbeNoToken) },
		steps: func(Action) []string {
			return []string{step(stepTokenInUse, "missing"), step(stepSend, "GET", "/Users"), step(stepTokenInUse, "the Production token")}
		}},

	// ProbeSandboxToken is drawn only where the target has a Sandbox token
	// (capabilities.allows).
	{kind: ProbeSandboxToken, name: "probe-sandbox-token", pack: PackCore, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) { return e.probeToken(ProbeSandboxToken) },
		steps: func(Action) []string {
			return []string{step(stepTokenInUse, "the Sandbox token"), step(stepSend, "GET", "/Users"), step(stepTokenInUse, "the Production token")}
		}},

	{kind: ProbeDiscoveryPost, name: "probe-discovery-post", pack: PackCore, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) {
			var out outcome
			ans, err := e.scim(http.MethodPost, "/ServiceProviderConfig", []byte(`{}`))
			if err != nil {
				return out, err
			}
			if ans.status != http.StatusMethodNotAllowed {
				out.v = &Violation{Invariant: "discovery endpoints are read-only", Pack: PackCore,
					Message: fmt.Sprintf("POST /ServiceProviderConfig: expected 405, got %d", ans.status), Evidence: ans.String(),
					Then: []string{step(stepResponseStatus, 405)}}
			}
			return out, nil
		},
		steps: func(Action) []string {
			return []string{withBody(step(stepSendWith, "POST", "/ServiceProviderConfig"), map[string]any{})}
		}},

	{kind: ProbeDuplicateCreate, name: "probe-duplicate-create", pack: PackCore, weight: 1, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			var out outcome
			if a.app.SCIMID == "" || a.p.renamed || a.p.lost {
				return out, errSkip
			}
			ans, err := e.scim(http.MethodPost, "/Users", duplicateBody(a.p.userName, People[a.User]))
			if err != nil {
				return out, err
			}
			if ans.status != http.StatusConflict || !isSCIMError(ans, http.StatusConflict, "uniqueness") {
				out.v = &Violation{Invariant: "a second create of a userName is refused", Pack: PackCore,
					Message: fmt.Sprintf("POST /Users with %s's userName again: expected 409 uniqueness, got %d", People[a.User].First, ans.status), Evidence: ans.String(),
					Then: []string{step(stepResponseError, "409", "uniqueness")}}
			}
			return out, nil
		},
		steps: func(a Action) []string {
			var body map[string]any
			_ = json.Unmarshal(duplicateBody("{"+a.who()+".userName}", People[a.User]), &body)
			return []string{withBody(step(stepSendWith, "POST", "/Users"), body)}
		}},

	{kind: ProbeGroupWithMembers, name: "probe-group-with-members", pack: PackCore, weight: 1, user: true,
		apply: func(e *episode, a act) (outcome, error) {
			if a.app.SCIMID == "" || !a.app.Active || e.probeGroup || a.p.lost {
				return outcome{}, errSkip
			}
			e.probeGroup = true
			return e.probeGroupWithMembers(a.User, a.app.SCIMID)
		},
		steps: func(a Action) []string {
			return []string{withBody(step(stepSendWith, "POST", "/Groups"), groupWithMembersBody(probeGroupName, "{"+a.who()+".id}"))}
		}},

	{kind: ProbeApplicationJSON, name: "probe-application-json", pack: PackCore, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) {
			if e.probeJSON {
				return outcome{}, errSkip
			}
			e.probeJSON = true
			return e.probeApplicationJSON()
		},
		steps: func(Action) []string {
			return []string{step(stepHeader, "Content-Type", "application/json"),
				withBody(step(stepSendWith, "POST", "/Groups"), map[string]any{"schemas": []string{schemaGroup}, "displayName": jsonGroupName})}
		}},

	{kind: ProbeBulkUsers, name: "probe-bulk-users", pack: PackCore, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) {
			if e.bulk > 0 {
				return outcome{}, errSkip
			}
			return outcome{}, e.makeBulk()
		},
		steps: func(Action) []string { return []string{step(stepZincUsers, bulkUsers)} }},

	{kind: ProbeForeignCreate, name: "probe-foreign-create", pack: PackZinc, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) {
			if e.foreign {
				return outcome{}, errSkip
			}
			e.foreign = true
			return e.probeForeign()
		},
		steps: func(Action) []string {
			return []string{withBody(step(stepSendWith, "POST", "/Users"), foreignBody("{Dave.userName}"))}
		}},

	{kind: ProbeRemoveActive, name: "probe-remove-active", pack: PackZinc, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) {
			if e.foreignID == "" || e.removedActive {
				return outcome{}, errSkip
			}
			e.removedActive = true
			return e.probeRemoveActive()
		},
		steps: func(Action) []string {
			var body any
			_ = json.Unmarshal([]byte(removeActiveBody), &body)
			return []string{withBody(step(stepSendWith, "PATCH", "/Users/{Dave.id}"), body)}
		}},

	{kind: ProbeUserSchema, name: "probe-user-schema", pack: PackZinc, weight: 1,
		apply: func(e *episode, _ act) (outcome, error) { return e.probeUserSchema() },
		steps: func(Action) []string { return []string{step(stepImport, "user schema")} }},
}

// probeToken sends GET /Users without a token, or with the Sandbox token to
// Production: the answer must be a 401 SCIM Error with WWW-Authenticate.
func (e *episode) probeToken(k Kind) (outcome, error) {
	var out outcome
	authz, which := "", "missing"
	if k == ProbeSandboxToken {
		if e.sandbox == "" {
			return out, errSkip
		}
		authz, which = bearer(e.sandbox), "the Sandbox token"
	}
	ans, err := e.c.do(e.ctx, http.MethodGet, strings.TrimRight(e.t.BaseURL, "/")+"/Users", authz, nil)
	if err != nil {
		return out, err
	}
	switch {
	case !isSCIMError(ans, http.StatusUnauthorized, ""):
		out.v = &Violation{Invariant: "a request without valid credentials is refused with a SCIM error", Pack: PackCore,
			Message: fmt.Sprintf("GET /Users with the token %s: expected a 401 SCIM Error, got %d", which, ans.status), Evidence: ans.String(),
			Then: []string{step(stepResponseError, "401", "")}}
	case ans.header.Get("WWW-Authenticate") == "":
		out.v = &Violation{Invariant: "a request without valid credentials is refused with a SCIM error", Pack: PackCore,
			Message: fmt.Sprintf("GET /Users with the token %s: a 401 without WWW-Authenticate", which), Evidence: ans.String(),
			Then: []string{step(stepResponseHeader, "WWW-Authenticate", "contains", "Bearer")}}
	}
	return out, nil
}

// probeForeign is a SCIM client other than Okta creating Dave with a
// displayName and emails of its own: Zinc keeps its own rules (ZN-18, ZN-19).
func (e *episode) probeForeign() (outcome, error) {
	var out outcome
	userName := strings.ToLower(foreignPerson.First) + "@example.com"
	if e.prefix != "" {
		userName = e.prefix + "." + userName
	}
	body, _ := json.Marshal(foreignBody(userName))
	ans, err := e.scim(http.MethodPost, "/Users", body)
	if err != nil {
		return out, err
	}
	doc := ans.json()
	if ans.status == http.StatusCreated {
		e.foreignID = doc.Get("id").String()
	}
	want := foreignPerson.First + " " + foreignPerson.Last
	switch {
	case ans.status != http.StatusCreated:
		out.v = &Violation{Invariant: "a user from another SCIM client is created under the app's rules", Pack: PackZinc,
			Message: fmt.Sprintf("POST /Users: expected 201, got %d", ans.status), Evidence: ans.String(),
			Then: []string{step(stepResponseStatus, 201)}}
	case doc.Get("displayName").String() != want:
		out.v = &Violation{Invariant: "displayName is first and last name", Pack: PackZinc,
			Message: fmt.Sprintf("POST /Users with a displayName of its own: expected displayName %q, got %q", want, doc.Get("displayName").String()), Evidence: ans.String(),
			Then: []string{step(stepResponseJSON, "displayName", `is "`+want+`"`)}}
	case len(doc.Get("emails").Array()) != 1 || !strings.EqualFold(doc.Get("emails.0.value").String(), userName):
		out.v = &Violation{Invariant: "the userName is the only email, and it is primary", Pack: PackZinc,
			Message: fmt.Sprintf("POST /Users with emails of its own: expected one email, the userName, got %s", doc.Get("emails").Raw), Evidence: ans.String(),
			Then: []string{step(stepResponseJSON, "emails", "has 1 item"), step(stepResponseJSON, "emails.0.value", `is "{Dave.userName}"`)}}
	}
	return out, nil
}

// foreignBody is the probe's create, with a displayName and a home email
// first: userName may be a placeholder ("{Dave.userName}") for the feature.
func foreignBody(userName string) map[string]any {
	return map[string]any{
		"schemas":     []string{schemaUser},
		"userName":    userName,
		"name":        map[string]string{"givenName": foreignPerson.First, "familyName": foreignPerson.Last},
		"displayName": "DB the Great",
		"emails": []map[string]any{{"value": "dave.at.home@example.net", "type": "home", "primary": true},
			{"value": userName, "type": "work"}},
		"active": true,
	}
}

// probeRemoveActive removes Dave's active with a PATCH (RFC 7644 §3.5.2.2):
// Zinc takes it and Dave is then inactive.
func (e *episode) probeRemoveActive() (outcome, error) {
	var out outcome
	ans, err := e.scim(http.MethodPatch, "/Users/"+e.foreignID, []byte(removeActiveBody))
	if err != nil {
		return out, err
	}
	fail := func(msg string, a *answer, then ...string) (outcome, error) {
		out.v = &Violation{Invariant: "a PATCH remove of active deactivates the user", Pack: PackZinc, Message: msg, Evidence: a.String(), Then: then}
		return out, nil
	}
	if ans.status != http.StatusOK && ans.status != http.StatusNoContent {
		return fail(fmt.Sprintf("PATCH remove of active: expected 200 or 204, got %d", ans.status), ans, step(stepResponseStatusOr, 200, 204))
	}
	got, err := e.scim(http.MethodGet, "/Users/"+e.foreignID, nil)
	if err != nil {
		return out, err
	}
	if a := got.json().Get("active"); a.Type != gjson.False {
		if a.Raw == "" {
			a.Raw = "none"
		}
		return fail("after a PATCH remove of active the user is not inactive (active: "+a.Raw+")", got, step(stepActive, foreignPerson.First, "inactive"))
	}
	return out, nil
}

const removeActiveBody = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"active"}]}`

// probeGroupWithMembers creates a group with a member in the POST, as a
// SCIM client other than Okta may (Okta adds members afterwards): the
// member must be in it.
func (e *episode) probeGroupWithMembers(user int, id string) (outcome, error) {
	var out outcome
	body, _ := json.Marshal(groupWithMembersBody(e.groupName(probeGroupName), id))
	ans, err := e.scim(http.MethodPost, "/Groups", body)
	if err != nil {
		return out, err
	}
	who := People[user].First
	e.mu.Lock()
	e.pushed(map[string]bool{id: true}) // a membership like Okta's, for the Zinc model
	e.mu.Unlock()
	if ans.status != http.StatusCreated || ans.json().Get("members.0.value").String() != id {
		out.v = &Violation{Invariant: "a group is created with the members it is sent", Pack: PackCore,
			Message: fmt.Sprintf("POST /Groups with the member %s: expected 201 with it, got %d %s", who, ans.status, ans.json().Get("members").Raw), Evidence: ans.String(),
			Then: []string{step(stepResponseJSON, "members.0.value", `is "{`+who+`.id}"`)}}
	}
	return out, nil
}

const probeGroupName = "Probe"

func groupWithMembersBody(name, id string) map[string]any {
	return map[string]any{"schemas": []string{schemaGroup}, "displayName": name, "members": []map[string]string{{"value": id}}}
}

// probeApplicationJSON creates a group with its body labelled
// application/json, as many SCIM clients label it: it must be taken.
func (e *episode) probeApplicationJSON() (outcome, error) {
	var out outcome
	body, _ := json.Marshal(map[string]any{"schemas": []string{schemaGroup}, "displayName": e.groupName(jsonGroupName)})
	ans, err := e.c.doAs(e.ctx, http.MethodPost, strings.TrimRight(e.t.BaseURL, "/")+"/Groups", e.authz, "application/json", body)
	if err != nil {
		return out, err
	}
	if ans.status != http.StatusCreated {
		out.v = &Violation{Invariant: "a body labelled application/json is taken", Pack: PackCore,
			Message: fmt.Sprintf("POST /Groups with Content-Type application/json: expected 201, got %d", ans.status), Evidence: ans.String(),
			Then: []string{step(stepResponseStatus, 201)}}
	}
	return out, nil
}

const jsonGroupName = "Probe JSON"

// bulkUsers is how many users the bulk probe makes: more than one of
// Okta's import pages of 100.
const bulkUsers = 120

func (e *episode) bulkName(i int) string {
	local := fmt.Sprintf("user%03d", i)
	if e.prefix != "" {
		local = e.prefix + "." + local
	}
	return local + "@example.com"
}

// makeBulk makes bulkUsers users over SCIM, as another client (or a
// directory before Okta) would, so that imports read several pages.
func (e *episode) makeBulk() error {
	for i := 1; i <= bulkUsers; i++ {
		body, _ := json.Marshal(map[string]any{"schemas": []string{schemaUser}, "userName": e.bulkName(i),
			"name": map[string]string{"givenName": "User", "familyName": fmt.Sprintf("N%03d", i)}, "active": true})
		ans, err := e.scim(http.MethodPost, "/Users", body)
		if err != nil {
			return err
		}
		if ans.status != http.StatusCreated {
			return errSkip // the target takes no users from another client
		}
	}
	e.bulk = bulkUsers
	return nil
}

// grant is Okta granting the entitlement "Pro license": the first grant of a
// scenario makes it in the console and runs Okta's entitlement import, which
// must find it.
func (e *episode) grant(p *personState) (outcome, error) {
	var out outcome
	if e.entitlements == nil {
		body, _ := json.Marshal(map[string]string{"displayName": entitlementDisplay, "type": entitlementType})
		ans, err := e.admin(http.MethodPost, "/entitlements", body)
		if err != nil {
			return out, err
		}
		if ans.status != http.StatusCreated {
			return out, errSkip // the console makes no entitlements
		}
		if v, err := e.checkEntitlementList(); v != nil || err != nil {
			out.v = v
			return out, err
		}
		imp, err := e.org.ImportEntitlements(e.ctx)
		if err != nil || imp == nil {
			return out, nil // a task: afterAction reports it
		}
		e.entitlements = imp
	}
	var g *mockokta.Grant
	for i, v := range e.entitlements.Values {
		if v.Display == entitlementDisplay && !v.Role {
			g = &e.entitlements.Values[i]
		}
	}
	if g == nil {
		out.v = &Violation{Invariant: "Okta's entitlement import finds what the app serves", Pack: PackCore,
			Message: fmt.Sprintf("the console made the entitlement %q; Okta's import found %d values and %d resource types", entitlementDisplay, len(e.entitlements.Values), len(e.entitlements.ResourceTypes)),
			Then:    []string{step(stepImportGrantFinds, "entitlement", "finds", entitlementDisplay)}}
		return out, nil
	}
	err := e.org.Grant(e.ctx, p.login, g.ResourceType, g.Value)
	var te *mockokta.TaskError
	if err != nil && !errors.As(err, &te) {
		return out, errSkip
	}
	p.granted = g.Value
	return out, nil
}

// probeUserSchema is Okta's Import User Schema: Zinc's custom extension
// attribute must be found (every extension /ResourceTypes lists is
// described in /Schemas).
func (e *episode) probeUserSchema() (outcome, error) {
	var out outcome
	us, err := e.org.ImportUserSchema(e.ctx)
	if err != nil || us == nil {
		return out, nil // a task: afterAction reports it
	}
	for _, a := range us.Attributes {
		if a.Path() == customAttr {
			return out, nil
		}
	}
	out.v = &Violation{Invariant: "Okta's schema import finds the app's extension attributes", Pack: PackZinc,
		Message: fmt.Sprintf("Okta's user schema import did not find %s (extensions /Schemas does not describe: %v)", customAttr, us.Missing),
		Then:    []string{step(stepImportGrantFinds, "schema", "finds", customAttr)}}
	return out, nil
}

// checkEntitlementList reads /Entitlements with the one entitlement the
// scenario made: it carries its type (Okta's Entitlement schema requires
// it), and a page past it is empty.
func (e *episode) checkEntitlementList() (*Violation, error) {
	ans, err := e.scim(http.MethodGet, "/Entitlements?startIndex=1&count=100", nil)
	if err != nil {
		return nil, err
	}
	if ans.status != http.StatusOK {
		return nil, nil // no entitlement endpoint: the import's invariant speaks
	}
	if t := ans.json().Get("Resources.0.type").String(); t != entitlementType {
		return &Violation{Invariant: "entitlements carry their type", Pack: PackCore,
			Message: fmt.Sprintf("GET /Entitlements: the entitlement %q has type %q, expected %q", entitlementDisplay, t, entitlementType), Evidence: ans.String(),
			Then: []string{step(stepSend, "GET", "/Entitlements?startIndex=1&count=100"), step(stepResponseJSON, "Resources.0.type", `is "`+entitlementType+`"`)}}, nil
	}
	past, err := e.scim(http.MethodGet, "/Entitlements?startIndex=2&count=1", nil)
	if err != nil {
		return nil, err
	}
	if n := len(past.json().Get("Resources").Array()); n != 0 {
		return &Violation{Invariant: "every answer is a well-formed SCIM response", Pack: PackCore,
			Message: fmt.Sprintf("GET /Entitlements?startIndex=2&count=1 with one entitlement: expected no resources, got %d", n), Evidence: past.String(),
			Then: []string{step(stepSend, "GET", "/Entitlements?startIndex=2&count=1"), step(stepResponseListOf, 0)}}, nil
	}
	return nil, nil
}

func duplicateBody(userName string, p Person) []byte {
	b, _ := json.Marshal(map[string]any{"schemas": []string{schemaUser}, "userName": userName,
		"name": map[string]string{"givenName": p.First, "familyName": p.Last}, "active": true})
	return b
}

func isSCIMError(a *answer, status int, scimType string) bool {
	doc := a.json()
	if a.status != status || !hasString(doc.Get("schemas").Array(), schemaError) || doc.Get("status").String() != fmt.Sprint(status) {
		return false
	}
	return scimType == "" || doc.Get("scimType").String() == scimType
}
