package explore

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/internal/redact"
)

// Target is the SCIM server explore tests. BaseURL and Token are required
// unless AdminURL is set, in which case every scenario runs in an
// organization of its own, made through the Admin Console API.
type Target struct {
	BaseURL      string // the Production SCIM base URL
	Token        string
	SandboxURL   string // "" when the target has no Sandbox
	SandboxToken string
	AdminURL     string // a reference-compatible Admin Console API; "" for none
	AdminToken   string
	// Transport sends every request; nil means http.DefaultTransport.
	Transport http.RoundTripper
}

// Pack is the app pack whose actions and invariants join the Okta core's.
type Pack uint8

// The packs: PackCore is `--app none`, the Okta core alone.
const (
	PackCore Pack = iota
	PackZinc
)

func (p Pack) String() string {
	if p == PackZinc {
		return "zinc"
	}
	return "none"
}

// ParsePack reads an --app value: "zinc" or "none".
func ParsePack(s string) (Pack, error) {
	switch strings.ToLower(s) {
	case "zinc":
		return PackZinc, nil
	case "none":
		return PackCore, nil
	}
	return 0, fmt.Errorf("app pack %q: expected zinc or none", s)
}

// answer is one response the harness itself read.
type answer struct {
	method, url string
	status      int
	header      http.Header
	body        []byte
}

func (a *answer) json() gjson.Result { return gjson.ParseBytes(a.body) }

// String is the answer for a violation's evidence, passwords redacted.
func (a *answer) String() string {
	return fmt.Sprintf("%s %s -> %d %s", a.method, a.url, a.status, truncate(string(redact.Passwords(a.body)), 400))
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// client sends the harness's own requests (the checks and probes).
type client struct {
	rt http.RoundTripper
}

// do sends one request; authz "" sends no Authorization header.
func (c *client) do(ctx context.Context, method, url, authz string, body []byte) (*answer, error) {
	return c.doAs(ctx, method, url, authz, "application/scim+json", body)
}

// doAs is do with the body labelled contentType.
func (c *client) doAs(ctx context.Context, method, url, authz, contentType string, body []byte) (*answer, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	req.Header.Set("Accept", "application/scim+json")
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if authz != "" {
		req.Header.Set("Authorization", authz)
	}
	resp, err := c.rt.RoundTrip(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the answer: %w", method, url, err)
	}
	return &answer{method: method, url: url, status: resp.StatusCode, header: resp.Header, body: b}, nil
}

func bearer(t string) string { return "Bearer " + t }

func basicAuth(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}
