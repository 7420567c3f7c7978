package admin

import (
	"net/http"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// The entitlements and roles an organization's users can be granted, as a
// Zinc admin sets them up: GET lists them, POST adds one (docs/design.md).

func (a *call) grants(k store.GrantKind) *apiError {
	switch a.r.Method {
	case http.MethodGet:
		a.env.RLock()
		out := make([]store.Entitlement, 0, len(a.env.Grants[k].List))
		for _, v := range a.env.Grants[k].List {
			out = append(out, *v)
		}
		a.env.RUnlock()
		a.reply(http.StatusOK, map[string]any{[store.NumKinds]string{"entitlements", "roles"}[k]: out})
		return nil
	case http.MethodPost:
		var in store.Entitlement
		if e := a.decode(&in); e != nil {
			return e
		}
		e := a.env
		e.Lock()
		defer e.Unlock()
		v, err := e.AddGrantable(k, in, a.api.cfg.NewID)
		if err != nil {
			status := http.StatusBadRequest
			if in.ID != "" && e.Grants[k].Get(in.ID) != nil {
				status = http.StatusConflict
			}
			return errorf(status, "%v", err)
		}
		a.reply(http.StatusCreated, v)
		return nil
	}
	return a.notAllowed("GET, POST")
}
