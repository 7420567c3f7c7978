package main

import (
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
)

// clientFlags are the flags every command that talks to a target shares.
type clientFlags struct {
	timeout  time.Duration
	caCert   string
	insecure bool
}

// register adds the flags to fs.
func (c *clientFlags) register(fs *flag.FlagSet) {
	fs.DurationVar(&c.timeout, "timeout", 60*time.Second, "per-request timeout (Okta gives up after 60s without an answer)")
	fs.StringVar(&c.caCert, "ca-cert", "", "PEM file of CA certificates to trust for the target, besides the system's")
	fs.BoolVar(&c.insecure, "insecure", false, "skip TLS certificate verification of the target (self-signed test endpoints)")
}

// client builds the HTTP client used to reach the target. It speaks HTTP/1.1
// only, as Okta's client does, and it never follows
// redirects: a SCIM endpoint that redirects is answering wrongly, and the 3xx
// shows in the failed scenario as it was sent, instead of a loop.
func (c *clientFlags) client() (*http.Client, error) {
	if c.timeout <= 0 {
		return nil, fmt.Errorf("--timeout %s must be positive", c.timeout)
	}
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
	return &http.Client{
		Transport:     transport,
		Timeout:       c.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, nil
}
