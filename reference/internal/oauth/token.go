package oauth

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/scimharness/scimharness/reference/internal/tokens"
)

// token is /oauth/token: the authorization_code grant (RFC 6749 §4.1.3) and
// the refresh_token grant (§6), for a client authenticated with
// client_secret_basic or client_secret_post (§2.3.1; Okta does not say which
// it uses, docs/okta-oauth.md §2).
func (a *Server[O]) token(w http.ResponseWriter, r *http.Request) {
	form, ok := a.clientPost(w, r, "token")
	if !ok {
		return
	}
	switch gt := form.Get("grant_type"); gt {
	case "authorization_code":
		a.exchangeCode(w, form)
	case "refresh_token":
		a.refreshGrant(w, form)
	case "":
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "grant_type is missing: use authorization_code or refresh_token")
	default:
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type "+gt+" is not supported: use authorization_code or refresh_token")
	}
}

// clientPost is how both of Okta's endpoints begin (token, revocation): a
// POST, a form body, the client authenticated. It answers the request itself
// when one fails, and then ok is false.
func (a *Server[O]) clientPost(w http.ResponseWriter, r *http.Request, endpoint string) (form url.Values, ok bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeOAuthError(w, http.StatusMethodNotAllowed, "invalid_request", "the "+endpoint+" endpoint takes POST only")
		return nil, false
	}
	form, ok = a.readForm(w, r)
	if !ok || !a.authenticateClient(w, r, form) {
		return nil, false
	}
	return form, true
}

// readForm reads an application/x-www-form-urlencoded body.
func (a *Server[O]) readForm(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	ct := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0]))
	if ct != "application/x-www-form-urlencoded" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded, not "+quoteOr(ct, "missing"))
		return nil, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "the body is not valid URL encoding: "+err.Error())
		return nil, false
	}
	return r.PostForm, true
}

func quoteOr(s, none string) string {
	if s == "" {
		return none
	}
	return `"` + s + `"`
}

// authenticateClient checks Okta's client credentials: exactly one of the
// Basic header and the client_secret parameter (RFC 6749 §2.3).
func (a *Server[O]) authenticateClient(w http.ResponseWriter, r *http.Request, form url.Values) bool {
	id, secret, basic := clientBasic(r.Header.Get("Authorization"))
	postID, postSecret := form.Get("client_id"), form.Get("client_secret")
	fail := func(msg string) bool {
		w.Header().Set("WWW-Authenticate", `Basic realm="Zinc OAuth"`)
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", msg)
		return false
	}
	switch {
	case basic && postSecret != "":
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "the client authenticated twice (Basic and client_secret): use one method")
		return false
	case !basic && postSecret == "":
		return fail("no client authentication: send the client id and secret with HTTP Basic or as client_id and client_secret")
	case !basic:
		id, secret = postID, postSecret
	case postID != "" && postID != id:
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "client_id in the body differs from the Basic credentials")
		return false
	}
	if !tokens.Same(id, a.cfg.ClientID) {
		return fail("unknown client_id")
	}
	if !tokens.Same(secret, a.cfg.ClientSecret) && a.rules.CheckSecret {
		return fail("the client secret is wrong")
	}
	return true
}

// clientBasic reads client_secret_basic: Basic base64(urlencode(id) ":"
// urlencode(secret)) (RFC 6749 §2.3.1).
func clientBasic(h string) (id, secret string, ok bool) {
	scheme, rest, found := strings.Cut(strings.TrimSpace(h), " ")
	if !found || !strings.EqualFold(scheme, "Basic") {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(rest))
	if err != nil {
		return "", "", true
	}
	rid, rsecret, _ := strings.Cut(string(raw), ":")
	if id, err = url.QueryUnescape(rid); err != nil {
		id = rid
	}
	if secret, err = url.QueryUnescape(rsecret); err != nil {
		secret = rsecret
	}
	return id, secret, true
}

func (a *Server[O]) exchangeCode(w http.ResponseWriter, form url.Values) {
	code := form.Get("code")
	if code == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "code is missing")
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	k := tokens.KeyOf(code)
	c, ok := a.codes[k]
	if !ok {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the authorization code is unknown or was used already")
		return
	}
	delete(a.codes, k) // single use, whatever happens next
	switch {
	case !a.nowLocked(c.org).Before(c.expires):
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the authorization code has expired")
		return
	case form.Get("redirect_uri") != c.redirectURI:
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "redirect_uri differs from the one of the authorization request")
		return
	case c.challenge != "" && !verifierMatches(form.Get("code_verifier"), c.challenge, c.method):
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "code_verifier does not match the code_challenge")
		return
	}
	g := &grant[O]{org: c.org, scope: c.scope}
	a.issue(w, g, a.nowLocked(c.org))
}

// verifierMatches checks a PKCE verifier (RFC 7636 §4.6).
func verifierMatches(verifier, challenge, method string) bool {
	if verifier == "" {
		return false
	}
	if method == "plain" {
		return tokens.Same(verifier, challenge)
	}
	sum := sha256.Sum256([]byte(verifier))
	return tokens.Same(base64.RawURLEncoding.EncodeToString(sum[:]), challenge)
}

func (a *Server[O]) refreshGrant(w http.ResponseWriter, form url.Values) {
	rt := form.Get("refresh_token")
	if rt == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "refresh_token is missing")
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	k := tokens.KeyOf(rt)
	g, ok := a.refresh[k]
	if !ok {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the refresh token is unknown, rotated or revoked")
		return
	}
	now := a.nowLocked(g.org)
	if g.revoked {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the refresh token was revoked")
		return
	}
	if !now.Before(g.refreshExpires) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "the refresh token has expired")
		return
	}
	if s := form.Get("scope"); s != "" {
		for _, x := range strings.Fields(s) {
			if !hasScope(g.scope, x) {
				writeOAuthError(w, http.StatusBadRequest, "invalid_scope", "the scope "+x+" was not granted")
				return
			}
		}
	}
	delete(a.refresh, k) // rotated (RFC 9700 §4.14.2)
	a.issue(w, g, now)
}

// issue answers a new access token of g, and a new refresh token when the
// grant has offline_access (docs/okta-oauth.md §1.5). a.mu is held.
func (a *Server[O]) issue(w http.ResponseWriter, g *grant[O], now time.Time) {
	at := tokens.New()
	a.access[tokens.KeyOf(at)] = &accessToken[O]{g: g, expires: now.Add(a.cfg.AccessTokenTTL)}
	g.access = append(g.access, tokens.KeyOf(at))
	body := map[string]any{"access_token": at, "token_type": "Bearer",
		"expires_in": int64(a.cfg.AccessTokenTTL / time.Second)}
	if g.scope != "" {
		body["scope"] = g.scope
	}
	if hasScope(g.scope, "offline_access") && a.rules.RefreshTokens {
		rt := tokens.New()
		g.refresh = tokens.KeyOf(rt)
		if g.refreshExpires.IsZero() {
			g.refreshExpires = now.Add(a.cfg.RefreshTokenTTL)
		}
		a.refresh[g.refresh] = g
		body["refresh_token"] = rt
	}
	writeOAuthJSON(w, body)
}

// revoke is /oauth/revoke (RFC 7009): a refresh token revokes its grant, the
// access tokens issued under it included (§2.1); an access token revokes
// itself. An unknown token is answered 200 as well (§2.2).
func (a *Server[O]) revoke(w http.ResponseWriter, r *http.Request) {
	form, ok := a.clientPost(w, r, "revocation")
	if !ok {
		return
	}
	t := form.Get("token")
	if t == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "token is missing")
		return
	}
	if a.rules.Revocation {
		k := tokens.KeyOf(t)
		a.mu.Lock()
		if g, ok := a.refresh[k]; ok {
			g.revoked = true // kept, so that a later refresh hears why it fails
			for _, ak := range g.access {
				delete(a.access, ak)
			}
		} else {
			delete(a.access, k)
		}
		a.mu.Unlock()
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}
