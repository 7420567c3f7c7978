package reference

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateCorpus = flag.Bool("update", false, "write the fuzz seed lists to testdata/fuzz")

// Okta's group bodies (docs/okta-protocol.md) and the
// hostile shapes of TestHostileInput, as seeds.
var groupSeeds = []string{
	`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}`,
	`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Eng2","members":[{"value":"id-0001","display":"a@example.com"},{"value":"id-0002","display":"b@example.com"}]}`,
	`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"id-0004","displayName":"Renamed","members":[{"value":"id-0003"}],"meta":{"resourceType":"Group"}}`,
	`{"displayName":"Eng"}`, `{"displayName":"eng "}`, `{"displayName":"X","members":[{"value":"id-0004","type":"Group"}]}`,
	`{"displayName":"X","members":[{"value":"nobody"}]}`, `{"displayName":"X","members":[null,{}]}`,
	`{"displayName":null}`, `{"displayName":5}`, `{"displayName":"X","members":"id-0001"}`,
	"{\"displayName\":\"Eng\xc3\"}", `{"displayName":"X","x":` + nested(10001) + `}`,
}

// hostileSeeds are bodies from TestHostileInput that every body target starts from.
var hostileSeeds = []string{
	"{\"userName\":\"n\xff@example.com\"}", "\xff\xfe{\x00}\x00", `{"userName":"n@example.com"} x`,
	`{"userName":"a@example.com","userName":"b@example.com"}`, `{"userName":null,"active":null}`,
	`{"userName":"n@example.com","x":` + nested(10000) + `}`, `{'userName':'x'}`, ``, ` `, `null`,
}

// The seed lists in the code and the corpora under testdata/fuzz are the same
// inputs: go test runs the checked-in files, and `go test -run Corpus -update`
// writes them.
func TestFuzzSeedCorpus(t *testing.T) {
	for target, seeds := range map[string][]string{
		"FuzzCreateUser":  append(append([]string{}, userSeeds...), hostileSeeds...),
		"FuzzCreateGroup": append(append([]string{}, groupSeeds...), hostileSeeds...),
		"FuzzPatchUser":   append(append([]string{}, userPatchSeeds...), hostileSeeds...),
		"FuzzPatchGroup":  append(append([]string{}, groupPatchSeeds...), hostileSeeds...),
		"FuzzFilter":      filterSeeds,
	} {
		checkCorpus(t, filepath.Join("testdata", "fuzz", target), seeds)
	}
}

func checkCorpus(t *testing.T, dir string, seeds []string) {
	t.Helper()
	for _, s := range seeds {
		data := fmt.Sprintf("go test fuzz v1\nstring(%q)\n", s)
		sum := sha256.Sum256([]byte(data))
		file := filepath.Join(dir, "seed-"+hex.EncodeToString(sum[:8]))
		got, err := os.ReadFile(file)
		if err == nil && string(got) == data {
			continue
		}
		if !*updateCorpus {
			t.Errorf("%s: the seed %q is not checked in (run go test -run Corpus -update)", dir, abbreviate([]byte(s)))
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || !strings.HasPrefix(string(b), "go test fuzz v1\n") {
			t.Errorf("%s/%s is not a fuzz corpus file: %v", dir, e.Name(), err)
		}
	}
}
