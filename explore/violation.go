package explore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/mockokta"
)

// Violation is an invariant the target broke.
type Violation struct {
	Invariant string // the invariant's name, such as "a deactivated user is in no group"
	Pack      Pack   // the part it belongs to: PackCore (Okta) or the app pack
	Message   string // what was expected and what came
	Evidence  string // the answer that shows it
	// Then are the steps, in the suite's vocabulary, that check it after
	// the scenario's actions.
	Then []string
}

func (v *Violation) Error() string {
	return fmt.Sprintf("%s: %s", v.Invariant, v.Message)
}

// malformed checks one of Okta's exchanges: an error answer must be a SCIM
// Error, a create must answer 201 and a body must be JSON.
func malformed(x *mockokta.Exchange) *Violation {
	if x.Status == 0 || x.Status == 429 {
		return nil
	}
	evidence := fmt.Sprintf("%s %s -> %d %s", x.Method, x.URL, x.Status, truncate(string(redact.Passwords(x.ResponseBody)), 400))
	if x.Status >= 400 {
		doc := gjson.ParseBytes(x.ResponseBody)
		if !gjson.ValidBytes(x.ResponseBody) || !hasString(doc.Get("schemas").Array(), schemaError) || doc.Get("status").String() != fmt.Sprint(x.Status) {
			return &Violation{Invariant: "every answer is a well-formed SCIM response", Pack: PackCore,
				Message: fmt.Sprintf("%s %s answered %d without a SCIM Error body", x.Method, x.URL, x.Status), Evidence: evidence,
				Then: []string{step(stepTaskDetail)}}
		}
		return nil
	}
	if strings.HasPrefix(x.Kind, "create-") && x.Status != 201 {
		// Okta takes the answer, so the feature sends a create of its own.
		path, body := "/Users", map[string]any{"schemas": []string{schemaUser}, "userName": "{Dave.userName}",
			"name": map[string]string{"givenName": foreignPerson.First, "familyName": foreignPerson.Last}, "active": true}
		if x.Kind == "create-group" {
			path, body = "/Groups", map[string]any{"schemas": []string{schemaGroup}, "displayName": "Probe"}
		}
		return &Violation{Invariant: "every answer is a well-formed SCIM response", Pack: PackCore,
			Message: fmt.Sprintf("%s %s (%s) answered %d, expected 201", x.Method, x.URL, x.Kind, x.Status), Evidence: evidence,
			Then: []string{withBody(step(stepSendWith, "POST", path), body), step(stepResponseStatus, 201)}}
	}
	if len(x.ResponseBody) > 0 && !strings.Contains(x.ResponseHeader.Get("Content-Type"), "json") {
		return &Violation{Invariant: "every answer is a well-formed SCIM response", Pack: PackCore,
			Message: fmt.Sprintf("%s %s answered Content-Type %q", x.Method, x.URL, x.ResponseHeader.Get("Content-Type")), Evidence: evidence,
			Then: []string{step(stepNoTasks)}}
	}
	return nil
}

func hasString(list []gjson.Result, s string) bool {
	return slices.ContainsFunc(list, func(r gjson.Result) bool { return r.String() == s })
}

// listProblem checks a ListResponse (RFC 7644 §3.4.2, Okta's paging rules):
// "" when it is one, else the problem and the step that checks it.
func listProblem(a *answer) (string, string) {
	if a.status != 200 {
		return fmt.Sprintf("expected 200 with a ListResponse, got %d", a.status), step(stepResponseList)
	}
	doc := a.json()
	switch {
	case !hasString(doc.Get("schemas").Array(), schemaList):
		return "the ListResponse schema is missing from schemas", step(stepResponseList)
	case doc.Get("totalResults").Type != gjson.Number, doc.Get("itemsPerPage").Type != gjson.Number, doc.Get("startIndex").Type != gjson.Number:
		return "totalResults, itemsPerPage and startIndex must be JSON numbers", step(stepResponsePaging)
	case int(doc.Get("itemsPerPage").Int()) != len(doc.Get("Resources").Array()):
		return fmt.Sprintf("itemsPerPage %d, but %d resources", doc.Get("itemsPerPage").Int(), len(doc.Get("Resources").Array())), step(stepResponsePaging)
	}
	return "", ""
}
