package reference

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/scimharness/scimharness/internal/jsonenc"
)

// scimMediaType is the Content-Type of Zinc mode's bodies; plainMediaType of
// plain mode's, without the charset parameter, which RFC 7644 section 8.1
// does not register for application/scim+json ("Optional parameters: none").
const (
	scimMediaType  = "application/scim+json; charset=utf-8"
	plainMediaType = "application/scim+json"
)

// mediaType is the Content-Type of the server's SCIM bodies.
func (s *Server) mediaType() string {
	if s.cfg.Mode == ModePlain {
		return plainMediaType
	}
	return scimMediaType
}

// buf is a pooled response buffer.
type buf struct{ b []byte }

var bufPool = sync.Pool{New: func() any { return &buf{b: make([]byte, 0, 2048)} }}

func getBuf() *buf { b := bufPool.Get().(*buf); b.b = b.b[:0]; return b }

// smallBuf is the largest buffer bufPool keeps; bigPool keeps larger ones,
// up to maxBigBuf.
const (
	smallBuf  = 1 << 20
	maxBigBuf = 64 << 20
)

// bigPool keeps the buffers of big answers (a group of 50,000 members is
// 4.6 MB): a new one for each GET, cleared and faulted in, was most of the
// GET's cost (issue 25). GC empties it as it does any sync.Pool.
var bigPool sync.Pool // of *[]byte

func putBuf(b *buf) {
	switch c := cap(b.b); {
	case c <= smallBuf:
		bufPool.Put(b)
	case c <= maxBigBuf:
		big := b.b[:0]
		bigPool.Put(&big)
		b.b = make([]byte, 0, 2048)
		bufPool.Put(b)
	}
}

// grow makes room for n more bytes in b, in one step: past smallBuf, with a
// buffer of bigPool if one is large enough.
func grow(b []byte, n int) []byte {
	need := len(b) + n
	if need <= cap(b) {
		return b
	}
	if need > smallBuf {
		if p, _ := bigPool.Get().(*[]byte); p != nil && cap(*p) >= need {
			return append((*p)[:0], b...)
		}
	}
	return slices.Grow(b, n)
}

// writeBody sends b as a SCIM JSON body of media type ct with status, then
// recycles b.
func writeBody(w http.ResponseWriter, status int, b *buf, ct string) {
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(b.b)))
	w.WriteHeader(status)
	_, _ = w.Write(b.b)
	putBuf(b)
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte { return jsonenc.AppendString(b, s) }

// appendField appends ,"name":"value" (name must need no escaping).
func appendField(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

// timeLayout is RFC 3339 with milliseconds; stored times are whole milliseconds.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func appendTime(b []byte, ns int64) []byte {
	t := time.Unix(0, ns).UTC()
	y, mo, d := t.Date()
	if y < 0 || y > 9999 {
		b = append(b, '"')
		b = t.AppendFormat(b, timeLayout)
		return append(b, '"')
	}
	h, mi, s := t.Clock()
	ms := t.Nanosecond() / 1e6
	return append(b, '"',
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(mo)/10), byte('0'+int(mo)%10), '-', byte('0'+d/10), byte('0'+d%10), 'T',
		byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10), ':', byte('0'+s/10), byte('0'+s%10), '.',
		byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z', '"')
}

// appendETag appends the weak ETag of version v, unquoted for a header or
// JSON-quoted for meta.version.
func appendETag(b []byte, v uint64) []byte {
	b = append(b, 'W', '/', '"')
	b = strconv.AppendUint(b, v, 10)
	return append(b, '"')
}

func etag(v uint64) string { return string(appendETag(nil, v)) }
