// Command benchtable reads `go test -bench -benchmem` output on standard input
// and prints one table. Benchmarks whose names differ only in their last
// sub-benchmark segment (for example Lookup/users=1000 and Lookup/users=100000)
// share a row, so that a cost that grows with size shows at a glance: the
// "large/small" column is the ns/op of the last size over that of the first.
package main

import (
	"fmt"
	"os"
)

func main() {
	rows, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	write(os.Stdout, rows)
}
