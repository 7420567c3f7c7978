package scimfilter

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var updateCorpus = flag.Bool("update", false, "write the fuzz seed lists to testdata/fuzz")

// Okta's PATCH paths (docs/okta-protocol.md) and broken ones.
var pathSeeds = []string{
	`members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]`, `members`, `active`, `displayName`, `password`,
	`name.givenName`, `name.familyName`, `emails[type eq "work"].value`, `emails[primary eq true]`,
	`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`,
	`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`,
	`members[value eq "a" or value eq "b"]`, `members[value eq "id-0001"`, `members[]`, `name givenName`,
	`..`, `a.b.c`, `members[value eq "\"]"]`, "n\xffame",
}

// The seed lists and the corpora under testdata/fuzz are the same inputs.
func TestFuzzSeedCorpus(t *testing.T) {
	for target, list := range map[string][]string{
		"FuzzParse":          seeds,
		"FuzzParsePath":      append(append([]string{}, seeds...), pathSeeds...),
		"FuzzFastPathsAgree": append(append([]string{}, seeds...), pathSeeds...),
	} {
		dir := filepath.Join("testdata", "fuzz", target)
		for _, s := range list {
			data := fmt.Sprintf("go test fuzz v1\nstring(%q)\n", s)
			sum := sha256.Sum256([]byte(data))
			file := filepath.Join(dir, "seed-"+hex.EncodeToString(sum[:8]))
			if got, err := os.ReadFile(file); err == nil && string(got) == data {
				continue
			}
			if !*updateCorpus {
				t.Errorf("%s: the seed %q is not checked in (run go test -run Corpus -update)", dir, s)
				continue
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
