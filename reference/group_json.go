package reference

// appendGroup appends g as a SCIM Group.
func (c *call) appendGroup(b []byte, g *group, p projection) []byte {
	b = append(b, `{"schemas":["`+groupSchema+`"]`...)
	b = appendField(b, "id", g.id)
	if g.externalID != "" && p.want(bExternalID) {
		b = appendField(b, "externalId", g.externalID)
	}
	if p.want(bDisplayName) {
		b = appendField(b, "displayName", g.displayName)
	}
	if p.want(bMembers) {
		b = append(b, `,"members":[`...)
		for i, u := range g.members {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"value":`...)
			b = appendString(b, u.id)
			b = appendField(b, "display", memberDisplay(u))
			b = append(b, `,"type":"User","$ref":"`...)
			b = appendRaw(b, c.base)
			b = append(b, "/Users/"...)
			b = appendRaw(b, u.id)
			b = append(b, `"}`...)
		}
		b = append(b, ']')
	}
	if p.want(bMeta) {
		b = c.appendMeta(b, "Group", "/Groups/", g.id, g.created, g.modified, g.version)
	}
	return append(b, '}')
}
