// Package baseurl joins a SCIM base URL and a request target the way the
// harness assumes Okta does. A base URL may carry a query string: Okta's own
// OIN example builds one from a tenant variable,
// 'https://fruits.example.com/scim2/myapp?connection=' + app.companyId
// (docs/okta-protocol.md §10.1). Okta does not document how it joins /Users to
// such a URL; the harness puts the target's path after the base's path and
// keeps the base's query on every request, before the target's own
// parameters: GET /Users?filter=… on that base is
// https://fruits.example.com/scim2/myapp/Users?connection=42&filter=… (an
// inference).
package baseurl

import (
	"fmt"
	"net/url"
	"strings"
)

// Base is a parsed SCIM base URL. The zero Base is not valid: use Parse.
type Base struct {
	prefix string // scheme://host/path, without a trailing slash
	query  string // the raw query, without "?"; "" for none
}

// Parse reads an http(s) base URL with a host, an optional path and an
// optional query, and no fragment. Trailing slashes of the path are dropped.
func Parse(raw string) (Base, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Base{}, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" || strings.Contains(raw, "#") {
		return Base{}, fmt.Errorf("expected http(s)://host/path, with or without a query, and no fragment")
	}
	prefix, query, _ := strings.Cut(raw, "?")
	return Base{prefix: strings.TrimRight(prefix, "/"), query: query}, nil
}

// Join is the URL of path (such as "/Users/42") with the raw query (such as
// "startIndex=1&count=100", or "") below b: the base's query comes first.
func (b Base) Join(path, query string) string {
	switch {
	case b.query == "" && query == "":
		return b.prefix + path
	case b.query == "":
		return b.prefix + path + "?" + query
	case query == "":
		return b.prefix + path + "?" + b.query
	}
	return b.prefix + path + "?" + b.query + "&" + query
}

// URL is Join for a target that may carry its own query:
// "/Users?filter=…".
func (b Base) URL(target string) string {
	path, query, _ := strings.Cut(target, "?")
	return b.Join(path, query)
}

// Prefix is the base without its query: scheme://host/path.
func (b Base) Prefix() string { return b.prefix }

// Query is the base's raw query, "" for none.
func (b Base) Query() string { return b.query }

// String is the base URL as Parse read it, less trailing slashes of the path.
func (b Base) String() string {
	if b.query == "" {
		return b.prefix
	}
	return b.prefix + "?" + b.query
}
