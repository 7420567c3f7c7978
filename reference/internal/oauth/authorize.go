package oauth

import (
	"html"
	"net/http"
	"net/url"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/tokens"
)

// authorizeRequest is the query of an authorization request (RFC 6749
// §4.1.1, RFC 7636 §4.3).
type authorizeRequest struct {
	responseType, clientID, redirectURI, scope, state string
	challenge, method                                 string
}

func readAuthorize(v url.Values) authorizeRequest {
	return authorizeRequest{
		responseType: v.Get("response_type"), clientID: v.Get("client_id"), redirectURI: v.Get("redirect_uri"),
		scope: v.Get("scope"), state: v.Get("state"),
		challenge: v.Get("code_challenge"), method: v.Get("code_challenge_method"),
	}
}

// authorize is /oauth/authorize: GET shows the consent page, POST takes its
// answer. A request whose client or redirect URI is wrong gets an error page
// and is never redirected (RFC 6749 §4.1.2.1; Okta's case C21902); other
// errors go back to the redirect URI.
func (a *Server[O]) authorize(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		writeOAuthPage(w, http.StatusMethodNotAllowed, "Use GET to open the consent page and POST to answer it.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeOAuthPage(w, http.StatusBadRequest, "The request is not valid URL encoding: "+err.Error())
		return
	}
	q := readAuthorize(r.Form)
	switch {
	case q.clientID == "":
		writeOAuthPage(w, http.StatusBadRequest, "The request has no client_id.")
		return
	case !tokens.Same(q.clientID, a.cfg.ClientID):
		writeOAuthPage(w, http.StatusBadRequest, "The client_id is not registered with Zinc.")
		return
	case q.redirectURI == "":
		writeOAuthPage(w, http.StatusBadRequest, "The request has no redirect_uri: Zinc sends codes only to the registered redirect URIs.")
		return
	case !a.allowedRedirect(q.redirectURI):
		writeOAuthPage(w, http.StatusBadRequest, "The redirect_uri "+q.redirectURI+" is not allow-listed for this client: Zinc accepts only "+strings.Join(a.cfg.RedirectURIs, ", ")+".")
		return
	case q.responseType != "code":
		redirectError(w, r, q, "unsupported_response_type", "Zinc issues authorization codes only: response_type=code")
		return
	case q.method != "" && q.method != "S256" && q.method != "plain":
		redirectError(w, r, q, "invalid_request", "code_challenge_method must be S256 or plain")
		return
	case q.method != "" && q.challenge == "":
		redirectError(w, r, q, "invalid_request", "code_challenge_method without code_challenge")
		return
	}
	if r.Method == http.MethodGet {
		writeConsent(w, http.StatusOK, q, "")
		return
	}
	if r.PostForm.Get("consent") != "allow" {
		redirectError(w, r, q, "access_denied", "the Zinc admin did not allow Okta to provision")
		return
	}
	o, ok := a.signIn(r.PostForm.Get("token"))
	if !ok {
		writeConsent(w, http.StatusUnauthorized, q, "That is not the Production API token of a Zinc organization.")
		return
	}
	code := tokens.New()
	a.mu.Lock()
	a.codes[tokens.KeyOf(code)] = &authCode[O]{org: o, clientID: q.clientID, redirectURI: q.redirectURI, scope: q.scope,
		challenge: q.challenge, method: q.method, expires: a.nowLocked(o).Add(CodeTTL)}
	a.mu.Unlock()
	redirect(w, q, url.Values{"code": {code}})
}

func redirectError(w http.ResponseWriter, _ *http.Request, q authorizeRequest, code, description string) {
	redirect(w, q, url.Values{"error": {code}, "error_description": {description}})
}

// redirect sends the browser back to the client's redirect URI with v and
// the request's state.
func redirect(w http.ResponseWriter, q authorizeRequest, v url.Values) {
	if q.state != "" {
		v.Set("state", q.state)
	}
	sep := "?"
	if strings.Contains(q.redirectURI, "?") {
		sep = "&"
	}
	w.Header().Set("Location", q.redirectURI+sep+v.Encode())
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusFound)
}

// writeConsent shows the consent page: the admin signs in to the Zinc
// organization and allows or denies Okta.
func writeConsent(w http.ResponseWriter, status int, q authorizeRequest, problem string) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Allow Okta to provision Zinc</title></head><body>`)
	b.WriteString(`<h1>Allow Okta to provision users and groups into your Zinc organization?</h1>`)
	if problem != "" {
		b.WriteString(`<p role="alert">` + html.EscapeString(problem) + `</p>`)
	}
	b.WriteString(`<form method="post" action="/oauth/authorize">`)
	for _, f := range [][2]string{{"response_type", q.responseType}, {"client_id", q.clientID}, {"redirect_uri", q.redirectURI},
		{"scope", q.scope}, {"state", q.state}, {"code_challenge", q.challenge}, {"code_challenge_method", q.method}} {
		if f[1] != "" {
			b.WriteString(`<input type="hidden" name="` + f[0] + `" value="` + html.EscapeString(f[1]) + `">`)
		}
	}
	b.WriteString(`<label>Your organization's Production API token <input type="password" name="token" value=""></label>`)
	b.WriteString(`<button type="submit" name="consent" value="allow">Allow</button>`)
	b.WriteString(`<button type="submit" name="consent" value="deny">Deny</button>`)
	b.WriteString(`</form></body></html>`)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

// writeOAuthPage is an error page for a request that must not be redirected.
func writeOAuthPage(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Zinc: authorization failed</title></head><body><h1>Authorization failed</h1><p>` +
		html.EscapeString(msg) + `</p></body></html>`))
}
