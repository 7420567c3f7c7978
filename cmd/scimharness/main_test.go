package main

import (
	"os"
	"testing"

	"github.com/scimharness/scimharness/internal/refimage"
)

// TestMain removes the binary and the image the tests built, once each, for
// all of them (refimage.Binary, refimage.Image). With benchChildEnv set, the
// binary is the scale benchmark's child: it runs scimharness instead.
func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) == "1" {
		os.Exit(benchChild())
	}
	os.Exit(refimage.Main(m))
}
