package reference

import (
	"net/http"
	"strings"

	"github.com/scimharness/scimharness/reference/internal/store"
)

// customSchema is Zinc's custom User extension: attributes an Okta admin
// maps with this external namespace (docs/okta-entitlements-and-schema.md).
const customSchema = "urn:scimharness:schemas:extension:zinc:1.0:User"

// grantEndpoint serves /Entitlements and /Roles: read-only, GET by id or a
// paged ListResponse (startIndex, count), as Okta's entitlement import reads
// them.
func (c *call) grantEndpoint(k store.GrantKind, id string) {
	m := c.r.Method
	if m != http.MethodGet && m != http.MethodHead {
		c.methodNotAllowed("GET")
		return
	}
	if strings.Contains(id, "/") {
		c.fail(errorf(http.StatusNotFound, "", "no SCIM endpoint %q", c.r.URL.Path))
		return
	}
	pg, err := parsePage(c.q, c.s.cfg.MaxResults)
	if err != nil {
		c.fail(err)
		return
	}
	rule := &c.s.rules
	e := c.env
	e.RLock()
	var res result
	g := &e.Grants[k]
	switch {
	case id != "":
		if v := g.Get(id); v != nil {
			b := getBuf()
			b.b = c.appendGrantable(b.b, k, v)
			res = result{status: http.StatusOK, body: b}
		} else {
			res = failed(notFound(k.String(), id))
		}
	default:
		if !rule.Entitlements.Paging {
			pg = page{start: 1, count: len(g.List)}
		}
		from, to := pg.window(len(g.List))
		res = result{status: http.StatusOK, body: buildList(c, len(g.List), pg, g.List[from:to],
			func(b []byte, v *store.Entitlement) []byte { return c.appendGrantable(b, k, v) })}
	}
	e.RUnlock()
	c.send(res)
}

// appendGrantable appends v as a resource of Okta's Entitlement or Role schema.
func (c *call) appendGrantable(b []byte, k store.GrantKind, v *store.Entitlement) []byte {
	b = append(b, `{"schemas":["`...)
	b = append(b, k.Schema()...)
	b = append(b, `"]`...)
	b = appendField(b, "id", v.ID)
	b = appendField(b, "displayName", v.DisplayName)
	if k == store.KindEntitlement && c.s.rules.Entitlements.Type {
		b = appendField(b, "type", v.Type)
	}
	if v.Description != "" {
		b = appendField(b, "description", v.Description)
	}
	b = append(b, `,"meta":{"resourceType":"`...)
	b = append(b, k.String()...)
	b = append(b, `","location":"`...)
	b = appendRaw(b, c.base)
	b = append(b, k.Endpoint()...)
	b = append(b, '/')
	b = appendRaw(b, v.ID)
	return append(b, `"}}`...)
}
