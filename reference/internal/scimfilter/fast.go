package scimfilter

import "strings"

// Fast paths for the shapes Okta sends: a single comparison
// (`userName eq "…"`), a plain attribute path (`active`, `name.givenName`) and a
// value path with one comparison (`members[value eq "…"]`). The general parser
// allocates about a thousand times for each of those; these read them directly
// and give up (ok false) on anything else, which then goes to the parser.
// FuzzFastPathsAgree checks that both always give the same tree.

func isAlpha(c byte) bool    { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool    { return c >= '0' && c <= '9' }
func isNameChar(c byte) bool { return isAlpha(c) || isDigit(c) || c == '-' || c == '_' }
func isURNChar(c byte) bool  { return isAlpha(c) || isDigit(c) || c == '-' || c == '.' }

// validName reports whether s is ATTRNAME: ALPHA *(nameChar).
func validName(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// fastAttrPath reads `[urn:…:]name[.sub]`, the whole of s.
func fastAttrPath(s string) (AttrPath, bool) {
	a := AttrPath{Text: s}
	rest := s
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		urn := s[:i]
		for _, seg := range strings.Split(urn, ":") {
			if seg == "" {
				return AttrPath{}, false
			}
			for j := 0; j < len(seg); j++ {
				if !isURNChar(seg[j]) {
					return AttrPath{}, false
				}
			}
		}
		a.URN = lower(urn)
		rest = s[i+1:]
	}
	name, sub, hasSub := strings.Cut(rest, ".")
	if !validName(name) || hasSub && !validName(sub) {
		return AttrPath{}, false
	}
	a.Name, a.Sub = lower(name), lower(sub)
	return a, true
}

var fastOps = map[string]Op{"eq": Eq, "ne": Ne, "co": Co, "sw": Sw, "ew": Ew, "gt": Gt, "ge": Ge, "lt": Lt, "le": Le}

// fastCompare reads one comparison at the start of s and returns it with the
// number of bytes it took.
func fastCompare(s string) (*Compare, int, bool) {
	sp := strings.IndexByte(s, ' ')
	if sp <= 0 {
		return nil, 0, false
	}
	attr, ok := fastAttrPath(s[:sp])
	if !ok {
		return nil, 0, false
	}
	i := sp
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i+2 > len(s) {
		return nil, 0, false
	}
	word := lower(s[i : i+2])
	i += 2
	if word == "pr" {
		if i < len(s) && isNameChar(s[i]) {
			return nil, 0, false
		}
		return &Compare{Attr: attr, Op: Pr}, i, true
	}
	op, ok := fastOps[word]
	if !ok || i >= len(s) || s[i] != ' ' {
		return nil, 0, false
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	c := &Compare{Attr: attr, Op: op}
	if i < len(s) && s[i] == '"' {
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
			return nil, 0, false
		}
		v, ok := unquote(s[i : end+1])
		if !ok {
			return nil, 0, false
		}
		c.Value = Value{Kind: String, Str: v}
		return c, end + 1, true
	}
	for _, kw := range [...]struct {
		word string
		v    Value
	}{{"true", Value{Kind: Bool, Bool: true}}, {"false", Value{Kind: Bool}}, {"null", Value{Kind: Null}}} {
		if len(s)-i >= len(kw.word) && strings.EqualFold(s[i:i+len(kw.word)], kw.word) {
			c.Value = kw.v
			return c, i + len(kw.word), true
		}
	}
	return nil, 0, false
}

// fastFilter reads a filter that is one comparison.
func fastFilter(s string) (Expr, bool) {
	c, n, ok := fastCompare(s)
	if !ok || n != len(s) {
		return nil, false
	}
	return c, true
}

// fastPath reads a plain attribute path, or one with a one-comparison value
// filter and an optional sub-attribute.
func fastPath(s string) (Path, bool) {
	open := strings.IndexByte(s, '[')
	if open < 0 {
		a, ok := fastAttrPath(s)
		return Path{Attr: a, Text: s}, ok
	}
	a, ok := fastAttrPath(s[:open])
	if !ok || a.Sub != "" {
		return Path{}, false
	}
	c, n, ok := fastCompare(s[open+1:])
	if !ok {
		return Path{}, false
	}
	rest := s[open+1+n:]
	if rest == "" || rest[0] != ']' {
		return Path{}, false
	}
	p := Path{Attr: a, Filter: c, Text: s}
	if rest = rest[1:]; rest != "" {
		if rest[0] != '.' || !validName(rest[1:]) {
			return Path{}, false
		}
		p.Sub = lower(rest[1:])
	}
	return p, true
}
