package scimfilter

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Format writes e back as filter text that Parse reads into the same tree:
// strings JSON-escaped, logical operands in parentheses.
func Format(e Expr) string {
	var b strings.Builder
	format(&b, e, false)
	return b.String()
}

func format(b *strings.Builder, e Expr, inValuePath bool) {
	switch e := e.(type) {
	case *Compare:
		b.WriteString(e.Attr.Text)
		b.WriteByte(' ')
		b.WriteString(e.Op.String())
		if e.Op == Pr {
			return
		}
		b.WriteByte(' ')
		switch e.Value.Kind {
		case String:
			q, _ := json.Marshal(e.Value.Str)
			b.Write(q)
		case Bool:
			b.WriteString(strconv.FormatBool(e.Value.Bool))
		case Number:
			b.WriteString(strconv.FormatFloat(e.Value.Num, 'f', -1, 64))
		case Null:
			b.WriteString("null")
		}
	case *And:
		logical(b, e.Left, e.Right, " and ", inValuePath)
	case *Or:
		logical(b, e.Left, e.Right, " or ", inValuePath)
	case *Not:
		b.WriteString("not (")
		format(b, e.X, inValuePath)
		b.WriteByte(')')
	case *ValuePath:
		b.WriteString(e.Attr.Text)
		b.WriteByte('[')
		format(b, e.Filter, true)
		b.WriteByte(']')
	}
}

func logical(b *strings.Builder, l, r Expr, op string, inValuePath bool) {
	operand := func(x Expr) {
		_, isCmp := x.(*Compare)
		if inValuePath || isCmp {
			format(b, x, inValuePath)
			return
		}
		b.WriteByte('(')
		format(b, x, inValuePath)
		b.WriteByte(')')
	}
	operand(l)
	b.WriteString(op)
	operand(r)
}
