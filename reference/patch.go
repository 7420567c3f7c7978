package reference

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/rules"
	"github.com/scimharness/scimharness/reference/internal/scimfilter"
)

// opKind is a PATCH operation (RFC 7644 section 3.5.2).
type opKind uint8

const (
	opAdd opKind = iota
	opRemove
	opReplace
)

// patchOp is one decoded operation with a parsed path. A no-path operation
// (Okta's {"op":"replace","value":{"active":false}}) is expanded into one patchOp
// per attribute of its value, each with noPath set.
type patchOp struct {
	kind   opKind
	path   scimfilter.Path
	key    string // the target: "active", "name.givenname", "members", "enterprise:department", "enterprise"…
	value  json.RawMessage
	noPath bool
}

type patchBody struct {
	Schemas    []string `json:"schemas"`
	Operations []struct {
		Op    string          `json:"op"`
		Path  string          `json:"path"`
		Value json.RawMessage `json:"value"`
	} `json:"Operations"`
}

// decodePatch reads a PatchOp body.
func (c *call) decodePatch() ([]patchOp, *scimError) {
	body, err := c.readBody()
	if err != nil {
		return nil, err
	}
	defer putBuf(body)
	return parsePatch(body.b, &c.s.rules)
}

func parsePatch(data []byte, rule *rules.Rules) ([]patchOp, *scimError) {
	var in patchBody
	if err := decodeJSON(data, &in); err != nil {
		return nil, err
	}
	if err := checkSchemas(in.Schemas, patchSchema); err != nil {
		return nil, err
	}
	if len(in.Operations) == 0 {
		return nil, errorf(http.StatusBadRequest, typeInvalidSyntax, "the PATCH has no Operations: send at least one add, remove or replace")
	}
	var ops []patchOp
	for i, o := range in.Operations {
		var kind opKind
		switch strings.ToLower(o.Op) {
		case "add":
			kind = opAdd
		case "remove":
			kind = opRemove
		case "replace":
			kind = opReplace
		default:
			return nil, errorf(http.StatusBadRequest, typeInvalidSyntax, "Operations[%d].op %q is not add, remove or replace", i, o.Op)
		}
		if strings.TrimSpace(o.Path) != "" {
			p, err := scimfilter.ParsePath(strings.TrimSpace(o.Path))
			if err != nil {
				return nil, errorf(http.StatusBadRequest, typeInvalidPath, "Operations[%d]: %s", i, err)
			}
			if kind != opRemove && isNull(o.Value) {
				return nil, errorf(http.StatusBadRequest, typeInvalidValue, "Operations[%d] (%s %s) has no value", i, o.Op, o.Path)
			}
			ops = append(ops, patchOp{kind: kind, path: p, key: pathKey(p.Attr), value: o.Value})
			continue
		}
		if kind == opRemove {
			return nil, errorf(http.StatusBadRequest, typeNoTarget, "Operations[%d] is a remove without a path: say what to remove", i)
		}
		if !rule.Patch.NoPath {
			continue
		}
		expanded, err := expandNoPath(i, kind, o.Value)
		if err != nil {
			return nil, err
		}
		ops = append(ops, expanded...)
	}
	return ops, nil
}

func isNull(v json.RawMessage) bool {
	v = bytes.TrimSpace(v)
	return len(v) == 0 || string(v) == "null"
}

// expandNoPath turns an operation without a path into one operation per
// attribute of its object value (RFC 7644 section 3.5.2.1 and 3.5.2.3).
func expandNoPath(i int, kind opKind, value json.RawMessage) ([]patchOp, *scimError) {
	var attrs map[string]json.RawMessage
	if err := json.Unmarshal(value, &attrs); err != nil || attrs == nil {
		return nil, errorf(http.StatusBadRequest, typeInvalidValue,
			"Operations[%d] has no path, so its value must be a JSON object of attributes, such as {\"active\":false}", i)
	}
	ops := make([]patchOp, 0, len(attrs))
	for name, v := range attrs {
		p, err := scimfilter.ParsePath(name)
		if err != nil {
			return nil, errorf(http.StatusBadRequest, typeInvalidPath, "Operations[%d].value has the attribute %q, which is not an attribute name", i, name)
		}
		ops = append(ops, patchOp{kind: kind, path: p, key: pathKey(p.Attr), value: v, noPath: true})
	}
	// A deterministic order, so that the same request always fails the same way.
	slices.SortFunc(ops, func(a, b patchOp) int { return strings.Compare(a.path.Text, b.path.Text) })
	return ops, nil
}

// pathKey names an attribute path's target without its URN: "enterprise:x" for
// the enterprise extension, "enterprise" for the whole extension, "urn:…" for an
// unknown schema, the lower-cased name (and .sub) for the core schemas.
func pathKey(a scimfilter.AttrPath) string {
	switch a.URN {
	case "", lower(userSchema), lower(groupSchema):
		return a.Key()
	case lower(enterpriseSchema):
		return "enterprise:" + a.Key()
	case lower(customSchema):
		return "custom:" + a.Key()
	}
	if a.Sub == "" && a.URN+":"+a.Name == lower(enterpriseSchema) {
		return "enterprise"
	}
	if a.Sub == "" && a.URN+":"+a.Name == lower(customSchema) {
		return "custom"
	}
	return a.URN + ":" + a.Key()
}

// decodeString reads a string value; null reads as "".
func decodeString(v json.RawMessage, attr string) (string, *scimError) {
	if isNull(v) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", errorf(http.StatusBadRequest, typeInvalidValue, "the value for %s must be a string, not %s", attr, abbreviate(v))
	}
	return s, nil
}

func decodeBool(v json.RawMessage, attr string) (bool, *scimError) {
	b, err := parseBool(bytes.TrimSpace(v))
	if err != nil {
		return false, errorf(http.StatusBadRequest, typeInvalidValue, "the value for %s must be true or false, not %s", attr, abbreviate(v))
	}
	return b, nil
}

// decodeList reads an array of T, or a single T as a list of one.
func decodeList[T any](v json.RawMessage, attr string) ([]T, *scimError) {
	v = bytes.TrimSpace(v)
	if isNull(v) {
		return nil, nil
	}
	if v[0] == '{' {
		var one T
		if err := json.Unmarshal(v, &one); err != nil {
			return nil, errorf(http.StatusBadRequest, typeInvalidValue, "the value for %s is not valid: %v", attr, err)
		}
		return []T{one}, nil
	}
	var list []T
	if err := json.Unmarshal(v, &list); err != nil {
		return nil, errorf(http.StatusBadRequest, typeInvalidValue, "the value for %s must be an array of objects: %v", attr, err)
	}
	return list, nil
}

func abbreviate(v json.RawMessage) string {
	s := string(bytes.TrimSpace(v))
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}
