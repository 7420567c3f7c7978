package store

// UserQuery is a compiled user filter: Pred selects a user (nil selects
// every user); Key and Val, when Key is set, name an index that finds the
// only candidate ("id", "username" or "externalid" and the value), which Pred
// then checks. The SCIM handlers build it from a filter (reference/match.go's
// indexable finds Key and Val).
type UserQuery struct {
	Pred     func(*User) bool
	Key, Val string
}

// MatchUsers returns the users q selects, in creation order; the slice may be the
// store's own and must not be kept past the lock.
func (e *Env) MatchUsers(q UserQuery) []*User {
	if q.Pred == nil {
		return e.UserOrder
	}
	var cand *User
	switch {
	case q.Key == "id":
		cand = e.Users[q.Val]
	case q.Key == "username":
		cand = e.UserByName(q.Val)
	case q.Key == "externalid" && !e.DupUserExternalIDs:
		cand = e.ByExternalID[q.Val]
	default:
		var out []*User
		for _, u := range e.UserOrder {
			if q.Pred(u) {
				out = append(out, u)
			}
		}
		return out
	}
	if cand != nil && q.Pred(cand) {
		return []*User{cand}
	}
	return nil
}

// GroupQuery is a compiled group filter, as UserQuery is for users (Key
// "id", "displayname" or "externalid").
type GroupQuery struct {
	Pred     func(*Group) bool
	Key, Val string
}

// MatchGroups returns the SCIM-visible groups q selects, in creation order.
func (e *Env) MatchGroups(q GroupQuery) []*Group {
	if q.Pred == nil {
		return e.GroupOrder
	}
	var cand *Group
	switch {
	case q.Key == "id":
		cand = e.Groups[q.Val]
		if cand != nil && !cand.SCIMVisible() {
			cand = nil
		}
	case q.Key == "displayname":
		cand = e.GroupByDisplayName(q.Val)
	case q.Key == "externalid" && !e.dupGroupExtID:
		cand = e.groupByExtID[q.Val]
	default:
		var out []*Group
		for _, g := range e.GroupOrder {
			if q.Pred(g) {
				out = append(out, g)
			}
		}
		return out
	}
	if cand != nil && q.Pred(cand) {
		return []*Group{cand}
	}
	return nil
}
