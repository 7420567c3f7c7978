package reference

import (
	"net/http"
	"strings"
	"time"

	"github.com/scimharness/scimharness/reference/internal/scimfilter"
	"github.com/scimharness/scimharness/reference/internal/store"
)

// Filters are compiled into predicates over typed resources: each attribute a
// resource type can be filtered on has an attrSpec that yields its values.

type attrKind uint8

const (
	kString attrKind = iota
	kBool
	kTime
)

// value is one attribute value: s for strings, b for booleans, t (Unix
// nanoseconds) for date-times.
type value struct {
	s string
	t int64
	b bool
}

// attrSpec describes a filterable attribute of T. each calls yield with every
// present value of the attribute in r (none when it is unassigned) and reports
// whether a yield returned true.
type attrSpec[T any] struct {
	kind      attrKind
	caseExact bool
	each      func(r T, yield func(value) bool) bool
}

// complexSpec is a multi-valued complex attribute of T, for value paths
// (emails[type eq "work"]).
type complexSpec[T any] struct {
	compile func(f scimfilter.Expr, o matchOpts) (func(T) bool, *scimError)
}

// schemaSpec is the filterable shape of a resource type (or of a complex
// attribute's values).
type schemaSpec[T any] struct {
	noun    string // "User", "Group", "emails value"
	coreURN string // lower-cased; "" for complex values
	extURN  string // lower-cased enterprise extension URN, or ""
	attrs   map[string]attrSpec[T]
	complex map[string]complexSpec[T]
}

type matchOpts struct {
	caseExactUserName bool // rules.Users.UserNameCaseInsensitive off
	// undefinedIsUnassigned reads an attribute the resource type does not
	// have as one with no value, as a query of the server root must (RFC
	// 7644 section 3.4.2: "a presence or equality filter for an undefined
	// attribute evaluates to false"); otherwise it is 400 invalidFilter.
	undefinedIsUnassigned bool
}

func invalidFilter(format string, args ...any) *scimError {
	return errorf(http.StatusBadRequest, typeInvalidFilter, format, args...)
}

// key resolves an attribute path to a key of s.attrs or s.complex.
func (s *schemaSpec[T]) key(a scimfilter.AttrPath) (string, *scimError) {
	switch a.URN {
	case "", s.coreURN:
		return a.Key(), nil
	case s.extURN:
		if s.extURN != "" {
			return "enterprise:" + a.Key(), nil
		}
	}
	return "", invalidFilter("the filter names %q, whose schema %q %ss do not have", a.Text, a.URN, s.noun)
}

func (s *schemaSpec[T]) attr(a scimfilter.AttrPath) (string, attrSpec[T], *scimError) {
	k, err := s.key(a)
	if err != nil {
		return "", attrSpec[T]{}, err
	}
	if sp, ok := s.attrs[k]; ok {
		return k, sp, nil
	}
	if sp, ok := s.attrs[k+".value"]; ok && a.Sub == "" {
		return k + ".value", sp, nil // a multi-valued attribute compares on its value
	}
	return "", attrSpec[T]{}, invalidFilter("the filter names the attribute %q, which %ss cannot be filtered on", a.Text, s.noun)
}

// compile turns e into a predicate over T.
func compile[T any](s *schemaSpec[T], e scimfilter.Expr, o matchOpts) (func(T) bool, *scimError) {
	switch e := e.(type) {
	case *scimfilter.And:
		l, err := compile(s, e.Left, o)
		if err != nil {
			return nil, err
		}
		r, err := compile(s, e.Right, o)
		if err != nil {
			return nil, err
		}
		return func(x T) bool { return l(x) && r(x) }, nil
	case *scimfilter.Or:
		l, err := compile(s, e.Left, o)
		if err != nil {
			return nil, err
		}
		r, err := compile(s, e.Right, o)
		if err != nil {
			return nil, err
		}
		return func(x T) bool { return l(x) || r(x) }, nil
	case *scimfilter.Not:
		x, err := compile(s, e.X, o)
		if err != nil {
			return nil, err
		}
		return func(r T) bool { return !x(r) }, nil
	case *scimfilter.ValuePath:
		k, err := s.key(e.Attr)
		c, ok := s.complex[k]
		if err == nil && ok && e.Attr.Sub == "" {
			return c.compile(e.Filter, o)
		}
		if _, simple := s.attrs[k]; o.undefinedIsUnassigned && e.Attr.Sub == "" && (err != nil || !simple) {
			return func(T) bool { return false }, nil // no value selects nothing
		}
		if err != nil {
			return nil, err
		}
		return nil, invalidFilter("%q is not a multi-valued attribute of %ss, so it takes no [filter]", e.Attr.Text, s.noun)
	case *scimfilter.Compare:
		k, sp, err := s.attr(e.Attr)
		if err != nil {
			if o.undefinedIsUnassigned {
				return undefinedCompare[T](e), nil
			}
			return nil, err
		}
		if k == "username" && o.caseExactUserName {
			sp.caseExact = true
		}
		return compileCompare(sp, e)
	}
	return nil, invalidFilter("the filter could not be read")
}

// undefinedCompare is c over an attribute with no value: pr and every
// comparison are false, and so ne and "eq null" hold, as for any unassigned
// attribute.
func undefinedCompare[T any](c *scimfilter.Compare) func(T) bool {
	holds := c.Op == scimfilter.Ne && c.Value.Kind != scimfilter.Null ||
		c.Op == scimfilter.Eq && c.Value.Kind == scimfilter.Null
	return func(T) bool { return holds }
}

func compileCompare[T any](sp attrSpec[T], c *scimfilter.Compare) (func(T) bool, *scimError) {
	each := sp.each
	present := func(value) bool { return true }
	if c.Op == scimfilter.Pr {
		return func(r T) bool { return each(r, present) }, nil
	}
	if c.Value.Kind == scimfilter.Null {
		switch c.Op {
		case scimfilter.Eq:
			return func(r T) bool { return !each(r, present) }, nil
		case scimfilter.Ne:
			return func(r T) bool { return each(r, present) }, nil
		}
		return nil, invalidFilter("%q compares with null using %s; only eq and ne take null", c.Attr.Text, c.Op)
	}
	negate := c.Op == scimfilter.Ne
	op := c.Op
	if negate {
		op = scimfilter.Eq
	}
	var m func(value) bool
	switch sp.kind {
	case kBool:
		if c.Value.Kind != scimfilter.Bool {
			return nil, invalidFilter("%q is a boolean: compare it with true or false", c.Attr.Text)
		}
		if op != scimfilter.Eq {
			return nil, invalidFilter("%q is a boolean: only eq, ne and pr apply to it, not %s", c.Attr.Text, c.Op)
		}
		want := c.Value.Bool
		m = func(v value) bool { return v.b == want }
	case kTime:
		if c.Value.Kind != scimfilter.String {
			return nil, invalidFilter("%q is a date-time: compare it with a quoted RFC 3339 time", c.Attr.Text)
		}
		t, err := time.Parse(time.RFC3339Nano, c.Value.Str)
		if err != nil {
			return nil, invalidFilter("%q is a date-time, and %q is not an RFC 3339 time such as 2026-01-02T15:04:05Z", c.Attr.Text, c.Value.Str)
		}
		want := t.UnixNano()
		switch op {
		case scimfilter.Eq:
			m = func(v value) bool { return v.t == want }
		case scimfilter.Gt:
			m = func(v value) bool { return v.t > want }
		case scimfilter.Ge:
			m = func(v value) bool { return v.t >= want }
		case scimfilter.Lt:
			m = func(v value) bool { return v.t < want }
		case scimfilter.Le:
			m = func(v value) bool { return v.t <= want }
		default:
			return nil, invalidFilter("%q is a date-time: %s does not apply to it", c.Attr.Text, c.Op)
		}
	default:
		if c.Value.Kind != scimfilter.String {
			return nil, invalidFilter("%q is a string: compare it with a double-quoted value", c.Attr.Text)
		}
		m = stringMatcher(op, c.Value.Str, sp.caseExact)
	}
	if negate {
		return func(r T) bool { return !each(r, m) }, nil
	}
	return func(r T) bool { return each(r, m) }, nil
}

func stringMatcher(op scimfilter.Op, want string, caseExact bool) func(value) bool {
	if op == scimfilter.Eq {
		if caseExact {
			return func(v value) bool { return v.s == want }
		}
		return func(v value) bool { return strings.EqualFold(v.s, want) }
	}
	fold := func(s string) string { return s }
	if !caseExact { // the fold of eq (EqualFold) and of the indexes
		fold = store.FoldKey
		want = store.FoldKey(want)
	}
	switch op {
	case scimfilter.Co:
		return func(v value) bool { return strings.Contains(fold(v.s), want) }
	case scimfilter.Sw:
		return func(v value) bool { return strings.HasPrefix(fold(v.s), want) }
	case scimfilter.Ew:
		return func(v value) bool { return strings.HasSuffix(fold(v.s), want) }
	case scimfilter.Gt:
		return func(v value) bool { return fold(v.s) > want }
	case scimfilter.Ge:
		return func(v value) bool { return fold(v.s) >= want }
	case scimfilter.Lt:
		return func(v value) bool { return fold(v.s) < want }
	default: // Le
		return func(v value) bool { return fold(v.s) <= want }
	}
}

// multi adds a multi-valued complex attribute name to s: value paths over elem,
// and every sub-attribute of elem as name.sub.
func multi[T, E any](s *schemaSpec[T], name string, each func(T, func(E) bool) bool, elem *schemaSpec[E]) {
	s.complex[name] = complexSpec[T]{compile: func(f scimfilter.Expr, o matchOpts) (func(T) bool, *scimError) {
		p, err := compile(elem, f, o)
		if err != nil {
			return nil, err
		}
		return func(r T) bool { return each(r, p) }, nil
	}}
	for k, sp := range elem.attrs {
		s.attrs[name+"."+k] = attrSpec[T]{kind: sp.kind, caseExact: sp.caseExact,
			each: func(r T, yield func(value) bool) bool {
				return each(r, func(e E) bool { return sp.each(e, yield) })
			}}
	}
}

// str is an attrSpec for a single-valued string attribute; unassigned when "".
func str[T any](caseExact bool, get func(T) string) attrSpec[T] {
	return attrSpec[T]{kind: kString, caseExact: caseExact, each: func(r T, yield func(value) bool) bool {
		if s := get(r); s != "" {
			return yield(value{s: s})
		}
		return false
	}}
}

func boolean[T any](get func(T) bool) attrSpec[T] {
	return attrSpec[T]{kind: kBool, each: func(r T, yield func(value) bool) bool { return yield(value{b: get(r)}) }}
}

func datetime[T any](get func(T) int64) attrSpec[T] {
	return attrSpec[T]{kind: kTime, each: func(r T, yield func(value) bool) bool { return yield(value{t: get(r)}) }}
}

func newSchema[T any](noun, coreURN, extURN string) *schemaSpec[T] {
	return &schemaSpec[T]{noun: noun, coreURN: lower(coreURN), extURN: lower(extURN),
		attrs: map[string]attrSpec[T]{}, complex: map[string]complexSpec[T]{}}
}

// indexable finds, in the top-level and-chain of e, an eq comparison of one of
// keys (core schema attributes) with a string; the index can then answer.
func indexable(e scimfilter.Expr, coreURN string, keys ...string) (key, val string, ok bool) {
	switch e := e.(type) {
	case *scimfilter.And:
		if k, v, ok := indexable(e.Left, coreURN, keys...); ok {
			return k, v, true
		}
		return indexable(e.Right, coreURN, keys...)
	case *scimfilter.Compare:
		if e.Op != scimfilter.Eq || e.Value.Kind != scimfilter.String || e.Attr.Sub != "" ||
			(e.Attr.URN != "" && e.Attr.URN != lower(coreURN)) {
			return "", "", false
		}
		for _, k := range keys {
			if e.Attr.Name == k {
				return k, e.Value.Str, true
			}
		}
	}
	return "", "", false
}
