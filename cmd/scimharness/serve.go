package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/scimharness/scimharness/internal/framing"
	"github.com/scimharness/scimharness/internal/refserver"
	"github.com/scimharness/scimharness/reference"
)

// faultFlags collects repeated --fault values.
type faultFlags []string

func (f *faultFlags) String() string     { return strings.Join(*f, ",") }
func (f *faultFlags) Set(v string) error { *f = append(*f, v); return nil }

// serveLimits bound every connection of `scimharness serve`: a client that
// sends its headers too slowly is cut off after readHeader, its whole request
// after read; larger headers than maxHeaderBytes get 431; on SIGINT or SIGTERM
// requests in flight have shutdown to finish. Tests shorten them.
type serveLimits struct {
	readHeader, read, write, idle, shutdown time.Duration
	maxHeaderBytes                          int
	// inner wraps the handler, innermost, for tests that must know when a
	// request has reached it; nil in the binary.
	inner func(http.Handler) http.Handler
}

var defaultServeLimits = serveLimits{
	readHeader:     10 * time.Second,
	read:           30 * time.Second,
	write:          60 * time.Second, // Okta gives up after 60 s
	idle:           120 * time.Second,
	shutdown:       10 * time.Second,
	maxHeaderBytes: 64 << 10,
}

func runServe(e env) int { return serveWith(e, defaultServeLimits) }

func serveWith(e env, lim serveLimits) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var (
		addr        string
		cfg         reference.Config
		faults      faultFlags
		logRequests bool
		oauthID     string
		oauthSecret string
		ents, roles faultFlags
	)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "host:port to listen on (port 0 picks a free port)")
	fs.StringVar(&cfg.Token, "token", e.getenv("SCIMHARNESS_TOKEN"), "Production SCIM token of the default organization (default $SCIMHARNESS_TOKEN; generated and printed if empty)")
	fs.StringVar(&cfg.SandboxToken, "sandbox-token", e.getenv("SCIMHARNESS_SANDBOX_TOKEN"), "its Sandbox token (default $SCIMHARNESS_SANDBOX_TOKEN; generated and printed if empty)")
	fs.StringVar(&cfg.AdminToken, "admin-token", e.getenv("SCIMHARNESS_ADMIN_TOKEN"), "token of the Admin Console API under /admin/ (default $SCIMHARNESS_ADMIN_TOKEN; generated and printed if empty)")
	fs.StringVar(&cfg.Mode, "mode", reference.ModeZinc, "how the server behaves: zinc (Zinc's documented rules) or plain (a plain RFC 7644 server with none of them, see 'go doc ./reference ModePlain')")
	fs.Var(&faults, "fault", "break one behaviour on purpose; repeatable ('scimharness faults' lists them); default: $SCIMHARNESS_FAULTS, comma-separated")
	fs.Int64Var(&cfg.MaxBodyBytes, "max-body", reference.DefaultMaxBodyBytes, "largest request body in bytes; a larger one gets 413")
	fs.IntVar(&cfg.MaxResults, "max-results", reference.DefaultMaxResults, "largest list page (count), advertised as filter.maxResults")
	fs.StringVar(&oauthID, "oauth-client-id", e.getenv("SCIMHARNESS_OAUTH_CLIENT_ID"), "Okta's OAuth 2.0 client id: serves the authorization server at /oauth/ (default $SCIMHARNESS_OAUTH_CLIENT_ID)")
	fs.StringVar(&oauthSecret, "oauth-client-secret", e.getenv("SCIMHARNESS_CLIENT_SECRET"), "its client secret (default $SCIMHARNESS_CLIENT_SECRET)")
	fs.Var(&ents, "entitlement", "an entitlement of the default organization at /Entitlements, as 'DISPLAY NAME:TYPE' (such as 'Pro license:License'); repeatable")
	fs.Var(&roles, "role", "a role of the default organization at /Roles, by its display name; repeatable")
	fs.BoolVar(&logRequests, "log", false, "log one line per request to stderr: method, path, status, duration (never headers, query or bodies)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness serve [--addr 127.0.0.1:8080] [--token T] [--admin-token A] [--sandbox-token S] [--fault NAME]... [--max-body BYTES] [--entitlement 'NAME:TYPE']... [--role NAME]...")
		fmt.Fprintln(e.stderr, "Serves the reference SCIM server (Zinc's documented behaviour) until SIGINT or SIGTERM.")
		fs.PrintDefaults()
	}
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	if cfg.MaxBodyBytes <= 0 || cfg.MaxResults <= 0 {
		fmt.Fprintln(e.stderr, "scimharness serve: --max-body and --max-results must be positive")
		return exitUsage
	}
	var generated []string
	for _, t := range []struct {
		name string
		v    *string
	}{{"production token", &cfg.Token}, {"sandbox token", &cfg.SandboxToken}, {"admin token", &cfg.AdminToken}} {
		if *t.v == "" {
			*t.v = rand.Text()
			generated = append(generated, fmt.Sprintf("%s (generated): %s", t.name, *t.v))
		}
	}
	if len(faults) == 0 {
		// Containers take their settings from the environment.
		for _, f := range strings.Split(e.getenv("SCIMHARNESS_FAULTS"), ",") {
			if f = strings.TrimSpace(f); f != "" {
				faults = append(faults, f)
			}
		}
	}
	cfg.Faults = faults
	for _, v := range ents {
		name, typ, ok := strings.Cut(v, ":")
		if i := strings.LastIndexByte(v, ':'); i >= 0 {
			name, typ = v[:i], v[i+1:]
		}
		if !ok || strings.TrimSpace(name) == "" || strings.TrimSpace(typ) == "" {
			fmt.Fprintf(e.stderr, "scimharness serve: --entitlement %q: expected 'DISPLAY NAME:TYPE', such as 'Pro license:License'\n", v)
			return exitUsage
		}
		cfg.Entitlements = append(cfg.Entitlements, reference.Entitlement{DisplayName: name, Type: typ})
	}
	for _, v := range roles {
		cfg.Roles = append(cfg.Roles, reference.Entitlement{DisplayName: v})
	}
	if oauthID != "" || oauthSecret != "" {
		cfg.OAuth = &reference.OAuthConfig{ClientID: oauthID, ClientSecret: oauthSecret}
	}
	handler, err := reference.New(cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness serve: %v\n", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness serve: %v\n", err)
		return exitUsage
	}
	var h http.Handler = handler
	if lim.inner != nil {
		h = lim.inner(h)
	}
	if logRequests {
		h = logged(h, e.stderr)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: lim.readHeader,
		ReadTimeout:       lim.read,
		WriteTimeout:      lim.write,
		IdleTimeout:       lim.idle,
		MaxHeaderBytes:    lim.maxHeaderBytes,
		ErrorLog:          log.New(e.stderr, "scimharness serve: ", 0),
	}
	urls := refserver.Config("http://"+ln.Addr().String(), cfg, nil) // every token is set above
	fmt.Fprintf(e.stdout, "scimharness reference server, organization %q\n", reference.DefaultOrg)
	fmt.Fprintf(e.stdout, "  SCIM Production:   %s\n", urls.BaseURL)
	fmt.Fprintf(e.stdout, "  SCIM Sandbox:      %s\n", urls.SandboxURL)
	fmt.Fprintf(e.stdout, "  Admin Console API: %s/\n", urls.AdminURL)
	for _, g := range generated {
		fmt.Fprintf(e.stdout, "  %s\n", g)
	}
	if len(faults) > 0 {
		fmt.Fprintf(e.stdout, "  faults: %s\n", faults.String())
	}
	// A request framed by both Content-Length and Transfer-Encoding is
	// refused and its connection closed (RFC 9112 section 6.1).
	ln = framing.Guard(srv, ln)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(e.stderr, "scimharness serve: %v\n", err)
		return exitFailed
	case <-e.ctx.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), lim.shutdown)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		fmt.Fprintf(e.stderr, "scimharness serve: shutdown: %v\n", err)
		return exitFailed
	}
	<-served
	fmt.Fprintln(e.stdout, "scimharness reference server stopped")
	return exitOK
}

// logged writes one line per request to w; it never writes headers (tokens),
// the query or bodies.
func logged(h http.Handler, w io.Writer) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sr := &statusRecorder{ResponseWriter: rw, status: http.StatusOK}
		h.ServeHTTP(sr, r)
		mu.Lock()
		fmt.Fprintf(w, "%s %s %d %s\n", r.Method, r.URL.Path, sr.status, time.Since(start).Round(time.Microsecond))
		mu.Unlock()
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
