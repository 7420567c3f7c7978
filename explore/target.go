package explore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/mockokta"
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
	secrets     *redact.Secrets // hidden from String
}

func (a *answer) json() gjson.Result { return gjson.ParseBytes(a.body) }

// String is the answer for a violation's evidence, passwords redacted.
func (a *answer) String() string {
	return fmt.Sprintf("%s %s -> %d %s", a.method, a.secrets.String(a.url), a.status, truncate(string(redact.Passwords(a.secrets.Bytes(a.body))), 400))
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// client sends the harness's own requests (the checks and probes).
type client struct {
	rt      http.RoundTripper
	secrets *redact.Secrets // the target's tokens, hidden from evidence
	timeout time.Duration   // of each request until its whole answer; 0: none
	maxBody int             // of an answer read; 0: 8 MiB
	limits  mockokta.Limits // Okta's

	mu       sync.Mutex
	noAnswer string // the last request, the harness's or Okta's, if it got no answer
}

// answered notes whether the last request got an answer: what says which
// request did not, and why.
func (c *client) answered(ok bool, what string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok {
		c.noAnswer = ""
	} else {
		c.noAnswer = c.secrets.String(what)
	}
}

// unanswered is the last request if it got no answer, else "".
func (c *client) unanswered() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.noAnswer
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
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
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
		c.noAnswerTo(ctx, method, url, err)
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	max := c.maxBody
	if max <= 0 {
		max = mockokta.DefaultBodyBytes
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, int64(max)+1))
	if err != nil {
		c.noAnswerTo(ctx, method, url, err)
		return nil, fmt.Errorf("%s %s: reading the answer: %w", method, url, err)
	}
	if len(b) > max {
		b = b[:max]
		err := &mockokta.LimitError{Bound: "BodyBytes", What: fmt.Sprintf("the answer's body is larger than %d KiB", max>>10)}
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	c.answered(true, "")
	return &answer{method: method, url: url, status: resp.StatusCode, header: resp.Header, body: b, secrets: c.secrets}, nil
}

// noAnswerTo notes a request that got no answer, unless the caller gave up
// (the run was interrupted).
func (c *client) noAnswerTo(ctx context.Context, method, url string, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	why := err.Error()
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		why = fmt.Sprintf("timeout after %s", c.timeout)
	}
	c.answered(false, method+" "+url+": got no answer: "+why)
}

// bearer is the Authorization header of a token sent as Bearer.
func bearer(t string) string { return mockokta.Authorization(mockokta.AuthBearer, "", t) }
