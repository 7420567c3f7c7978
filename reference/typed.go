package reference

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// sameTyped reports whether a and b are the same (type, value) combination,
// which RFC 7643 section 2.4 says a server SHOULD NOT return twice. Both are
// compared case-insensitively: the schema's value and type are not caseExact.
func sameTyped(a, b store.TypedValue) bool {
	return strings.EqualFold(a.Value, b.Value) && strings.EqualFold(a.Type, b.Type)
}

// typedList is the list a POST or PUT sends for attr (emails,
// phoneNumbers): at most one primary (RFC 7643 section 2.4: "MUST appear no
// more than once", 400 invalidValue otherwise), and a repeated (type, value)
// kept once, primary if either was.
func typedList(in []typedInput, attr string) ([]store.TypedValue, *scimError) {
	out := make([]store.TypedValue, 0, len(in))
	primaries := 0
	for _, e := range in {
		v := store.TypedValue{Value: e.Value, Type: e.Type, Primary: bool(e.Primary)}
		if v.Primary {
			primaries++
		}
		out = addTyped(out, v)
	}
	if primaries > 1 {
		return nil, errorf(http.StatusBadRequest, typeInvalidValue,
			"%s has %d values with primary true: at most one may be primary (RFC 7643 section 2.4)", attr, primaries)
	}
	return out, nil
}

// addTyped adds v to list, or merges it into the value with its (type,
// value) (v's primary wins when true).
func addTyped(list []store.TypedValue, v store.TypedValue) []store.TypedValue {
	for i := range list {
		if sameTyped(list[i], v) {
			list[i].Primary = list[i].Primary || v.Primary
			return list
		}
	}
	return append(list, v)
}

// onePrimary keeps the primary flag of list[keep] only (RFC 7644 section
// 3.5.2: a PATCH that makes a value primary makes every other value not
// primary).
func onePrimary(list []store.TypedValue, keep int) {
	for i := range list {
		if i != keep {
			list[i].Primary = false
		}
	}
}

// patchTyped applies op to list, the values of attr (emails, phoneNumbers),
// and returns the new list; list itself is not changed. Paths:
//
//   - attr: add appends the values given, replace sets them, remove clears
//     the attribute;
//   - attr.sub (no filter): add and replace set sub of every value (of a new
//     one when there is none), remove clears sub of every value;
//   - attr[filter]: replace and add merge the sub-attributes given into each
//     matching value, remove drops the matching values;
//   - attr[filter].sub: replace and add set sub of each matching value,
//     remove clears it (clearing value drops the value).
//
// A replace or add whose filter matches no value is 400 noTarget (RFC 7644
// section 3.5.2.3); a remove that matches none changes nothing. Whatever the
// operation makes primary is the only primary value, and a value that ends
// up with the (type, value) of another is merged into it.
func patchTyped(list []store.TypedValue, op *patchOp, attr string) ([]store.TypedValue, *scimError) {
	p := &op.path
	out := append([]store.TypedValue(nil), list...)
	sub := p.Sub
	if p.Filter == nil {
		sub = p.Attr.Sub
	}
	if p.Filter == nil && sub == "" {
		if op.kind == opRemove {
			return nil, nil
		}
		in, err := decodeList[typedInput](op.value, attr)
		if err != nil {
			return nil, err
		}
		given, err := typedList(in, attr)
		if err != nil {
			return nil, err
		}
		if op.kind == opReplace {
			out = nil
		}
		for _, v := range given {
			out = addTyped(out, v)
			if v.Primary {
				onePrimary(out, indexTyped(out, v))
			}
		}
		return out, nil
	}
	match := func(store.TypedValue) bool { return true }
	if p.Filter != nil {
		pred, err := compile(typedFilterSchema(attr), p.Filter, matchOpts{})
		if err != nil {
			return nil, err
		}
		match = pred
	}
	var hits []int
	for i, v := range out {
		if match(v) {
			hits = append(hits, i)
		}
	}
	if op.kind == opRemove {
		kept := out[:0]
		for i, v := range out {
			if !slices.Contains(hits, i) {
				kept = append(kept, v)
				continue
			}
			switch sub {
			case "", "value":
				continue // the value goes
			case "type":
				v.Type = ""
			case "primary":
				v.Primary = false
			case "display":
			default:
				return nil, errorf(http.StatusBadRequest, typeInvalidPath, "%q: %s has no sub-attribute %q", p.Text, attr, sub)
			}
			kept = append(kept, v)
		}
		return dedupeTyped(kept), nil
	}
	if len(hits) == 0 {
		if p.Filter != nil || sub != "value" {
			return nil, errorf(http.StatusBadRequest, typeNoTarget, "%q matches no value of %s", p.Text, attr)
		}
		out = append(out, store.TypedValue{}) // attr.value on an empty attribute: its first value
		hits = []int{0}
	}
	set, err := typedChange(op.value, sub, p.Text)
	if err != nil {
		return nil, err
	}
	primary := -1
	for _, i := range hits {
		set(&out[i])
		if out[i].Primary {
			primary = i
		}
	}
	if primary >= 0 {
		onePrimary(out, primary)
	}
	if primaries(out) > 1 {
		return nil, errorf(http.StatusBadRequest, typeInvalidValue, "%q would make more than one %s value primary", p.Text, attr)
	}
	return dedupeTyped(out), nil
}

// typedChange reads the value of an add or replace of sub (or, with sub "",
// of an object of sub-attributes) into a function that applies it.
func typedChange(raw json.RawMessage, sub, path string) (func(*store.TypedValue), *scimError) {
	switch sub {
	case "value", "type":
		s, err := decodeString(raw, path)
		if err != nil {
			return nil, err
		}
		if sub == "value" {
			return func(v *store.TypedValue) { v.Value = s }, nil
		}
		return func(v *store.TypedValue) { v.Type = s }, nil
	case "primary":
		b, err := decodeBool(raw, path)
		if err != nil {
			return nil, err
		}
		return func(v *store.TypedValue) { v.Primary = b }, nil
	case "display":
		if _, err := decodeString(raw, path); err != nil {
			return nil, err
		}
		return func(*store.TypedValue) {}, nil
	case "":
		type subs struct {
			Value   *string   `json:"value"`
			Type    *string   `json:"type"`
			Display *string   `json:"display"`
			Primary *flexBool `json:"primary"`
		}
		list, err := decodeList[subs](raw, path) // an object, or a list of one
		if err != nil {
			return nil, err
		}
		if len(list) != 1 {
			return nil, errorf(http.StatusBadRequest, typeInvalidValue, "the value for %s must be one object of value, type and primary", path)
		}
		in := list[0]
		return func(v *store.TypedValue) {
			if in.Value != nil {
				v.Value = *in.Value
			}
			if in.Type != nil {
				v.Type = *in.Type
			}
			if in.Primary != nil {
				v.Primary = bool(*in.Primary)
			}
		}, nil
	}
	return nil, errorf(http.StatusBadRequest, typeInvalidPath, "%q names no sub-attribute of value, type, primary and display", path)
}

func indexTyped(list []store.TypedValue, v store.TypedValue) int {
	for i := range list {
		if sameTyped(list[i], v) {
			return i
		}
	}
	return -1
}

func primaries(list []store.TypedValue) int {
	n := 0
	for _, v := range list {
		if v.Primary {
			n++
		}
	}
	return n
}

// dedupeTyped merges the values that share a (type, value).
func dedupeTyped(list []store.TypedValue) []store.TypedValue {
	out := list[:0:0]
	for _, v := range list {
		out = addTyped(out, v)
	}
	return out
}
