package store

import "slices"

// The creation orders, Env.UserOrder and Env.GroupOrder (each element knows
// its index, Pos, so that removing it needs no search), and the indexes by
// name and externalId.

func (u *User) setPos(i int32)  { u.Pos = i }
func (g *Group) setPos(i int32) { g.Pos = i }

// removeAt removes order[i] and renumbers the elements after it:
// O(len(order)-i). The caller marks the removed element's own Pos.
func removeAt[T interface{ setPos(int32) }](order []T, i int) []T {
	order = slices.Delete(order, i, i+1)
	for j := i; j < len(order); j++ {
		order[j].setPos(int32(j))
	}
	return order
}

// unindex removes the entry k of the index m if it is v's: another resource
// may hold the key now (a duplicate externalId). An empty externalId is
// never indexed, so k "" finds no entry of v's.
func unindex[K, V comparable](m map[K]V, k K, v V) {
	if m[k] == v {
		delete(m, k)
	}
}
