package reference

import (
	"net/http"
	"strconv"
	"strings"
)

// etagMatches reports whether an If-Match or If-None-Match header value names
// version v ("*" names any). Weak and strong forms compare equal.
func etagMatches(h string, v uint64) bool {
	for _, t := range strings.Split(h, ",") {
		t = strings.TrimSpace(t)
		if t == "*" {
			return true
		}
		t = strings.TrimPrefix(t, "W/")
		if len(t) >= 2 && t[0] == '"' && t[len(t)-1] == '"' {
			if n, err := strconv.ParseUint(t[1:len(t)-1], 10, 64); err == nil && n == v {
				return true
			}
		}
	}
	return false
}

// checkIfMatch answers 412 when the request's If-Match names another version.
func (c *call) checkIfMatch(v uint64) *scimError {
	h := c.r.Header.Get("If-Match")
	if h == "" || etagMatches(h, v) {
		return nil
	}
	return errorf(http.StatusPreconditionFailed, "",
		"If-Match %s does not match the resource's current version %s: it has changed since you read it; GET it again and retry", h, etag(v))
}

// notModified reports whether a GET's If-None-Match names version v.
func (c *call) notModified(v uint64) bool {
	h := c.r.Header.Get("If-None-Match")
	return h != "" && etagMatches(h, v)
}
