package mockokta

import (
	"html"
	"net/http"
	"net/url"
	"strings"
)

// htmlForm is the first form of a page, as a browser would submit it.
type htmlForm struct {
	action string // "" means the page's own URL
	method string // http.MethodGet or http.MethodPost
	fields []formField
}

type formField struct {
	kind        string // input type ("text", "hidden", "submit", …), "button" or "textarea"
	name, value string
	checked     bool
}

// fill returns what the browser submits: every named field with its value,
// signIn's values in place of those of the same name (and added when the
// page lacks them), checkboxes and radios only when checked, and of the
// submit buttons only the first named one, the one the admin clicks.
func (f htmlForm) fill(signIn url.Values) url.Values {
	v := url.Values{}
	clicked := false
	for _, x := range f.fields {
		if x.name == "" {
			continue
		}
		switch x.kind {
		case "submit", "button", "image":
			if !clicked {
				v.Set(x.name, x.value)
				clicked = true
			}
			continue
		case "reset", "file":
			continue
		case "checkbox", "radio":
			if !x.checked {
				continue
			}
		}
		if s, ok := signIn[x.name]; ok {
			v[x.name] = append([]string(nil), s...)
			continue
		}
		v.Add(x.name, x.value)
	}
	for k, s := range signIn {
		if _, ok := v[k]; !ok {
			v[k] = append([]string(nil), s...)
		}
	}
	return v
}

// parseForm finds the first <form> of a page and its fields: <input>,
// <button> and <textarea> elements up to </form>. It is a tolerant scanner,
// not an HTML parser: it reads any text without failing, and reports false
// when there is no form.
func parseForm(page string) (htmlForm, bool) {
	lower := asciiLower(page)
	i := indexTag(lower, "form", 0)
	if i < 0 {
		return htmlForm{}, false
	}
	attrs, end := readTag(page, i+len("<form"))
	f := htmlForm{action: attrs["action"], method: http.MethodGet}
	if strings.EqualFold(attrs["method"], "post") {
		f.method = http.MethodPost
	}
	stop := strings.Index(lower[end:], "</form")
	limit := len(page)
	if stop >= 0 {
		limit = end + stop
	}
	for pos := end; pos < limit; {
		j := strings.IndexByte(lower[pos:limit], '<')
		if j < 0 {
			break
		}
		pos += j
		name := tagName(lower, pos+1)
		switch name {
		case "input", "button", "textarea":
			a, e := readTag(page, pos+1+len(name))
			x := formField{kind: strings.ToLower(a["type"]), name: a["name"], value: a["value"]}
			_, x.checked = a["checked"]
			switch name {
			case "input":
				if x.kind == "" {
					x.kind = "text"
				}
			case "button":
				if x.kind == "" || x.kind == "submit" {
					x.kind = "submit"
				} else {
					x.kind = "button-" + x.kind // a plain or reset button submits nothing
				}
			case "textarea":
				x.kind = "textarea"
				if k := strings.Index(lower[e:limit], "</textarea"); k >= 0 {
					x.value = htmlUnescape(page[e : e+k])
				}
			}
			f.fields = append(f.fields, x)
			pos = e
		default:
			pos++
		}
	}
	return f, true
}

// indexTag finds "<name" followed by a space, '>' or '/' at or after from.
func indexTag(lower, name string, from int) int {
	for from < len(lower) {
		j := strings.Index(lower[from:], "<"+name)
		if j < 0 {
			return -1
		}
		k := from + j + 1 + len(name)
		if k >= len(lower) || strings.IndexByte(" \t\r\n>/", lower[k]) >= 0 {
			return from + j
		}
		from = k
	}
	return -1
}

// tagName reads the letters of a tag name at i.
func tagName(lower string, i int) string {
	j := i
	for j < len(lower) && lower[j] >= 'a' && lower[j] <= 'z' {
		j++
	}
	return lower[i:j]
}

// readTag reads the attributes of a tag from i (just after its name) to its
// '>', and returns them (names lower-cased, values unescaped) and the index
// after the '>'.
func readTag(page string, i int) (map[string]string, int) {
	attrs := map[string]string{}
	n := len(page)
	for i < n {
		for i < n && strings.IndexByte(" \t\r\n/", page[i]) >= 0 {
			i++
		}
		if i >= n {
			break
		}
		if page[i] == '>' {
			return attrs, i + 1
		}
		start := i
		for i < n && strings.IndexByte(" \t\r\n/>=", page[i]) < 0 {
			i++
		}
		name := strings.ToLower(page[start:i])
		for i < n && strings.IndexByte(" \t\r\n", page[i]) >= 0 {
			i++
		}
		value := ""
		if i < n && page[i] == '=' {
			i++
			for i < n && strings.IndexByte(" \t\r\n", page[i]) >= 0 {
				i++
			}
			if i < n && (page[i] == '"' || page[i] == '\'') {
				q := page[i]
				j := strings.IndexByte(page[i+1:], q)
				if j < 0 {
					value, i = page[i+1:], n
				} else {
					value, i = page[i+1:i+1+j], i+2+j
				}
			} else {
				start := i
				for i < n && strings.IndexByte(" \t\r\n>", page[i]) < 0 {
					i++
				}
				value = page[start:i]
			}
		}
		if name == "" {
			i++
			continue
		}
		if _, dup := attrs[name]; !dup {
			attrs[name] = htmlUnescape(value)
		}
	}
	return attrs, n
}

func htmlUnescape(s string) string { return html.UnescapeString(s) }

// asciiLower lowers A-Z only, so that every index into it is one into s
// (strings.ToLower turns an invalid byte into three and changes some
// letters' lengths); tag and attribute names are ASCII.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
