package mockokta

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
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
// <button> and <textarea> elements up to </form>, as golang.org/x/net/html's
// tokenizer reads them (entities decoded, names lower-cased, the first of
// two same-named attributes kept). It reads any text without failing, and
// reports false when there is no form.
func parseForm(page string) (htmlForm, bool) {
	z := html.NewTokenizer(strings.NewReader(page))
	var f htmlForm
	inForm := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken: // the end of the page, or a read error: what was read stands
			return f, inForm
		case html.EndTagToken:
			if name, _ := z.TagName(); inForm && string(name) == "form" {
				return f, true
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !inForm {
				if tok.Data == "form" {
					inForm = true
					f = htmlForm{action: tagAttr(tok, "action"), method: http.MethodGet}
					if strings.EqualFold(tagAttr(tok, "method"), "post") {
						f.method = http.MethodPost
					}
				}
				continue
			}
			x, ok := formFieldOf(tok)
			if !ok {
				continue
			}
			if tok.Data == "textarea" && tt == html.StartTagToken {
				if z.Next() == html.TextToken {
					x.value = string(z.Text())
				}
			}
			f.fields = append(f.fields, x)
		}
	}
}

// formFieldOf is the field an <input>, <button> or <textarea> start tag
// makes; false for any other tag.
func formFieldOf(tok html.Token) (formField, bool) {
	x := formField{kind: strings.ToLower(tagAttr(tok, "type")), name: tagAttr(tok, "name"), value: tagAttr(tok, "value")}
	x.checked = slices.ContainsFunc(tok.Attr, func(a html.Attribute) bool { return a.Key == "checked" })
	switch tok.Data {
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
		x.kind, x.value = "textarea", ""
	default:
		return formField{}, false
	}
	return x, true
}

// tagAttr is the value of a tag's first attribute named key, "" if it has none.
func tagAttr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// pageText is a page's text without its tags, blank space folded, for a
// message that shows what the page said: at most 300 bytes.
func pageText(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			s := strings.Join(strings.Fields(b.String()), " ")
			if s == "" {
				return "(no text)"
			}
			return truncate(s, 300)
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}
