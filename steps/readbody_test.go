package steps

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadBody holds readBody to io.ReadAll of max+1 bytes, whatever the
// Content-Length says: the same bytes, the same error.
func TestReadBody(t *testing.T) {
	broken := errors.New("connection reset")
	for _, tt := range []struct {
		name   string
		body   func() io.Reader
		length int64
		max    int
	}{
		{"as announced", func() io.Reader { return strings.NewReader("0123456789") }, 10, 100},
		{"unknown length", func() io.Reader { return strings.NewReader("0123456789") }, -1, 100},
		{"longer than announced", func() io.Reader { return strings.NewReader("0123456789") }, 4, 100},
		{"shorter than announced", func() io.Reader { return strings.NewReader("0123") }, 10, 100},
		{"announced, no body (HEAD)", func() io.Reader { return strings.NewReader("") }, 10, 100},
		{"past max", func() io.Reader { return strings.NewReader("0123456789") }, 10, 4},
		{"announced at max, longer", func() io.Reader { return strings.NewReader("0123456789") }, 4, 4},
		{"a byte at a time", func() io.Reader { return iotest.OneByteReader(strings.NewReader("0123456789")) }, 10, 100},
		{"an error midway", func() io.Reader {
			return io.MultiReader(strings.NewReader("01234"), iotest.ErrReader(broken))
		}, 10, 100},
		{"an error with the last bytes", func() io.Reader { return iotest.DataErrReader(strings.NewReader("0123456789")) }, 10, 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readBody(tt.body(), tt.length, tt.max)
			want, wantErr := io.ReadAll(io.LimitReader(tt.body(), int64(tt.max)+1))
			if !bytes.Equal(got, want) || !errors.Is(err, wantErr) && err != wantErr {
				t.Errorf("readBody = %q, %v; io.ReadAll gives %q, %v", got, err, want, wantErr)
			}
		})
	}
}
