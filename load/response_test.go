package load

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// parsed is what a reader made of an answer: its head, its body, and what it
// left on the connection for the next answer.
type parsed struct {
	err           bool
	status        int
	statusText    string
	proto         string
	header        http.Header
	contentLength int64
	te            []string
	trailerKeys   []string
	close         bool
	body          string
	bodyErr       bool
	rest          string
}

func (p parsed) String() string {
	return fmt.Sprintf("err %v status %d %q %s header %v length %d te %v trailer %v close %v body %q (err %v) rest %q",
		p.err, p.status, p.statusText, p.proto, p.header, p.contentLength, p.te, p.trailerKeys, p.close, p.body, p.bodyErr, p.rest)
}

func parseWith(read func(*bufio.Reader, *http.Request) (*http.Response, error), raw []byte, method string) parsed {
	br := bufio.NewReaderSize(bytes.NewReader(raw), 64)
	req, _ := http.NewRequest(method, "http://x/", nil)
	resp, err := read(br, req)
	if err != nil {
		return parsed{err: true}
	}
	p := parsed{status: resp.StatusCode, statusText: resp.Status, proto: resp.Proto, header: resp.Header,
		contentLength: resp.ContentLength, te: resp.TransferEncoding, close: resp.Close}
	for k := range resp.Trailer {
		p.trailerKeys = append(p.trailerKeys, k)
	}
	b, err := io.ReadAll(resp.Body)
	p.body, p.bodyErr = string(b), err != nil
	rest, _ := io.ReadAll(br)
	p.rest = string(rest)
	return p
}

// agree reports whether readResponse's reading of raw is http.ReadResponse's.
// readResponse may refuse what net/http takes only where it says so: another
// protocol than HTTP/1.0 or 1.1. It may take a chunked body's trailer that
// net/http refuses (a bare LF ending it), since the connection is then
// still in step.
func agree(t *testing.T, raw []byte, method string) {
	t.Helper()
	want := parseWith(http.ReadResponse, raw, method)
	got := parseWith(readResponse, raw, method)
	if want.err {
		return // a stricter net/http: nothing to hold readResponse to
	}
	if got.err {
		if !bytes.HasPrefix(raw, []byte("HTTP/1.1 ")) && !bytes.HasPrefix(raw, []byte("HTTP/1.0 ")) {
			return
		}
		t.Fatalf("readResponse refuses what net/http reads:\n%q\nnet/http: %v", raw, want)
	}
	if want.bodyErr && !got.bodyErr {
		return
	}
	if want.bodyErr && got.bodyErr {
		// A connection whose body failed is closed: only the heads count.
		want.body, want.rest, got.body, got.rest = "", "", "", ""
	}
	want.trailerKeys, got.trailerKeys = sorted(want.trailerKeys), sorted(got.trailerKeys)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("readResponse differs from net/http on\n%q\n got %v\nwant %v", raw, got, want)
	}
}

func sorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// responseSeeds are answers of every framing and the malformed ones a
// misbehaving server sends, each followed by a second answer so that what
// the reader leaves on the connection is checked too.
var responseSeeds = []string{
	"HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nContent-Length: 5\r\n\r\nhello",
	"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n",
	"HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n",
	"HTTP/1.1 304 Not Modified\r\nEtag: W/\"1\"\r\n\r\n",
	"HTTP/1.1 100 Continue\r\n\r\n",
	"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end",
	"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
	"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc",
	"HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\nabc",
	"HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
	"HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\nx",
	"HTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\n\tthree\r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 200 OK\r\n Leading: space\r\n\r\n",
	"HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
	"HTTP/1.1 200 OK\r\nBad Key: x\r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nBad\x01Key: x\r\n\r\n",
	"HTTP/1.1 200 OK\r\nX: bad\x00value\r\n\r\n",
	"HTTP/1.1 200 OK\r\nX: caf\xc3\xa9\r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 200 OK\nContent-Length: 1\n\nx",
	"HTTP/1.1 +20 Odd\r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 2000 OK\r\n\r\n",
	"HTTP/1.1 abc OK\r\n\r\n",
	"HTTP/1.1  200   spaced   reason \r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
	"HTTP/2.0 200 OK\r\n\r\n",
	"HTTP/1.1 200 OK\r\nPragma: no-cache\r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nconnection: Close\r\ncontent-length: 1\r\n\r\nx",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Content-Length\r\n\r\n0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nX-Long: " + strings.Repeat("v", 300) + "\r\nContent-Length: 0\r\n\r\n",
	"",
	"HTTP/1.1 200 OK",
	"garbage\r\n\r\n",
}

const nextAnswer = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"

func TestReadResponseAgreesWithNetHTTP(t *testing.T) {
	for _, seed := range responseSeeds {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			agree(t, []byte(seed+nextAnswer), method)
			agree(t, []byte(seed), method)
		}
	}
}

// FuzzReadResponse holds readResponse to http.ReadResponse on any bytes a
// server may send.
func FuzzReadResponse(f *testing.F) {
	for _, seed := range responseSeeds {
		f.Add([]byte(seed+nextAnswer), false)
	}
	f.Fuzz(func(t *testing.T, raw []byte, head bool) {
		method := http.MethodGet
		if head {
			method = http.MethodHead
		}
		agree(t, raw, method)
	})
}
