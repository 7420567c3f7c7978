// Package headers writes HTTP headers as the reports and failure messages
// show them.
package headers

import (
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Write appends h to b as "Name: value" lines, the names sorted and each
// value of a name on a line of its own.
func Write(b *strings.Builder, h http.Header) {
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			b.WriteString(k)
			b.WriteString(": ")
			b.WriteString(v)
			b.WriteByte('\n')
		}
	}
}
