package mockokta

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzAppendJSON: for any JSON value decoded as the org decodes a server's
// answer, appendJSON writes what encodeJSON (encoding/json) writes. The one
// difference allowed is the spelling of U+0008 and U+000C, which jsonenc
// writes as \u0008 and \u000c and encoding/json as \b and \f: there the two
// must decode to the same value.
func FuzzAppendJSON(f *testing.F) {
	for _, s := range []string{
		aliceSCIM, engSCIM, `{}`, `[]`, `null`, `true`, `-1.5e3`, `"a\u2028b"`, `{"b":1,"a":[1,"x",null,{"z":false,"y":0}]}`,
		`{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"0042"}},"name":{"givenName":"<&>"}}`,
		`{"s":"\b\f\n\r\t\u0001\"\\/"}`, `{"big":123456789012345678901234567890,"e":1E+2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		dec := json.NewDecoder(bytes.NewReader(in))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return
		}
		got, want := appendJSON(nil, v), encodeJSON(v)
		if bytes.Equal(got, want) {
			return
		}
		if !bytes.Contains(want, []byte(`\b`)) && !bytes.Contains(want, []byte(`\f`)) {
			t.Fatalf("appendJSON(%s)\n got %s\nwant %s", in, got, want)
		}
		var a, b any
		if err := json.Unmarshal(got, &a); err != nil {
			t.Fatalf("appendJSON(%s) = %s: not JSON: %v", in, got, err)
		}
		json.Unmarshal(want, &b)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("appendJSON(%s) = %s, which reads back unlike %s", in, got, want)
		}
	})
}

// TestAppendJSONRawMessage: Okta's pre-encoded attribute values are written
// compactly, as encoding/json writes them.
func TestAppendJSONRawMessage(t *testing.T) {
	v := map[string]any{"title": json.RawMessage(`"Staff Engineer"`), "phones": json.RawMessage(`[ {"value": "+1", "type":"work"} ]`)}
	if got, want := string(appendJSON(nil, v)), string(encodeJSON(v)); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
