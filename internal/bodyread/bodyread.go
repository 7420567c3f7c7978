// Package bodyread reads an HTTP body whole and bounded, into a buffer sized
// by its Content-Length: the one reader of the steps' answers and
// mockokta's, which read pages of tens of kilobytes by the thousand.
package bodyread

import "io"

// Read reads body as io.ReadAll(io.LimitReader(body, max+1)) does, the same
// bytes and the same error, so that the caller sees a body longer than max
// by its length. length is the body's Content-Length (-1 unknown): when it
// is known and within max, the body is read into one buffer of at least
// length+1 bytes (a byte more, to see a longer body) rather than grown and
// copied from 512 bytes up. room, if its capacity is more than length, is
// that buffer: the caller must not read room's old bytes afterwards.
func Read(body io.Reader, length int64, max int, room []byte) ([]byte, error) {
	r := io.LimitReader(body, int64(max)+1)
	if length < 0 || length > int64(max) {
		return io.ReadAll(r)
	}
	buf := room[:0]
	if int64(cap(room)) <= length {
		buf = make([]byte, 0, length+1)
	}
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		case len(buf) == cap(buf):
			rest, err := io.ReadAll(r)
			return append(buf, rest...), err
		}
	}
}
