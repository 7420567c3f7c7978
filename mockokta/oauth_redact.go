package mockokta

import (
	"bytes"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
)

// The secrets of the OAuth flow (docs/okta-oauth.md): form fields Okta
// sends, members of the token answer, and the query of the redirect back.
var (
	secretFormFields  = []string{"code", "client_secret", "refresh_token", "code_verifier", "token"}
	secretJSONMembers = []string{"access_token", "refresh_token", "id_token"}
)

// redactOAuth replaces the secrets of an OAuth exchange: the Authorization
// header (done by capture), the code, client secret, refresh token, PKCE
// verifier and sign-in fields of a form body, the tokens of a JSON answer,
// the code in a Location header, and cookies.
func (o *Org) redactOAuth(e *Exchange) {
	signIn := []string(nil)
	if o.oauth != nil {
		for k := range o.oauth.cfg.SignIn {
			signIn = append(signIn, k)
		}
	}
	if len(e.RequestBody) > 0 {
		e.RequestBody = redactForm(e.RequestBody, append(signIn, secretFormFields...))
	}
	if len(e.ResponseBody) > 0 {
		e.ResponseBody = redactJSONMembers(e.ResponseBody, secretJSONMembers)
	}
	e.URL = redactQuery(e.URL)
	if e.ResponseHeader != nil {
		h := e.ResponseHeader.Clone()
		if loc := h.Get("Location"); loc != "" {
			h.Set("Location", redactQuery(loc))
			// A redirect's body often repeats its Location (Go's
			// http.Redirect writes a link to it).
			for _, s := range querySecrets(loc) {
				for _, form := range []string{s, url.QueryEscape(s), html.EscapeString(url.QueryEscape(s))} {
					e.ResponseBody = bytes.ReplaceAll(e.ResponseBody, []byte(form), []byte(redacted))
				}
			}
		}
		if h.Get("Set-Cookie") != "" {
			h["Set-Cookie"] = redactedValue
		}
		e.ResponseHeader = h
	}
	if e.RequestHeader.Get("Cookie") != "" {
		e.RequestHeader = e.RequestHeader.Clone()
		e.RequestHeader["Cookie"] = redactedValue
	}
}

// redactForm redacts the named fields of a URL-encoded body; a body that is
// not URL encoding is redacted whole.
func redactForm(body []byte, keys []string) []byte {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return []byte(redacted)
	}
	changed := false
	for _, k := range keys {
		if _, ok := v[k]; ok {
			v[k] = []string{redacted}
			changed = true
		}
	}
	if !changed {
		return body
	}
	// The marker reads as itself, not percent-encoded.
	return []byte(strings.ReplaceAll(v.Encode(), url.QueryEscape(redacted), redacted))
}

// redactJSONMembers redacts the named top-level string members of a JSON
// object; other bodies are returned as they are (error pages, empty bodies).
func redactJSONMembers(body []byte, keys []string) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	changed := false
	for _, k := range keys {
		if _, ok := m[k]; ok {
			m[k] = json.RawMessage(`"` + redacted + `"`)
			changed = true
		}
	}
	if !changed {
		return body
	}
	out, err := json.Marshal(m)
	if err != nil {
		return []byte(redacted)
	}
	return out
}

// querySecrets are the code and token values of a URL's query.
func querySecrets(raw string) []string {
	i := strings.IndexByte(raw, '?')
	if i < 0 {
		return nil
	}
	v, err := url.ParseQuery(raw[i+1:])
	if err != nil {
		return nil
	}
	var out []string
	for _, k := range []string{"code", "access_token", "refresh_token", "id_token"} {
		for _, s := range v[k] {
			if s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// redactQuery redacts the code and token parameters of a URL.
func redactQuery(raw string) string {
	i := strings.IndexByte(raw, '?')
	if i < 0 {
		return raw
	}
	v, err := url.ParseQuery(raw[i+1:])
	if err != nil {
		return raw[:i+1] + redacted
	}
	changed := false
	for _, k := range []string{"code", "access_token", "refresh_token", "id_token"} {
		if _, ok := v[k]; ok {
			v[k] = []string{redacted}
			changed = true
		}
	}
	if !changed {
		return raw
	}
	return raw[:i+1] + strings.ReplaceAll(v.Encode(), url.QueryEscape(redacted), redacted)
}

// isHTML reports whether an answer is an HTML page.
func isHTML(h http.Header, body []byte) bool {
	ct := strings.ToLower(h.Get("Content-Type"))
	return strings.Contains(ct, "html") || bytes.Contains(bytes.ToLower(body[:min(len(body), 512)]), []byte("<form"))
}
