package reference

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// A probe checks one behaviour on a fresh server and returns nil when it holds.
type probe func(tt *tester) error

// probes holds, for every fault, a check of the behaviour the fault breaks.
var probes = map[string]probe{
	"create-without-id": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Users", userBody("a@example.com", "A", "B")), 201, func(r resp) bool { return r.str("id") != "" })
	},
	"profile-update-ignored": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		tt.do("PUT", "/scim/v2/Users/"+id, `{"userName":"a@example.com","name":{"givenName":"New","familyName":"Name"}}`)
		return expect(tt.do("GET", "/scim/v2/Users/"+id, ""), 200, func(r resp) bool { return r.str("name.givenName") == "New" })
	},
	"put-deactivate-ignored": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		return expect(tt.do("PUT", "/scim/v2/Users/"+id, `{"userName":"a@example.com","active":false}`), 200,
			func(r resp) bool { return r.get("active") == false })
	},
	"deactivate-keeps-groups": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		g := tt.createGroup("G")
		tt.addMembers(g, id)
		setActive(tt, id, false)
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 200, func(r resp) bool { return r.len("members") == 0 })
	},
	"deactivated-user-404": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		setActive(tt, id, false)
		return expect(tt.do("GET", "/scim/v2/Users/"+id, ""), 200, func(r resp) bool { return r.get("active") == false && r.str("id") == id })
	},
	"reactivate-restores-groups": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		g := tt.createGroup("G")
		tt.addMembers(g, id)
		setActive(tt, id, false)
		setActive(tt, id, true)
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 200, func(r resp) bool { return r.len("members") == 0 })
	},
	"group-push-drops-members": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		return expect(tt.do("POST", "/scim/v2/Groups", `{"displayName":"G","members":[{"value":"`+id+`"}]}`), 0,
			func(r resp) bool { return r.str("members.0.value") == id })
	},
	"group-create-200": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Groups", `{"displayName":"G","members":[]}`), 201, nil)
	},
	"group-rename-ignored": func(tt *tester) error {
		g := tt.createGroup("G")
		tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(`{"op":"replace","path":"displayName","value":"H"}`))
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 200, func(r resp) bool { return r.str("displayName") == "H" })
	},
	"group-delete-ignored": func(tt *tester) error {
		g := tt.createGroup("G")
		tt.do("DELETE", "/scim/v2/Groups/"+g, "")
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 404, nil)
	},
	"member-remove-clears-all": func(tt *tester) error {
		a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
		g := tt.createGroup("G")
		tt.addMembers(g, a, b)
		tt.removeMember(g, a)
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 200, func(r resp) bool { return r.len("members") == 1 && r.str("members.0.value") == b })
	},
	"auth-not-checked": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users", "", auth("")), 401, nil)
	},
	"unauthorized-empty-body": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users", "", auth("Bearer wrong")), 401, func(r resp) bool {
			return r.str("detail") != "" && r.header.Get("WWW-Authenticate") != ""
		})
	},
	"tokens-cross-environments": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users", "", auth("Bearer "+sandboxToken)), 401, nil)
	},
	"list-without-schemas": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users?startIndex=1&count=2", ""), 200, func(r resp) bool { return r.str("schemas.0") == listSchema })
	},
	"sync-scope-not-checked": func(tt *tester) error {
		o := tt.do("POST", "/admin/orgs", `{"syncGroups":false}`)
		return expect(tt.do("GET", "/scim/v2/Users?startIndex=1&count=2", "", auth("Bearer "+o.str("tokens.production"))), 403, nil)
	},
	"provisioning-not-checked": func(tt *tester) error {
		o := tt.do("POST", "/admin/orgs", `{"provisioning":false}`)
		return expect(tt.do("GET", "/scim/v2/Users?startIndex=1&count=2", "", auth("Bearer "+o.str("tokens.production"))), 403, nil)
	},
	"mutable-username": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		return expect(tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"userName","value":"b@example.com"}`)), 400, nil)
	},
	"username-not-email": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Users", `{"userName":"jdoe"}`), 400, nil)
	},
	"emails-from-request": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Users", `{"userName":"a@example.com","emails":[{"value":"b@example.com","primary":true}]}`), 201,
			func(r resp) bool { return r.len("emails") == 1 && r.str("emails.0.value") == "a@example.com" })
	},
	"displayname-from-request": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Users", `{"userName":"a@example.com","displayName":"Boss","name":{"givenName":"A","familyName":"B"}}`), 201,
			func(r resp) bool { return r.str("displayName") == "A B" })
	},
	"console-groups-visible": func(tt *tester) error {
		id := tt.do("POST", "/admin/orgs/default/groups", `{"displayName":"C"}`).str("id")
		return expect(tt.do("GET", "/scim/v2/Groups/"+id, ""), 404, nil)
	},
	"synced-groups-editable": func(tt *tester) error {
		g := tt.createGroup("G")
		return expect(tt.do("PATCH", "/admin/orgs/default/groups/"+g, `{"displayName":"H"}`), 403, nil)
	},
	"unlink-keeps-scim": func(tt *tester) error {
		g := tt.createGroup("G")
		tt.do("POST", "/admin/orgs/default/groups/"+g+"/unlink", "")
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 404, nil)
	},
	"relink-on-push": func(tt *tester) error {
		g := tt.createGroup("G")
		tt.do("POST", "/admin/orgs/default/groups/"+g+"/unlink", "")
		return expect(tt.do("POST", "/scim/v2/Groups", `{"displayName":"G"}`), 0, func(r resp) bool { return r.str("id") != "" && r.str("id") != g })
	},
	"console-lists-inactive": func(tt *tester) error {
		setActive(tt, tt.createUser("a@example.com"), false)
		return expect(tt.do("GET", "/admin/orgs/default/users", ""), 200, func(r resp) bool { return r.len("users") == 0 })
	},
	"retention-ignored": func(tt *tester) error {
		g := tt.createGroup("G")
		tt.do("DELETE", "/scim/v2/Groups/"+g, "")
		return expect(tt.consoleGroup(g), 200, func(r resp) bool { return r.get("deletedInDirectory") == true })
	},
	"console-hides-synced-users": func(tt *tester) error {
		tt.createUser("a@example.com")
		return expect(tt.do("GET", "/admin/orgs/default/users", ""), 200, func(r resp) bool { return r.len("users") == 1 })
	},
	"destination-folder-ignored": func(tt *tester) error {
		tt.do("POST", "/admin/orgs/default/folders", `{"name":"Teams"}`)
		tt.do("PUT", "/admin/orgs/default/settings", `{"destinationFolder":"Teams"}`)
		return expect(tt.consoleGroup(tt.createGroup("G")), 200, func(r resp) bool { return r.str("folder") == "Teams" })
	},
	"application-json-rejected": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Users", userBody("a@example.com", "A", "B"), header("Content-Type", "application/json")), 201, nil)
	},
	"basic-auth-rejected": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users", "", auth("Basic b2t0YTpwcm9kLXRva2Vu")), 200, nil) // okta:prod-token
	},
	"filter-miss-404": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users?filter=userName%20eq%20%22abcdefgh%40atko.com%22", ""), 200,
			func(r resp) bool { return r.num("totalResults") == 0 })
	},
	"password-returned": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/Users", userBody("a@example.com", "A", "B")), 201,
			func(r resp) bool { return r.get("password") == nil && !strings.Contains(r.body, "1mz050nq") })
	},
	"duplicate-create-201": func(tt *tester) error {
		tt.createUser("a@example.com")
		return expect(tt.do("POST", "/scim/v2/Users", userBody("a@example.com", "A", "B")), 409, nil)
	},
	"username-filter-case-sensitive": func(tt *tester) error {
		tt.createUser("abc@example.com")
		return expect(tt.do("GET", "/scim/v2/Users?filter=userName%20eq%20%22ABC%40EXAMPLE.COM%22", ""), 200,
			func(r resp) bool { return r.num("totalResults") == 1 })
	},
	"not-found-empty-body": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users/00919288221112222", ""), 404, func(r resp) bool { return r.str("detail") != "" && r.str("status") == "404" })
	},
	"items-per-page-count": func(tt *tester) error {
		tt.createUser("a@example.com")
		tt.createUser("b@example.com")
		return expect(tt.do("GET", "/scim/v2/Users?startIndex=2&count=100", ""), 200, func(r resp) bool { return r.num("itemsPerPage") == 1 })
	},
	"total-results-page-size": func(tt *tester) error {
		for _, u := range []string{"a@example.com", "b@example.com", "c@example.com"} {
			tt.createUser(u)
		}
		return expect(tt.do("GET", "/scim/v2/Users?startIndex=1&count=2", ""), 200, func(r resp) bool { return r.num("totalResults") == 3 })
	},
	"page-order-unstable": func(tt *tester) error {
		for _, u := range []string{"a@example.com", "b@example.com", "c@example.com"} {
			tt.createUser(u)
		}
		first := tt.do("GET", "/scim/v2/Users", "")
		return expect(tt.do("GET", "/scim/v2/Users", ""), 200, func(r resp) bool {
			for i := range 3 {
				if k := strconv.Itoa(i) + ".id"; r.get("Resources."+k) != first.get("Resources."+k) {
					return false
				}
			}
			return true
		})
	},
	"paging-numbers-as-strings": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users?startIndex=1&count=2", ""), 200, func(r resp) bool {
			_, a := r.get("totalResults").(float64)
			_, b := r.get("startIndex").(float64)
			return a && b
		})
	},
	"put-rejects-read-only": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		return expect(tt.do("PUT", "/scim/v2/Users/"+id, tt.do("GET", "/scim/v2/Users/"+id, "").body), 200, nil)
	},
	"no-path-patch-ignored": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		return expect(tt.deactivate(id), 200, func(r resp) bool { return r.get("active") == false })
	},
	"patch-rejects-id": func(tt *tester) error {
		g := tt.createGroup("G")
		return expect(tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(`{"op":"replace","value":{"id":"`+g+`","displayName":"G"}}`)), 204, nil)
	},
	"user-filter-ignored": func(tt *tester) error {
		tt.createUser("a@example.com")
		tt.createUser("b@example.com")
		return expect(tt.do("GET", "/scim/v2/Users?filter=userName%20eq%20%22a%40example.com%22", ""), 200, func(r resp) bool { return r.num("totalResults") == 1 })
	},
	"oauth-secret-not-checked": func(tt *tester) error {
		code := tt.oauthCode(oktaCallback, "offline_access")
		return expect(tt.oauthPost("/oauth/token", url.Values{"grant_type": {"authorization_code"}, "code": {code},
			"redirect_uri": {oktaCallback}}, basicClient(oauthClient, "wrong")), 401, nil)
	},
	"oauth-no-refresh-token": func(tt *tester) error {
		return expect(tt.oauthGrant(oktaCallback, "offline_access"), 200, func(r resp) bool { return r.str("refresh_token") != "" })
	},
	"oauth-expired-access-token-accepted": func(tt *tester) error {
		at := tt.oauthGrant(oktaCallback, "").str("access_token")
		tt.do("POST", "/admin/orgs/default/clock", `{"seconds":3600}`)
		return expect(tt.do("GET", "/scim/v2/Users", "", auth("Bearer "+at)), 401, nil)
	},
	"oauth-revocation-ignored": func(tt *tester) error {
		rt := tt.oauthGrant(oktaCallback, "offline_access").str("refresh_token")
		tt.must(200, tt.oauthPost("/oauth/revoke", url.Values{"token": {rt}}, basicClient(oauthClient, oauthSecret)))
		return expect(tt.oauthPost("/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}},
			basicClient(oauthClient, oauthSecret)), 400, func(r resp) bool { return r.str("error") == "invalid_grant" })
	},
	"oauth-redirect-uri-not-checked": func(tt *tester) error {
		return expect(tt.do("GET", "/oauth/authorize?"+authorizeQuery("https://evil.example/callback", ""), ""), 400,
			func(r resp) bool { return r.header.Get("Location") == "" })
	},
	"patch-deactivate-ignored": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		return expect(tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","value":{"active":false}}`)), 200,
			func(r resp) bool { return r.get("active") == false })
	},
	"patch-remove-active-refused": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		return expect(tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"remove","path":"active"}`)), 200,
			func(r resp) bool { return r.get("active") == false })
	},
	"remove-active-unassigned": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		return expect(tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"remove","path":"active"}`)), 0,
			func(r resp) bool { return r.get("active") == false })
	},
	"schemas-describe-plain": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Schemas/"+userSchema, ""), 200, func(r resp) bool {
			return schemaAttrOf(r, "userName")["mutability"] == "immutable" && schemaAttrOf(r, "emails")["mutability"] == "readOnly"
		})
	},
	"unknown-member-loses-push": func(tt *tester) error {
		a, g := tt.createUser("a@example.com"), tt.createGroup("G")
		tt.addMembers(g, a, "gone")
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 200, func(r resp) bool { return r.str("members.0.value") == a })
	},
	"group-filter-ignored": func(tt *tester) error {
		tt.createGroup("G")
		tt.createGroup("H")
		return expect(tt.do("GET", "/scim/v2/Groups?filter=displayName%20eq%20%22G%22", ""), 200, func(r resp) bool { return r.num("totalResults") == 1 })
	},
	"plain-text-errors": func(tt *tester) error {
		return expect(tt.do("GET", "/scim/v2/Users?filter=bad", ""), 400, func(r resp) bool {
			return r.str("schemas.0") == "urn:ietf:params:scim:api:messages:2.0:Error" && r.header.Get("Content-Type") == scimMediaType
		})
	},
	"discovery-accepts-post": func(tt *tester) error {
		return expect(tt.do("POST", "/scim/v2/ServiceProviderConfig", "test"), 405, nil)
	},
	"group-put-keeps-members": func(tt *tester) error {
		a := tt.createUser("a@example.com")
		g := tt.createGroup("G")
		tt.do("PUT", "/scim/v2/Groups/"+g, `{"displayName":"G","members":[{"value":"`+a+`"}]}`)
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 200, func(r resp) bool { return r.len("members") == 1 })
	},
	"password-update-deactivates": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","value":{"password":"n3w-Pa55word"}}`))
		tt.do("PUT", "/scim/v2/Users/"+id, `{"userName":"a@example.com","name":{"givenName":"A","familyName":"B"},"active":true,"password":"n3w-Pa55word2"}`)
		return expect(tt.do("GET", "/scim/v2/Users/"+id, ""), 200, func(r resp) bool { return r.get("active") == true })
	},
	"username-unique-case-sensitive": func(tt *tester) error {
		tt.createUser("abc@example.com")
		return expect(tt.do("POST", "/scim/v2/Users", userBody("ABC@example.com", "A", "B")), 409, nil)
	},
	"group-total-results-page-size": func(tt *tester) error {
		for _, g := range []string{"G1", "G2", "G3"} {
			tt.createGroup(g)
		}
		return expect(tt.do("GET", "/scim/v2/Groups?startIndex=1&count=2", ""), 200, func(r resp) bool { return r.num("totalResults") == 3 })
	},
	"members-replace-adds": func(tt *tester) error {
		a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
		g := tt.createGroup("G", a)
		tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(`{"op":"replace","path":"members","value":[{"value":"`+b+`"}]}`))
		return expect(tt.do("GET", "/scim/v2/Groups/"+g, ""), 200, func(r resp) bool { return r.len("members") == 1 && r.str("members.0.value") == b })
	},
	"deleted-user-still-served": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		tt.must(204, tt.do("DELETE", "/scim/v2/Users/"+id, ""))
		if err := expect(tt.do("GET", "/scim/v2/Users/"+id, ""), 404, nil); err != nil {
			return err
		}
		return expect(tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"active","value":false}`)), 404, nil)
	},
	"deleted-group-still-served": func(tt *tester) error {
		g := tt.createGroup("G")
		tt.must(204, tt.do("DELETE", "/scim/v2/Groups/"+g, ""))
		return expect(tt.do("PATCH", "/scim/v2/Groups/"+g, patchBodyOf(`{"op":"replace","path":"displayName","value":"H"}`)), 404, nil)
	},
	"put-ignores-username": func(tt *tester) error {
		a, b := tt.createUser("a@example.com"), tt.createUser("b@example.com")
		tt.must(200, tt.do("POST", "/admin/orgs/default/users/swap-ids", `{"ids":["`+a+`","`+b+`"]}`))
		// Okta's PUT for a, to the id that now names b: refused, and b kept.
		r := tt.do("PUT", "/scim/v2/Users/"+a, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","name":{"givenName":"Alicia","familyName":"Smith"},"active":true}`)
		if r.status/100 == 2 {
			return fmt.Errorf("a PUT of another user's userName: expected 400 or 409, got %d", r.status)
		}
		return expect(tt.do("GET", "/scim/v2/Users/"+a, ""), 200, func(r resp) bool { return r.str("userName") == "b@example.com" })
	},
	"moved-id-still-served": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		moved := tt.must(200, tt.do("POST", "/admin/orgs/default/users/"+id+"/new-id", "")).str("user.id")
		if moved == "" || moved == id {
			return fmt.Errorf("new-id answered the id %q", moved)
		}
		if err := expect(tt.do("GET", "/scim/v2/Users/"+moved, ""), 200, func(r resp) bool { return r.str("userName") == "a@example.com" }); err != nil {
			return err
		}
		if err := expect(tt.do("GET", "/scim/v2/Users/"+id, ""), 404, nil); err != nil {
			return err
		}
		return expect(tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(`{"op":"replace","path":"active","value":false}`)), 404, nil)
	},
	"list-hides-inactive": func(tt *tester) error {
		id := tt.createUser("a@example.com")
		setActive(tt, id, false)
		return expect(tt.do("GET", "/scim/v2/Users?startIndex=1&count=100", ""), 200,
			func(r resp) bool { return r.num("totalResults") == 1 && r.str("Resources.0.id") == id })
	},
}

// overlaps are the probes a fault also breaks besides its own, with the reason:
// a fault breaks one behaviour, but some behaviours are seen through others.
var overlaps = map[[2]string]string{
	{"group-delete-ignored", "retention-ignored"}:                "retention is what a delete does, and the delete does nothing",
	{"unlink-keeps-scim", "relink-on-push"}:                      "the push finds the still-visible group's name taken (409)",
	{"plain-text-errors", "not-found-empty-body"}:                "a 404's Error body is an error body",
	{"plain-text-errors", "unauthorized-empty-body"}:             "a 401's Error body is an error body",
	{"deactivate-keeps-groups", "reactivate-restores-groups"}:    "groups kept at deactivation are still there after reactivation",
	{"no-path-patch-ignored", "patch-deactivate-ignored"}:        "Okta's deactivation is a no-path PATCH, which is ignored",
	{"patch-deactivate-ignored", "no-path-patch-ignored"}:        "the no-path probe is Okta's deactivation",
	{"oauth-no-refresh-token", "oauth-revocation-ignored"}:       "without a refresh token there is none to revoke",
	{"remove-active-unassigned", "patch-remove-active-refused"}:  "both probes read the user after a remove of active",
	{"patch-remove-active-refused", "remove-active-unassigned"}:  "both probes read the user after a remove of active",
	{"duplicate-create-201", "username-unique-case-sensitive"}:   "a userName in other capitals is a duplicate, which the fault answers 201",
	{"total-results-page-size", "group-total-results-page-size"}: "the fault caps every list's totalResults, /Groups' too",
	{"group-delete-ignored", "deleted-group-still-served"}:       "a delete that does nothing leaves the group for the next PATCH",
}

// setActive deactivates or reactivates with a path PATCH, so that the probes
// that need it do not depend on the no-path form (which no-path-patch-ignored breaks).
func setActive(tt *tester, id string, active bool) {
	tt.do("PATCH", "/scim/v2/Users/"+id, patchBodyOf(fmt.Sprintf(`{"op":"replace","path":"active","value":%v}`, active)))
}

// expect checks status (0: any 2xx) and then ok.
func expect(r resp, status int, ok func(resp) bool) error {
	if status == 0 && (r.status < 200 || r.status > 299) || status != 0 && r.status != status {
		return fmt.Errorf("status %d, want %d: %s", r.status, status, r.body)
	}
	if ok != nil && !ok(r) {
		return fmt.Errorf("unexpected answer: %s", r)
	}
	return nil
}

// probeTB turns a tester's fatal failures into a panic that runProbe recovers,
// so that a broken server fails the probe, not the test.
type probeTB struct{ testing.TB }

type probeFailure struct{ msg string }

func (probeTB) Helper()                        {}
func (probeTB) Fatalf(format string, a ...any) { panic(probeFailure{fmt.Sprintf(format, a...)}) }
func (probeTB) Fatal(a ...any)                 { panic(probeFailure{fmt.Sprint(a...)}) }

func runProbe(t *testing.T, p probe, faults ...string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			f, ok := r.(probeFailure)
			if !ok {
				panic(r)
			}
			err = errors.New(f.msg)
		}
	}()
	tt := newTester(probeTB{t}, faults...)
	return p(tt)
}

func TestEveryFaultHasAProbe(t *testing.T) {
	for _, f := range Faults() {
		if probes[f.Name] == nil {
			t.Errorf("fault %s (%s) has no probe", f.Name, f.Behaviour)
		}
		if f.Behaviour == "" || f.Description == "" {
			t.Errorf("fault %s lacks its behaviour or description", f.Name)
		}
	}
	if len(probes) != len(Faults()) {
		t.Errorf("%d probes for %d faults", len(probes), len(Faults()))
	}
}

// Every catalogue behaviour the server implements has at least one fault.
func TestFaultsCoverTheCatalogue(t *testing.T) {
	ids := []string{"ZN-04", "ZN-05", "ZN-09", "ZN-11"}
	for i := 12; i <= 27; i++ {
		ids = append(ids, fmt.Sprintf("ZN-%02d", i))
	}
	for _, i := range []int{3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 17, 19, 20, 21, 22, 34, 40, 41, 45} {
		ids = append(ids, fmt.Sprintf("OK-%02d", i))
	}
	covered := map[string]bool{}
	for _, f := range Faults() {
		covered[f.Behaviour] = true
	}
	for _, id := range ids {
		if !covered[id] {
			t.Errorf("no fault breaks %s", id)
		}
	}
}

// Each fault breaks its own behaviour and, but for the listed overlaps, no other.
func TestFaultsBreakExactlyTheirBehaviour(t *testing.T) {
	for name, p := range probes {
		if err := runProbe(t, p); err != nil {
			t.Errorf("probe %s fails on a correct server: %v", name, err)
		}
	}
	for _, f := range Faults() {
		t.Run(f.Name, func(t *testing.T) {
			for name, p := range probes {
				err := runProbe(t, p, f.Name)
				_, overlap := overlaps[[2]string{f.Name, name}]
				switch {
				case name == f.Name && err == nil:
					t.Errorf("the fault does not break its own behaviour %s (%s)", f.Behaviour, f.Description)
				case name != f.Name && err != nil && !overlap:
					t.Errorf("the fault also breaks %s: %v", name, err)
				case name != f.Name && err == nil && overlap:
					t.Errorf("listed overlap with %s does not happen", name)
				}
			}
		})
	}
}

// schemaAttrOf is the definition of the attribute name in r, a /Schemas
// resource.
func schemaAttrOf(r resp, name string) map[string]any {
	attrs, _ := r.get("attributes").([]any)
	for _, a := range attrs {
		if m, ok := a.(map[string]any); ok && m["name"] == name {
			return m
		}
	}
	return nil
}
