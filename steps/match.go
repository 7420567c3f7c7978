package steps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/reports"
)

// A predicate is what a step expects of one JSON value, written after the
// path: `is "Alicia"`, `is absent`, `is absent or empty`, `is not empty`, `is a number`,
// `is 404 as text or number`, `contains {"op": "add"}`, `does not contain "x"`,
// `has 2 items`. Values are JSON, after the scenario's placeholders.
type predicate struct {
	text string // as written, for messages
	op   string // "is", "contains", "does not contain", "has"
	kind string // for "is": "value", "absent", "absent or empty", "present", "not empty", "number", "string", "boolean", "array", "object", "text or number"
	want any    // the decoded JSON value
	n    int    // for "has"
}

var (
	rxHas      = regexp.MustCompile(`^has (\d+) items?$`)
	rxTextOrNr = regexp.MustCompile(`^is (-?\d+) as text or number$`)
)

var kinds = map[string]string{
	"is absent": "absent",
	// An emptied attribute may be left out or returned empty: null, "",
	// [] or {} (docs/okta-entitlements-and-schema.md §6).
	"is absent or empty": "absent or empty",
	"is present":         "present",
	"is not empty":       "not empty",
	"is a number":        "number",
	"is a string":        "string",
	"is a boolean":       "boolean",
	"is an array":        "array",
	"is an object":       "object",
}

// parsePredicate reads a predicate whose JSON value has already had its
// placeholders expanded.
func parsePredicate(s string) (predicate, error) {
	p := predicate{text: s}
	if k, ok := kinds[s]; ok {
		p.op, p.kind = "is", k
		return p, nil
	}
	if m := rxHas.FindStringSubmatch(s); m != nil {
		p.op = "has"
		p.n, _ = strconv.Atoi(m[1])
		return p, nil
	}
	if m := rxTextOrNr.FindStringSubmatch(s); m != nil {
		p.op, p.kind, p.want = "is", "text or number", m[1]
		return p, nil
	}
	var raw string
	switch {
	case strings.HasPrefix(s, "is "):
		p.op, p.kind, raw = "is", "value", s[len("is "):]
	case strings.HasPrefix(s, "contains "):
		p.op, raw = "contains", s[len("contains "):]
	case strings.HasPrefix(s, "does not contain "):
		p.op, raw = "does not contain", s[len("does not contain "):]
	default:
		return p, fmt.Errorf("expected `is <JSON value>`, `is absent`, `is absent or empty`, `is not empty`, `is a number|string|boolean`, `contains <JSON value>`, `does not contain <JSON value>` or `has <n> items`, got %q", s)
	}
	v, err := decodeJSON(raw)
	if err != nil {
		return p, fmt.Errorf("%q: the expected value is not JSON (strings need quotes): %w", s, err)
	}
	p.want = v
	return p, nil
}

func decodeJSON(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

// check applies p to the value at path in doc, a valid JSON document. The
// error says what was expected and what was found.
func (p predicate) check(doc gjson.Result, path string) error {
	r := doc.Get(path)
	shown := shownValue(path, r)
	if p.op == "is" && p.kind == "absent" {
		if r.Exists() && r.Type != gjson.Null {
			return fmt.Errorf("%s: expected no value, got %s", path, shown)
		}
		return nil
	}
	if p.op == "is" && p.kind == "absent or empty" {
		if r.Exists() && !isEmpty(r) {
			return fmt.Errorf("%s: expected no value or an empty one, got %s", path, shown)
		}
		return nil
	}
	if !r.Exists() {
		return fmt.Errorf("%s: expected a value that %s, got none%s", path, p.text, caseHint(doc, path))
	}
	switch p.op {
	case "has":
		if !r.IsArray() {
			return fmt.Errorf("%s: expected an array of %d items, got %s", path, p.n, shown)
		}
		if n := len(r.Array()); n != p.n {
			return fmt.Errorf("%s: expected %d items, got %d: %s", path, p.n, n, shown)
		}
		return nil
	case "contains", "does not contain":
		found, err := contains(r, p.want, shown)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if found != (p.op == "contains") {
			return fmt.Errorf("%s: expected it %s %s, got %s", path, p.op, compact(p.want), shown)
		}
		return nil
	}
	ok := false
	switch p.kind {
	case "present":
		ok = r.Type != gjson.Null
	case "not empty":
		ok = !isEmpty(r)
	case "number":
		ok = r.Type == gjson.Number
	case "string":
		ok = r.Type == gjson.String
	case "boolean":
		ok = r.Type == gjson.True || r.Type == gjson.False
	case "array":
		ok = r.IsArray()
	case "object":
		ok = r.IsObject()
	case "text or number":
		ok = (r.Type == gjson.String || r.Type == gjson.Number) && r.String() == p.want
	case "value":
		got, err := decodeJSON(r.Raw)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		ok = jsonEqual(got, p.want)
	}
	if !ok {
		return fmt.Errorf("%s: expected it %s, got %s", path, p.text, shown)
	}
	return nil
}

// isEmpty reports whether a value is null, "", [] or {}.
func isEmpty(r gjson.Result) bool {
	return r.Type == gjson.Null || r.Type == gjson.String && r.Str == "" ||
		r.IsArray() && len(r.Array()) == 0 || r.IsObject() && len(r.Map()) == 0
}

// shownValue is a value as failure messages show it: "[redacted]" at a path
// whose last segment is a password (password, newPassword, in any case), and
// within any other value every password's value redacted (reports.Redact),
// so that a password Okta sent never reaches a console or a report.
func shownValue(path string, r gjson.Result) string {
	if isPasswordPath(path) {
		return `"` + redact.Marker + `"`
	}
	return reports.Redact(r.Raw)
}

// isPasswordPath reports whether the last segment of a gjson path names a
// password (redact.IsPasswordKey: it ends in "password", in any case).
func isPasswordPath(path string) bool {
	return redact.IsPasswordKey(path[strings.LastIndexByte(path, '.')+1:])
}

// contains reports whether an array holds an element that matches want
// (objects partially: every key of want, recursively), or whether a string
// holds want as a substring.
func contains(r gjson.Result, want any, shown string) (bool, error) {
	switch {
	case r.IsArray():
		for _, el := range r.Array() {
			got, err := decodeJSON(el.Raw)
			if err != nil {
				return false, err
			}
			if partial(got, want) {
				return true, nil
			}
		}
		return false, nil
	case r.Type == gjson.String:
		s, ok := want.(string)
		if !ok {
			return false, fmt.Errorf("a string can only contain a string, not %s", compact(want))
		}
		return strings.Contains(r.Str, s), nil
	}
	return false, fmt.Errorf("expected an array or a string, got %s", shown)
}

// partial matches got against want: objects by want's keys, the rest exactly.
func partial(got, want any) bool {
	wm, ok := want.(map[string]any)
	if !ok {
		return jsonEqual(got, want)
	}
	gm, ok := got.(map[string]any)
	if !ok {
		return false
	}
	for k, wv := range wm {
		gv, ok := gm[k]
		if !ok || !partial(gv, wv) {
			return false
		}
	}
	return true
}

// jsonEqual compares decoded JSON, numbers by value.
func jsonEqual(a, b any) bool {
	an, aok := a.(json.Number)
	bn, bok := b.(json.Number)
	if aok && bok {
		af, err1 := an.Float64()
		bf, err2 := bn.Float64()
		return err1 == nil && err2 == nil && (af == bf || math.Abs(af-bf) < 1e-9)
	}
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for k, x := range av {
			y, ok := bv[k]
			if !ok || !jsonEqual(x, y) {
				return false
			}
		}
		return true
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for i := range av {
			if !jsonEqual(av[i], bv[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

func compact(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(b.String())
}

// caseHint names a key that differs from the path only in case: SCIM names
// are case-insensitive, but the harness checks the canonical spelling.
func caseHint(doc gjson.Result, path string) string {
	cur := doc
	for _, seg := range strings.Split(path, ".") {
		if !cur.IsObject() {
			if cur.IsArray() {
				cur = cur.Get(seg)
				continue
			}
			return ""
		}
		next := cur.Get(seg)
		if next.Exists() {
			cur = next
			continue
		}
		hint := ""
		cur.ForEach(func(k, v gjson.Result) bool {
			if strings.EqualFold(k.String(), seg) {
				hint = fmt.Sprintf(" (the body has %q where the canonical SCIM name is %q)", k.String(), seg)
				return false
			}
			return true
		})
		return hint
	}
	return ""
}
