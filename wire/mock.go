package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/scimharness/scimharness/mockokta"
)

// sent is one request mockokta sent to the scripted server.
type sent struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// script is the SCIM server mockokta talks to while wire finds out what it
// sends for a captured action: it answers from what the capture names (ids,
// logins, the GET answer before a PUT) and keeps every request.
type script struct {
	mu   sync.Mutex
	reqs []sent

	userIDs  map[string]string // login → SCIM id
	found    map[string]bool   // login → the lookup finds it
	getUser  map[string][]byte // SCIM id → the answer to GET /Users/{id}
	groupID  string
	groupHit bool // the group lookup finds it
	listLast int  // a list page's total: Okta reads until startIndex listLast
}

func (s *script) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, sent{Method: req.Method, URL: req.URL.String(), Header: req.Header.Clone(), Body: body})
	s.mu.Unlock()
	status, answer := s.answer(req, body)
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/scim+json"}},
		Body: io.NopCloser(bytes.NewReader(answer)), ContentLength: int64(len(answer)), Request: req}, nil
}

func (s *script) answer(req *http.Request, body []byte) (int, []byte) {
	_, rest := splitURL(req.URL.String())
	p, q, _ := strings.Cut(rest, "?")
	res, id, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	id, _ = url.PathUnescape(id)
	list := func(items ...map[string]any) []byte {
		b, _ := json.Marshal(map[string]any{"schemas": []string{"urn:ietf:params:scim:api:messages:2.0:ListResponse"},
			"totalResults": len(items), "startIndex": 1, "itemsPerPage": len(items), "Resources": items})
		return b
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case res == "Users" && req.Method == "GET" && id == "" && strings.Contains(q, "filter="):
		_, login, _ := filterValue(q)
		for l, sid := range s.userIDs {
			if strings.EqualFold(l, login) && s.found[l] {
				return 200, list(map[string]any{"id": sid, "userName": l, "active": true})
			}
		}
		return 200, list()
	case req.Method == "GET" && id == "" && !strings.Contains(q, "filter="):
		return 200, s.page(q)
	case res == "Users" && req.Method == "POST":
		login := str(object(body), "userName")
		sid := s.userIDs[login]
		if sid == "" {
			sid = "id-" + login
		}
		b, _ := json.Marshal(map[string]any{"id": sid, "userName": login, "active": true})
		return 201, b
	case res == "Users" && req.Method == "GET":
		if b := s.getUser[id]; b != nil {
			return 200, b
		}
		b, _ := json.Marshal(map[string]any{"id": id, "active": true})
		return 200, b
	case res == "Groups" && req.Method == "GET" && id == "" && strings.Contains(q, "filter="):
		if s.groupHit {
			return 200, list(map[string]any{"id": s.groupID})
		}
		return 200, list()
	case res == "Groups" && req.Method == "POST":
		b, _ := json.Marshal(map[string]any{"id": s.groupID})
		return 201, b
	case res == "Groups" && req.Method == "GET":
		b, _ := json.Marshal(map[string]any{"id": s.groupID, "members": []any{}})
		return 200, b
	case req.Method == "DELETE":
		return 204, nil
	}
	return 204, nil
}

// page answers an import page: full pages until the page that starts at
// listLast, which is the last.
func (s *script) page(query string) []byte {
	v, _ := url.ParseQuery(query)
	start, _ := strconv.Atoi(v.Get("startIndex"))
	count, _ := strconv.Atoi(v.Get("count"))
	start, count = max(start, 1), min(max(count, 1), 1000)
	total := max(s.listLast, start)
	n := min(count, total-start+1)
	items := make([]map[string]any, n)
	for i := range items {
		k := start + i
		items[i] = map[string]any{"id": "r" + strconv.Itoa(k), "userName": "r" + strconv.Itoa(k) + "@example.com", "displayName": "r" + strconv.Itoa(k), "active": true}
	}
	b, _ := json.Marshal(map[string]any{"schemas": []string{"urn:ietf:params:scim:api:messages:2.0:ListResponse"},
		"totalResults": total, "startIndex": start, "itemsPerPage": n, "Resources": items})
	return b
}

func (s *script) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

func (s *script) since(i int) []sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sent(nil), s.reqs[i:]...)
}

// maxImportStart bounds the import wire reproduces: mockokta reads every
// page before the one asked for.
const maxImportStart = 5001

// errNotModelled is an action wire cannot reproduce with mockokta.
var errNotModelled = errors.New("not a request mockokta sends")

// expected returns the request mockokta sends for the captured action r,
// with the variants vs. prior are the capture's exchanges before it (the GET
// answer before a PUT comes from there).
func expected(r Request, vs mockokta.Variants, prior []Exchange) (sent, error) {
	return expectedAlt(r, alternative{variants: vs}, prior)
}

// alternative is a shape to compare with: mockokta's variants, and the
// settings of an app that change a request (an emptied value left out).
type alternative struct {
	name, source string
	variants     mockokta.Variants
	emptyOmitted bool
}

// alternatives are the shapes tried when a request differs from current
// Okta's: every non-default variant, then the settings.
func alternatives() []alternative {
	var out []alternative
	for _, v := range mockokta.AllVariants() {
		if v.Default {
			continue
		}
		var vs mockokta.Variants
		v.Apply(&vs)
		out = append(out, alternative{name: v.Name, source: v.Source, variants: vs})
	}
	return append(out, alternative{name: "empty-omitted", emptyOmitted: true,
		source: "mockokta Config.EmptyValues EmptyOmitted: an emptied attribute left out of the PUT (docs/okta-entitlements-and-schema.md §6, an inference)"})
}

func expectedAlt(r Request, alt alternative, prior []Exchange) (sent, error) {
	vs := alt.variants
	x := r.X
	body := object(x.Body)
	profile := mockokta.OIN
	switch r.Kind {
	case "get-group", "put-group":
		profile = mockokta.AIW
	case "put-user":
		if a, ok := body["active"].(bool); ok && !a || body["password"] != nil {
			profile = mockokta.AIW
		}
	}
	s := &script{userIDs: map[string]string{}, found: map[string]bool{}, getUser: map[string][]byte{}, groupID: r.ID}
	auth := x.Header.Get("Authorization")
	password := "placeholder"
	if body != nil && str(body, "password") != "" {
		password = str(body, "password")
	}
	cfg := mockokta.Config{BaseURL: r.Base, Transport: s, Profile: profile, Variants: vs,
		NewPassword: func() string { return password }}
	if alt.emptyOmitted {
		if r.Kind != "put-user" {
			return sent{}, errNotModelled
		}
		cfg.EmptyValues = mockokta.EmptyOmitted
	}
	if auth != "" {
		cfg.Auth = mockokta.HeaderToken(auth)
	}
	if strings.HasPrefix(cfg.BaseURL, "/") {
		cfg.BaseURL = "http://capture.invalid" + cfg.BaseURL
	}
	o, err := mockokta.NewOrg(cfg)
	if err != nil {
		return sent{}, err
	}
	ctx := context.Background()
	pick := func(from int, method, kindPath string, last bool) (sent, error) {
		var got []sent
		for _, q := range s.since(from) {
			_, rest := splitURL(q.URL)
			if q.Method == method && strings.HasPrefix(rest, kindPath) {
				got = append(got, q)
			}
		}
		if len(got) == 0 {
			return sent{}, fmt.Errorf("mockokta sent no %s %s for this action", method, kindPath)
		}
		if last {
			return got[len(got)-1], nil
		}
		return got[0], nil
	}
	switch r.Kind {
	case "lookup-user":
		attr, login, ok := filterValue(r.Query)
		if !ok || attr != "userName" {
			return sent{}, fmt.Errorf("%w: a lookup by %q", errNotModelled, attr)
		}
		if _, err := o.AddUser(mockokta.User{Login: login, FirstName: "A", LastName: "B"}); err != nil {
			return sent{}, err
		}
		m := s.mark()
		_ = o.Assign(ctx, login)
		return pick(m, "GET", "/Users?", false)
	case "create-user", "put-user", "patch-user", "get-user":
		return expectUser(ctx, o, s, r, body, prior, pick, alt.emptyOmitted)
	case "lookup-group", "create-group":
		name := str(body, "displayName")
		if r.Kind == "lookup-group" {
			_, name, _ = filterValue(r.Query)
		}
		if _, err := o.AddGroup(name); err != nil {
			return sent{}, err
		}
		s.groupID = "g1"
		m := s.mark()
		_ = o.PushGroup(ctx, name)
		if r.Kind == "lookup-group" {
			return pick(m, "GET", "/Groups?", false)
		}
		return pick(m, "POST", "/Groups", false)
	case "patch-group", "put-group", "get-group", "delete-group":
		return expectGroup(ctx, o, s, r, body, pick)
	case "list-users", "list-groups":
		v, _ := url.ParseQuery(r.Query)
		start, _ := strconv.Atoi(v.Get("startIndex"))
		if start > maxImportStart {
			return sent{}, fmt.Errorf("%w: an import page at startIndex %d (wire reproduces imports up to startIndex %d)", errNotModelled, start, maxImportStart)
		}
		s.listLast = max(start, 1)
		m := s.mark()
		switch {
		case v.Get("count") == "2" && r.Kind == "list-users":
			_ = o.TestCredentials(ctx)
		case r.Kind == "list-users":
			_, _ = o.ImportUsers(ctx)
		default:
			_, _ = o.ImportGroups(ctx)
		}
		path := "/Users?"
		if r.Kind == "list-groups" {
			path = "/Groups?"
		}
		return pick(m, "GET", path, true)
	}
	return sent{}, fmt.Errorf("%w: %s %s", errNotModelled, x.Method, r.Path)
}

type picker func(from int, method, kindPath string, last bool) (sent, error)

// profileOf is the Okta user a captured user body describes: what mockokta
// maps itself from userName, name, emails and externalId, the rest as mapped
// attributes (locale left to the variants).
func profileOf(body map[string]any, login string) mockokta.User {
	u := mockokta.User{Login: login, ID: str(body, "externalId"), Attributes: map[string]any{}}
	if n, ok := body["name"].(map[string]any); ok {
		u.FirstName, u.LastName = str(n, "givenName"), str(n, "familyName")
		for k, v := range n {
			if k != "givenName" && k != "familyName" {
				u.Attributes["name."+k] = v
			}
		}
	}
	if es, ok := body["emails"].([]any); ok {
		for _, e := range es {
			if m, ok := e.(map[string]any); ok && (m["primary"] == true || u.Email == "") {
				u.Email = str(m, "value")
			}
		}
	}
	for _, k := range []string{"entitlements", "roles"} {
		list, ok := body[k].([]any)
		if !ok {
			continue
		}
		if u.Grants == nil {
			u.Grants = []mockokta.Grant{}
		}
		for _, e := range list {
			m, _ := e.(map[string]any)
			u.Grants = append(u.Grants, mockokta.Grant{Value: str(m, "value"), Display: str(m, "display"), Type: str(m, "type"), Role: k == "roles"})
		}
	}
	for k, v := range body {
		switch k {
		case "schemas", "id", "meta", "userName", "name", "emails", "displayName", "externalId", "groups",
			"password", "active", "locale", "entitlements", "roles":
			continue
		}
		if m, ok := v.(map[string]any); ok && strings.HasPrefix(k, "urn:") {
			for ek, ev := range m {
				u.Attributes[k+":"+ek] = ev
			}
			continue
		}
		u.Attributes[k] = v
	}
	return u
}

func expectUser(ctx context.Context, o *mockokta.Org, s *script, r Request, body map[string]any, prior []Exchange, pick picker, emptyOmitted bool) (sent, error) {
	login := str(body, "userName")
	var getAnswer []byte
	for i := len(prior) - 1; i >= 0 && r.ID != ""; i-- {
		p := Classify(&prior[i])
		if p.Kind == "get-user" && p.ID == r.ID && prior[i].HasResponseBody {
			getAnswer = prior[i].ResponseBody
			break
		}
	}
	if login == "" {
		login = str(object(getAnswer), "userName")
	}
	if login == "" {
		login = "user@capture.invalid"
	}
	u := profileOf(body, login)
	if r.Kind == "patch-user" || r.Kind == "get-user" {
		u = profileOf(object(getAnswer), login)
	}
	if r.Kind == "put-user" && getAnswer == nil {
		// No GET answer in the capture: the server's own view is taken to
		// be the PUT body without what Okta writes.
		cur := map[string]any{}
		for k, v := range body {
			if k != "password" {
				cur[k] = v
			}
		}
		getAnswer, _ = json.Marshal(cur)
	}
	if u.FirstName == "" && u.LastName == "" {
		u.FirstName = "A"
	}
	if emptyOmitted {
		// What the GET answered and the PUT left out was emptied in Okta.
		got := profileOf(object(getAnswer), login)
		for k := range got.Attributes {
			if _, kept := u.Attributes[k]; !kept {
				u.Attributes[k] = ""
			}
		}
	}
	if _, err := o.AddUser(u); err != nil {
		return sent{}, fmt.Errorf("the user of the capture: %w", err)
	}
	sid := r.ID
	if sid == "" {
		sid = "id-1"
	}
	s.userIDs[login] = sid
	if getAnswer != nil {
		s.getUser[sid] = getAnswer
	}
	if r.Kind == "create-user" {
		m := s.mark()
		_ = o.Assign(ctx, login)
		return pick(m, "POST", "/Users", false)
	}
	// Link the user first (lookup finds it, GET, PUT).
	s.found[login] = true
	m := s.mark()
	_ = o.Assign(ctx, login)
	switch r.Kind {
	case "get-user":
		return pick(m, "GET", "/Users/", false)
	case "put-user":
		if pw := str(body, "password"); pw != "" {
			m = s.mark()
			_ = o.SetPassword(ctx, login, pw)
			return pick(m, "PUT", "/Users/", true)
		}
		if a, ok := body["active"].(bool); ok && !a {
			m = s.mark()
			_ = o.DeactivateUser(ctx, login)
			return pick(m, "PUT", "/Users/", true)
		}
		return pick(m, "PUT", "/Users/", true)
	}
	// patch-user: what the no-path replace changes.
	ops, _ := body["Operations"].([]any)
	for _, op := range ops {
		if m, ok := op.(map[string]any); ok && str(m, "path") != "" {
			return sent{}, fmt.Errorf("%w: a PATCH of %q by path (mockokta sends one only for grants, Config.GrantRequest GrantByPatch, which wire does not reproduce)", errNotModelled, str(m, "path"))
		}
	}
	var value map[string]any
	if len(ops) == 1 {
		op, _ := ops[0].(map[string]any)
		value, _ = op["value"].(map[string]any)
	}
	switch {
	case value != nil && value["active"] == false:
		m = s.mark()
		_ = o.DeactivateUser(ctx, login)
	case value != nil && value["active"] == true:
		_ = o.DeactivateUser(ctx, login)
		m = s.mark()
		_ = o.ReactivateUser(ctx, login)
	case value != nil && str(value, "password") != "":
		m = s.mark()
		_ = o.SetPassword(ctx, login, str(value, "password"))
	default:
		// Nothing mockokta sends changes this: compare with the
		// deactivation, the PATCH Okta documents.
		m = s.mark()
		_ = o.DeactivateUser(ctx, login)
	}
	return pick(m, "PATCH", "/Users/", true)
}

type member struct{ id, display string }

// groupMembers reads the members a group body or PATCH names, in the
// capture's order.
func groupMembers(body map[string]any) (adds []member, removes []string, rename string, replace, pathless bool) {
	collect := func(v any) {
		ms, _ := v.([]any)
		for _, m := range ms {
			if mm, ok := m.(map[string]any); ok {
				d := str(mm, "display")
				if d == "" {
					d = str(mm, "value") + "@capture.invalid"
				}
				adds = append(adds, member{id: str(mm, "value"), display: d})
			}
		}
	}
	if ms, ok := body["members"]; ok {
		collect(ms)
		return adds, removes, str(body, "displayName"), true, false
	}
	ops, _ := body["Operations"].([]any)
	for _, o := range ops {
		op, _ := o.(map[string]any)
		path := str(op, "path")
		switch strings.ToLower(str(op, "op")) {
		case "add":
			collect(op["value"])
		case "remove":
			if _, v, ok := strings.Cut(path, `value eq "`); ok {
				removes = append(removes, strings.TrimSuffix(strings.TrimSuffix(v, `"]`), `"`))
			}
		case "replace":
			if path == "members" {
				replace = true
				collect(op["value"])
				continue
			}
			if v, ok := op["value"].(map[string]any); ok {
				if n := str(v, "displayName"); n != "" {
					rename = n
				}
				if ms, ok := v["members"]; ok {
					replace, pathless = true, true
					collect(ms)
				}
			}
		}
	}
	return adds, removes, rename, replace, pathless
}

func expectGroup(ctx context.Context, o *mockokta.Org, s *script, r Request, body map[string]any, pick picker) (sent, error) {
	adds, removes, rename, replace, _ := groupMembers(body)
	name := rename
	if name == "" {
		name = "Group " + r.ID
	}
	if _, err := o.AddGroup(name); err != nil {
		return sent{}, err
	}
	// Every member the action names is a provisioned user with the SCIM id
	// the capture gives it.
	var add, rm []string
	provision := func(login, id string) error {
		if _, dup := s.userIDs[login]; dup {
			return nil
		}
		s.userIDs[login] = id
		if _, err := o.AddUser(mockokta.User{Login: login, FirstName: "A", LastName: "B"}); err != nil {
			return err
		}
		return o.Assign(ctx, login)
	}
	for _, id := range removes {
		l := id + "@capture.invalid"
		if err := provision(l, id); err != nil {
			return sent{}, err
		}
		rm = append(rm, l)
	}
	for _, m := range adds {
		if err := provision(m.display, m.id); err != nil {
			return sent{}, err
		}
		add = append(add, m.display)
	}
	full := replace || r.Kind == "put-group" || r.Kind == "get-group"
	// The group starts with the members the action removes (and, for a
	// full push, those it names), linked to the app group of the capture.
	start := rm
	if full {
		start = append(start, add...)
	}
	if len(start) > 0 {
		if err := o.AddMembers(ctx, name, start...); err != nil {
			return sent{}, err
		}
	}
	s.groupHit = true
	if err := o.PushGroup(ctx, name); err != nil {
		return sent{}, err
	}
	immediately := func(on bool) {
		set := o.Settings()
		set.PushMembershipsImmediately = on
		o.SetSettings(set)
	}
	path := "/Groups/"
	m := s.mark()
	switch {
	case r.Kind == "delete-group":
		_ = o.UnlinkGroup(ctx, name, mockokta.DeleteInApp)
		return pick(m, "DELETE", path, false)
	case r.Kind == "get-group":
		_ = o.PushNow(ctx, name)
		return pick(m, "GET", path, false)
	case full:
		_ = o.PushNow(ctx, name)
		method := "PATCH"
		if r.Kind == "put-group" {
			method = "PUT"
		}
		return pick(m, method, path, false)
	case len(add) > 0:
		// Removes and adds between two pushes go out in one PATCH.
		immediately(false)
		if len(rm) > 0 {
			_ = o.RemoveMembers(ctx, name, rm...)
		}
		immediately(true)
		m = s.mark()
		_ = o.AddMembers(ctx, name, add...)
		return pick(m, "PATCH", path, false)
	case len(rm) > 0:
		_ = o.RemoveMembers(ctx, name, rm...)
		return pick(m, "PATCH", path, false)
	default:
		_ = o.RenameGroup(ctx, name, name)
		return pick(m, "PATCH", path, false)
	}
}
