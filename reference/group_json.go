package reference

import (
	"github.com/scimharness/scimharness/reference/internal/store"
)

// appendGroup appends g as a SCIM Group. A member is {value, display, type}:
// RFC 7643 section 4.2 makes "$ref" optional, and Okta neither sends nor
// reads it (docs/okta-protocol.md §7.4, §7.6), so a 50,000-member group is about
// half the bytes it was with the member's URI in each entry (issue 25).
func (c *call) appendGroup(b []byte, g *store.Group, p projection) []byte {
	b = append(b, `{"schemas":["`+groupSchema+`"]`...)
	b = appendField(b, "id", g.ID)
	if g.ExternalID != "" && p.want(bExternalID) {
		b = appendField(b, "externalId", g.ExternalID)
	}
	if p.want(bDisplayName) {
		b = appendField(b, "displayName", g.DisplayName)
	}
	if p.want(bMembers) {
		// One buffer for a big group, not a doubling chain (an entry is
		// about 100 bytes: the id, a display name, the type), pooled.
		b = grow(b, len(g.Members)*104+256)
		b = append(b, `,"members":[`...)
		for i, u := range g.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"value":`...)
			b = appendString(b, u.ID)
			b = appendField(b, "display", store.MemberDisplay(u))
			b = append(b, `,"type":"User"}`...)
		}
		b = append(b, ']')
	}
	if p.want(bMeta) {
		b = c.appendMeta(b, "Group", "/Groups/", g.ID, g.Created, g.Modified, g.Version)
	}
	return append(b, '}')
}
