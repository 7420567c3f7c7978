package explore

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// FuzzAnswerChecks feeds the checks of a target's answers any status and
// body: a hostile or broken server gets a violation or none, never a panic.
func FuzzAnswerChecks(f *testing.F) {
	f.Add(200, []byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"itemsPerPage":1,"startIndex":1,"Resources":[{"id":"a"}]}`))
	f.Add(404, []byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}`))
	f.Add(400, []byte(`not json`))
	f.Add(201, []byte(`{"id":"g","members":[{"value":"u"},{"value":7},null]}`))
	f.Add(200, []byte(`{"itemsPerPage":"1","Resources":{}}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		a := &answer{method: http.MethodGet, url: "http://x/scim/v2/Users", status: status, header: http.Header{}, body: body}
		listProblem(a)
		isSCIMError(a, status, "uniqueness")
		_ = a.String()
		memberSet(gjson.ParseBytes(body).Get("members"))
		for _, kind := range []string{"create-user", "create-group", "patch-group", "lookup-user"} {
			x := &mockokta.Exchange{Kind: kind, Method: http.MethodPost, URL: "http://x/scim/v2/Groups/g", Status: status,
				ResponseBody: body, RequestBody: body, ResponseHeader: http.Header{"Content-Type": {"text/plain"}}}
			malformed(x)
			e := &episode{expected: map[string]map[string]bool{}, repushed: map[string]bool{}, dropped: map[string]bool{}}
			e.observe(context.Background(), x)
		}
	})
}
