// Package contentenc decodes an HTTP body by its Content-Encoding, bounded:
// the one decoder of mockokta (which asks for gzip,deflate as Okta does) and
// of the steps (whose targets may compress unasked). A small body that
// inflates without end (a gzip bomb) cannot exhaust memory.
package contentenc

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrUnsupported is returned for an encoding Decode does not know.
var ErrUnsupported = errors.New("unsupported content encoding")

// TooLargeError is returned when the decoded body is longer than the limit.
type TooLargeError struct{ Max int }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the decompressed body is larger than %d bytes", e.Max)
}

// Decode undoes encoding ("", "identity", "gzip", "x-gzip" or "deflate", in
// any letter case; deflate zlib-wrapped as HTTP says, or raw as some servers
// send it) on raw, reading at most max decoded bytes. It returns the decoded
// body and nil, or, on failure, what it decoded before it failed (nil for an
// unknown encoding or a broken gzip header) and the error: ErrUnsupported, a
// *TooLargeError with the first max bytes, or the decompressor's error for a
// cut or broken stream. The caller decides whether a partial body is of use.
func Decode(encoding string, raw []byte, max int) ([]byte, error) {
	var zr io.Reader
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return raw, nil
	case "gzip", "x-gzip":
		gr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		zr = gr
	case "deflate":
		if zl, err := zlib.NewReader(bytes.NewReader(raw)); err == nil {
			zr = zl
		} else {
			zr = flate.NewReader(bytes.NewReader(raw))
		}
	default:
		return nil, fmt.Errorf("%w %q", ErrUnsupported, encoding)
	}
	out, err := io.ReadAll(io.LimitReader(zr, int64(max)+1))
	if len(out) > max {
		return out[:max], &TooLargeError{Max: max}
	}
	return out, err
}
