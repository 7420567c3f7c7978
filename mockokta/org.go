package mockokta

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/scimharness/scimharness/internal/baseurl"
	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/internal/sleep"
)

// Config configures an Org. Only BaseURL is required.
type Config struct {
	// BaseURL is the SCIM base URL, such as "https://app.example.com/scim/v2".
	// It may carry a query, as Okta's OIN base URLs built from tenant
	// variables do ("https://fruits.example.com/scim2/myapp?connection=42"):
	// every request keeps it, before its own parameters (internal/baseurl).
	BaseURL string
	// Client sends every request; nil means a new http.Client. The org
	// applies Okta's own timeout to each attempt (see Timeout).
	Client *http.Client
	// Transport, if set, sends every request in Client's place, one round
	// trip per attempt: no redirect is followed and no cookie kept, and
	// http.Client's own bookkeeping is saved, as a load generator wants.
	Transport http.RoundTripper
	// Auth supplies the Authorization header; nil sends none.
	Auth Auth
	// OAuth, if set, connects by OAuth 2.0 instead of Auth: Authenticate
	// gets the tokens, and every SCIM request carries the access token.
	OAuth *OAuth
	// Profile is the kind of app integration, OIN (the zero value) or AIW.
	Profile Profile
	// AppName names the app in task messages; "" means "SCIM App".
	AppName string
	// Settings are the provisioning settings; nil means DefaultSettings().
	Settings *Settings

	// Timeout is how long an attempt may wait for its whole answer; 0 means
	// Okta's 60 seconds.
	Timeout time.Duration
	// MaxAttempts is how many times a request answered 429 is sent in all;
	// 0 means Okta's 10.
	MaxAttempts int

	// Limits bound what the org reads of a target's answers (the zero
	// value: the defaults of Limits).
	Limits Limits
	// Secrets are hidden, in every encoding (internal/redact.Secrets), from
	// every Exchange, task and error the org gives out, before anything is
	// cut: the token, the password, the client secret, "user:password" of
	// Basic credentials.
	Secrets []string

	// MaxBodyBytes caps each response body kept in an Exchange; 0 means 64
	// KiB. Exchange.Truncated reports a cut.
	MaxBodyBytes int
	// DiscardTranscript turns the in-memory transcript off, for long load
	// runs that only need Observe. The exchanges Observe then gets are
	// brief: no headers and no bodies (ResponseSize still counts the
	// answer's bytes), so that a load run pays nothing for copying and
	// redacting them.
	DiscardTranscript bool
	// WholeImportPages is how many pages of each import the transcript and
	// Observe get whole; 0 means every page. Past them, a page the import
	// read without fault comes as a brief exchange (Exchange.Brief: its
	// request, status, headers and size, not its body), so that an import
	// of a big target costs no copy and no redaction of each page; the page
	// an import failed on, or stopped at, and its last page are whole.
	WholeImportPages int
	// Pages, if set, is shared by the orgs of a run so that a list page one
	// of them decoded is not decoded again (PageCache); nil decodes every
	// page an import reads.
	Pages *PageCache
	// Observe, if set, is called after every attempt with its exchange, on
	// the goroutine that made the request, with the context the Org method
	// was given (so a load generator can find its worker's recorder there).
	// It must be safe for concurrent use.
	Observe func(ctx context.Context, e *Exchange)

	// Now is the clock of transcript and task times and of durations; nil
	// means time.Now.
	Now func() time.Time
	// Sleep waits between 429 attempts; nil means a timer that gives up
	// when ctx is done. Tests inject one that records the waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// NewID returns a new Okta id with the prefix "00u" (users) or "00g"
	// (groups); nil means 17 random characters after the prefix. It must be
	// safe for concurrent use.
	NewID func(prefix string) string
	// EmptyValues is how an attribute emptied in Okta goes out; the zero
	// value sends an empty string (docs/okta-entitlements-and-schema.md §6:
	// Okta's test plan pushes empty values; the form is an inference).
	EmptyValues EmptyValues
	// GrantRequest is how a user's entitlements and roles are pushed: the
	// zero value is GET then PUT, as a profile push (an inference, §4).
	GrantRequest GrantRequest

	// Variants are the request shapes to send where Okta's differ by era
	// or app setting; the zero value is what current Okta sends
	// (docs/okta-protocol.md §11).
	Variants Variants

	// NewPassword returns the placeholder password Okta sends on create
	// when the password is not synced; nil means 8 random characters. It
	// must be safe for concurrent use.
	NewPassword func() string
}

// Org is a mock Okta org with one SCIM app instance. Create it with NewOrg.
// Its methods are safe for concurrent use; operations on different users run
// in parallel, while concurrent operations on the same user or group
// interleave their requests as two Okta jobs would.
type Org struct {
	base        baseurl.Base
	client      *http.Client
	transport   http.RoundTripper // nil: client.Do
	auth        Auth
	oauth       *oauthConn // nil without Config.OAuth
	profile     Profile
	app         string
	timeout     time.Duration
	maxAttempts int
	maxBody     int
	limits      Limits
	secrets     *redact.Secrets
	keep        bool
	wholePages  int
	pages       *PageCache // nil: each page decoded
	observe     func(context.Context, *Exchange)
	now         func() time.Time
	sleep       func(context.Context, time.Duration) error
	newID       func(string) string
	newPassword func() string
	empty       EmptyValues
	grantReq    GrantRequest
	variants    Variants

	mu       sync.Mutex         // guards the model below; never held during a request
	raw      Settings           // as set
	settings Settings           // raw.effective(): what the flows read
	users    map[string]*user   // by Okta id
	logins   map[string]string  // lower-case login → Okta id
	groups   map[string]*group  // by Okta id
	names    map[string]string  // group name → Okta id
	rules    map[string]string  // active push rule → the name prefix it matches
	paused   map[string]string  // deactivated push rule → the name prefix it matches
	imported map[grantKey]Grant // the values the last entitlement import found

	tmu        sync.Mutex // guards the records below
	transcript []*Exchange
	tasks      []Task
}

// user is an Okta user and its app user.
type user struct {
	p        *profile // replaced, never modified
	password string   // the Okta password, synced when Sync Password is on
	direct   bool     // assigned directly
	via      map[string]bool
	scimID   string // the link: the id the SCIM server gave
	active   bool   // provisioned active in the app, as far as Okta knows
	// failure is the error the assignment shows (a red exclamation on the
	// Assignments tab) since the last provisioning or deprovisioning step
	// failed; "" when it did not (docs/okta-protocol.md §12.2).
	failure string
}

// assigned reports whether the app is assigned, directly or through a group,
// to an Okta user that is not deactivated: a suspended user keeps its
// assignments (docs/okta-protocol.md §12.6, C9295).
func (u *user) assigned() bool {
	return u.p.Status != StatusDeprovisioned && (u.direct || len(u.via) > 0)
}

// group is an Okta group and, once pushed, its app group.
type group struct {
	// push serializes the pushes of this group (create, memberships,
	// rename, unlink), as Okta runs one push job per group at a time (an
	// inference): two concurrent membership changes must not both send the
	// same add. It is held during requests, and taken before o.mu, never
	// while holding it.
	push sync.Mutex

	id      string
	name    string
	members memberList
	assigns bool   // the group assigns the app to its members
	scimID  string // the pushed group's id in the app; "" when not pushed
	// pushed are the members whose membership Okta pushed: Okta user id →
	// SCIM id.
	pushed map[string]string
	// The Group Push mapping (pushmapping.go): mapped while the group is on
	// the Push Groups tab, even when its push failed before the app gave an
	// id; status and failure are what the tab shows; rule names the push
	// rule that made the mapping.
	mapped  bool
	status  PushStatus
	failure string
	rule    string
}

// NewOrg returns an org with no users or groups that provisions to
// cfg.BaseURL.
func NewOrg(cfg Config) (*Org, error) {
	base, err := baseurl.Parse(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("new org: base URL %q: %w", cfg.BaseURL, err)
	}
	if cfg.OAuth != nil {
		if cfg.Auth != nil {
			return nil, fmt.Errorf("new org: Auth and OAuth exclude each other: OAuth supplies the Authorization header")
		}
		if err := cfg.OAuth.check(); err != nil {
			return nil, fmt.Errorf("new org: %w", err)
		}
	}
	if cfg.EmptyValues > EmptyOmitted || cfg.GrantRequest > GrantByPatch {
		return nil, fmt.Errorf("new org: EmptyValues %d or GrantRequest %d: not one of the defined values", cfg.EmptyValues, cfg.GrantRequest)
	}
	if err := cfg.Variants.check(); err != nil {
		return nil, fmt.Errorf("new org: %w", err)
	}
	if cfg.Profile != OIN && cfg.Profile != AIW {
		return nil, fmt.Errorf("new org: profile %d: expected OIN or AIW", cfg.Profile)
	}
	o := &Org{
		base:        base,
		client:      cfg.Client,
		transport:   cfg.Transport,
		auth:        cfg.Auth,
		profile:     cfg.Profile,
		app:         orDefault(cfg.AppName, "SCIM App"),
		timeout:     cfg.Timeout,
		maxAttempts: cfg.MaxAttempts,
		maxBody:     cfg.MaxBodyBytes,
		limits:      cfg.Limits.WithDefaults(),
		secrets:     redact.NewSecrets(cfg.Secrets...),
		keep:        !cfg.DiscardTranscript,
		wholePages:  cfg.WholeImportPages,
		pages:       cfg.Pages,
		observe:     cfg.Observe,
		now:         cfg.Now,
		sleep:       cfg.Sleep,
		newID:       cfg.NewID,
		newPassword: cfg.NewPassword,
		empty:       cfg.EmptyValues,
		grantReq:    cfg.GrantRequest,
		variants:    cfg.Variants,
		settings:    DefaultSettings(),
		users:       map[string]*user{},
		logins:      map[string]string{},
		groups:      map[string]*group{},
		names:       map[string]string{},
		rules:       map[string]string{},
		paused:      map[string]string{},
	}
	if cfg.Settings != nil {
		o.settings = *cfg.Settings
	}
	o.raw, o.settings = o.settings, o.settings.effective()
	if o.client == nil {
		o.client = &http.Client{}
	}
	if cfg.OAuth != nil {
		c := *cfg.OAuth
		c.Scopes = slices.Clone(c.Scopes)
		o.oauth = &oauthConn{cfg: c}
	}
	if o.timeout <= 0 {
		o.timeout = defaultTimeout
	}
	if o.maxAttempts <= 0 {
		o.maxAttempts = defaultMaxAttempts
	}
	if o.maxBody <= 0 {
		o.maxBody = 64 << 10
	}
	if o.now == nil {
		o.now = time.Now
	}
	if o.sleep == nil {
		o.sleep = sleep.For
	}
	if o.newID == nil {
		o.newID = func(prefix string) string { return prefix + randomString(17, idChars) }
	}
	if o.newPassword == nil {
		o.newPassword = func() string { return randomString(8, passwordChars) }
	}
	return o, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

const (
	idChars       = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	passwordChars = "0123456789abcdefghijklmnopqrstuvwxyz"
)

// randomString is for ids and placeholder passwords, which Okta itself calls
// "not relevant or sensitive" (docs/okta-protocol.md §2.3), so math/rand will do.
func randomString(n int, chars string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[rand.IntN(len(chars))]
	}
	return string(b)
}

// Settings returns the app's provisioning settings.
func (o *Org) Settings() Settings {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.raw
}

// SetSettings changes the app's provisioning settings for the operations
// that start afterwards. Turning an option on sends nothing by itself:
// Okta's settings are not retroactive (docs/okta-protocol.md §12.7).
func (o *Org) SetSettings(s Settings) {
	o.mu.Lock()
	o.raw, o.settings = s, s.effective()
	o.mu.Unlock()
}

// AddUser adds a user to the org without assigning it; nothing is sent. It
// returns the user as stored, with its Okta id and defaults filled in.
func (o *Org) AddUser(u User) (User, error) {
	if u.ID == "" {
		u.ID = o.newID("00u")
	}
	p, err := prepareProfile(u, o.empty)
	if err != nil {
		return User{}, fmt.Errorf("add user: %w", err)
	}
	key := strings.ToLower(p.Login)
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, dup := o.logins[key]; dup {
		return User{}, fmt.Errorf("add user: login %q: already in the org", p.Login)
	}
	if _, dup := o.users[p.ID]; dup {
		return User{}, fmt.Errorf("add user %s: id %q: already in the org", p.Login, p.ID)
	}
	o.users[p.ID] = &user{p: p, via: map[string]bool{}}
	o.logins[key] = p.ID
	return p.copyUser(), nil
}

func (p *profile) copyUser() User {
	u := p.User
	if p.Attributes != nil {
		u.Attributes = make(map[string]any, len(p.Attributes))
		for k, v := range p.Attributes {
			u.Attributes[k] = v
		}
	}
	if p.Grants != nil {
		u.Grants = slices.Clone(p.Grants)
	}
	return u
}

// User returns the Okta user with that login.
func (o *Org) User(login string) (User, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u := o.userByLogin(login)
	if u == nil {
		return User{}, false
	}
	return u.p.copyUser(), true
}

// AppUser is an Okta user's app user, as Okta knows it.
type AppUser struct {
	Assigned bool   // the app is assigned, directly or through a group
	SCIMID   string // the link: the SCIM id from the create or lookup; "" before
	Active   bool   // provisioned active and not deactivated since
	// Error is the error the assignment shows since its last provisioning
	// or deprovisioning step failed, Okta's task message; "" when none. A
	// user whose first provisioning failed has no link (SCIMID ""), so
	// unassigning it sends nothing (docs/okta-protocol.md §12.2).
	Error string
}

// AppUser returns the app user of the Okta user with that login.
func (o *Org) AppUser(login string) (AppUser, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u := o.userByLogin(login)
	if u == nil {
		return AppUser{}, false
	}
	return AppUser{Assigned: u.assigned(), SCIMID: u.scimID, Active: u.active, Error: u.failure}, true
}

// Group is an Okta group.
type Group struct {
	ID         string   // the Okta group id ("00g…")
	Name       string   // its name, which Okta pushes as displayName
	Members    []string // member logins, in the order they joined
	AssignsApp bool     // the group assigns the app to its members
	SCIMID     string   // the pushed group's id in the app; "" when not pushed
}

// AddGroup adds an empty group to the org; nothing is sent, whatever the
// push rules (CreateGroup applies them).
func (o *Org) AddGroup(name string) (Group, error) {
	if name == "" {
		return Group{}, fmt.Errorf("add group: empty name")
	}
	id := o.newID("00g")
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, dup := o.names[name]; dup {
		return Group{}, fmt.Errorf("add group %q: already in the org", name)
	}
	g := &group{id: id, name: name, pushed: map[string]string{}}
	o.groups[id] = g
	o.names[name] = id
	return o.groupView(g), nil
}

// Group returns the Okta group with that name.
func (o *Org) Group(name string) (Group, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	g := o.groupByName(name)
	if g == nil {
		return Group{}, false
	}
	return o.groupView(g), true
}

func (o *Org) groupView(g *group) Group {
	v := Group{ID: g.id, Name: g.name, AssignsApp: g.assigns, SCIMID: g.scimID, Members: []string{}}
	for uid := range g.members.all {
		v.Members = append(v.Members, o.users[uid].p.Login)
	}
	return v
}

// Tasks returns the failed operations so far, oldest first.
func (o *Org) Tasks() []Task {
	o.tmu.Lock()
	defer o.tmu.Unlock()
	return slices.Clone(o.tasks)
}

// Transcript returns every exchange so far, in the order the answers came
// (empty when Config.DiscardTranscript is set).
func (o *Org) Transcript() []Exchange {
	o.tmu.Lock()
	defer o.tmu.Unlock()
	out := make([]Exchange, len(o.transcript))
	for i, e := range o.transcript {
		out[i] = *e
	}
	return out
}

func (o *Org) userByLogin(login string) *user {
	return o.users[o.logins[strings.ToLower(login)]]
}

func (o *Org) groupByName(name string) *group {
	return o.groups[o.names[name]]
}

// lookupUsers resolves logins under o.mu.
func (o *Org) lookupUsers(action string, logins []string) ([]*user, error) {
	us := make([]*user, 0, len(logins))
	for _, l := range logins {
		u := o.userByLogin(l)
		if u == nil {
			return nil, fmt.Errorf("%s: user %q: not in the org", action, l)
		}
		us = append(us, u)
	}
	return us, nil
}
