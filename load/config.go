package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/scimharness/scimharness/internal/sleep"
	"github.com/scimharness/scimharness/mockokta"
)

// Config describes a wave. BaseURL, Users and Concurrency are required.
type Config struct {
	BaseURL string
	// Client's transport (and so its TLS settings) sends the wave; its
	// redirect policy, cookie jar and Timeout are not used: the wave
	// follows no redirect (a 3xx is an answer) and keeps no cookie. nil: a
	// new client.
	Client  *http.Client
	Auth    mockokta.Auth
	Profile mockokta.Profile

	Users       int     // users assigned, each by Okta's lookup then create
	Groups      int     // groups pushed
	Members     int     // members of each group (at most Users)
	Concurrency int     // workers
	Rate        float64 // requests a second across workers; 0: no cap
	// Timeout is how long one attempt may wait for its answer, Okta's
	// timeout; 0 means Okta's 60 seconds. It replaces Client.Timeout,
	// which the wave does not use.
	Timeout time.Duration
	// Duration bounds the wave; 0: none. Work not started by then is
	// skipped and the result says so; the audit checks what was done.
	Duration time.Duration
	// Deactivate is the share of users deactivated in the last phase,
	// from 0 to 1; DefaultConfig uses 0.1.
	Deactivate float64
	// Prefix starts every login and group name, so that waves against a
	// shared target do not collide; "" means "load-".
	Prefix string

	Progress io.Writer // live progress; nil: none

	// Limits bound what is read of the target's answers and the real wait
	// after a 429: Okta's wait (Retry-After, or 5 minutes, doubling) is
	// cut to Limits.RetryPause, and the result counts the cuts
	// (mockokta.Limits; the zero value: the defaults).
	Limits mockokta.Limits
	// Secrets are hidden from every task message and error the wave keeps
	// (mockokta.Config.Secrets).
	Secrets []string

	// Now and Sleep are injected for tests; nil means the real ones.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// DefaultConfig is a modest wave: 1,000 users, 10 groups of 100, 4 workers.
func DefaultConfig() Config {
	return Config{Users: 1000, Groups: 10, Members: 100, Concurrency: 4, Deactivate: 0.1, Prefix: "load-"}
}

func (c *Config) validate() error {
	var errs []error
	if c.BaseURL == "" {
		errs = append(errs, errors.New("no target base URL"))
	}
	if c.Users < 1 {
		errs = append(errs, fmt.Errorf("users %d: want at least 1", c.Users))
	}
	if c.Groups < 0 || c.Members < 0 {
		errs = append(errs, fmt.Errorf("groups %d, members %d: want 0 or more", c.Groups, c.Members))
	}
	if c.Members > c.Users {
		errs = append(errs, fmt.Errorf("members %d: a group cannot have more members than the %d users", c.Members, c.Users))
	}
	if c.Concurrency < 1 {
		errs = append(errs, fmt.Errorf("concurrency %d: want at least 1", c.Concurrency))
	}
	if c.Rate < 0 || c.Duration < 0 || c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("rate %v, duration %v, timeout %v: want 0 or more", c.Rate, c.Duration, c.Timeout))
	}
	if c.Deactivate < 0 || c.Deactivate > 1 {
		errs = append(errs, fmt.Errorf("deactivate %v: want a share from 0 to 1", c.Deactivate))
	}
	if c.Prefix == "" {
		c.Prefix = "load-"
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Sleep == nil {
		c.Sleep = sleep.For
	}
	if c.Client == nil {
		c.Client = &http.Client{}
	}
	c.Limits = c.Limits.WithDefaults()
	return errors.Join(errs...)
}
