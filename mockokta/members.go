package mockokta

// memberList is a group's members, Okta user ids in the order they joined,
// with O(1) tests, adds and removes: a removed member leaves an empty slot,
// and the slots are compacted once half of them are empty.
type memberList struct {
	ids   []string       // "" for a member who left
	pos   map[string]int // id → index in ids
	holes int
}

func (l *memberList) has(id string) bool {
	_, ok := l.pos[id]
	return ok
}

// add appends id; it reports whether id was not a member yet.
func (l *memberList) add(id string) bool {
	if l.has(id) {
		return false
	}
	if l.pos == nil {
		l.pos = map[string]int{}
	}
	l.pos[id] = len(l.ids)
	l.ids = append(l.ids, id)
	return true
}

// remove takes id out; it reports whether id was a member.
func (l *memberList) remove(id string) bool {
	i, ok := l.pos[id]
	if !ok {
		return false
	}
	delete(l.pos, id)
	l.ids[i] = ""
	l.holes++
	if l.holes > len(l.ids)/2 {
		l.compact()
	}
	return true
}

func (l *memberList) compact() {
	n := 0
	for _, id := range l.ids {
		if id != "" {
			l.ids[n] = id
			l.pos[id] = n
			n++
		}
	}
	clear(l.ids[n:])
	l.ids, l.holes = l.ids[:n], 0
}

// all yields the members in the order they joined.
func (l *memberList) all(yield func(string) bool) {
	for _, id := range l.ids {
		if id != "" && !yield(id) {
			return
		}
	}
}
