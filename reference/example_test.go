package reference_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/reference"
)

// Example serves the reference SCIM server on httptest, creates a user as
// Okta does, and shows one of Zinc's documented rules: userName can never
// change (400 mutability).
func Example() {
	srv, err := reference.New(reference.Config{Token: "example-token"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	do := func(method, path, body string) (int, string) {
		req, _ := http.NewRequest(method, ts.URL+"/scim/v2"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer example-token")
		req.Header.Set("Content-Type", "application/scim+json")
		resp, err := ts.Client().Do(req)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	status, body := do("POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
		"userName":"alice@example.com","name":{"givenName":"Alice","familyName":"Smith"},
		"emails":[{"value":"alice@example.com","type":"work","primary":true}],"active":true}`)
	id := gjson.Get(body, "id").String()
	fmt.Println("create:", status, gjson.Get(body, "userName"))

	status, body = do("PATCH", "/Users/"+id, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations":[{"op":"replace","value":{"userName":"alicia@example.com"}}]}`)
	fmt.Println("rename:", status, gjson.Get(body, "scimType"))

	status, body = do("GET", `/Users?filter=userName+eq+"alice@example.com"`, "")
	fmt.Println("lookup:", status, gjson.Get(body, "totalResults"))
	// Output:
	// create: 201 alice@example.com
	// rename: 400 mutability
	// lookup: 200 1
}
