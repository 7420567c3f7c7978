package reference

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/tokens"
)

// The Admin Console API (docs/design.md): JSON under /admin/, opened by the admin
// token only. Errors are {"error": "<sentence>", "status": <int>}.

type adminCall struct {
	s   *Server
	w   http.ResponseWriter
	r   *http.Request
	org *Org
	env *Env

	// The answer, kept by reply and sent by flush once every lock is released.
	status int
	body   []byte
}

type adminError struct {
	status int
	msg    string
}

func adminErr(status int, format string, args ...any) *adminError {
	return &adminError{status: status, msg: fmt.Sprintf(format, args...)}
}

func (a *adminCall) fail(e *adminError) {
	a.reply(e.status, map[string]any{"error": e.msg, "status": e.status})
}

// reply keeps the answer; v is encoded at once, so it may point into the store
// while the caller holds its lock.
func (a *adminCall) reply(status int, v any) {
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

func (a *adminCall) flush() {
	if a.body != nil {
		a.w.Header().Set("Content-Type", "application/json")
	}
	a.w.WriteHeader(a.status)
	_, _ = a.w.Write(a.body)
}

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request, rest string) {
	a := &adminCall{s: s, w: w, r: r}
	defer a.flush()
	if s.cfg.AdminToken == "" {
		a.fail(adminErr(http.StatusNotFound, "the Admin Console API is not enabled on this server: start it with an admin token"))
		return
	}
	h, n := oneAuthorization(r)
	token, _ := credential(h)
	if n > 1 || !tokens.Same(token, s.cfg.AdminToken) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="Zinc Admin Console"`)
		msg := "the Admin Console API needs the admin token: send 'Authorization: Bearer <admin token>'"
		switch {
		case n > 1:
			msg = fmt.Sprintf("the request has %d Authorization headers: send exactly one, 'Authorization: Bearer <admin token>'", n)
		case token != "":
			s.mu.RLock()
			_, isSCIM := s.tokens[tokens.KeyOf(token)]
			s.mu.RUnlock()
			if isSCIM {
				msg = "a SCIM API token does not open the Admin Console API: use the admin token"
			} else {
				msg = "the admin token is not valid"
			}
		}
		a.fail(adminErr(http.StatusUnauthorized, "%s", msg))
		return
	}
	if e := a.route(strings.Trim(rest, "/")); e != nil {
		a.fail(e)
	}
}

func (a *adminCall) route(path string) *adminError {
	seg := strings.Split(path, "/")
	if seg[0] != "orgs" {
		return adminErr(http.StatusNotFound, "no Admin Console endpoint /admin/%s", path)
	}
	if len(seg) == 1 {
		if a.r.Method != http.MethodPost {
			return a.notAllowed("POST")
		}
		return a.createOrg()
	}
	a.org = a.s.org(seg[1])
	if a.org == nil {
		return adminErr(http.StatusNotFound, "no organization %q", seg[1])
	}
	switch v := a.r.URL.Query().Get("env"); strings.ToLower(v) {
	case "", "production":
		a.env = a.org.Envs[Production]
	case "sandbox":
		a.env = a.org.Envs[Sandbox]
	default:
		return adminErr(http.StatusBadRequest, "env %q is not production or sandbox", v)
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
		return a.grants(KindEntitlement)
	case seg[2] == "roles" && len(seg) == 3:
		return a.grants(KindRole)
	case seg[2] == "folders" && len(seg) == 3:
		switch m {
		case http.MethodGet:
			return a.listFolders()
		case http.MethodPost:
			return a.createFolder()
		}
		return a.notAllowed("GET, POST")
	}
	return adminErr(http.StatusNotFound, "no Admin Console endpoint /admin/%s", path)
}

func (a *adminCall) notAllowed(allow string) *adminError {
	a.w.Header().Set("Allow", allow)
	return adminErr(http.StatusMethodNotAllowed, "%s is not allowed on %s; allowed: %s", a.r.Method, a.r.URL.Path, allow)
}

// decode reads a JSON body into v, refusing unknown fields (a typo in a test
// step should fail loudly).
func (a *adminCall) decode(v any) *adminError { return a.decodeBody(v, false) }

// decodeOptional is decode for a body whose every field is optional: an empty
// body (or one of white space only) means all defaults.
func (a *adminCall) decodeOptional(v any) *adminError { return a.decodeBody(v, true) }

func (a *adminCall) decodeBody(v any, optional bool) *adminError {
	dec := json.NewDecoder(http.MaxBytesReader(a.w, a.r.Body, a.s.cfg.MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if optional && errors.Is(err, io.EOF) {
			return nil
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			discardBody(a.r, a.s.cfg.MaxBodyBytes, a.s.cfg.MaxBodyBytes)
			return adminErr(http.StatusRequestEntityTooLarge, "the body is larger than %d bytes", a.s.cfg.MaxBodyBytes)
		}
		return adminErr(http.StatusBadRequest, "the body is not the JSON this endpoint takes: %v", err)
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

func (a *adminCall) createOrg() *adminError {
	var in orgRequest
	if e := a.decodeOptional(&in); e != nil {
		return e
	}
	o := &Org{ID: a.s.cfg.NewID(), Name: in.Name, Provisioning: orTrue(in.Provisioning),
		SyncUsers: orTrue(in.SyncUsers), SyncGroups: orTrue(in.SyncGroups),
		Tokens: [NumEnvs]string{tokens.New(), tokens.New()}}
	if o.Name == "" {
		o.Name = o.ID
	}
	a.s.addOrg(o)
	a.reply(http.StatusCreated, map[string]any{"id": o.ID, "name": o.Name,
		"tokens": map[string]string{"production": o.Tokens[Production], "sandbox": o.Tokens[Sandbox]}})
	return nil
}

func (a *adminCall) getOrg() *adminError {
	o := a.org
	a.reply(http.StatusOK, map[string]any{"id": o.ID, "name": o.Name, "provisioning": o.Provisioning,
		"syncUsers": o.SyncUsers, "syncGroups": o.SyncGroups})
	return nil
}

func (a *adminCall) now() int64 { return a.s.cfg.Now().UnixMilli() * 1e6 }
