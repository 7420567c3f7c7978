package mockokta

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/scimharness/scimharness/internal/bytesize"
)

// tokenAnswer is a successful token answer (RFC 6749 §5.1).
type tokenAnswer struct {
	accessToken  string
	refreshToken string
	expiresIn    time.Duration // 0 when absent
}

// parseTokenAnswer reads a token answer: a JSON object with a non-empty
// access_token, token_type Bearer (any case), and optional expires_in (a
// number of seconds; a numeric string is taken too) and refresh_token.
func parseTokenAnswer(body []byte) (tokenAnswer, error) {
	var raw struct {
		AccessToken  *string         `json:"access_token"`
		TokenType    *string         `json:"token_type"`
		ExpiresIn    json.RawMessage `json:"expires_in"`
		RefreshToken *string         `json:"refresh_token"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&raw); err != nil {
		return tokenAnswer{}, fmt.Errorf("the token answer is not a JSON object: %w", err)
	}
	var a tokenAnswer
	switch {
	case raw.AccessToken == nil || *raw.AccessToken == "":
		return a, errors.New("the token answer has no access_token")
	case raw.TokenType == nil || !strings.EqualFold(*raw.TokenType, "Bearer"):
		got := "none"
		if raw.TokenType != nil {
			got = strconv.Quote(*raw.TokenType)
		}
		return a, fmt.Errorf("the token answer's token_type is %s, expected Bearer", got)
	}
	a.accessToken = *raw.AccessToken
	if raw.RefreshToken != nil {
		a.refreshToken = *raw.RefreshToken
	}
	if len(raw.ExpiresIn) > 0 && string(raw.ExpiresIn) != "null" {
		s := string(raw.ExpiresIn)
		if unq, err := strconv.Unquote(s); err == nil {
			s = unq
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || n < 0 || n > 1e9 {
			return a, fmt.Errorf("the token answer's expires_in %s is not a number of seconds", raw.ExpiresIn)
		}
		a.expiresIn = time.Duration(n * float64(time.Second))
	}
	return a, nil
}

// parseOAuthError reads an OAuth error body {"error", "error_description"}.
func parseOAuthError(body []byte) (code, description string, ok bool) {
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(body, &e) != nil || e.Error == "" {
		return "", "", false
	}
	return e.Error, e.Description, true
}

// tokenRequest posts form to the token endpoint with Okta's client
// authentication and returns the parsed answer of a 200, or the status and
// body of another answer; err is a request without an answer or a 200 Okta
// cannot read.
func (o *Org) tokenRequest(ctx context.Context, action, kind string, form url.Values) (tokenAnswer, int, []byte, error) {
	c := o.oauth
	h := http.Header{"Accept": {"application/json"}, "Content-Type": {"application/x-www-form-urlencoded"},
		"User-Agent": hdrUserAgent}
	if c.cfg.ClientAuth == ClientSecretPost {
		form.Set("client_id", c.cfg.ClientID)
		form.Set("client_secret", c.cfg.ClientSecret)
	} else {
		h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(c.cfg.ClientID)+":"+url.QueryEscape(c.cfg.ClientSecret))))
	}
	r, err := o.oauthSend(ctx, action, kind, http.MethodPost, c.cfg.TokenURL, h, []byte(form.Encode()), nil)
	if err != nil {
		return tokenAnswer{}, 0, nil, err
	}
	if r.status != http.StatusOK {
		return tokenAnswer{}, r.status, r.body, nil
	}
	a, err := parseTokenAnswer(r.body)
	if err != nil {
		return a, r.status, r.body, fmt.Errorf("POST %s: %w", c.cfg.TokenURL, err)
	}
	return a, r.status, r.body, nil
}

// oauthSend sends one request of the OAuth flow, outside the SCIM base URL:
// no 429 policy, no redirect followed. client is the browser's, nil for the
// token endpoint. The exchange goes into the transcript with its secrets
// redacted.
func (o *Org) oauthSend(ctx context.Context, action, kind, method, rawURL string, h http.Header, body []byte, client *http.Client) (*reply, error) {
	actx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	c := &call{action: action, target: o.app, kind: kind, method: method, body: body}
	req, err := http.NewRequestWithContext(actx, method, rawURL, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, rawURL, err)
	}
	if body == nil {
		req.Body, req.ContentLength = nil, 0
	}
	req.Header = h
	if client == nil {
		client = o.oauthClient(nil)
	}
	start := o.now()
	resp, err := client.Do(req)
	var r *reply
	if err == nil {
		r, err = readReply(resp, o.limits.BodyBytes)
	}
	d := o.now().Sub(start)
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if e := o.capture(c, 1, rawURL, h, r, start, d, msg); e != nil {
		o.redactOAuth(e)
		o.record(ctx, e)
	}
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, rawURL, err)
	}
	return r, nil
}

// readReply reads a whole answer.
func readReply(resp *http.Response, max int) (*reply, error) {
	defer resp.Body.Close()
	raw, err := readAnswer(resp, max, nil)
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	if len(raw) > max {
		return nil, &LimitError{Bound: "BodyBytes", What: "the answer's body is larger than " + bytesize.Text(max)}
	}
	return &reply{status: resp.StatusCode, header: resp.Header, body: raw}, nil
}

// oauthClient is a client that shows redirects instead of following them,
// over the org's transport, with jar's cookies (nil: none).
func (o *Org) oauthClient(jar http.CookieJar) *http.Client {
	rt := o.transport
	if rt == nil {
		rt = o.client.Transport
	}
	return &http.Client{Transport: rt, Jar: jar, Timeout: o.client.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
