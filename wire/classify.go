package wire

import (
	"encoding/json"
	"net/url"
	"strings"
)

// Request is a captured request read as an Okta action: its kind (the
// names mockokta's transcript uses, such as "create-user" or
// "patch-group"), the SCIM base it went to and the resource it names.
type Request struct {
	X    *Exchange
	Kind string
	// Base is the SCIM base URL (or path, for an access log); Path is the
	// rest ("/Users/abc"), Query the raw query.
	Base, Path, Query string
	ID                string // the resource id in the path, unescaped; "" for a collection
	// Okta reports whether Okta sent it: Okta's User-Agent, or an Okta
	// action in a recording of the harness.
	Okta bool
	// NotOkta says why not, when Okta is false.
	NotOkta string
}

// Classify reads x as an Okta action.
func Classify(x *Exchange) Request {
	base, rest := splitURL(x.URL)
	r := Request{X: x, Base: base}
	p, q, _ := strings.Cut(rest, "?")
	r.Path, r.Query = p, q
	ua := x.Header.Get("User-Agent")
	switch {
	case x.Folded > 0:
		r.NotOkta = "a digest of requests alike (a step that passed, --reports-detail failed), not one request"
	case strings.HasPrefix(x.Action, "Okta "):
		r.Okta = true
	case strings.HasPrefix(ua, "Okta SCIM Client"):
		r.Okta = true
	case x.Action != "":
		r.NotOkta = "the harness's own request (" + truncate(x.Action, 60) + ")"
	case ua == "":
		r.NotOkta = "no User-Agent"
	default:
		r.NotOkta = "User-Agent " + truncate(ua, 60)
	}
	res, id, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if id != "" {
		if u, err := url.PathUnescape(id); err == nil {
			id = u
		}
		r.ID = id
	}
	var noun string
	switch res {
	case "Users":
		noun = "user"
	case "Groups":
		noun = "group"
	default:
		r.Kind = "other"
		return r
	}
	values, _ := url.ParseQuery(q)
	switch {
	case x.Method == "GET" && id == "" && values.Get("filter") != "":
		r.Kind = "lookup-" + noun
	case x.Method == "GET" && id == "":
		r.Kind = "list-" + noun + "s"
	case x.Method == "GET":
		r.Kind = "get-" + noun
	case x.Method == "POST" && id == "":
		r.Kind = "create-" + noun
	case x.Method == "PUT" && id != "":
		r.Kind = "put-" + noun
	case x.Method == "PATCH" && id != "":
		r.Kind = "patch-" + noun
	case x.Method == "DELETE" && id != "":
		r.Kind = "delete-" + noun
	default:
		r.Kind = "other"
	}
	return r
}

// filterValue is the quoted value of an "attr eq \"value\"" filter.
func filterValue(query string) (attr, value string, ok bool) {
	values, err := url.ParseQuery(query)
	if err != nil {
		return "", "", false
	}
	f := values.Get("filter")
	a, rest, found := strings.Cut(f, " eq ")
	if !found {
		return "", "", false
	}
	rest = strings.TrimSpace(rest)
	var v string
	if json.Unmarshal([]byte(rest), &v) != nil {
		return "", "", false
	}
	return strings.TrimSpace(a), v, true
}

// object decodes a JSON object body, nil if it is not one.
func object(b []byte) map[string]any {
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}
