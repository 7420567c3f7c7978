package steps

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/internal/baseurl"
	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/mockokta"
)

// AuthStyle is how the SCIM token goes into the Authorization header:
// mockokta's, which encodes it (mockokta.Authorization).
type AuthStyle = mockokta.AuthStyle

// The auth styles Okta offers (docs/okta-protocol.md §1.2).
const (
	AuthBearer = mockokta.AuthBearer // "Authorization: Bearer T"
	AuthHeader = mockokta.AuthHeader // "Authorization: T"
	AuthBasic  = mockokta.AuthBasic  // Basic, the token (or Config.Password) as the password
)

// ParseAuthStyle reads "bearer", "header" or "basic".
func ParseAuthStyle(s string) (AuthStyle, error) {
	switch a := AuthStyle(strings.ToLower(s)); a {
	case AuthBearer, AuthHeader, AuthBasic:
		return a, nil
	}
	return "", fmt.Errorf("auth style %q: expected bearer, header or basic", s)
}

// Default timeouts.
const (
	// DefaultRequestTimeout bounds one HTTP request of the harness or of
	// the mock Okta org: 60 seconds, Okta's own (docs/okta-protocol.md §8.4) and
	// the CLI's default.
	DefaultRequestTimeout = 60 * time.Second
	// CleanupTimeout bounds the clean-up of one scenario in a shared
	// organization, which runs even when the run was interrupted.
	CleanupTimeout = 30 * time.Second
)

// Config says which server the suite runs against and how. BaseURL and one
// credential (Token, or Username and Password for Basic) are required, unless
// AdminURL is set: then every scenario makes an organization of its own and
// uses its tokens.
type Config struct {
	// BaseURL is the SCIM base URL of the Production environment, such as
	// "https://zinc.example/scim/v2". It may carry a query, as Okta's OIN
	// base URLs built from tenant variables do: every request keeps it,
	// before its own parameters (internal/baseurl).
	BaseURL string
	// SandboxURL is the SCIM base URL of the Sandbox environment, a query
	// allowed as in BaseURL; "" when the target has none (the Sandbox
	// scenarios then skip).
	SandboxURL string

	// Token is the Production SCIM token; SandboxToken the Sandbox one.
	// With an Admin Console API they are not used: each scenario's own
	// organization has its tokens.
	Token        string
	SandboxToken string
	// Auth is how the token is sent; "" means AuthBearer.
	Auth AuthStyle
	// Username and Password are the Basic credentials for AuthBasic;
	// Username "" means "scimharness", Password "" means the token.
	Username string
	Password string

	// Profile is the Okta client profile of scenarios tagged neither @oin
	// nor @aiw.
	Profile mockokta.Profile
	// ProfileOnly makes Profile the app's only one: the scenarios tagged
	// with the other profile (@oin, @aiw) skip, saying why. Without it they
	// run, each as its tag says.
	ProfileOnly bool

	// AdminURL is the base of a reference-compatible Admin Console API
	// (docs/design.md), such as "https://zinc.example/admin"; "" when the
	// target has none. AdminToken opens it.
	AdminURL   string
	AdminToken string

	// HTTPClient sends every request; nil means an HTTP/1.1 client (Okta's
	// client never speaks HTTP/2) with RequestTimeout that does not follow
	// redirects (a 3xx is the answer, as Okta and the CLI treat it). Its
	// Transport is wrapped to record exchanges; its redirect policy and TLS
	// settings are kept.
	HTTPClient *http.Client
	// RunPrefix starts the names of the users and groups scenarios create
	// in a shared organization; "" means "sh" and four random characters.
	RunPrefix string
	// RequestTimeout bounds each request; 0 means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// ReportsDetail is how much of each exchange the step attachments keep:
	// "" means DetailFailed.
	ReportsDetail Detail

	// OAuth is Okta's OAuth 2.0 connection to the target, for the
	// scenarios tagged @oauth; nil skips them.
	OAuth *OAuthConfig
	// StopAfter is how many requests in a row may go without an answer
	// (timeouts, resets) before the run asks the target once more with a
	// GET it answered before and, without an answer to that, stops sending
	// and reports the scenarios not yet run as not run (Suite.Stopped); 0
	// means DefaultStopAfter, a negative number never.
	StopAfter int

	// Limits bound what the suite reads of the target's answers and its
	// real pause after a 429 (mockokta.Limits; the zero value: the
	// defaults). They apply to the suite's own requests and to the mock
	// Okta org's.
	Limits mockokta.Limits

	// Supports are the Okta provisioning features the app declares
	// (features.ParseSupports, docs/app-features.md): a scenario tagged
	// with a feature not among them is skipped ("The app does not support
	// Push Groups."), and the mock Okta org's settings follow them (Test
	// API Credentials reads /Groups only with Import Groups). nil means
	// every feature: the safe default, which tests everything Okta can ask
	// of an app.
	Supports []features.Capability
	// SupportsFrom says who declared Supports, for the skip reason:
	// "--supports", "the Zinc pack"; "" means the caller.
	SupportsFrom string

	// AppName is the name of the app under test as an app pack's feature
	// files write it ("Zinc", features.Pack.App): steps that name the app
	// take it beside the neutral "the app". "" means only "the app", as the
	// Okta core's features write. Okta's task messages name it too.
	AppName string
}

// Suite is a configured step vocabulary. Create it with New, for one run;
// it is safe for concurrent scenarios. Its only mutable state is the bytes its
// reports keep (Limits.ReportBytes) and whether the
// target still answers (Stopped).
type Suite struct {
	cfg           Config
	base, sandbox baseurl.Base // cfg.BaseURL and cfg.SandboxURL, parsed
	prefix        string
	secrets       []string
	red           *redact.Secrets // of secrets, built once in New (read-only)
	kept          atomic.Int64    // bytes of response bodies kept for the reports (keep)
	health        *health
	client        *http.Client        // cfg.HTTPClient, its transport watched by health
	patterns      []*regexp.Regexp    // the vocabulary's, for cfg.AppName (read-only)
	pages         *mockokta.PageCache // the list pages the scenarios' imports decoded
}

// pageCacheBytes bounds the pages the scenarios' imports keep decoded
// (mockokta.PageCache): 100,000 users take about 40 MB of it, and a target
// whose pages change between imports cannot grow a run's memory by more.
const pageCacheBytes = 64 << 20

// New checks cfg and fills its defaults.
func New(cfg Config) (*Suite, error) {
	base, err := baseurl.Parse(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("steps: base URL %q: %w", cfg.BaseURL, err)
	}
	cfg.BaseURL = base.String()
	var sandbox baseurl.Base
	if cfg.SandboxURL != "" {
		if sandbox, err = baseurl.Parse(cfg.SandboxURL); err != nil {
			return nil, fmt.Errorf("steps: Sandbox URL %q: %w", cfg.SandboxURL, err)
		}
		cfg.SandboxURL = sandbox.String()
	}
	if cfg.AdminURL != "" {
		if err := checkURL("admin URL", cfg.AdminURL); err != nil {
			return nil, err
		}
		cfg.AdminURL = strings.TrimRight(cfg.AdminURL, "/")
		if cfg.AdminToken == "" {
			return nil, fmt.Errorf("steps: an admin URL needs an admin token")
		}
	}
	if cfg.Auth == "" {
		cfg.Auth = AuthBearer
	}
	if _, err := ParseAuthStyle(string(cfg.Auth)); err != nil {
		return nil, fmt.Errorf("steps: %w", err)
	}
	if cfg.AdminURL == "" {
		switch {
		case cfg.Auth == AuthBasic && cfg.Token == "" && cfg.Password == "":
			return nil, fmt.Errorf("steps: Basic auth needs a password or a token")
		case cfg.Auth != AuthBasic && cfg.Token == "":
			return nil, fmt.Errorf("steps: the target needs a token (or an Admin Console API to make organizations)")
		}
	}
	if cfg.Supports != nil && !slices.ContainsFunc(cfg.Supports, func(c features.Capability) bool { return c.Name == features.Users }) {
		// Okta manages users in every app: Users is never left out.
		all := features.Capabilities()
		cfg.Supports = append([]features.Capability{all[0]}, cfg.Supports...)
	}
	if cfg.Username == "" {
		cfg.Username = "scimharness"
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	cfg.Limits = cfg.Limits.WithDefaults()
	switch cfg.ReportsDetail {
	case "":
		cfg.ReportsDetail = DetailFailed
	case DetailFailed, DetailFull:
	default:
		return nil, fmt.Errorf("steps: reports detail %q is not %q or %q", cfg.ReportsDetail, DetailFailed, DetailFull)
	}
	if cfg.HTTPClient == nil {
		t := http1Transport()
		cfg.Limits.ApplyTo(t)
		cfg.HTTPClient = &http.Client{Timeout: cfg.RequestTimeout, CheckRedirect: noRedirects, Transport: t}
	}
	h := &health{limit: cfg.StopAfter, prefix: []string{urlPath(cfg.BaseURL), urlPath(cfg.SandboxURL), urlPath(cfg.AdminURL)}}
	if h.limit == 0 {
		h.limit = DefaultStopAfter
	}
	if h.limit < 0 {
		h.limit = 0
	}
	client := *cfg.HTTPClient // the caller's client is not changed
	rt := client.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	h.timeout, h.probe = cfg.RequestTimeout, freshRetry{rt}.RoundTrip
	client.Transport = watch{base: freshRetry{rt}, h: h}
	prefix := cfg.RunPrefix
	if prefix == "" {
		prefix = "sh" + strings.ToLower(rand.Text()[:4])
	}
	if strings.ContainsAny(prefix, " @\"\\/") {
		return nil, fmt.Errorf("steps: run prefix %q: no spaces, @, quotes or slashes", prefix)
	}
	if err := cfg.OAuth.check(); err != nil {
		return nil, err
	}
	if cfg.AppName != "" && (strings.TrimSpace(cfg.AppName) != cfg.AppName || strings.ContainsAny(cfg.AppName, "\"\n")) {
		return nil, fmt.Errorf("steps: app name %q: no surrounding spaces, quotes or line breaks", cfg.AppName)
	}
	s := &Suite{cfg: cfg, base: base, sandbox: sandbox, prefix: prefix, health: h, client: &client, patterns: compile(cfg.AppName),
		pages: mockokta.NewPageCache(pageCacheBytes)}
	var oauthSecret string
	if cfg.OAuth != nil {
		oauthSecret = cfg.OAuth.ClientSecret
	}
	for _, v := range []string{cfg.Token, cfg.SandboxToken, cfg.Password, cfg.AdminToken, oauthSecret} {
		if v != "" {
			// Also as the Basic credential "user:secret" whose base64
			// the Authorization header carries.
			s.secrets = append(s.secrets, v, cfg.Username+":"+v)
		}
	}
	if cfg.OAuth != nil && oauthSecret != "" {
		s.secrets = append(s.secrets, url.QueryEscape(cfg.OAuth.ClientID)+":"+url.QueryEscape(oauthSecret))
	}
	s.red = redact.NewSecrets(s.secrets...)
	return s, nil
}

// http1Transport is net/http's default transport speaking HTTP/1.1 only, as
// Okta's SCIM client does: HTTP/2 is never negotiated.
func http1Transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ForceAttemptHTTP2 = false
	t.Protocols = new(http.Protocols)
	t.Protocols.SetHTTP1(true)
	return t
}

// noRedirects makes a client return a redirect as the answer.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// Prefix is the run prefix of the names scenarios make in a shared
// organization.
func (s *Suite) Prefix() string { return s.prefix }

// HasAdmin reports whether the suite has an Admin Console API.
func (s *Suite) HasAdmin() bool { return s.cfg.AdminURL != "" }

func checkURL(what, raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("steps: %s %q: %w", what, raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("steps: %s %q: expected http(s)://host/path without query or fragment", what, raw)
	}
	return nil
}

// urlPath is the path of a URL without its trailing slash, "" if it has none.
func urlPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimRight(u.Path, "/")
}
