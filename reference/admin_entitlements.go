package reference

import "net/http"

// The entitlements and roles an organization's users can be granted, as a
// Zinc admin sets them up: GET lists them, POST adds one (docs/design.md).

func (a *adminCall) grants(k GrantKind) *adminError {
	switch a.r.Method {
	case http.MethodGet:
		a.env.Mu.RLock()
		out := make([]Entitlement, 0, len(a.env.Grants[k].List))
		for _, v := range a.env.Grants[k].List {
			out = append(out, *v)
		}
		a.env.Mu.RUnlock()
		a.reply(http.StatusOK, map[string]any{[NumKinds]string{"entitlements", "roles"}[k]: out})
		return nil
	case http.MethodPost:
		var in Entitlement
		if e := a.decode(&in); e != nil {
			return e
		}
		e := a.env
		e.Mu.Lock()
		defer e.Mu.Unlock()
		v, err := e.AddGrantable(k, in, a.s.cfg.NewID)
		if err != nil {
			status := http.StatusBadRequest
			if in.ID != "" && e.Grants[k].Get(in.ID) != nil {
				status = http.StatusConflict
			}
			return adminErr(status, "%v", err)
		}
		a.reply(http.StatusCreated, v)
		return nil
	}
	return a.notAllowed("GET, POST")
}
