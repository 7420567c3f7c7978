package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// Raw SCIM requests, the credentials and headers they carry, and the
// fixtures the harness makes over SCIM.

const (
	schemaUser    = "urn:ietf:params:scim:schemas:core:2.0:User"
	schemaGroup   = "urn:ietf:params:scim:schemas:core:2.0:Group"
	schemaList    = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	schemaError   = "urn:ietf:params:scim:api:messages:2.0:Error"
	schemaPatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
)

// scimURL joins the base URL of the environment in use and a target such as
// `/Users?filter=userName eq "a@b.c"&count=2`, percent-encoding the query
// values (spaces as %20, as Okta does).
func (st *scenario) scimURL(target string) (string, error) {
	if !strings.HasPrefix(target, "/") {
		return "", fmt.Errorf("request target %q: expected a path below the SCIM base URL, such as /Users", target)
	}
	path, query, _ := strings.Cut(target, "?")
	if query == "" {
		return st.base().Join(path, ""), nil
	}
	var parts []string
	for _, kv := range strings.Split(query, "&") {
		k, v, hasV := strings.Cut(kv, "=")
		k = queryEscape(k)
		if hasV {
			parts = append(parts, k+"="+queryEscape(v))
		} else {
			parts = append(parts, k)
		}
	}
	return st.base().Join(path, strings.Join(parts, "&")), nil
}

func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// iSend is "I send GET /Users/{Alice.id}".
func (st *scenario) iSend(ctx context.Context, method, target string) error {
	return st.iSendBody(ctx, method, target, nil)
}

// iSendWith is "I send POST /Users with:" and a body.
func (st *scenario) iSendWith(ctx context.Context, method, target string, doc *godog.DocString) error {
	body, err := st.expand(doc.Content, true)
	if err != nil {
		return err
	}
	return st.iSendBody(ctx, method, target, []byte(body))
}

func (st *scenario) iSendBody(ctx context.Context, method, target string, body []byte) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	t, err := st.expand(target, false)
	if err != nil {
		return err
	}
	u, err := st.scimURL(t)
	if err != nil {
		return err
	}
	x := st.send(ctx, "scim", method, u, body, st.rawHeader(body != nil))
	st.last = x
	if x.status == http.StatusCreated && method == http.MethodPost {
		st.mu.Lock()
		st.noteCreated(u, x.respBody)
		st.mu.Unlock()
	}
	if x.status == 0 {
		return st.failOn(x, "%s %s: no answer", method, u)
	}
	return nil
}

// iPutBack is "I PUT Alice back to the app with name.givenName set to "Alicia"":
// the user as the app returns it, one attribute changed, sent back whole, as
// Okta's profile update does.
func (st *scenario) iPutBack(ctx context.Context, label, path, value string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	id, err := st.userID(label)
	if err != nil {
		return err
	}
	u := st.base().Join("/Users/"+url.PathEscape(id), "")
	get := st.send(ctx, "scim", http.MethodGet, u, nil, st.rawHeader(false))
	if get.status != http.StatusOK {
		return st.failOn(get, "GET /Users/%s: expected 200 with %s, got %s", id, label, statusText(get))
	}
	var user map[string]any
	if err := json.Unmarshal(get.respBody, &user); err != nil {
		return st.failOn(get, "GET /Users/%s: the body is not a JSON object: %v", id, err)
	}
	text, err := st.expand(value, true)
	if err != nil {
		return err
	}
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return fmt.Errorf("value %s: expected a JSON value, such as \"Alicia\" or false: %w", value, err)
	}
	if err := setPath(user, path, v); err != nil {
		return err
	}
	body, _ := json.Marshal(user)
	st.last = st.send(ctx, "scim", http.MethodPut, u, body, st.rawHeader(true))
	if st.last.status == 0 {
		return st.failOn(st.last, "PUT /Users/%s: no answer", id)
	}
	return nil
}

// setPath sets a dotted path ("name.givenName", "emails.0.value") in a
// decoded JSON object.
func setPath(doc map[string]any, path string, v any) error {
	parts := strings.Split(path, ".")
	var cur any = doc
	for i, p := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[p] = v
				return nil
			}
			next, ok := c[p]
			if !ok {
				next = map[string]any{}
				c[p] = next
			}
			cur = next
		case []any:
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || n >= len(c) {
				return fmt.Errorf("path %s: %q is not an index of an array of %d", path, p, len(c))
			}
			if last {
				c[n] = v
				return nil
			}
			cur = c[n]
		default:
			return fmt.Errorf("path %s: %q is below a value that is neither an object nor an array", path, p)
		}
	}
	return nil
}

// requestsCarryHeader is `requests carry the header "Content-Type: application/json"`.
// requestsCarryNoHeader is `requests carry no "Accept-Charset" header`:
// raw requests leave it out, the harness's default included (an Okta test
// step that does not send it).
func (st *scenario) requestsCarryNoHeader(name string) error {
	st.headers[http.CanonicalHeaderKey(name)] = []string{}
	return nil
}

func (st *scenario) requestsCarryHeader(name, value string) error {
	v, err := st.expand(value, false)
	if err != nil {
		return err
	}
	st.headers.Set(name, v)
	return nil
}

// tokenInUse is "the API token in use is wrong".
func (st *scenario) tokenInUse(ctx context.Context, which string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	switch which {
	case "wrong":
		st.tokenMode = "wrong"
	case "missing":
		st.tokenMode = "missing"
	case "the Production token":
		st.tokenMode = "production"
	case "the Sandbox token":
		if st.sandToken == "" {
			return st.skip("The target has no Sandbox token (give --sandbox-token, or an Admin Console API).")
		}
		st.tokenMode = "sandbox"
	}
	return nil
}

// tokenSentAs is "the token is sent as a bearer token". Okta configures one
// auth style per app, so the scenario tests the style the run was given
// (Config.Auth, --auth) and skips the others: "the app is configured for
// bearer".
func (st *scenario) tokenSentAs(ctx context.Context, style string) error {
	want := authStyles[style]
	if want != st.suite.cfg.Auth {
		return st.skip(AuthSkipReason(st.suite.cfg.Auth))
	}
	if err := st.target(ctx); err != nil {
		return err
	}
	st.style = want
	return nil
}

// AuthSkipReason is the skip reason of a scenario that sends the token in
// another style than the run's: "the app is configured for bearer".
func AuthSkipReason(configured AuthStyle) string {
	return "the app is configured for " + string(configured)
}

// requestsGoTo is "requests go to the Sandbox base URL".
func (st *scenario) requestsGoTo(ctx context.Context, env string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	if env == "Sandbox" {
		if st.sandboxURL() == "" {
			return st.skip(sandboxURLReason)
		}
		st.env = "sandbox"
		return nil
	}
	st.env = "production"
	return nil
}

// targetServes is "the target serves /ServiceProviderConfig": a 404 or 501
// skips the scenario, as these endpoints are optional for Okta.
func (st *scenario) targetServes(ctx context.Context, path string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	x := st.send(ctx, "scim", http.MethodGet, st.base().URL(path), nil, st.checkHeader())
	switch x.status {
	case http.StatusNotFound, http.StatusNotImplemented:
		return st.skip(fmt.Sprintf("The target does not serve %s (%d), which Okta does not need.", path, x.status))
	case 0:
		return st.failOn(x, "GET %s: no answer", path)
	}
	return nil
}

// appHasUser is "the app has a user Alice Smith": a user made over SCIM, as if
// it had been there before Okta.
func (st *scenario) appHasUser(ctx context.Context, given, family string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	p := st.person(given)
	p.family = family
	return st.createUser(ctx, p)
}

// createUser makes p's user over SCIM with the body Okta would send (its
// userName, name and emails: docs/okta-protocol.md §2.3) and binds its id.
func (st *scenario) createUser(ctx context.Context, p *person) error {
	body, _ := json.Marshal(map[string]any{
		"schemas":  []string{schemaUser},
		"userName": p.userName,
		"name":     map[string]string{"givenName": p.given, "familyName": p.family},
		"emails":   []map[string]any{{"value": p.userName, "type": "work", "primary": true}},
		"active":   true,
	})
	x := st.send(ctx, "scim", http.MethodPost, st.base().Join("/Users", ""), body, st.writeHeader())
	if x.status != http.StatusCreated {
		return st.failOn(x, "POST /Users for %s: expected 201, got %s", p.label, statusText(x))
	}
	doc, err := x.json()
	if err != nil || doc.Get("id").String() == "" {
		return st.failOn(x, "POST /Users for %s: expected a user with an id in the answer", p.label)
	}
	st.mu.Lock()
	st.noteCreated(st.base().Join("/Users", ""), x.respBody)
	st.mu.Unlock()
	p.bind(doc.Get("id").String())
	return nil
}

// createdBeforeOkta is "Alice is created over SCIM between Okta's lookup
// and its create": when Okta next sends POST /Users, the harness first
// makes the user with the same userName over SCIM, as another system that
// provisions the app would (a SAML just-in-time login, say). Okta's lookup
// has missed it, so its create conflicts: RFC 7644 §3.3 makes every SCIM
// server answer 409, and Okta shows the error to its admin.
func (st *scenario) createdBeforeOkta(ctx context.Context, who string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	p := st.people[who]
	if p == nil || p.oktaLogin == "" {
		return fmt.Errorf("%s is not an Okta user of this scenario (add it with \"Okta has a user %s …\")", who, who)
	}
	st.mu.Lock()
	st.raceCreate = p
	st.mu.Unlock()
	return nil
}

// appHasGroup is `the app has a group "Lunch" with Alice`: a group made over
// SCIM with POST /Groups.
func (st *scenario) appHasGroup(ctx context.Context, label, members string) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	g := st.group(label)
	ms := []map[string]string{}
	for _, n := range names(members) {
		id, err := st.userID(n)
		if err != nil {
			return err
		}
		ms = append(ms, map[string]string{"value": id, "display": st.people[n].userName})
	}
	body, _ := json.Marshal(map[string]any{"schemas": []string{schemaGroup}, "displayName": g.displayName, "members": ms})
	x := st.send(ctx, "scim", http.MethodPost, st.base().Join("/Groups", ""), body, st.writeHeader())
	if x.status != http.StatusCreated {
		return st.failOn(x, "POST /Groups for %q: expected 201, got %s", label, statusText(x))
	}
	doc, err := x.json()
	if err != nil || doc.Get("id").String() == "" {
		return st.failOn(x, "POST /Groups for %q: expected a group with an id in the answer", label)
	}
	st.mu.Lock()
	st.noteCreated(st.base().Join("/Groups", ""), x.respBody)
	st.mu.Unlock()
	g.bind(doc.Get("id").String())
	return nil
}

// get reads a SCIM path with the harness's own credentials.
func (st *scenario) get(ctx context.Context, path string) *exchange {
	return st.send(ctx, "scim", http.MethodGet, st.base().URL(path), nil, st.checkHeader())
}

// readUser reads a person's user by id and expects 200 and a JSON object.
func (st *scenario) readUser(ctx context.Context, label string) (*exchange, gjson.Result, error) {
	if err := st.target(ctx); err != nil {
		return nil, gjson.Result{}, err
	}
	id, err := st.userID(label)
	if err != nil {
		return nil, gjson.Result{}, err
	}
	x := st.get(ctx, "/Users/"+url.PathEscape(id))
	if x.status != http.StatusOK {
		return x, gjson.Result{}, st.failOn(x, "GET /Users/%s (%s): expected 200, got %s", id, label, statusText(x))
	}
	doc, err := x.json()
	if err != nil {
		return x, gjson.Result{}, st.failOn(x, "GET /Users/%s (%s): %v", id, label, err)
	}
	return x, doc, nil
}

// lookupUser filters users by a person's userName and returns the matches.
func (st *scenario) lookupUser(ctx context.Context, label string) (*exchange, []gjson.Result, error) {
	if err := st.target(ctx); err != nil {
		return nil, nil, err
	}
	p := st.person(label)
	u, _ := st.scimURL(fmt.Sprintf(`/Users?filter=userName eq "%s"&startIndex=1&count=100`, p.userName))
	x := st.send(ctx, "scim", http.MethodGet, u, nil, st.checkHeader())
	doc, err := st.usableList(x)
	if err != nil {
		return x, nil, err
	}
	return x, doc.Get("Resources").Array(), nil
}

// listAll pages through a resource type with count=100 and returns every
// resource, and the exchanges. It reads at most Limits.ImportPages pages, as
// Okta's import does: a target whose totalResults still says there are more
// fails the step with the bound named, never a silent partial list.
func (st *scenario) listAll(ctx context.Context, resource string) ([]gjson.Result, []*exchange, error) {
	var out []gjson.Result
	var xs []*exchange
	pages := st.suite.cfg.Limits.ImportPages
	for n, start := 0, 1; ; n, start = n+1, start+100 {
		if n >= pages {
			le := &mockokta.LimitError{Bound: "ImportPages", What: fmt.Sprintf("GET /%s read %d pages (%d resources) and totalResults still says there are more", resource, n, len(out))}
			return nil, xs, st.failure(xs[len(xs)-1:], "%v", le)
		}
		x := st.get(ctx, fmt.Sprintf("/%s?startIndex=%d&count=100", resource, start))
		xs = append(xs, x)
		doc, err := st.usableList(x)
		if err != nil {
			return nil, xs, err
		}
		page := doc.Get("Resources").Array()
		out = append(out, page...)
		if len(page) == 0 || int64(start+len(page)-1) >= doc.Get("totalResults").Int() {
			return out, xs, nil
		}
	}
}
