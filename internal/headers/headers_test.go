package headers

import (
	"net/http"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	var b strings.Builder
	Write(&b, http.Header{"Content-Type": {"application/scim+json"}, "Accept": {"a", "b"}})
	if want := "Accept: a\nAccept: b\nContent-Type: application/scim+json\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	if Write(&b, nil); b.Len() != 0 {
		t.Errorf("no header: got %q", b.String())
	}
}
