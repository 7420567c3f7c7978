// Command cmd prepares the image's build context (internal/imagectx) for
// `make image` and `make test`:
//
//	go run ./internal/imagectx/cmd DIR BINARY DOCKERFILE
//
// DIR is emptied first.
package main

import (
	"fmt"
	"os"

	"github.com/scimharness/scimharness/internal/imagectx"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/imagectx/cmd DIR BINARY DOCKERFILE")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := imagectx.Prepare(dir, os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
