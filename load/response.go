package load

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
)

// maxHeadBytes bounds an answer's status line and header together.
const maxHeadBytes = 1 << 20

// readResponse reads the head of an answer to req from br: the status line,
// the header and the body's framing, as http.ReadResponse does (the same
// rules: textproto's for the header, net/http's readTransfer for the
// framing) but with a fraction of its allocations, since the wave reads one
// per request. The body reads from br; the answer's Close says whether the
// connection may carry another request once the body has been read to its
// end. It takes HTTP/1.0 and 1.1 only. FuzzReadResponse holds it to
// http.ReadResponse.
func readResponse(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	budget := maxHeadBytes
	line, err := readLine(br, &budget)
	if err != nil {
		return nil, err
	}
	resp := &http.Response{Request: req, ContentLength: -1}
	proto, status, ok := bytes.Cut(line, []byte{' '})
	if !ok {
		return nil, fmt.Errorf("malformed HTTP response %q", line)
	}
	status = bytes.TrimLeft(status, " ")
	code, _, _ := bytes.Cut(status, []byte{' '})
	if resp.StatusCode, ok = statusCode(code); !ok {
		return nil, fmt.Errorf("malformed HTTP status code %q", code)
	}
	switch string(proto) {
	case "HTTP/1.1":
		resp.Proto, resp.ProtoMajor, resp.ProtoMinor = "HTTP/1.1", 1, 1
	case "HTTP/1.0":
		resp.Proto, resp.ProtoMajor, resp.ProtoMinor = "HTTP/1.0", 1, 0
	default:
		return nil, fmt.Errorf("unsupported HTTP version %q: the wave speaks HTTP/1.1", proto)
	}
	resp.Status = statusText(status)
	if resp.Header, err = readHeader(br, &budget); err != nil {
		return nil, err
	}
	h := resp.Header
	if p, ok := h["Pragma"]; ok && len(p) > 0 && p[0] == "no-cache" {
		if _, ok := h["Cache-Control"]; !ok {
			h["Cache-Control"] = []string{"no-cache"}
		}
	}
	return resp, frame(resp, br, req.Method == http.MethodHead)
}

// statusCode reads a three-character status code as net/http does, with
// strconv.Atoi: a sign is allowed, a negative value is not.
func statusCode(b []byte) (int, bool) {
	if len(b) != 3 {
		return 0, false
	}
	digits, neg := b, false
	switch b[0] {
	case '+':
		digits = b[1:]
	case '-':
		digits, neg = b[1:], true
	}
	n := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg && n != 0 {
		return 0, false
	}
	return n, true
}

// frame sets resp's Body, ContentLength, TransferEncoding, Trailer and Close
// from its header, as net/http's readTransfer does for an answer.
func frame(resp *http.Response, br *bufio.Reader, head bool) error {
	h := resp.Header
	conn := h["Connection"]
	hasClose := hasToken(conn, "close")
	if resp.ProtoMinor == 0 {
		resp.Close = hasClose || !hasToken(conn, "keep-alive")
	} else if resp.Close = hasClose; hasClose {
		delete(h, "Connection")
	}
	chunked := false
	if te, ok := h["Transfer-Encoding"]; ok {
		delete(h, "Transfer-Encoding")
		if resp.ProtoMinor == 1 {
			if len(te) != 1 {
				return fmt.Errorf("too many transfer encodings: %q", te)
			}
			if !asciiEqualFold(te[0], "chunked") {
				return fmt.Errorf("unsupported transfer encoding: %q", te[0])
			}
			chunked = true
		}
	}
	cl := h["Content-Length"]
	if len(cl) > 1 {
		first := strings.Trim(cl[0], " \t")
		for _, v := range cl[1:] {
			if strings.Trim(v, " \t") != first {
				return fmt.Errorf("message cannot contain multiple Content-Length headers; got %q", cl)
			}
		}
		cl = []string{first}
		h["Content-Length"] = cl
	}
	n := int64(-1)
	if len(cl) > 0 {
		v := strings.Trim(cl[0], " \t")
		if v == "" {
			return errors.New("invalid empty Content-Length")
		}
		u, err := strconv.ParseUint(v, 10, 63)
		if err != nil {
			return fmt.Errorf("bad Content-Length %q", v)
		}
		n = int64(u)
	}
	bodyAllowed := resp.StatusCode/100 != 1 && resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusNotModified
	length := int64(-1)
	switch {
	case head || !bodyAllowed:
		length = 0
	case chunked:
		delete(h, "Content-Length")
	case n >= 0:
		length = n
	}
	resp.ContentLength = length
	if head {
		resp.ContentLength = n
	}
	if tr, ok := h["Trailer"]; ok && chunked {
		delete(h, "Trailer")
		trailer := http.Header{}
		for _, v := range tr {
			for k := range strings.SplitSeq(v, ",") {
				if k = textproto.TrimString(k); k == "" {
					continue
				}
				switch k = http.CanonicalHeaderKey(k); k {
				case "Transfer-Encoding", "Trailer", "Content-Length":
					return fmt.Errorf("bad trailer key %q", k)
				}
				trailer[k] = nil
			}
		}
		if len(trailer) > 0 {
			resp.Trailer = trailer
		}
	}
	if length == -1 && !chunked && bodyAllowed {
		resp.Close = true // the body ends when the server closes
	}
	if chunked {
		resp.TransferEncoding = []string{"chunked"}
	}
	switch {
	case chunked && (head || !bodyAllowed):
		resp.Body = http.NoBody
	case chunked:
		resp.Body = &chunkedBody{br: br, r: httputil.NewChunkedReader(br)}
	case length == 0:
		resp.Body = http.NoBody
	case length > 0:
		resp.Body = &sizedBody{br: br, n: length}
	case resp.Close:
		resp.Body = io.NopCloser(br)
	default:
		resp.Body = http.NoBody
	}
	return nil
}

// readLine reads one line without its LF or CRLF, charging it to budget.
// The line is valid until the next read from br.
func readLine(br *bufio.Reader, budget *int) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	var long []byte
	for errors.Is(err, bufio.ErrBufferFull) {
		if *budget -= len(line); *budget < 0 {
			return nil, fmt.Errorf("answer head larger than %d bytes", maxHeadBytes)
		}
		long = append(long, line...)
		line, err = br.ReadSlice('\n')
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if *budget -= len(line); *budget < 0 {
		return nil, fmt.Errorf("answer head larger than %d bytes", maxHeadBytes)
	}
	if long != nil {
		line = append(long, line...)
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}

// readHeader reads header fields up to the empty line that ends them, as
// textproto.Reader.ReadMIMEHeader does: obsolete line folding joins lines
// with one space, and a malformed line is an error.
func readHeader(br *bufio.Reader, budget *int) (http.Header, error) {
	h := make(http.Header, 8)
	if b, err := br.Peek(1); err == nil && (b[0] == ' ' || b[0] == '\t') {
		line, _ := readLine(br, budget)
		return nil, fmt.Errorf("malformed MIME header initial line: %q", line)
	}
	var kv []byte // the field being read; a copy, since peeking may move br's buffer
	for {
		line, err := readLine(br, budget)
		if err != nil {
			return nil, err
		}
		if len(line) == 0 {
			return h, nil
		}
		if bytes.IndexByte(line, ':') < 0 {
			return nil, fmt.Errorf("malformed MIME header: missing colon: %q", line)
		}
		kv = append(kv[:0], trimSpace(line)...)
		for {
			if b, err := br.Peek(1); err != nil || (b[0] != ' ' && b[0] != '\t') {
				break
			}
			for b, err := br.Peek(1); err == nil && (b[0] == ' ' || b[0] == '\t'); b, err = br.Peek(1) {
				br.ReadByte()
			}
			kv = append(kv, ' ')
			next, err := readLine(br, budget)
			if err != nil {
				break
			}
			kv = append(kv, trimSpace(next)...)
		}
		k, v, _ := bytes.Cut(kv, []byte{':'})
		key, ok := headerKey(k)
		if !ok {
			return nil, fmt.Errorf("malformed MIME header line: %q", kv)
		}
		for _, c := range v {
			if c < ' ' && c != '\t' || c == 0x7f {
				return nil, fmt.Errorf("malformed MIME header line: %q", kv)
			}
		}
		h[key] = append(h[key], string(bytes.TrimLeft(v, " \t")))
	}
}

// headerKey is the canonical form of field name k, as textproto gives it: a
// name with a space is kept as it is, one with another byte outside a token
// is malformed.
func headerKey(k []byte) (string, bool) {
	if len(k) == 0 {
		return "", false
	}
	space := false
	for _, c := range k {
		switch {
		case c == ' ':
			space = true
		case c >= 0x80 || !tokenByte[c]:
			return "", false
		}
	}
	if space {
		return string(k), true
	}
	return canonicalKey(k), true
}

// tokenByte marks the bytes of an RFC 9110 token.
var tokenByte = func() (t [0x80]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

// canonicalKey is textproto.CanonicalMIMEHeaderKey, without an allocation
// for the fields SCIM servers send most.
func canonicalKey(k []byte) string {
	switch string(k) {
	case "Content-Type":
		return "Content-Type"
	case "Content-Length":
		return "Content-Length"
	case "Date":
		return "Date"
	case "Etag":
		return "Etag"
	case "Location":
		return "Location"
	case "Connection":
		return "Connection"
	case "Transfer-Encoding":
		return "Transfer-Encoding"
	case "Content-Encoding":
		return "Content-Encoding"
	case "Retry-After":
		return "Retry-After"
	case "Server":
		return "Server"
	}
	return textproto.CanonicalMIMEHeaderKey(string(k))
}

// statusText is string(s), without an allocation for the common answers.
func statusText(s []byte) string {
	switch string(s) {
	case "200 OK":
		return "200 OK"
	case "201 Created":
		return "201 Created"
	case "204 No Content":
		return "204 No Content"
	case "404 Not Found":
		return "404 Not Found"
	case "409 Conflict":
		return "409 Conflict"
	case "429 Too Many Requests":
		return "429 Too Many Requests"
	}
	return string(s)
}

func trimSpace(b []byte) []byte { return bytes.Trim(b, " \t") }

// hasToken reports whether the comma-separated values hold token t, in any
// ASCII case, as httpguts.HeaderValuesContainsToken does.
func hasToken(values []string, t string) bool {
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			if asciiEqualFold(strings.Trim(part, " \t"), t) {
				return true
			}
		}
	}
	return false
}

// asciiEqualFold is strings.EqualFold for ASCII letters only, as HTTP
// compares tokens.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// sizedBody is a body of a known length; the connection ending before it is
// io.ErrUnexpectedEOF.
type sizedBody struct {
	br *bufio.Reader
	n  int64
}

func (b *sizedBody) Read(p []byte) (int, error) {
	if b.n == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.br.Read(p)
	b.n -= int64(n)
	if err == io.EOF {
		if b.n > 0 {
			return n, io.ErrUnexpectedEOF
		}
		err = nil
	}
	if err == nil && b.n == 0 {
		err = io.EOF
	}
	return n, err
}

func (b *sizedBody) Close() error { return nil }

// chunkedBody is a chunked body; after its last chunk the trailer section
// is read and dropped, so that the connection is ready for the next answer.
type chunkedBody struct {
	br   *bufio.Reader
	r    io.Reader
	done bool
}

func (b *chunkedBody) Read(p []byte) (int, error) {
	if b.done {
		return 0, io.EOF
	}
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.done = true
		budget := maxHeadBytes
		if _, terr := readHeader(b.br, &budget); terr != nil {
			return n, fmt.Errorf("reading the chunked body's trailer: %w", terr)
		}
	}
	return n, err
}

func (b *chunkedBody) Close() error { return nil }
