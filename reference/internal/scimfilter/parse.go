package scimfilter

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	filter "github.com/scim2/filter-parser/v2"
)

// MaxLen is the longest filter or path accepted, in bytes.
const MaxLen = 4096

// MaxDepth is the deepest nesting of parentheses and brackets accepted: a
// filter of 2,000 nested parentheses fits in MaxLen and cost the parser 0.1
// to 0.3 s each, and 16 at once 934 MB. Okta's filters nest none.
const MaxDepth = 32

// checkDepth refuses src, a filter or path with its strings taken out, when it
// nests deeper than MaxDepth.
func checkDepth(src, orig, what string) error {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '[':
			depth++
			if depth > MaxDepth {
				return &Error{Input: orig, Msg: fmt.Sprintf("the %s nests parentheses or brackets more than %d deep, which is more than the server accepts", what, MaxDepth)}
			}
		case ')', ']':
			depth--
		}
	}
	return nil
}

// Parse parses a filter such as `userName eq "jane@example.com"`.
func Parse(s string) (Expr, error) {
	if len(s) <= MaxLen {
		if e, ok := fastFilter(s); ok {
			return e, nil
		}
	}
	return parseFull(s)
}

// parseFull parses with filter-parser.
func parseFull(s string) (Expr, error) {
	src, strs, err := extractStrings(s, "filter")
	if err != nil {
		return nil, err
	}
	if err := checkDepth(src, s, "filter"); err != nil {
		return nil, err
	}
	e, perr := filter.ParseFilter([]byte(src))
	if perr != nil {
		return nil, &Error{Input: s, Msg: fmt.Sprintf("the filter %q is not valid: %s", s, hint(s, "filter"))}
	}
	return convert(e, strs, s)
}

// ParsePath parses a PATCH path such as `members[value eq "2819c223"]` or
// `name.givenName`.
func ParsePath(s string) (Path, error) {
	if len(s) <= MaxLen {
		if p, ok := fastPath(s); ok {
			return p, nil
		}
	}
	return parsePathFull(s)
}

// parsePathFull parses with filter-parser.
func parsePathFull(s string) (Path, error) {
	src, strs, err := extractStrings(s, "path")
	if err != nil {
		return Path{}, err
	}
	if err := checkDepth(src, s, "PATCH path"); err != nil {
		return Path{}, err
	}
	p, perr := filter.ParsePath([]byte(src))
	if perr != nil {
		return Path{}, &Error{Input: s, Msg: fmt.Sprintf("the PATCH path %q is not valid: %s", s, hint(s, "path"))}
	}
	out := Path{Attr: attrPath(p.AttributePath), Sub: lower(p.SubAttributeName()), Text: s}
	if p.ValueExpression != nil {
		f, err := convert(p.ValueExpression, strs, s)
		if err != nil {
			return Path{}, err
		}
		out.Filter = f
	}
	return out, nil
}

// extractStrings replaces every double-quoted JSON string in s by a placeholder
// holding its index ("0", "1", …) and returns the unescaped strings. The parser
// then never sees an escape sequence, and the values come out exactly as JSON
// defines them.
func extractStrings(s, what string) (string, []string, error) {
	if len(s) > MaxLen {
		return "", nil, &Error{Input: s, Msg: fmt.Sprintf("the %s is %d bytes long; at most %d are accepted", what, len(s), MaxLen)}
	}
	if strings.TrimSpace(s) == "" {
		return "", nil, &Error{Input: s, Msg: fmt.Sprintf("the %s is empty", what)}
	}
	if strings.IndexByte(s, '"') < 0 {
		return s, nil, nil
	}
	var (
		b    strings.Builder
		strs []string
	)
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '"' {
			b.WriteByte(c)
			i++
			continue
		}
		end := -1
		for j := i + 1; j < len(s); j++ {
			if s[j] == '\\' {
				j++
				continue
			}
			if s[j] == '"' {
				end = j
				break
			}
		}
		if end < 0 {
			return "", nil, &Error{Input: s, Msg: fmt.Sprintf("the %s %q has a string with no closing double quote", what, s)}
		}
		lit := s[i : end+1]
		v, ok := unquote(lit)
		if !ok {
			return "", nil, &Error{Input: s, Msg: fmt.Sprintf("the %s %q has the string %s, which is not a valid JSON string (allowed escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", what, s, lit)}
		}
		b.WriteByte('"')
		b.WriteString(strconv.Itoa(len(strs)))
		b.WriteByte('"')
		strs = append(strs, v)
		i = end + 1
	}
	return b.String(), strs, nil
}

// unquote decodes a double-quoted JSON string literal.
func unquote(lit string) (string, bool) {
	if validPlain(lit) {
		return lit[1 : len(lit)-1], true
	}
	var v string
	if err := json.Unmarshal([]byte(lit), &v); err != nil {
		return "", false
	}
	return v, true
}

// validPlain reports whether a quoted literal is printable ASCII without escapes,
// so that its content is its value; anything else goes to the JSON decoder.
func validPlain(lit string) bool {
	for i := 1; i < len(lit)-1; i++ {
		if c := lit[i]; c < 0x20 || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

func hint(s, what string) string {
	switch {
	case strings.Contains(s, "'"):
		return "strings must be in double quotes, for example userName eq \"jane@example.com\""
	case what == "filter" && strings.Contains(s, "]."):
		return "a sub-attribute after a value filter (emails[type eq \"work\"].value) is a PATCH path, not a filter; write emails[type eq \"work\" and value eq \"…\"] or emails.value eq \"…\""
	case what == "filter":
		return "a filter is attribute operator value, joined by and/or, for example userName eq \"jane@example.com\"; the operators are eq ne co sw ew gt ge lt le pr (RFC 7644 section 3.4.2.2)"
	default:
		return "a path is an attribute (userName, name.givenName), optionally with a value filter (members[value eq \"…\"]) and a sub-attribute (emails[type eq \"work\"].value)"
	}
}

func attrPath(p filter.AttributePath) AttrPath {
	a := AttrPath{Name: lower(p.AttributeName), Sub: lower(p.SubAttributeName()), Text: p.String()}
	if p.URIPrefix != nil {
		a.URN = lower(*p.URIPrefix)
	}
	return a
}

func convert(e filter.Expression, strs []string, input string) (Expr, error) {
	switch e := e.(type) {
	case *filter.AttributeExpression:
		c := &Compare{Attr: attrPath(e.AttributePath)}
		switch e.Operator {
		case filter.EQ:
			c.Op = Eq
		case filter.NE:
			c.Op = Ne
		case filter.CO:
			c.Op = Co
		case filter.SW:
			c.Op = Sw
		case filter.EW:
			c.Op = Ew
		case filter.GT:
			c.Op = Gt
		case filter.GE:
			c.Op = Ge
		case filter.LT:
			c.Op = Lt
		case filter.LE:
			c.Op = Le
		case filter.PR:
			c.Op = Pr
			return c, nil
		default:
			return nil, &Error{Input: input, Msg: fmt.Sprintf("the filter %q uses the unknown operator %q", input, e.Operator)}
		}
		switch v := e.CompareValue.(type) {
		case string:
			i, err := strconv.Atoi(v)
			if err != nil || i < 0 || i >= len(strs) {
				return nil, &Error{Input: input, Msg: fmt.Sprintf("the filter %q could not be read", input)}
			}
			c.Value = Value{Kind: String, Str: strs[i]}
		case bool:
			c.Value = Value{Kind: Bool, Bool: v}
		case int:
			c.Value = Value{Kind: Number, Num: float64(v)}
		case float64:
			c.Value = Value{Kind: Number, Num: v}
		case nil:
			c.Value = Value{Kind: Null}
		default:
			return nil, &Error{Input: input, Msg: fmt.Sprintf("the filter %q has a value of an unsupported type", input)}
		}
		return c, nil
	case *filter.LogicalExpression:
		l, err := convert(e.Left, strs, input)
		if err != nil {
			return nil, err
		}
		r, err := convert(e.Right, strs, input)
		if err != nil {
			return nil, err
		}
		if e.Operator == filter.AND {
			return &And{Left: l, Right: r}, nil
		}
		return &Or{Left: l, Right: r}, nil
	case *filter.NotExpression:
		x, err := convert(e.Expression, strs, input)
		if err != nil {
			return nil, err
		}
		return &Not{X: x}, nil
	case *filter.ValuePath:
		f, err := convert(e.ValueFilter, strs, input)
		if err != nil {
			return nil, err
		}
		return &ValuePath{Attr: attrPath(e.AttributePath), Filter: f}, nil
	}
	return nil, &Error{Input: input, Msg: fmt.Sprintf("the filter %q could not be read", input)}
}
