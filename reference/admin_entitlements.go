package reference

import "net/http"

// The entitlements and roles an organization's users can be granted, as a
// Zinc admin sets them up: GET lists them, POST adds one (docs/design.md).

func (a *adminCall) grants(k grantKind) *adminError {
	switch a.r.Method {
	case http.MethodGet:
		a.env.mu.RLock()
		out := make([]Entitlement, 0, len(a.env.grants[k].list))
		for _, v := range a.env.grants[k].list {
			out = append(out, *v)
		}
		a.env.mu.RUnlock()
		a.reply(http.StatusOK, map[string]any{[numKinds]string{"entitlements", "roles"}[k]: out})
		return nil
	case http.MethodPost:
		var in Entitlement
		if e := a.decode(&in); e != nil {
			return e
		}
		e := a.env
		e.mu.Lock()
		defer e.mu.Unlock()
		v, err := a.s.addGrantable(e, k, in)
		if err != nil {
			status := http.StatusBadRequest
			if in.ID != "" && e.grants[k].get(in.ID) != nil {
				status = http.StatusConflict
			}
			return adminErr(status, "%v", err)
		}
		a.reply(http.StatusCreated, v)
		return nil
	}
	return a.notAllowed("GET, POST")
}
