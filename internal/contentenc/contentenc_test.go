package contentenc

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"strings"
	"testing"
)

func compress(t testing.TB, kind string, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch kind {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "zlib":
		w = zlib.NewWriter(&buf)
	default:
		w, _ = flate.NewWriter(&buf, flate.DefaultCompression)
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecode(t *testing.T) {
	body := []byte(`{"totalResults":0,"Resources":[]}`)
	gz := compress(t, "gzip", body)
	bomb := compress(t, "gzip", bytes.Repeat([]byte("a"), 1<<20))
	tests := map[string]struct {
		encoding string
		raw      []byte
		max      int
		want     []byte
		err      func(error) bool
	}{
		"identity":      {"", body, 100, body, nil},
		"identity word": {"identity", body, 100, body, nil},
		"gzip":          {"gzip", gz, 100, body, nil},
		"x-gzip, case":  {"X-Gzip", gz, 100, body, nil},
		"zlib deflate":  {"deflate", compress(t, "zlib", body), 100, body, nil},
		"raw deflate":   {"deflate", compress(t, "flate", body), 100, body, nil},
		"bomb":          {"gzip", bomb, 1000, bytes.Repeat([]byte("a"), 1000), func(err error) bool { var e *TooLargeError; return errors.As(err, &e) && e.Max == 1000 }},
		"not gzip":      {"gzip", body, 100, nil, func(err error) bool { return errors.Is(err, gzip.ErrHeader) }},
		"cut gzip":      {"gzip", gz[:len(gz)-6], 100, body, func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }},
		"unsupported":   {"br", body, 100, nil, func(err error) bool { return errors.Is(err, ErrUnsupported) }},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Decode(tc.encoding, tc.raw, tc.max)
			if tc.err == nil && err != nil || tc.err != nil && !tc.err(err) {
				t.Fatalf("error %v", err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzDecode: any bytes under any encoding, never a panic, never more than
// max bytes out.
func FuzzDecode(f *testing.F) {
	f.Add("gzip", compress(f, "gzip", []byte(`{"a":1}`)))
	f.Add("deflate", compress(f, "zlib", []byte(`{"a":1}`)))
	f.Add("deflate", []byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, encoding string, raw []byte) {
		out, _ := Decode(encoding, raw, 4096)
		if len(out) > 4096 && encoding != "" && !strings.EqualFold(strings.TrimSpace(encoding), "identity") {
			t.Fatalf("%d bytes out", len(out))
		}
	})
}
