package bodyread

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestRead holds Read to io.ReadAll of max+1 bytes, whatever the
// Content-Length says: the same bytes, the same error.
func TestRead(t *testing.T) {
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
			got, err := Read(tt.body(), tt.length, tt.max, nil)
			want, wantErr := io.ReadAll(io.LimitReader(tt.body(), int64(tt.max)+1))
			if !bytes.Equal(got, want) || !errors.Is(err, wantErr) && err != wantErr {
				t.Errorf("Read = %q, %v; io.ReadAll gives %q, %v", got, err, want, wantErr)
			}
		})
	}
}

// TestReadIntoRoom reads a body into the room given when its
// Content-Length fits, else into a buffer of its own.
func TestReadIntoRoom(t *testing.T) {
	room := make([]byte, 0, 16)
	for _, tt := range []struct {
		name   string
		body   string
		length int64
		inRoom bool
	}{
		{name: "fits", body: "0123456789", length: 10, inRoom: true},
		{name: "the room exactly, with the byte past it", body: "0123456789abcde", length: 15, inRoom: true},
		{name: "too long for the room", body: "0123456789abcdef", length: 16},
		{name: "unknown length", body: "0123", length: -1},
		{name: "longer than announced", body: "0123456789", length: 4, inRoom: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.body), tt.length, 1<<10, room)
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if string(got) != tt.body {
				t.Errorf("read %q, want %q", got, tt.body)
			}
			if inRoom := len(got) > 0 && &got[0] == &room[:1][0]; inRoom != tt.inRoom {
				t.Errorf("read into the room: %v, want %v", inRoom, tt.inRoom)
			}
		})
	}
}
