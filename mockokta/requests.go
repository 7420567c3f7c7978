package mockokta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// The requests of the user and group flows. Each sends one Okta request
// kind (plus 429 retries), checks the answer as Okta does and turns a
// failure into a Task. while is the middle of Okta's task message, such as
// "Error while creating user Alice Smith".

// lookupUser is GET /Users?filter=userName eq "…"&startIndex=1&count=100
// (docs/okta-protocol.md §2.2). A 404 counts as not found, as Okta accepts it.
func (o *Org) lookupUser(ctx context.Context, f flow, p *profile) (string, bool, error) {
	c := &call{action: f.action, target: f.target, kind: "lookup-user", method: http.MethodGet,
		path: "/Users", query: filterQuery("userName", p.Login, o.variants.QuerySpaces)}
	return o.lookup(ctx, f, c, "Error while verifying if user "+p.taskName()+" exists")
}

// lookupGroup is GET /Groups?filter=displayName eq "…"&startIndex=1&count=100
// (docs/okta-protocol.md §7.3). The task wording is an inference.
func (o *Org) lookupGroup(ctx context.Context, f flow, name string) (string, bool, error) {
	c := &call{action: f.action, target: f.target, kind: "lookup-group", method: http.MethodGet,
		path: "/Groups", query: filterQuery("displayName", name, o.variants.QuerySpaces)}
	return o.lookup(ctx, f, c, "Error while verifying if group "+name+" exists")
}

func (o *Org) lookup(ctx context.Context, f flow, c *call, while string) (string, bool, error) {
	const expected = "200 with a ListResponse (or 404)"
	r, err := o.send(ctx, c)
	if err != nil {
		return "", false, o.sendFailed(f, c, err, expected, while)
	}
	switch r.status {
	case http.StatusNotFound:
		return "", false, nil
	case http.StatusOK:
	default:
		return "", false, o.failStatus(f, c, r, expected, while)
	}
	page, err := parseList(r.body, o.limits.PageResources)
	if err != nil {
		return "", false, o.failBody(f, c, r, expected, bodyProblem(r.body, err), while)
	}
	if len(page.resources) == 0 {
		if page.total > 0 {
			return "", false, o.failBody(f, c, r, expected, fmt.Sprintf("totalResults is %d but Resources is empty", page.total), while)
		}
		return "", false, nil
	}
	id := page.resources[0].ID
	if id == "" {
		return "", false, o.failBody(f, c, r, expected, "Resources[0] has no id", while)
	}
	return id, true, nil
}

// createUser is POST /Users (docs/okta-protocol.md §2.3, §2.4). The SCIM id of the
// answer becomes the link. An answer without a body, or without an id,
// fails with Okta's "Create new user returned empty user." (the second case
// is an inference); so does 204. Okta documents 201; that it takes a 200
// too is an inference.
func (o *Org) createUser(ctx context.Context, f flow, p *profile, password string) (string, error) {
	c := &call{action: f.action, target: f.target, kind: "create-user", method: http.MethodPost,
		path: "/Users", body: appendCreateUser(make([]byte, 0, 512), p, password, o.variants.locale())}
	return o.create(ctx, f, c, "Error while creating user "+p.taskName(), "Create new user returned empty user.")
}

// createGroup is POST /Groups with no members (docs/okta-protocol.md §7.2).
// "Error while creating user group" is Okta's (§12.3, S51); the
// empty-answer wording mirrors the user's, an inference.
func (o *Org) createGroup(ctx context.Context, f flow, name string) (string, error) {
	c := &call{action: f.action, target: f.target, kind: "create-group", method: http.MethodPost,
		path: "/Groups", body: appendCreateGroup(make([]byte, 0, 128), name)}
	return o.create(ctx, f, c, "Error while creating user group "+name, "Create new group returned empty group.")
}

func (o *Org) create(ctx context.Context, f flow, c *call, while, empty string) (string, error) {
	const expected = "201 with an id"
	r, err := o.send(ctx, c)
	if err != nil {
		return "", o.sendFailed(f, c, err, expected, while)
	}
	if r.status != http.StatusCreated && r.status != http.StatusOK && r.status != http.StatusNoContent {
		return "", o.failStatus(f, c, r, expected, while)
	}
	if len(bytes.TrimSpace(r.body)) == 0 {
		return "", o.failBody(f, c, r, expected, empty, while)
	}
	var res resource
	if err := json.Unmarshal(r.body, &res); err != nil {
		return "", o.failBody(f, c, r, expected, bodyProblem(r.body, err), while)
	}
	if res.ID == "" {
		return "", o.failBody(f, c, r, expected, empty, while)
	}
	return res.ID, nil
}

// getResource is GET /Users/{id} or /Groups/{id} (docs/okta-protocol.md §3.2, §7.4),
// read before every PUT: it must answer 200 with a JSON object.
func (o *Org) getResource(ctx context.Context, f flow, kind, path, while string) (map[string]any, error) {
	const expected = "200 with the resource"
	c := &call{action: f.action, target: f.target, kind: kind, method: http.MethodGet, path: path}
	r, err := o.send(ctx, c)
	if err != nil {
		return nil, o.sendFailed(f, c, err, expected, while)
	}
	if r.status != http.StatusOK {
		return nil, o.failStatus(f, c, r, expected, while)
	}
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		if err == nil {
			err = errors.New("not a JSON object")
		}
		return nil, o.failBody(f, c, r, expected, bodyProblem(r.body, err), while)
	}
	return m, nil
}

// write sends a PUT, PATCH or DELETE and accepts any 2xx answer: Okta
// documents 200 with the resource or 204 for PATCH, 200 for PUT and 204 for
// DELETE (docs/okta-protocol.md §5.1, §7.5, §7.7, §8.5); a 200 body that is not JSON
// is Okta's parse error.
func (o *Org) write(ctx context.Context, f flow, c *call, expected, while string) error {
	r, err := o.send(ctx, c)
	if err != nil {
		return o.sendFailed(f, c, err, expected, while)
	}
	if r.status < 200 || r.status > 299 {
		return o.failStatus(f, c, r, expected, while)
	}
	if len(bytes.TrimSpace(r.body)) > 0 && !json.Valid(r.body) {
		return o.failBody(f, c, r, expected, "Invalid JSON: "+parseError(r.body), while)
	}
	return nil
}

// putUser is GET /Users/{id} then PUT /Users/{id} with Okta's profile merged
// over the answer (docs/okta-protocol.md §4.1, §2.5, §5.2).
func (o *Org) putUser(ctx context.Context, f flow, scimID string, p *profile, active bool, password, while string) error {
	path := "/Users/" + url.PathEscape(scimID)
	cur, err := o.getResource(ctx, f, "get-user", path, while)
	if err != nil {
		return err
	}
	c := &call{action: f.action, target: f.target, kind: "put-user", method: http.MethodPut, path: path,
		body: mergeUser(cur, p, active, password)}
	return o.write(ctx, f, c, "200 with the user", while)
}

// patchUser is PATCH /Users/{id} with one no-path replace (docs/okta-protocol.md
// §5.1, §5.4, §6).
func (o *Org) patchUser(ctx context.Context, f flow, scimID, key string, value []byte, while string) error {
	c := &call{action: f.action, target: f.target, kind: "patch-user", method: http.MethodPatch,
		path: "/Users/" + url.PathEscape(scimID), body: appendPatchReplace(make([]byte, 0, 128), key, value)}
	return o.write(ctx, f, c, "200 with the user or 204", while)
}

// sendFailed turns a request without an answer into a task, and one Okta
// had no valid OAuth access token for; a cancelled context or a failing
// token source is returned as it is, without a task.
func (o *Org) sendFailed(f flow, c *call, err error, expected, while string) error {
	var na *noAnswerError
	if errors.As(err, &na) {
		return o.failNoAnswer(f, c, na, expected, while)
	}
	var re *refreshError
	if errors.As(err, &re) {
		return o.failRefresh(f, c, re, expected, while)
	}
	return fmt.Errorf("%s %s: %w", f.action, f.target, err)
}

// bodyProblem words an answer body Okta cannot read.
func bodyProblem(body []byte, err error) string {
	if !json.Valid(body) {
		return "Invalid JSON: " + parseError(body)
	}
	return err.Error()
}
