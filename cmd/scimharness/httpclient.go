package main

import (
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/scimharness/scimharness/mockokta"
)

// clientFlags are the flags every command that talks to a target shares.
type clientFlags struct {
	timeout  time.Duration
	caCert   string
	insecure bool
	// limits bound what is read of the target and the real pause after
	// a 429 (docs/reliability.md); --retry-pause sets RetryPause.
	limits mockokta.Limits
}

// register adds the flags to fs.
func (c *clientFlags) register(fs *flag.FlagSet) {
	fs.DurationVar(&c.timeout, "timeout", 60*time.Second, "per-request timeout (Okta gives up after 60s without an answer)")
	fs.StringVar(&c.caCert, "ca-cert", "", "PEM file of CA certificates to trust for the target, besides the system's")
	fs.BoolVar(&c.insecure, "insecure", false, "skip TLS certificate verification of the target (self-signed test endpoints)")
	fs.Func("max-body", "the most read of one answer's body, also once decompressed, such as 512KiB or 8MiB (default 8MiB)", func(v string) error {
		n, err := parseSize(v)
		c.limits.BodyBytes = n
		return err
	})
	fs.IntVar(&c.limits.ImportPages, "import-pages", mockokta.DefaultImportPages, "the most pages of 100 one of Okta's imports reads before it fails; give more against a target of more than 200,000 users (reports keep a digest of the pages of a step that passed, docs/performance.md)")
	fs.DurationVar(&c.limits.RetryPause, "retry-pause", mockokta.DefaultRetryPause, "the longest real pause after a 429 from the target (run: Okta's schedule is asserted on a virtual clock; load: Okta's waits are cut to it)")
}

// parseSize reads a size in bytes, KiB or MiB: "4096", "512KiB", "8MiB".
func parseSize(v string) (int, error) {
	mul := 1
	num := v
	switch {
	case strings.HasSuffix(v, "MiB"):
		mul, num = 1<<20, strings.TrimSuffix(v, "MiB")
	case strings.HasSuffix(v, "KiB"):
		mul, num = 1<<10, strings.TrimSuffix(v, "KiB")
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > 1<<30/mul {
		return 0, fmt.Errorf("%q: want a size such as 4096, 512KiB or 8MiB, at most 1024MiB", v)
	}
	return n * mul, nil
}

// client builds the HTTP client used to reach the target. It speaks HTTP/1.1
// only, as Okta's client does, and it never follows
// redirects: a SCIM endpoint that redirects is answering wrongly, and the 3xx
// shows in the failed scenario as it was sent, instead of a loop.
func (c *clientFlags) client() (*http.Client, error) {
	if c.timeout <= 0 {
		return nil, fmt.Errorf("--timeout %s must be positive", c.timeout)
	}
	if c.limits.RetryPause < 0 {
		return nil, fmt.Errorf("--retry-pause %s must be 0 or more", c.limits.RetryPause)
	}
	c.limits = c.limits.WithDefaults()
	tlsConf := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.insecure {
		tlsConf.InsecureSkipVerify = true //nolint:gosec // the user asked for it with --insecure
	}
	if c.caCert != "" {
		pem, err := os.ReadFile(c.caCert)
		if err != nil {
			return nil, fmt.Errorf("--ca-cert: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--ca-cert %s: no PEM certificate found in it", c.caCert)
		}
		tlsConf.RootCAs = pool
	}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       tlsConf,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: c.timeout,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       90 * time.Second,
		// Okta's SCIM client speaks HTTP/1.1: never negotiate HTTP/2 (ALPN
		// offers http/1.1 only), so that a target sees what Okta sends.
		ForceAttemptHTTP2: false,
		Protocols:         new(http.Protocols),
	}
	transport.Protocols.SetHTTP1(true)
	c.limits.ApplyTo(transport)
	return &http.Client{
		Transport:     transport,
		Timeout:       c.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, nil
}
