package reference

import (
	"fmt"
	"net/http"
	"strconv"
)

// The scimType values of RFC 7644 section 3.12.
const (
	typeInvalidFilter = "invalidFilter"
	typeTooMany       = "tooMany"
	typeUniqueness    = "uniqueness"
	typeMutability    = "mutability"
	typeInvalidSyntax = "invalidSyntax"
	typeInvalidPath   = "invalidPath"
	typeNoTarget      = "noTarget"
	typeInvalidValue  = "invalidValue"
)

// scimError is an answer in the SCIM Error schema.
type scimError struct {
	status   int
	scimType string // "" when RFC 7644 defines none for the case
	detail   string
}

func (e *scimError) Error() string { return e.detail }

func errorf(status int, scimType, format string, args ...any) *scimError {
	return &scimError{status: status, scimType: scimType, detail: fmt.Sprintf(format, args...)}
}

func notFound(kind, id string) *scimError {
	return errorf(http.StatusNotFound, "", "%s %q not found", kind, id)
}

// writeError answers e in the SCIM Error schema (or as the Errors rules say).
func (s *Server) writeError(w http.ResponseWriter, e *scimError) {
	h := w.Header()
	switch {
	case e.status == http.StatusNotFound && !s.rules.Errors.NotFoundBody:
		h.Del("Content-Type")
		w.WriteHeader(e.status)
		return
	case e.status == http.StatusUnauthorized && !s.rules.Auth.Explain401:
		h.Del("WWW-Authenticate")
		h.Del("Content-Type")
		w.WriteHeader(e.status)
		return
	case !s.rules.Errors.SCIMBody:
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(e.status)
		fmt.Fprintf(w, "Error %d: %s\n", e.status, e.detail)
		return
	}
	b := getBuf()
	b.b = append(b.b, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"`...)
	b.b = strconv.AppendInt(b.b, int64(e.status), 10)
	b.b = append(b.b, '"')
	if e.scimType != "" {
		b.b = append(b.b, `,"scimType":`...)
		b.b = appendString(b.b, e.scimType)
	}
	b.b = append(b.b, `,"detail":`...)
	b.b = appendString(b.b, e.detail)
	b.b = append(b.b, '}')
	writeBody(w, e.status, b, s.mediaType())
}
