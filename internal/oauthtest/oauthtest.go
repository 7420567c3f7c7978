// Package oauthtest is a small OAuth 2.0 authorization server for tests,
// written apart from the reference server's so that the harness's OAuth
// client is tested against two implementations. It plays an integrator's
// own authorization server in front of any SCIM API: Server.Protect serves
// a SCIM handler to the access tokens it issued.
//
// It auto-consents (the authorize endpoint redirects at once) unless
// Options.Login is set, and then shows a sign-in form first.
package oauthtest

import (
	"crypto/rand"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Options configure a Server. ClientID, ClientSecret and RedirectURI are
// required.
type Options struct {
	ClientID, ClientSecret string
	// RedirectURI is a redirect URI accepted, and so are those of Also.
	RedirectURI string
	Also        []string
	// Login, if set, is the user name and password the sign-in form wants
	// (fields "username" and "password"); nil consents at once.
	Login *[2]string
	// PostOnly accepts client_secret_post only; the default takes Basic
	// only, so that a client must pick the right one.
	PostOnly bool
	// TTL is the access tokens' lifetime; 0 means one hour.
	TTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Server is the authorization server; mount it with httptest.NewServer. It
// serves /authorize, /token and /revoke.
type Server struct {
	opt Options

	mu        sync.Mutex
	codes     map[string]string    // code → scope
	redirects map[string]string    // code → its redirect URI
	access    map[string]time.Time // access token → expiry
	refresh   map[string]bool      // refresh token → still valid
	requests  []url.Values         // every token request's form, in order
}

// New returns a Server.
func New(opt Options) *Server {
	if opt.TTL <= 0 {
		opt.TTL = time.Hour
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Server{opt: opt, codes: map[string]string{}, redirects: map[string]string{}, access: map[string]time.Time{}, refresh: map[string]bool{}}
}

// ServeHTTP serves the OAuth endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/authorize":
		s.authorize(w, r)
	case "/token":
		s.token(w, r)
	case "/revoke":
		if !s.client(r) {
			http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
			return
		}
		s.mu.Lock()
		delete(s.refresh, r.PostForm.Get("token"))
		delete(s.access, r.PostForm.Get("token"))
		s.mu.Unlock()
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	q := r.Form
	if q.Get("client_id") != s.opt.ClientID || !s.redirectOK(q.Get("redirect_uri")) || q.Get("response_type") != "code" {
		http.Error(w, "bad authorization request", http.StatusBadRequest)
		return
	}
	if s.opt.Login != nil && (q.Get("username") != s.opt.Login[0] || q.Get("password") != s.opt.Login[1]) {
		var b strings.Builder
		b.WriteString(`<html><body><form action="/authorize" method="POST">`)
		for _, k := range []string{"client_id", "redirect_uri", "response_type", "scope", "state"} {
			b.WriteString(`<input type=hidden name="` + k + `" value="` + html.EscapeString(q.Get(k)) + `">`)
		}
		b.WriteString(`User <input name=username> Password <input type=password name=password><input type=submit value="Sign in"></form></body></html>`)
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(b.String()))
		return
	}
	code := rand.Text()
	s.mu.Lock()
	s.codes[code] = q.Get("scope")
	s.redirects[code] = q.Get("redirect_uri")
	s.mu.Unlock()
	v := url.Values{"code": {code}}
	if st := q.Get("state"); st != "" {
		v.Set("state", st)
	}
	http.Redirect(w, r, q.Get("redirect_uri")+"?"+v.Encode(), http.StatusSeeOther)
}

func (s *Server) redirectOK(u string) bool {
	if u == s.opt.RedirectURI {
		return true
	}
	for _, a := range s.opt.Also {
		if u == a {
			return true
		}
	}
	return false
}

// client checks the client's credentials, by the one method allowed.
func (s *Server) client(r *http.Request) bool {
	if r.ParseForm() != nil {
		return false
	}
	if s.opt.PostOnly {
		return r.PostForm.Get("client_id") == s.opt.ClientID && r.PostForm.Get("client_secret") == s.opt.ClientSecret
	}
	id, secret, ok := r.BasicAuth()
	id, _ = url.QueryUnescape(id)
	secret, _ = url.QueryUnescape(secret)
	return ok && id == s.opt.ClientID && secret == s.opt.ClientSecret
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if !s.client(r) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "invalid_client"})
		return
	}
	f := r.PostForm
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, f)
	var scope string
	switch f.Get("grant_type") {
	case "authorization_code":
		sc, ok := s.codes[f.Get("code")]
		redirect := s.redirects[f.Get("code")]
		delete(s.codes, f.Get("code"))
		delete(s.redirects, f.Get("code"))
		if !ok || f.Get("redirect_uri") != redirect {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid_grant", "error_description": "bad code"})
			return
		}
		scope = sc
	case "refresh_token":
		if !s.refresh[f.Get("refresh_token")] {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid_grant", "error_description": "refresh token revoked"})
			return
		}
		scope = "offline_access" // kept, not rotated
	default:
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type"})
		return
	}
	at := rand.Text()
	s.access[at] = s.opt.Now().Add(s.opt.TTL)
	body := map[string]any{"access_token": at, "token_type": "bearer", "expires_in": int(s.opt.TTL / time.Second)}
	if strings.Contains(" "+scope+" ", " offline_access ") {
		rt := f.Get("refresh_token")
		if rt == "" {
			rt = rand.Text()
			s.refresh[rt] = true
		}
		body["refresh_token"] = rt
	}
	writeJSON(w, http.StatusOK, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// TokenRequests returns the form of every token request so far.
func (s *Server) TokenRequests() []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]url.Values(nil), s.requests...)
}

// Valid reports whether token is an access token that has not expired.
func (s *Server) Valid(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.access[token]
	return ok && s.opt.Now().Before(exp)
}

// Protect serves scim to requests with a valid access token of s, with the
// Authorization header replaced by "Bearer " + backendToken, and to requests
// that carry backendToken itself (an app that takes its API token too);
// others get 401.
func (s *Server) Protect(scim http.Handler, backendToken string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if ok && tok == backendToken {
			scim.ServeHTTP(w, r)
			return
		}
		if !ok || !s.Valid(tok) {
			w.Header().Set("Content-Type", "application/scim+json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401","detail":"invalid or expired access token"}`))
			return
		}
		r = r.Clone(r.Context())
		r.Header.Set("Authorization", "Bearer "+backendToken)
		scim.ServeHTTP(w, r)
	})
}
