package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/scimharness/scimharness/reference/internal/drain"
	"github.com/scimharness/scimharness/reference/internal/rules"
	"github.com/scimharness/scimharness/reference/internal/store"
	"github.com/scimharness/scimharness/reference/internal/tokens"
)

// Config is what the Admin Console API works on. Every field but Clock is
// required.
type Config struct {
	// Token is the admin token; "" disables the API (every request gets 404).
	Token string
	// Orgs are the server's organizations: the API reads and changes them,
	// and adds new ones.
	Orgs *store.Orgs
	// Rules are the mode's console rules, broken by the server's faults.
	Rules rules.Console
	// MaxBodyBytes caps request bodies (413 beyond).
	MaxBodyBytes int64
	// Now is the server's clock; NewID makes organization, group and
	// entitlement ids.
	Now   func() time.Time
	NewID func() string
	// Clock moves an organization's OAuth clock; nil when the server has no
	// OAuth authorization server (POST .../clock then gets 404).
	Clock Clock
}

// Clock is the OAuth authorization server's per-organization clock.
type Clock interface {
	// Advance moves o's clock forward by d and answers its total lead.
	Advance(o *store.Org, d time.Duration) time.Duration
}

// API serves the Admin Console API. It is safe for concurrent use.
type API struct {
	cfg Config
}

// New returns the API over cfg.
func New(cfg Config) *API { return &API{cfg: cfg} }

// call is one request on its way through the handlers.
type call struct {
	api *API
	w   http.ResponseWriter
	r   *http.Request
	org *store.Org
	env *store.Env

	// The answer, kept by reply and sent by flush once every lock is released.
	status int
	body   []byte
}

type apiError struct {
	status int
	msg    string
}

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, msg: fmt.Sprintf(format, args...)}
}

func (a *call) fail(e *apiError) {
	a.reply(e.status, map[string]any{"error": e.msg, "status": e.status})
}

// reply keeps the answer; v is encoded at once, so it may point into the store
// while the caller holds its lock.
func (a *call) reply(status int, v any) {
	a.status, a.body = status, nil
	if status == http.StatusNoContent {
		return
	}
	data, err := json.Marshal(v)
	if err != nil {
		a.status, data = http.StatusInternalServerError, []byte(`{"error":"encoding the response failed","status":500}`)
	}
	a.body = append(data, '\n')
}

func (a *call) flush() {
	if a.body != nil {
		a.w.Header().Set("Content-Type", "application/json")
	}
	a.w.WriteHeader(a.status)
	_, _ = a.w.Write(a.body)
}

// Serve answers r, whose path is rest under /admin.
func (api *API) Serve(w http.ResponseWriter, r *http.Request, rest string) {
	a := &call{api: api, w: w, r: r}
	defer a.flush()
	if api.cfg.Token == "" {
		a.fail(errorf(http.StatusNotFound, "the Admin Console API is not enabled on this server: start it with an admin token"))
		return
	}
	h, n := tokens.Authorization(r)
	token, _ := tokens.Credential(h)
	if n > 1 || !tokens.Same(token, api.cfg.Token) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="Zinc Admin Console"`)
		msg := "the Admin Console API needs the admin token: send 'Authorization: Bearer <admin token>'"
		switch {
		case n > 1:
			msg = fmt.Sprintf("the request has %d Authorization headers: send exactly one, 'Authorization: Bearer <admin token>'", n)
		case token != "":
			_, isSCIM := api.cfg.Orgs.ByToken(token)
			if isSCIM {
				msg = "a SCIM API token does not open the Admin Console API: use the admin token"
			} else {
				msg = "the admin token is not valid"
			}
		}
		a.fail(errorf(http.StatusUnauthorized, "%s", msg))
		return
	}
	if e := a.route(strings.Trim(rest, "/")); e != nil {
		a.fail(e)
	}
}

func (a *call) route(path string) *apiError {
	seg := strings.Split(path, "/")
	if seg[0] != "orgs" {
		return errorf(http.StatusNotFound, "no Admin Console endpoint /admin/%s", path)
	}
	if len(seg) == 1 {
		if a.r.Method != http.MethodPost {
			return a.notAllowed("POST")
		}
		return a.createOrg()
	}
	a.org = a.api.cfg.Orgs.Get(seg[1])
	if a.org == nil {
		return errorf(http.StatusNotFound, "no organization %q", seg[1])
	}
	switch v := a.r.URL.Query().Get("env"); strings.ToLower(v) {
	case "", "production":
		a.env = a.org.Envs[store.Production]
	case "sandbox":
		a.env = a.org.Envs[store.Sandbox]
	default:
		return errorf(http.StatusBadRequest, "env %q is not production or sandbox", v)
	}
	m := a.r.Method
	switch {
	case len(seg) == 2:
		if m != http.MethodGet {
			return a.notAllowed("GET")
		}
		return a.getOrg()
	case seg[2] == "users" && len(seg) == 3:
		if m != http.MethodGet {
			return a.notAllowed("GET")
		}
		return a.listUsers()
	case seg[2] == "users" && len(seg) == 4 && seg[3] == "swap-ids":
		if m != http.MethodPost {
			return a.notAllowed("POST")
		}
		return a.swapUserIDs()
	case seg[2] == "users" && len(seg) == 5 && seg[4] == "new-id":
		if m != http.MethodPost {
			return a.notAllowed("POST")
		}
		return a.newUserID(seg[3])
	case seg[2] == "groups" && len(seg) == 3:
		switch m {
		case http.MethodGet:
			return a.listGroups()
		case http.MethodPost:
			return a.createGroup()
		}
		return a.notAllowed("GET, POST")
	case seg[2] == "groups" && len(seg) == 4:
		switch m {
		case http.MethodGet:
			return a.getGroup(seg[3])
		case http.MethodPatch:
			return a.patchGroup(seg[3])
		case http.MethodDelete:
			return a.deleteGroup(seg[3])
		}
		return a.notAllowed("GET, PATCH, DELETE")
	case seg[2] == "groups" && len(seg) == 5 && seg[4] == "members":
		if m != http.MethodPut {
			return a.notAllowed("PUT")
		}
		return a.putMembers(seg[3])
	case seg[2] == "groups" && len(seg) == 5 && seg[4] == "unlink":
		if m != http.MethodPost {
			return a.notAllowed("POST")
		}
		return a.unlink(seg[3])
	case seg[2] == "settings" && len(seg) == 3:
		switch m {
		case http.MethodGet:
			return a.getSettings()
		case http.MethodPut:
			return a.putSettings()
		}
		return a.notAllowed("GET, PUT")
	case seg[2] == "clock" && len(seg) == 3:
		if m != http.MethodPost {
			return a.notAllowed("POST")
		}
		return a.advanceClock()
	case seg[2] == "entitlements" && len(seg) == 3:
		return a.grants(store.KindEntitlement)
	case seg[2] == "roles" && len(seg) == 3:
		return a.grants(store.KindRole)
	case seg[2] == "folders" && len(seg) == 3:
		switch m {
		case http.MethodGet:
			return a.listFolders()
		case http.MethodPost:
			return a.createFolder()
		}
		return a.notAllowed("GET, POST")
	}
	return errorf(http.StatusNotFound, "no Admin Console endpoint /admin/%s", path)
}

func (a *call) notAllowed(allow string) *apiError {
	a.w.Header().Set("Allow", allow)
	return errorf(http.StatusMethodNotAllowed, "%s is not allowed on %s; allowed: %s", a.r.Method, a.r.URL.Path, allow)
}

// decode reads a JSON body into v, refusing unknown fields (a typo in a test
// step should fail loudly).
func (a *call) decode(v any) *apiError { return a.decodeBody(v, false) }

// decodeOptional is decode for a body whose every field is optional: an empty
// body (or one of white space only) means all defaults.
func (a *call) decodeOptional(v any) *apiError { return a.decodeBody(v, true) }

func (a *call) decodeBody(v any, optional bool) *apiError {
	dec := json.NewDecoder(http.MaxBytesReader(a.w, a.r.Body, a.api.cfg.MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if optional && errors.Is(err, io.EOF) {
			return nil
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			drain.Rest(a.r, a.api.cfg.MaxBodyBytes, a.api.cfg.MaxBodyBytes)
			return errorf(http.StatusRequestEntityTooLarge, "the body is larger than %d bytes", a.api.cfg.MaxBodyBytes)
		}
		return errorf(http.StatusBadRequest, "the body is not the JSON this endpoint takes: %v", err)
	}
	return nil
}

type orgRequest struct {
	Name         string `json:"name"`
	Provisioning *bool  `json:"provisioning"`
	SyncUsers    *bool  `json:"syncUsers"`
	SyncGroups   *bool  `json:"syncGroups"`
}

func orTrue(b *bool) bool { return b == nil || *b }

func (a *call) createOrg() *apiError {
	var in orgRequest
	if e := a.decodeOptional(&in); e != nil {
		return e
	}
	o := &store.Org{ID: a.api.cfg.NewID(), Name: in.Name, Provisioning: orTrue(in.Provisioning),
		SyncUsers: orTrue(in.SyncUsers), SyncGroups: orTrue(in.SyncGroups),
		Tokens: [store.NumEnvs]string{tokens.New(), tokens.New()}}
	if o.Name == "" {
		o.Name = o.ID
	}
	a.api.cfg.Orgs.Add(o)
	a.reply(http.StatusCreated, map[string]any{"id": o.ID, "name": o.Name,
		"tokens": map[string]string{"production": o.Tokens[store.Production], "sandbox": o.Tokens[store.Sandbox]}})
	return nil
}

func (a *call) getOrg() *apiError {
	o := a.org
	a.reply(http.StatusOK, map[string]any{"id": o.ID, "name": o.Name, "provisioning": o.Provisioning,
		"syncUsers": o.SyncUsers, "syncGroups": o.SyncGroups})
	return nil
}

func (a *call) now() int64 { return a.api.cfg.Now().UnixMilli() * 1e6 }
