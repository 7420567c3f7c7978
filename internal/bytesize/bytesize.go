// Package bytesize words a number of bytes for messages that name a bound.
package bytesize

import "fmt"

// Text words n bytes as MiB or KiB when it is a whole number of them, and
// as bytes otherwise: "8 MiB", "64 KiB", "1000 bytes".
func Text(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
