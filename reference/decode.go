package reference

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/scimharness/scimharness/reference/internal/drain"
)

// readJSON reads the request body (readBody) and decodes it into a new T
// (decodeJSON).
func readJSON[T any](c *call) (*T, *scimError) {
	body, err := c.readBody()
	if err != nil {
		return nil, err
	}
	defer putBuf(body)
	var in T
	if err := decodeJSON(body.b, &in); err != nil {
		return nil, err
	}
	return &in, nil
}

// readBody reads the request body into a pooled buffer (the caller must putBuf
// it), enforcing the media type and the size limit.
func (c *call) readBody() (*buf, *scimError) {
	if e := c.checkMediaType(); e != nil {
		return nil, e
	}
	max := c.s.cfg.MaxBodyBytes
	if c.r.ContentLength > max {
		drain.Rest(c.r, 0, max)
		return nil, tooLarge(max)
	}
	b := getBuf()
	rd := http.MaxBytesReader(c.w, c.r.Body, max)
	for {
		if len(b.b) == cap(b.b) {
			b.b = append(b.b, 0)[:len(b.b)]
		}
		n, err := rd.Read(b.b[len(b.b):cap(b.b)])
		b.b = b.b[:len(b.b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			putBuf(b)
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				drain.Rest(c.r, max, max)
				return nil, tooLarge(max)
			}
			return nil, errorf(http.StatusBadRequest, typeInvalidSyntax, "the request body could not be read: %v", err)
		}
	}
	if len(strings.TrimSpace(string(b.b))) == 0 {
		putBuf(b)
		return nil, errorf(http.StatusBadRequest, typeInvalidSyntax, "the request has no body: send a JSON object")
	}
	// JSON is UTF-8 (RFC 8259 section 8.1); encoding/json would silently turn
	// invalid bytes into U+FFFD and store a name nobody sent.
	if !utf8.Valid(b.b) {
		at := invalidUTF8At(b.b)
		putBuf(b)
		return nil, errorf(http.StatusBadRequest, typeInvalidSyntax,
			"the request body is not valid UTF-8 (at byte %d): send JSON encoded as UTF-8", at)
	}
	// encoding/json turns a lone surrogate escape (\ud800) into U+FFFD too,
	// so that "x\ud800@…" and "x\ufffd@…" would be one userName.
	if at := loneSurrogateAt(b.b); at >= 0 {
		putBuf(b)
		return nil, errorf(http.StatusBadRequest, typeInvalidSyntax,
			"the request body holds an unpaired surrogate escape %s (at byte %d): it encodes no character (RFC 8259 section 8.2)", escAt(b.b, at), at)
	}
	return b, nil
}

// loneSurrogateAt returns the offset of the first \u escape in b that is a
// surrogate not in a high-low pair, or -1. A backslash is only valid JSON
// inside a string, so no string state is needed: a body where one stands
// outside is refused by the decoder anyway.
func loneSurrogateAt(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if i+1 >= len(b) || b[i+1] != 'u' {
			i++ // \" \\ \n …: skip the escaped character
			continue
		}
		r, ok := hex4(b, i+2)
		if !ok {
			i++
			continue
		}
		switch {
		case r >= 0xD800 && r <= 0xDBFF:
			if i+7 < len(b) && b[i+6] == '\\' && b[i+7] == 'u' {
				if lo, ok := hex4(b, i+8); ok && lo >= 0xDC00 && lo <= 0xDFFF {
					i += 11
					continue
				}
			}
			return i
		case r >= 0xDC00 && r <= 0xDFFF:
			return i
		}
		i += 5
	}
	return -1
}

// hex4 reads the four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			r = r<<4 | rune(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// escAt is the six-byte escape at b[i:].
func escAt(b []byte, i int) string { return string(b[i:min(i+6, len(b))]) }

// invalidUTF8At returns the offset of the first byte of b that is not valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func tooLarge(max int64) *scimError {
	return errorf(http.StatusRequestEntityTooLarge, "", "the request body is larger than this server's limit of %d bytes", max)
}

// checkMediaType accepts application/scim+json, application/json and other +json
// types, and a missing Content-Type.
func (c *call) checkMediaType() *scimError {
	ct := c.r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" && !c.s.rules.Auth.AcceptApplicationJSON {
		err = errors.New("application/json refused")
	}
	if err != nil || !(mt == "application/scim+json" || mt == "application/json" || strings.HasSuffix(mt, "+json")) {
		return errorf(http.StatusUnsupportedMediaType, "",
			"the Content-Type %q is not supported: send application/scim+json (or application/json)", ct)
	}
	return nil
}

// decodeJSON decodes body into v, turning decoder errors into SCIM errors that
// name the attribute.
func decodeJSON(body []byte, v any) *scimError {
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		bad *valueError
	)
	switch {
	case errors.As(err, &bad):
		return errorf(http.StatusBadRequest, typeInvalidValue, "%s", bad.msg)
	case errors.As(err, &syn):
		return errorf(http.StatusBadRequest, typeInvalidSyntax, "the body is not valid JSON: %v (at byte %d)", syn, syn.Offset)
	case errors.As(err, &typ) && typ.Type == flexBoolType:
		return errorf(http.StatusBadRequest, typeInvalidValue, "%s is not a boolean: the attribute %q must be true or false", typ.Value, typ.Field)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return errorf(http.StatusBadRequest, typeInvalidSyntax, "the body must be a JSON object, not a JSON %s", typ.Value)
		}
		return errorf(http.StatusBadRequest, typeInvalidSyntax, "the attribute %q must be %s, not a JSON %s", field, jsonKind(typ.Type.String()), typ.Value)
	}
	return errorf(http.StatusBadRequest, typeInvalidSyntax, "the body could not be read: %v", err)
}

func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case goType == "string" || goType == "*string":
		return "a string"
	case strings.Contains(goType, "flexBool"):
		return "a boolean"
	case strings.HasPrefix(goType, "map") || strings.Contains(goType, "."):
		return "an object"
	}
	return "a " + goType
}

// valueError is a decoding error with a sentence for the client.
type valueError struct{ msg string }

func (e *valueError) Error() string { return e.msg }

// flexBool is a boolean that also accepts the strings "true" and "false" (any
// case), which some clients send.
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	v, err := parseBool(data)
	if err != nil {
		// An UnmarshalTypeError gets the attribute's name from encoding/json.
		return &json.UnmarshalTypeError{Value: abbreviate(data), Type: flexBoolType}
	}
	*b = flexBool(v)
	return nil
}

var flexBoolType = reflect.TypeFor[flexBool]()

func parseBool(data []byte) (bool, error) {
	switch s := strings.ToLower(strings.Trim(string(data), `"`)); s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, &valueError{msg: fmt.Sprintf("%s is not a boolean: send true or false", data)}
}
