package steps

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/internal/baseurl"
	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/mockokta"
)

// scenario is the state of one scenario. InitializeScenario makes one per
// scenario and the Before hook fills it afresh; nothing is shared between
// scenarios but the read-only Suite.
type scenario struct {
	suite *Suite

	name    string
	tags    []string
	runDone <-chan struct{} // the run's context's Done: closed on an interrupt
	unmet   string          // why the target cannot run the scenario ("" if it can): its first step skips
	profile mockokta.Profile
	// variants are the shapes of Okta's requests where they differ by era or
	// setting (docs/okta-protocol.md §11): current Okta's unless a step
	// chose another.
	variants mockokta.Variants
	prefix   string // starts the names of users and groups; "" in an org of our own

	// The target: chosen on first use (see target).
	chosen    bool
	ownOrg    bool
	orgID     string
	prodToken string
	sandToken string

	// What raw requests and Okta send; the harness's own checks always use
	// the right token for the environment.
	env       string // "production" or "sandbox"
	tokenMode string // "", "wrong", "missing", "production", "sandbox"
	style     AuthStyle
	headers   http.Header // extra headers of raw requests

	// Step bookkeeping.
	stepType  messages.PickleStepType
	prevType  messages.PickleStepType
	actionRun bool // an Okta action ran in the current run of same-type steps

	mu            sync.Mutex // guards the fields below: Okta's transport and Observe run during steps
	pending       []pendingExchange
	skipReason    string
	warnings      []string // not yet attached (warn)
	throttleLeft  int
	retryAfter    string
	hasRetryAfter bool
	waits         []time.Duration
	raceCreate    *person  // made over SCIM just before Okta's next POST /Users
	createdUsers  []string // the URLs of what the scenario created, for the clean-up
	createdGroups []string
	extraSecrets  []string
	red           *redact.Secrets // of secrets(); nil until redactor() builds it
	self429       bool            // the last request of Okta's was answered 429 by throttle, not sent

	okta        *mockokta.Org
	oktaMark    int // transcript index where the current block of Okta actions began
	credTested  bool
	credErr     error
	userImport  *mockokta.Import
	groupImport *mockokta.Import
	// userImportErr and groupImportErr are why the last import failed.
	userImportErr  error
	groupImportErr error
	lastTask       *mockokta.Task
	oauth          *oauthState  // nil unless the scenario uses OAuth 2.0
	clock          atomic.Int64 // how far Okta's clock is ahead, in nanoseconds (see timePasses)
	ent            entitlementState

	people map[string]*person
	bulk   []*person // the users of "Zinc has 120 users", in order
	// bulkGroups are the groups of "the app has 120 groups", in order.
	bulkGroups []*groupRef
	groups     map[string]*groupRef
	last       *exchange // the last raw SCIM or console response
}

// person is a user named in the scenario by its first name ("Alice").
type person struct {
	label     string
	given     string
	family    string
	userName  string // the SCIM userName: Okta's login at first
	oktaLogin string // Okta's login now ("" when not in Okta)
	ids       []string
}

// groupRef is a group named in the scenario ("Engineering").
type groupRef struct {
	label       string
	displayName string // the name it was made with
	oktaName    string // its name in Okta now ("" when not in Okta)
	ids         []string
	snapshot    *consoleGroup // the console group when the admin unlinked it
}

func (st *scenario) secrets() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return append(slices.Clone(st.suite.secrets), st.extraSecrets...)
}

// redactor hides the scenario's secrets (internal/redact.Secrets): the
// suite's, built once for the run, until the scenario has secrets of its
// own; then built once for each set of them, as an OAuth flow adds its
// tokens.
func (st *scenario) redactor() *redact.Secrets {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.extraSecrets) == 0 {
		return st.suite.red
	}
	if st.red == nil {
		st.red = redact.NewSecrets(st.allSecretsLocked()...)
	}
	return st.red
}

// allSecrets are the secrets the redactor hides, as mockokta takes them.
func (st *scenario) allSecrets() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.allSecretsLocked()
}

func (st *scenario) allSecretsLocked() []string {
	all := slices.Clone(st.suite.secrets)
	for _, v := range st.extraSecrets {
		// A scenario's own token goes out as the Basic password too.
		all = append(all, v, st.suite.cfg.Username+":"+v)
	}
	return all
}

func (st *scenario) addSecret(s string) {
	if s == "" {
		return
	}
	st.mu.Lock()
	st.extraSecrets = append(st.extraSecrets, s)
	st.red = nil
	st.mu.Unlock()
}

// before starts a scenario.
func (st *scenario) before(ctx context.Context, sc *godog.Scenario) (context.Context, error) {
	s := st.suite
	*st = scenario{
		suite:   s,
		runDone: ctx.Done(),
		name:    sc.Name,
		profile: s.cfg.Profile,
		env:     "production",
		style:   s.cfg.Auth,
		headers: http.Header{},
		people:  map[string]*person{},
		groups:  map[string]*groupRef{},
	}
	for _, t := range sc.Tags {
		st.tags = append(st.tags, t.Name)
		switch t.Name {
		case "@oin":
			st.profile = mockokta.OIN
		case "@aiw":
			st.profile = mockokta.AIW
		}
	}
	if !s.HasAdmin() {
		st.prefix = s.prefix + "-" + strings.ToLower(rand.Text()[:4])
	}
	st.unmet = s.unmet(sc)
	if st.unmet == "" {
		st.unmet = s.profileUnmet(st.tags)
	}
	return withSender(ctx, st, false), nil
}

func (st *scenario) beforeStep(ctx context.Context, step *godog.Step) (context.Context, error) {
	st.prevType, st.stepType = st.stepType, step.Type
	if st.prevType != st.stepType {
		st.actionRun = false
	}
	return ctx, nil
}

// afterStep attaches the step's exchanges. It returns no error of its own:
// godog would add it to the step's.
func (st *scenario) afterStep(ctx context.Context, _ *godog.Step, status godog.StepResultStatus, _ error) (context.Context, error) {
	return st.attachPending(ctx, status == godog.StepFailed), nil
}

// inGiven reports whether the running step sets up the scenario: then an
// action that fails fails the step, instead of being recorded for a Then.
func (st *scenario) inGiven() bool { return st.stepType == messages.PickleStepType_CONTEXT }

// skip ends the scenario as skipped with reason, which the step attaches.
func (st *scenario) skip(reason string) error {
	st.mu.Lock()
	st.skipReason = reason
	st.mu.Unlock()
	return godog.ErrSkip
}

// The Admin Console API is needed for this.
func (st *scenario) needAdmin(what string) error {
	if st.suite.HasAdmin() {
		return nil
	}
	return st.skip(adminReason(what))
}

// target picks the organization on first use: one of the scenario's own when
// there is an Admin Console API, else the configured one.
func (st *scenario) target(ctx context.Context) error {
	if st.chosen {
		return nil
	}
	if st.suite.HasAdmin() {
		return st.makeOrg(ctx, map[string]any{})
	}
	st.chosen = true
	st.prodToken, st.sandToken = st.suite.cfg.Token, st.suite.cfg.SandboxToken
	return nil
}

// makeOrg creates the scenario's organization with the Admin Console API.
func (st *scenario) makeOrg(ctx context.Context, body map[string]any) error {
	body["name"] = "scimharness " + st.name
	b, _ := json.Marshal(body)
	x := st.send(ctx, "admin", http.MethodPost, st.suite.cfg.AdminURL+"/orgs", b, st.adminHeader(true))
	if x.status != http.StatusCreated {
		return st.failOn(x, "POST /admin/orgs: expected 201 with a new organization, got %s", statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return st.failOn(x, "POST /admin/orgs: %v", err)
	}
	st.orgID = doc.Get("id").String()
	st.prodToken = doc.Get("tokens.production").String()
	st.sandToken = doc.Get("tokens.sandbox").String()
	st.addSecret(st.prodToken)
	st.addSecret(st.sandToken)
	if st.orgID == "" || st.prodToken == "" {
		return st.failOn(x, "POST /admin/orgs: expected an id and tokens.production in the answer")
	}
	st.chosen, st.ownOrg = true, true
	return nil
}

func statusText(x *exchange) string {
	if x.status == 0 {
		return "no answer (" + x.rec.Error + ")"
	}
	return fmt.Sprintf("%d %s", x.status, http.StatusText(x.status))
}

// scimBase is the SCIM base URL of the environment in use, its query
// included.
func (st *scenario) scimBase() string { return st.base().String() }

// base is the parsed SCIM base URL of the environment in use: build request
// URLs with its URL or Join, which keep the base's query.
func (st *scenario) base() baseurl.Base {
	if st.env == "sandbox" {
		return st.suite.sandbox
	}
	return st.suite.base
}

func (st *scenario) sandboxURL() string { return st.suite.cfg.SandboxURL }

// token is the right token for the environment in use.
func (st *scenario) token() string {
	if st.env == "sandbox" {
		return st.sandToken
	}
	return st.prodToken
}

// authorization is the Authorization header value for a token and style; ""
// sends none.
func (st *scenario) authorization(token string, style AuthStyle) string {
	cfg := st.suite.cfg
	if style == AuthBasic {
		user, pass := cfg.Username, token
		if !st.ownOrg && cfg.Password != "" && token == st.prodToken {
			pass = cfg.Password
		}
		return mockokta.Authorization(style, user, pass)
	}
	if token == "" {
		return ""
	}
	return mockokta.Authorization(style, "", token)
}

// oktaContentType is the Content-Type Okta sends with every body (protocol
// notes §1.3); the harness's own requests with a body send it too.
const oktaContentType = "application/scim+json; charset=utf-8"

// writeHeader is what the harness's own requests with a body send: the
// check credentials and Okta's Content-Type.
func (st *scenario) writeHeader() http.Header {
	h := st.checkHeader()
	h.Set("Content-Type", oktaContentType)
	return h
}

// checkHeader is what the harness's own checks send.
func (st *scenario) checkHeader() http.Header {
	h := http.Header{"Accept": {"application/scim+json"}, "User-Agent": {"scimharness"}}
	if a := st.authorization(st.token(), st.suite.cfg.Auth); a != "" {
		h.Set("Authorization", a)
	}
	return h
}

// inUseAuthorization is what raw requests and Okta send, after the
// scenario's "the API token in use is …" and "the token is sent as …".
func (st *scenario) inUseAuthorization() string {
	token := st.token()
	switch st.tokenMode {
	case "missing":
		return ""
	case "wrong":
		token = "wrong-" + strings.ToLower(rand.Text()[:12])
	case "production":
		token = st.prodToken
	case "sandbox":
		token = st.sandToken
	}
	return st.authorization(token, st.style)
}

// Authorization makes the scenario the mock Okta org's Auth, so that a
// step changing the credentials changes what Okta sends next.
func (st *scenario) Authorization(context.Context) (string, error) {
	return st.inUseAuthorization(), nil
}

// rawHeader is what a raw request sends: Okta-like defaults, the in-use
// credentials, then the scenario's own headers.
func (st *scenario) rawHeader(body bool) http.Header {
	h := http.Header{"Accept": {"application/scim+json"}, "User-Agent": {"scimharness"}}
	if body {
		h.Set("Content-Type", oktaContentType)
	}
	if a := st.inUseAuthorization(); a != "" {
		h.Set("Authorization", a)
	}
	for k, v := range st.headers {
		if len(v) == 0 {
			delete(h, k) // "requests carry no … header"
			continue
		}
		h[k] = slices.Clone(v)
	}
	return h
}

func (st *scenario) adminHeader(body bool) http.Header {
	h := http.Header{"Accept": {"application/json"}, "Authorization": {"Bearer " + st.suite.cfg.AdminToken}, "User-Agent": {"scimharness"}}
	if body {
		h.Set("Content-Type", "application/json")
	}
	return h
}

// person returns the person named label, making it on first mention.
func (st *scenario) person(label string) *person {
	p := st.people[label]
	if p == nil {
		p = &person{label: label, given: label, userName: st.userNameFor(label)}
		st.people[label] = p
	}
	return p
}

func (st *scenario) userNameFor(label string) string {
	local := strings.ToLower(label)
	if st.prefix != "" {
		local = st.prefix + "." + local
	}
	return local + "@example.com"
}

// group returns the group named label, making it on first mention.
func (st *scenario) group(label string) *groupRef {
	g := st.groups[label]
	if g == nil {
		g = &groupRef{label: label, displayName: st.displayNameFor(label)}
		st.groups[label] = g
	}
	return g
}

func (st *scenario) displayNameFor(label string) string {
	if st.prefix != "" {
		return st.prefix + " " + label
	}
	return label
}

func (p *person) bind(id string) {
	if id != "" && (len(p.ids) == 0 || p.ids[len(p.ids)-1] != id) {
		p.ids = append(p.ids, id)
	}
}

func (g *groupRef) bind(id string) {
	if id != "" && (len(g.ids) == 0 || g.ids[len(g.ids)-1] != id) {
		g.ids = append(g.ids, id)
	}
}

// noteCreated binds the id of a created user or group to its person or group
// and remembers it for the clean-up: the URL of the POST (whose query, the
// base URL's and any other, the clean-up's DELETE keeps) and the id. st.mu is
// held.
func (st *scenario) noteCreated(url string, body []byte) {
	if !gjson.ValidBytes(body) {
		return
	}
	doc := gjson.ParseBytes(body)
	id := doc.Get("id").String()
	if id == "" {
		return
	}
	path, query, _ := strings.Cut(url, "?")
	path = strings.TrimRight(path, "/")
	resource := path + "/" + id
	if query != "" {
		resource += "?" + query
	}
	switch {
	case strings.HasSuffix(path, "/Users"):
		st.createdUsers = append(st.createdUsers, resource)
		un := doc.Get("userName").String()
		for _, p := range st.people {
			if strings.EqualFold(p.userName, un) {
				p.bind(id)
			}
		}
	case strings.HasSuffix(path, "/Groups"):
		st.createdGroups = append(st.createdGroups, resource)
		dn := doc.Get("displayName").String()
		for _, g := range st.groups {
			if g.displayName == dn && g.oktaName == "" {
				g.bind(id)
			}
		}
	}
}

// userID is the app id of a person: Okta's link, else the last id seen.
func (st *scenario) userID(label string) (string, error) {
	p := st.people[label]
	if p == nil {
		return "", fmt.Errorf("%s is not a user of this scenario", label)
	}
	if st.okta != nil && p.oktaLogin != "" {
		if au, ok := st.okta.AppUser(p.oktaLogin); ok && au.SCIMID != "" {
			p.bind(au.SCIMID)
		}
	}
	if len(p.ids) == 0 {
		return "", fmt.Errorf("%s has no app id yet: no create or lookup of %s answered one", label, p.userName)
	}
	return p.ids[len(p.ids)-1], nil
}

// groupID is the app id of a group: Okta's link while it is pushed, else the
// last id seen.
func (st *scenario) groupID(label string) (string, error) {
	g := st.groups[label]
	if g == nil {
		return "", fmt.Errorf("%q is not a group of this scenario", label)
	}
	st.refreshGroup(g)
	if len(g.ids) == 0 {
		return "", fmt.Errorf("the group %q has no app id yet: nothing created it", label)
	}
	return g.ids[len(g.ids)-1], nil
}

func (st *scenario) refreshGroup(g *groupRef) {
	if st.okta != nil && g.oktaName != "" {
		if og, ok := st.okta.Group(g.oktaName); ok && og.SCIMID != "" {
			g.bind(og.SCIMID)
		}
	}
}

// refreshLinks binds the ids Okta's links point at.
func (st *scenario) refreshLinks() {
	for _, p := range st.people {
		if st.okta != nil && p.oktaLogin != "" {
			if au, ok := st.okta.AppUser(p.oktaLogin); ok && au.SCIMID != "" {
				p.bind(au.SCIMID)
			}
		}
	}
	for _, g := range st.groups {
		st.refreshGroup(g)
	}
}

var placeholder = regexp.MustCompile(`\{([^{}"\s]+)\}`)

// expand replaces the placeholders of s: {Alice.userName}, {Alice.userName|upper},
// {Alice.id}, {Alice.oktaId}, {Engineering.id}, {Engineering.displayName},
// {Entitlement.endpoint} and {Role.endpoint} (as /ResourceTypes names them),
// {response:PATH} (a value of the last response). With jsonText, values are
// escaped for use inside a JSON string.
func (st *scenario) expand(s string, jsonText bool) (string, error) {
	var firstErr error
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		v, err := st.placeholderValue(m[1 : len(m)-1])
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("placeholder %s: %w", m, err)
			}
			return m
		}
		if jsonText {
			b, _ := json.Marshal(v)
			return string(b[1 : len(b)-1])
		}
		return v
	})
	return out, firstErr
}

func (st *scenario) placeholderValue(name string) (string, error) {
	if path, ok := strings.CutPrefix(name, "response:"); ok {
		if st.last == nil {
			return "", fmt.Errorf("no response yet")
		}
		doc, err := st.last.json()
		if err != nil {
			return "", err
		}
		r := doc.Get(path)
		if !r.Exists() {
			return "", fmt.Errorf("the last response has no %s", path)
		}
		return r.String(), nil
	}
	name, filter, _ := strings.Cut(name, "|")
	label, field, ok := strings.Cut(name, ".")
	if !ok {
		return "", fmt.Errorf("expected {Name.field}")
	}
	if field == "endpoint" && valueSchemas[label] != "" {
		ep, found := st.ent.endpoints[label]
		if !found {
			return "", fmt.Errorf("no %s endpoint found yet: write \"the target lists at least 1 value at the %s endpoint\" before", label, label)
		}
		return ep, nil
	}
	var v string
	switch field {
	case "userName":
		v = st.person(label).userName
	case "oktaId":
		p := st.people[label]
		if p == nil || p.oktaLogin == "" || st.okta == nil {
			return "", fmt.Errorf("%s is not an Okta user of this scenario", label)
		}
		u, ok := st.okta.User(p.oktaLogin)
		if !ok {
			return "", fmt.Errorf("%s is not in the Okta org", label)
		}
		v = u.ID
	case "displayName":
		if _, isPerson := st.people[label]; isPerson {
			return "", fmt.Errorf("%s is a user; displayName names groups", label)
		}
		v = st.group(label).displayName
	case "id":
		_, isPerson := st.people[label]
		_, isGroup := st.groups[label]
		var err error
		switch {
		case isPerson && isGroup:
			return "", fmt.Errorf("%s names both a user and a group", label)
		case isPerson:
			v, err = st.userID(label)
		case isGroup:
			v, err = st.groupID(label)
		default:
			return "", fmt.Errorf("%s is neither a user nor a group of this scenario", label)
		}
		if err != nil {
			return "", err
		}
	default:
		return "", fmt.Errorf("unknown field %q (userName, id, oktaId, displayName)", field)
	}
	switch filter {
	case "":
	case "upper":
		v = strings.ToUpper(v)
	case "lower":
		v = strings.ToLower(v)
	default:
		return "", fmt.Errorf("unknown filter %q (upper, lower)", filter)
	}
	return v, nil
}

// names splits "Alice, Bob and Carol".
func names(list string) []string {
	var out []string
	for _, part := range strings.Split(list, ",") {
		for _, n := range strings.Split(part, " and ") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}
