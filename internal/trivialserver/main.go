// Command trivialserver answers every request with a small fixed SCIM JSON
// body: an empty ListResponse to GET, a user to POST (201) and to anything
// else (200). It is the "trivial JSON handler" against which `make
// bench-harness` compares `scimharness load` with wrk, to show how much of
// the machine the harness itself needs. It is not a SCIM server.
//
//	go run ./internal/trivialserver 127.0.0.1:18099
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

var (
	list = []byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}`)
	user = []byte(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"load@example.com","active":true}`)
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: trivialserver HOST:PORT")
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "trivialserver: %v\n", err)
		os.Exit(2)
	}
	fmt.Printf("trivial JSON server on http://%s\n", ln.Addr())
	err = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = []string{"application/scim+json; charset=utf-8"}
		switch r.Method {
		case http.MethodGet:
			w.Write(list)
		case http.MethodPost:
			w.WriteHeader(http.StatusCreated)
			w.Write(user)
		default:
			w.Write(user)
		}
	}))
	fmt.Fprintf(os.Stderr, "trivialserver: %v\n", err)
	os.Exit(1)
}
