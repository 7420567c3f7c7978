package reference

// origin tells where a group was created.
type origin uint8

const (
	fromDirectory origin = iota // pushed over SCIM
	fromConsole                 // made in the Admin Console
)

func (o origin) String() string {
	if o == fromConsole {
		return "console"
	}
	return "directory"
}

// group is a stored Zinc group. Members are a slice plus a position map, so that
// adding or removing one member costs O(1) and listing them needs no sort.
type group struct {
	id, displayName, externalID string
	folder                      string
	origin                      origin
	synced                      bool  // follows the directory
	deletedInDirectory          bool  // deleted over SCIM and retained
	pos                         int32 // index in envStore.groupOrder; -1 when SCIM does not see the group
	created, modified           int64
	version                     uint64
	// refVersion and refModified stamp the last change of how g shows in its
	// members' groups lists (a rename while visible). A member's version is the
	// latest of its own and these (user.stamp), so a rename costs O(1).
	refVersion  uint64
	refModified int64
	members     []*user
	memberPos   map[*user]int32
}

func (g *group) has(u *user) bool {
	_, ok := g.memberPos[u]
	return ok
}

// scimVisible reports whether SCIM shows g.
func (g *group) scimVisible() bool { return g.pos >= 0 }
