// Package drain is what the reference server does with the rest of a request
// body over its size limit, in the SCIM API and the Admin Console API alike:
// after answering 413 it reads and discards up to Limit bytes more, so that a
// client that writes its whole body before it reads (Python's urllib does) gets
// the answer rather than a reset connection. A body longer still is not read
// to its end: the 413 is sent and the connection closed, and such a client may
// then see a reset. The caller must call Rest before it writes the 413.
package drain

import (
	"io"
	"net/http"
	"strings"
)

// Limit is how far past the size limit a body is read and discarded.
const Limit = 8 << 20

// Rest reads and discards what is left of the body of r, of which read bytes
// have been read, up to max+Limit bytes in all. It reads nothing when the
// client waits for 100 Continue (it sends no body after a 413) or has
// announced a body longer than that.
func Rest(r *http.Request, read, max int64) {
	if strings.EqualFold(r.Header.Get("Expect"), "100-continue") || r.ContentLength > max+Limit {
		return
	}
	_, _ = io.CopyN(io.Discard, r.Body, max+Limit-read)
}
