package scimfilter

import "strings"

// Op is a comparison operator.
type Op uint8

// The comparison operators of RFC 7644 section 3.4.2.2.
const (
	Eq Op = iota
	Ne
	Co
	Sw
	Ew
	Gt
	Ge
	Lt
	Le
	Pr
)

var opNames = [...]string{Eq: "eq", Ne: "ne", Co: "co", Sw: "sw", Ew: "ew", Gt: "gt", Ge: "ge", Lt: "lt", Le: "le", Pr: "pr"}

func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "op?"
}

// Kind is the JSON type of a comparison value.
type Kind uint8

// The kinds of comparison values.
const (
	String Kind = iota
	Bool
	Number
	Null
)

// Value is a comparison value.
type Value struct {
	Kind Kind
	Str  string // String: the unescaped text
	Bool bool
	Num  float64
}

// AttrPath names an attribute. URN, Name and Sub are lower-cased; Text is the path
// as the client wrote it, for messages.
type AttrPath struct {
	URN  string // "" when the path carries no schema URN
	Name string
	Sub  string // "" when there is no sub-attribute
	Text string
}

// Key is the path without its URN: "name.givenname", "username".
func (a AttrPath) Key() string {
	if a.Sub == "" {
		return a.Name
	}
	return a.Name + "." + a.Sub
}

// Expr is a filter expression: *Compare, *And, *Or, *Not or *ValuePath.
type Expr interface{ expr() }

// Compare is `attr op value`, or `attr pr` (Value is then the zero Value).
type Compare struct {
	Attr  AttrPath
	Op    Op
	Value Value
}

// And is `Left and Right`.
type And struct{ Left, Right Expr }

// Or is `Left or Right`.
type Or struct{ Left, Right Expr }

// Not is `not (X)`.
type Not struct{ X Expr }

// ValuePath is `attr[filter]`: true when one value of the multi-valued attribute
// matches Filter, whose attribute paths name sub-attributes of attr.
type ValuePath struct {
	Attr   AttrPath
	Filter Expr
}

func (*Compare) expr()   {}
func (*And) expr()       {}
func (*Or) expr()        {}
func (*Not) expr()       {}
func (*ValuePath) expr() {}

// Path is the target of a PATCH operation: `attr`, `attr.sub`, `urn:…:attr`,
// `attr[filter]` or `attr[filter].sub`. A path that is a bare schema URN (the
// whole enterprise extension, say) has only Attr.URN set.
type Path struct {
	Attr   AttrPath
	Filter Expr   // nil without a value filter
	Sub    string // the sub-attribute after `]`, lower-cased; "" if none
	Text   string
}

// Error is a filter or path the package cannot accept; Error() is a sentence for
// the client.
type Error struct {
	Input string
	Msg   string
}

func (e *Error) Error() string { return e.Msg }

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
