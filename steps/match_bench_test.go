package steps

import (
	"testing"

	"github.com/tidwall/gjson"
)

// BenchmarkAssertionMatching is the cost of one Then step on a response: parse
// the predicate, read the body, check the value at the path.
func BenchmarkAssertionMatching(b *testing.B) {
	cases := map[string]struct{ path, pred string }{
		"equal":    {"name.givenName", `is "Alice"`},
		"contains": {"emails", `contains {"value": "a@b.co", "primary": true}`},
		"type":     {"count", `is a number`},
	}
	for name, c := range cases {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := parsePredicate(c.pred)
				if err != nil {
					b.Fatal(err)
				}
				if err := p.check(gjson.Parse(userDoc), c.path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
