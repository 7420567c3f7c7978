package container_test

import (
	"os"
	"testing"

	"github.com/scimharness/scimharness/internal/refimage"
)

// TestMain removes the binary and the image the tests built, once each, for
// all of them (refimage.Binary, refimage.Image).
func TestMain(m *testing.M) { os.Exit(refimage.Main(m)) }
