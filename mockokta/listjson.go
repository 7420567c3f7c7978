package mockokta

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/scimharness/scimharness/internal/jsonenc"
)

// listDecoder reads a ListResponse in one pass over its bytes, decoding only
// what Okta reads of it (listPage, resource) and checking that the rest is
// JSON. It takes what encoding/json takes, with the same values: member names
// match case-insensitively, the last of two members of one name wins (an
// object's members merge into what came before, as encoding/json's do), a
// null leaves a string or a bool as it was, invalid UTF-8 becomes U+FFFD, and
// nesting deeper than 10,000 is refused. FuzzParseList holds it to
// encoding/json's reading (parseListStd, fuzz_test.go). Okta's imports read
// every page of a target of any size: reflection, and reading each byte four
// times, cost most of a big import.
type listDecoder struct {
	b     []byte
	i     int
	depth int
	// strs holds the strings decoded from the page, back to back: a page's
	// 500 strings are a few allocations, not 500 (keep).
	strs strings.Builder
}

// strsChunk is the room taken at a time for a page's strings; a longer
// string is allocated alone.
const strsChunk = 8 << 10

// maxDepth is encoding/json's bound of nesting.
const maxDepth = 10000

// syntaxError is JSON that does not parse.
type syntaxError struct {
	msg string
	off int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s at offset %d", e.msg, e.off) }

// typeError is JSON of another type than Okta reads at a path.
type typeError struct {
	path, want, got string
}

func (e *typeError) Error() string { return e.path + ": expected " + e.want + ", got " + e.got }

// resourcesRead is one Resources array as read: a later Resources member
// replaces it, errors included, as encoding/json's last member wins.
type resourcesRead struct {
	resources []resource
	raw       []json.RawMessage
	n         int   // the elements, decoded or not
	err       error // the first element of another type than a resource
}

// parseList reads a ListResponse. totalResults must be a JSON integer, and so
// must startIndex and itemsPerPage when present: a string there made Okta fail
// the sync (docs/okta-protocol.md §3.1, S34). Member names match case-insensitively,
// as Okta tolerates "resources" and "totalresults" (§3.1, S3). A page of more
// than max resources is refused (Limits.PageResources); the resources past
// max are checked as JSON, not decoded.
func parseList(body []byte, max int) (listPage, error) {
	return parseListInto(body, max, nil)
}

// parseListInto is parseList reusing the resources of a page read before
// (its resources and raw slices, which the caller no longer reads): an
// import reads thousands of pages of the same size. reuse may be nil.
func parseListInto(body []byte, max int, reuse *listPage) (listPage, error) {
	return parseListCached(body, max, reuse, nil)
}

// parseListCached is parseListInto reading the Resources array through
// cache (PageCache.resources); the page says whether its resources are the
// cache's (listPage.shared), which reuse must not be given again.
func parseListCached(body []byte, max int, reuse *listPage, cache *PageCache) (listPage, error) {
	d := &listDecoder{b: body}
	var room resourcesRead
	if reuse != nil {
		room.resources, room.raw = reuse.resources[:0], reuse.raw[:0]
	}
	var total, start, items []byte
	var res resourcesRead
	shared := false
	var topErr error // sticky, as encoding/json's first type error
	d.ws()
	switch d.peek() {
	case '{':
		err := d.object(func(key []byte, esc bool) error {
			switch {
			case d.is(key, esc, "totalResults"):
				v, err := d.skip()
				total = v
				return err
			case d.is(key, esc, "startIndex"):
				v, err := d.skip()
				start = v
				return err
			case d.is(key, esc, "itemsPerPage"):
				v, err := d.skip()
				items = v
				return err
			case d.is(key, esc, "Resources"):
				switch c := d.peek(); c {
				case '[':
					r, isShared, err := cache.resources(d, max, room)
					res, shared = r, isShared // a shared array is the body's last member: no other follows
					return err
				case 'n':
					res = resourcesRead{}
					_, err := d.skip()
					return err
				default:
					v, err := d.skip()
					if topErr == nil && err == nil {
						topErr = &typeError{path: "Resources", want: "an array", got: kind(v)}
					}
					return err
				}
			}
			_, err := d.skip()
			return err
		})
		if err != nil {
			return listPage{}, fmt.Errorf("list response: %w", err)
		}
	default:
		v, err := d.skip()
		if err != nil {
			return listPage{}, fmt.Errorf("list response: %w", err)
		}
		if string(v) != "null" {
			topErr = &typeError{path: "the body", want: "an object", got: kind(v)}
		}
	}
	d.ws()
	if d.i < len(d.b) {
		return listPage{}, fmt.Errorf("list response: %w", d.syntax("invalid character %q after the top-level value", d.b[d.i]))
	}
	if topErr != nil {
		return listPage{}, fmt.Errorf("list response: %w", topErr)
	}
	var page listPage
	var err error
	if page.total, err = jsonInt("totalResults", total, true); err != nil {
		return listPage{}, err
	}
	if _, err = jsonInt("startIndex", start, false); err != nil {
		return listPage{}, err
	}
	if _, err = jsonInt("itemsPerPage", items, false); err != nil {
		return listPage{}, err
	}
	if res.n > max {
		return listPage{}, &LimitError{Bound: "PageResources", What: fmt.Sprintf("the page holds %d resources, more than the %d the harness reads of one page", res.n, max)}
	}
	if res.err != nil {
		return listPage{}, fmt.Errorf("list response: %w", res.err)
	}
	page.resources, page.raw, page.shared = res.resources, res.raw, shared
	return page, nil
}

// resources reads a Resources array, decoding its first max elements into
// room's slices (emptied).
func (d *listDecoder) resources(max int, room resourcesRead) (resourcesRead, error) {
	r := resourcesRead{resources: room.resources[:0], raw: room.raw[:0]}
	err := d.array(func(i int) error {
		r.n++
		if i >= max {
			_, err := d.skip()
			return err
		}
		r.resources = append(r.resources, resource{})
		res := &r.resources[len(r.resources)-1]
		startAt := d.i
		switch d.peek() {
		case '{':
			if err := d.resource(res, i, &r.err); err != nil {
				return err
			}
		default:
			v, err := d.skip()
			if err != nil {
				return err
			}
			if string(v) != "null" && r.err == nil {
				r.err = &typeError{path: fmt.Sprintf("Resources[%d]", i), want: "an object", got: kind(v)}
			}
		}
		r.raw = append(r.raw, json.RawMessage(d.b[startAt:d.i]))
		return nil
	})
	return r, err
}

// resource decodes one element of Resources into res; the first value of
// another type than Okta reads goes to *terr.
func (d *listDecoder) resource(res *resource, idx int, terr *error) error {
	where := path{idx: idx}
	return d.object(func(key []byte, esc bool) error {
		switch {
		case d.is(key, esc, "id"):
			return d.str(&res.ID, terr, where, "id")
		case d.is(key, esc, "userName"):
			return d.str(&res.UserName, terr, where, "userName")
		case d.is(key, esc, "displayName"):
			return d.str(&res.DisplayName, terr, where, "displayName")
		case d.is(key, esc, "active"):
			switch d.peek() {
			case 't', 'f':
				v, err := d.skip()
				if err == nil {
					b := v[0] == 't'
					res.Active = &b
				}
				return err
			case 'n':
				res.Active = nil
				_, err := d.skip()
				return err
			}
			return d.mistyped(terr, where, "active", "a boolean")
		case d.is(key, esc, "name"):
			if d.peek() != '{' {
				return d.notObject(terr, where, "name")
			}
			return d.object(func(key []byte, esc bool) error {
				switch {
				case d.is(key, esc, "givenName"):
					return d.str(&res.Name.GivenName, terr, where, "name.givenName")
				case d.is(key, esc, "familyName"):
					return d.str(&res.Name.FamilyName, terr, where, "name.familyName")
				}
				_, err := d.skip()
				return err
			})
		case d.is(key, esc, "emails"):
			return decodeSlice(d, &res.Emails, terr, where, "emails", func(e *listEmail, at path) error {
				return d.object(func(key []byte, esc bool) error {
					switch {
					case d.is(key, esc, "value"):
						return d.str(&e.Value, terr, at, "value")
					case d.is(key, esc, "primary"):
						return d.boolean(&e.Primary, terr, at, "primary")
					}
					_, err := d.skip()
					return err
				})
			})
		case d.is(key, esc, "members"):
			return decodeSlice(d, &res.Members, terr, where, "members", func(m *listMember, at path) error {
				return d.object(func(key []byte, esc bool) error {
					switch {
					case d.is(key, esc, "value"):
						return d.str(&m.Value, terr, at, "value")
					case d.is(key, esc, "display"):
						return d.str(&m.Display, terr, at, "display")
					}
					_, err := d.skip()
					return err
				})
			})
		}
		_, err := d.skip()
		return err
	})
}

// growFor is v with room for its element n (n is cap(v)), read bytes of
// its array read and left bytes of the body after them: twice the room, or,
// when fewer elements of the average size so far fit in what is left, room
// for them, but never less than append's growth by a quarter. A group of
// 50,000 members is copied a dozen times, not the 30 of append's growth
// (issue 25). The room stays within what the body holds: at most twice the
// elements read, or a quarter more than append would give (a body whose
// elements shrink), each element at least two bytes ("{}").
func growFor[T any](v []T, n, read, left int) []T {
	c := max(2*cap(v), 1)
	if n > 0 && read > 0 {
		fit := n + 1 + left/max(read/n, 1)
		c = min(c, max(fit, cap(v)+cap(v)/4+1))
	}
	grown := make([]T, c)
	copy(grown, v[:cap(v)]) // as append: what the slice held past its length is kept
	return grown[:len(v)]
}

// path is where a value lies in a page, named only when a typeError is
// made (the names were a closure and a string for each resource).
type path struct {
	idx   int    // Resources[idx]
	field string // the array an element is in ("emails"), or ""
	elem  int    // the element's index in it
}

// at names the member f of the value at p.
func (p path) at(f string) string {
	if p.field == "" {
		return fmt.Sprintf("Resources[%d].%s", p.idx, f)
	}
	return fmt.Sprintf("Resources[%d].%s[%d].%s", p.idx, p.field, p.elem, f)
}

// decodeSlice reads an array of objects into *s as encoding/json does: null
// makes it nil, [] empty, and each element decodes into what the slice held
// at its index (two "emails" members in one resource merge element-wise).
func decodeSlice[T any](d *listDecoder, s *[]T, terr *error, where path, field string, elem func(*T, path) error) error {
	switch d.peek() {
	case '[':
	case 'n':
		*s = nil
		_, err := d.skip()
		return err
	default:
		return d.mistyped(terr, where, field, "an array")
	}
	v := *s
	n := 0
	from := d.i // the array's '['
	err := d.array(func(i int) error {
		if i >= cap(v) {
			v = growFor(v, i, d.i-from, len(d.b)-d.i)
		}
		if i >= len(v) {
			v = v[:i+1]
		}
		n = i + 1
		at := path{idx: where.idx, field: field, elem: i}
		switch d.peek() {
		case '{':
			return elem(&v[i], at)
		case 'n':
			_, err := d.skip()
			return err
		}
		return d.mistyped(terr, where, fmt.Sprintf("%s[%d]", field, i), "an object")
	})
	if err != nil {
		return err
	}
	if n < len(v) {
		v = v[:n]
	}
	if n == 0 {
		v = []T{}
	}
	*s = v
	return nil
}

// str decodes a string into *dst; null leaves it.
func (d *listDecoder) str(dst *string, terr *error, where path, field string) error {
	switch d.peek() {
	case '"':
		s, err := d.stringValue()
		if err == nil {
			*dst = s
		}
		return err
	case 'n':
		_, err := d.skip()
		return err
	}
	return d.mistyped(terr, where, field, "a string")
}

// boolean decodes true or false into *dst; null leaves it.
func (d *listDecoder) boolean(dst *bool, terr *error, where path, field string) error {
	switch d.peek() {
	case 't', 'f':
		v, err := d.skip()
		if err == nil {
			*dst = v[0] == 't'
		}
		return err
	case 'n':
		_, err := d.skip()
		return err
	}
	return d.mistyped(terr, where, field, "a boolean")
}

// notObject handles a value where an object is read: null leaves it.
func (d *listDecoder) notObject(terr *error, where path, field string) error {
	if d.peek() == 'n' {
		_, err := d.skip()
		return err
	}
	return d.mistyped(terr, where, field, "an object")
}

// mistyped skips a value of the wrong type, noting the first such in *terr.
func (d *listDecoder) mistyped(terr *error, where path, field, want string) error {
	v, err := d.skip()
	if err == nil && *terr == nil {
		*terr = &typeError{path: where.at(field), want: want, got: kind(v)}
	}
	return err
}

// kind names the JSON type of a value, for errors.
func kind(v []byte) string {
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string " + truncate(string(v), 40)
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number " + truncate(string(v), 40)
}

// is reports whether a member name, as it came (esc says it holds an
// escape or a byte past ASCII), names the field, case-insensitively.
func (d *listDecoder) is(key []byte, esc bool, field string) bool {
	if !esc {
		if len(key) != len(field) {
			return false
		}
		for i := range len(key) {
			a, b := key[i], field[i]
			if a == b {
				continue
			}
			if 'A' <= a && a <= 'Z' {
				a += 'a' - 'A'
			}
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			if a != b {
				return false
			}
		}
		return true
	}
	return strings.EqualFold(string(unquote(key)), field)
}

func (d *listDecoder) peek() byte {
	if d.i < len(d.b) {
		return d.b[d.i]
	}
	return 0
}

func (d *listDecoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *listDecoder) syntax(format string, args ...any) error {
	return &syntaxError{msg: fmt.Sprintf(format, args...), off: d.i}
}

func (d *listDecoder) enter() error {
	d.depth++
	if d.depth > maxDepth {
		return d.syntax("exceeded max depth")
	}
	return nil
}

// object reads an object at d.i, calling member with each name (the bytes
// between its quotes) with d.i at its value; member must read the value.
func (d *listDecoder) object(member func(key []byte, esc bool) error) error {
	if err := d.enter(); err != nil {
		return err
	}
	d.i++ // {
	d.ws()
	if d.peek() == '}' {
		d.i++
		d.depth--
		return nil
	}
	for {
		if d.peek() != '"' {
			return d.unexpected("looking for beginning of object key string")
		}
		key, esc, err := d.rawString()
		if err != nil {
			return err
		}
		d.ws()
		if d.peek() != ':' {
			return d.unexpected("after object key")
		}
		d.i++
		d.ws()
		if err := member(key, esc); err != nil {
			return err
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.i++
			d.ws()
		case '}':
			d.i++
			d.depth--
			return nil
		default:
			return d.unexpected("after object key:value pair")
		}
	}
}

// array reads an array at d.i, calling elem for each element with d.i at
// it; elem must read the element.
func (d *listDecoder) array(elem func(i int) error) error {
	if err := d.enter(); err != nil {
		return err
	}
	d.i++ // [
	d.ws()
	if d.peek() == ']' {
		d.i++
		d.depth--
		return nil
	}
	for i := 0; ; i++ {
		if err := elem(i); err != nil {
			return err
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.i++
			d.ws()
		case ']':
			d.i++
			d.depth--
			return nil
		default:
			return d.unexpected("after array element")
		}
	}
}

func (d *listDecoder) unexpected(context string) error {
	if d.i >= len(d.b) {
		return d.syntax("unexpected end of JSON input")
	}
	return d.syntax("invalid character %q %s", d.b[d.i], context)
}

// skip checks the value at d.i and returns its bytes.
func (d *listDecoder) skip() ([]byte, error) {
	start := d.i
	switch c := d.peek(); {
	case c == '{':
		err := d.object(func([]byte, bool) error { _, err := d.skip(); return err })
		return d.b[start:d.i], err
	case c == '[':
		err := d.array(func(int) error { _, err := d.skip(); return err })
		return d.b[start:d.i], err
	case c == '"':
		_, _, err := d.rawString()
		return d.b[start:d.i], err
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return d.number()
	}
	return nil, d.unexpected("looking for beginning of value")
}

func (d *listDecoder) literal(lit string) ([]byte, error) {
	start := d.i
	for j := range len(lit) {
		if d.i >= len(d.b) {
			return nil, d.syntax("unexpected end of JSON input")
		}
		if d.b[d.i] != lit[j] {
			return nil, d.syntax("invalid character %q in literal %s (expecting %q)", d.b[d.i], lit, lit[j])
		}
		d.i++
	}
	return d.b[start:d.i], nil
}

// number checks a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *listDecoder) number() ([]byte, error) {
	start := d.i
	if d.peek() == '-' {
		d.i++
	}
	switch c := d.peek(); {
	case c == '0':
		d.i++
	case '1' <= c && c <= '9':
		d.digits()
	default:
		return nil, d.unexpected("in numeric literal")
	}
	if d.peek() == '.' {
		d.i++
		if c := d.peek(); c < '0' || c > '9' {
			return nil, d.unexpected("after decimal point in numeric literal")
		}
		d.digits()
	}
	if c := d.peek(); c == 'e' || c == 'E' {
		d.i++
		if c := d.peek(); c == '+' || c == '-' {
			d.i++
		}
		if c := d.peek(); c < '0' || c > '9' {
			return nil, d.unexpected("in exponent of numeric literal")
		}
		d.digits()
	}
	return d.b[start:d.i], nil
}

func (d *listDecoder) digits() {
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
}

// rawString checks the string at d.i and returns the bytes between its
// quotes, and whether they need unquote (an escape or a byte past ASCII).
func (d *listDecoder) rawString() ([]byte, bool, error) {
	d.i++ // "
	start := d.i
	esc := false
	for d.i < len(d.b) {
		for d.i+8 <= len(d.b) && jsonenc.PlainWord(binary.LittleEndian.Uint64(d.b[d.i:])) { // most of a page
			d.i += 8
		}
		for d.i < len(d.b) && jsonenc.PlainByte(d.b[d.i]) {
			d.i++
		}
		if d.i >= len(d.b) {
			break
		}
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return d.b[start : d.i-1], esc, nil
		case c == '\\':
			esc = true
			d.i++
			if d.i >= len(d.b) {
				return nil, false, d.syntax("unexpected end of JSON input")
			}
			switch d.b[d.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				d.i++
			case 'u':
				d.i++
				for range 4 {
					if d.i >= len(d.b) {
						return nil, false, d.syntax("unexpected end of JSON input")
					}
					if !isHex(d.b[d.i]) {
						return nil, false, d.syntax("invalid character %q in \\u hexadecimal character escape", d.b[d.i])
					}
					d.i++
				}
			default:
				return nil, false, d.syntax("invalid character %q in string escape code", d.b[d.i])
			}
		case c < 0x20:
			return nil, false, d.syntax("invalid character %q in string literal", c)
		default:
			if c >= utf8.RuneSelf {
				esc = true
			}
			d.i++
		}
	}
	return nil, false, d.syntax("unexpected end of JSON input")
}

// stringValue reads the string at d.i as encoding/json decodes it.
func (d *listDecoder) stringValue() (string, error) {
	s, esc, err := d.rawString()
	if err != nil {
		return "", err
	}
	if esc {
		s = unquote(s)
	}
	return d.keep(s), nil
}

// keep returns s as a string in d.strs, where the strings of a page lie back
// to back: a strings.Builder's String never changes once returned, and a
// full one is left to the strings that point into it and a new one begun.
func (d *listDecoder) keep(s []byte) string {
	switch {
	case len(s) == 0:
		return ""
	case len(s) > strsChunk/8:
		return string(s)
	}
	if d.strs.Cap()-d.strs.Len() < len(s) {
		d.strs = strings.Builder{}
		d.strs.Grow(strsChunk)
	}
	n := d.strs.Len()
	d.strs.Write(s)
	return d.strs.String()[n:]
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unquote decodes the checked bytes between a string's quotes as
// encoding/json does: escapes resolved, an unpaired surrogate and each byte
// of invalid UTF-8 made U+FFFD.
func unquote(s []byte) []byte {
	b := make([]byte, 0, len(s)+utf8.UTFMax)
	for r := 0; r < len(s); {
		c := s[r]
		switch {
		case c == '\\':
			switch s[r+1] {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				rr := hex4(s[r+2:])
				r += 6
				if utf16.IsSurrogate(rr) {
					rr1 := rune(-1)
					if r+6 <= len(s) && s[r] == '\\' && s[r+1] == 'u' {
						rr1 = hex4(s[r+2:])
					}
					if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
						r += 6
						b = utf8.AppendRune(b, dec)
						continue
					}
					rr = unicode.ReplacementChar
				}
				b = utf8.AppendRune(b, rr)
				continue
			default: // " \ /
				b = append(b, s[r+1])
			}
			r += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			b = utf8.AppendRune(b, rr)
		}
	}
	return b
}

// hex4 reads four checked hexadecimal digits.
func hex4(s []byte) rune {
	var r rune
	for _, c := range s[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c >= 'a':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
