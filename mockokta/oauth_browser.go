package mockokta

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
)

// browserAgent is the User-Agent of the admin's browser.
const browserAgent = "Mozilla/5.0 (compatible; Okta admin's browser; scimharness mockokta)"

// maxBrowserSteps bounds the pages and redirects of one authorization.
const maxBrowserSteps = 10

// browse is the admin's browser on the app's authorization server: it opens
// the authorize URL, follows redirects, fills and submits every form page
// with OAuth.SignIn (a consent page's first submit button is the one
// clicked), and stops at the redirect to the redirect URI, whose URL it
// returns. It never requests the redirect URI: that is Okta itself.
func (o *Org) browse(ctx context.Context, action, start string) (*url.URL, error) {
	c := o.oauth
	jar, _ := cookiejar.New(nil)
	client := o.oauthClient(jar)
	redirect, err := url.Parse(c.cfg.redirectURI())
	if err != nil {
		return nil, fmt.Errorf("redirect URI %q: %w", c.cfg.redirectURI(), err)
	}
	method, target, kind := http.MethodGet, start, "authorize"
	var body []byte
	for range maxBrowserSteps {
		h := http.Header{"User-Agent": {browserAgent}, "Accept": {"text/html,application/xhtml+xml"}}
		if body != nil {
			h.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		r, err := o.oauthSend(ctx, action, kind, method, target, h, body, client)
		if err != nil {
			return nil, err
		}
		base, _ := url.Parse(target)
		switch {
		case r.status >= 300 && r.status < 400 && r.header.Get("Location") != "":
			loc, err := base.Parse(r.header.Get("Location"))
			if err != nil {
				return nil, fmt.Errorf("%s %s: the redirect's Location is not a URL: %w", method, redactQuery(target), err)
			}
			if sameEndpoint(loc, redirect) {
				return loc, nil
			}
			method, target, kind, body = http.MethodGet, loc.String(), "authorize", nil
		case r.status == http.StatusOK && isHTML(r.header, r.body):
			f, ok := parseForm(string(r.body))
			if !ok {
				return nil, fmt.Errorf("%s %s: the page has no form to submit and does not redirect to %s: %s", method, redactQuery(target), redirect, pageText(r.body))
			}
			next, err := base.Parse(f.action)
			if err != nil {
				return nil, fmt.Errorf("%s %s: the form's action %q is not a URL: %w", method, redactQuery(target), f.action, err)
			}
			values := f.fill(c.cfg.SignIn)
			kind = "consent"
			if f.method == http.MethodGet {
				next.RawQuery = values.Encode()
				method, target, body = http.MethodGet, next.String(), nil
			} else {
				method, target, body = http.MethodPost, next.String(), []byte(values.Encode())
			}
		default:
			return nil, fmt.Errorf("%s %s: expected a redirect to %s (or a sign-in or consent page), got %d %s", method, redactQuery(target), redirect,
				r.status, pageText(r.body))
		}
	}
	return nil, fmt.Errorf("no redirect to %s after %d pages and redirects", redirect, maxBrowserSteps)
}

// sameEndpoint reports whether u is the redirect URI r, query aside.
func sameEndpoint(u, r *url.URL) bool {
	return strings.EqualFold(u.Scheme, r.Scheme) && strings.EqualFold(u.Host, r.Host) && u.Path == r.Path
}
