package mockokta_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/scimharness/scimharness/mockokta"
)

// Example provisions two users to a tiny SCIM server: Alice is created,
// then deactivated; Bob's create is refused with 409, which becomes a task.
func Example() {
	// A SCIM server that knows nobody, creates Alice and refuses Bob.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/scim+json")
		body, _ := io.ReadAll(r.Body)
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/scim/v2/Users":
			fmt.Fprint(w, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}`)
		case r.Method == http.MethodPost && strings.Contains(string(body), "alice@"):
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, `{"id":"u-1","userName":"alice@example.com","active":true}`)
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusConflict)
			fmt.Fprint(w, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"User already exists","status":"409"}`)
		case r.Method == http.MethodPatch:
			w.WriteHeader(http.StatusNoContent)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()

	org, err := mockokta.NewOrg(mockokta.Config{
		BaseURL: srv.URL + "/scim/v2",
		Client:  srv.Client(),
		Auth:    mockokta.Bearer("my-token"),
		Profile: mockokta.OIN,
		AppName: "Zinc",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	org.AddUser(mockokta.User{Login: "alice@example.com", FirstName: "Alice", LastName: "Smith"})
	org.AddUser(mockokta.User{Login: "bob@example.com", FirstName: "Bob", LastName: "Jones"})

	if err := org.Assign(ctx, "alice@example.com"); err != nil {
		fmt.Println(err)
	}
	alice, _ := org.AppUser("alice@example.com")
	fmt.Println("Alice is linked to", alice.SCIMID)
	if err := org.Unassign(ctx, "alice@example.com"); err != nil {
		fmt.Println(err)
	}
	if err := org.Assign(ctx, "bob@example.com"); err != nil {
		fmt.Println("Bob failed")
	}

	for _, e := range org.Transcript() {
		fmt.Println(e.Method, strings.TrimPrefix(e.URL, srv.URL), e.Status, e.Kind, e.RequestHeader.Get("Authorization"))
	}
	for _, task := range org.Tasks() {
		fmt.Println(task.Message)
	}
	// Output:
	// Alice is linked to u-1
	// Bob failed
	// GET /scim/v2/Users?filter=userName%20eq%20%22alice%40example.com%22&startIndex=1&count=100 200 lookup-user [redacted]
	// POST /scim/v2/Users 201 create-user [redacted]
	// PATCH /scim/v2/Users/u-1 204 patch-user [redacted]
	// GET /scim/v2/Users?filter=userName%20eq%20%22bob%40example.com%22&startIndex=1&count=100 200 lookup-user [redacted]
	// POST /scim/v2/Users 409 create-user [redacted]
	// Automatic provisioning of user bob@example.com to app Zinc failed: Error while creating user Bob Jones: Conflict. Errors reported by remote server: User already exists
}
