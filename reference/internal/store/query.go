package store

// Query is a compiled filter over the resources T (*User or *Group): Pred
// selects one (nil selects every one); Key and Val, when Key is set, name an
// index that finds the only candidate, which Pred then checks. The SCIM
// handlers build it from a filter (reference/match.go's indexable finds Key
// and Val).
type Query[T any] struct {
	Pred     func(T) bool
	Key, Val string
}

// UserQuery is a compiled user filter; its index keys are "id", "username"
// and "externalid".
type UserQuery = Query[*User]

// GroupQuery is a compiled group filter; its index keys are "id",
// "displayname" and "externalid".
type GroupQuery = Query[*Group]

// MatchUsers returns the users q selects, in creation order; the slice may be the
// store's own and must not be kept past the lock.
func (e *Env) MatchUsers(q UserQuery) []*User {
	return match(e.UserOrder, q, func(key, val string) (*User, bool) {
		switch {
		case key == "id":
			return e.Users[val], true
		case key == "username":
			return e.UserByName(val), true
		case key == "externalid" && !e.DupUserExternalIDs:
			return e.ByExternalID[val], true
		}
		return nil, false
	})
}

// MatchGroups returns the SCIM-visible groups q selects, in creation order,
// as MatchUsers does.
func (e *Env) MatchGroups(q GroupQuery) []*Group {
	return match(e.GroupOrder, q, func(key, val string) (*Group, bool) {
		switch {
		case key == "id":
			if g := e.Groups[val]; g != nil && g.SCIMVisible() {
				return g, true
			}
			return nil, true
		case key == "displayname":
			return e.GroupByDisplayName(val), true
		case key == "externalid" && !e.dupGroupExtID:
			return e.groupByExtID[val], true
		}
		return nil, false
	})
}

// match returns what q selects of order: order itself when q selects
// everything; the one candidate that index finds for q's key (ok true; a
// zero candidate is none), if Pred accepts it; otherwise every element of
// order that Pred accepts.
func match[T comparable](order []T, q Query[T], index func(key, val string) (cand T, ok bool)) []T {
	if q.Pred == nil {
		return order
	}
	cand, ok := index(q.Key, q.Val)
	if !ok {
		var out []T
		for _, x := range order {
			if q.Pred(x) {
				out = append(out, x)
			}
		}
		return out
	}
	var none T
	if cand != none && q.Pred(cand) {
		return []T{cand}
	}
	return nil
}
