package mockokta

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/scimharness/scimharness/internal/jsonenc"
)

// appendJSON appends v compactly, object keys sorted and without HTML
// escaping, as encodeJSON does but without reflection: v is a value decoded
// with UseNumber (maps, slices, strings, json.Number, booleans, nil) or holds
// Okta's pre-encoded attribute values (json.RawMessage). Any other type goes
// through encodeJSON.
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		if v {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case string:
		return jsonenc.AppendString(b, v)
	case json.Number:
		if v == "" {
			return append(b, '0') // as encoding/json writes an empty Number
		}
		return append(b, v...)
	case json.RawMessage:
		buf := bytes.NewBuffer(b)
		if err := json.Compact(buf, v); err != nil {
			return append(buf.Bytes()[:len(b)], encodeJSON(v)...) // encodeJSON reports it
		}
		return buf.Bytes()
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonenc.AppendString(b, k)
			b = append(b, ':')
			b = appendJSON(b, v[k])
		}
		return append(b, '}')
	}
	return append(b, encodeJSON(v)...)
}
