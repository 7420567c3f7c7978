package store

// origin tells where a group was created.
type origin uint8

const (
	FromDirectory origin = iota // pushed over SCIM
	FromConsole                 // made in the Admin Console
)

func (o origin) String() string {
	if o == FromConsole {
		return "console"
	}
	return "directory"
}

// Group is a stored Zinc group. Members are a slice plus a position map, so that
// adding or removing one member costs O(1) and listing them needs no sort.
type Group struct {
	ID, DisplayName, ExternalID string
	Folder                      string
	Origin                      origin
	Synced                      bool  // follows the directory
	DeletedInDirectory          bool  // deleted over SCIM and retained
	Pos                         int32 // index in Env.GroupOrder; -1 when SCIM does not see the group
	Created, Modified           int64
	Version                     uint64
	// refVersion and refModified stamp the last change of how g shows in its
	// members' groups lists (a rename while visible). A member's version is the
	// latest of its own and these (User.Stamp), so a rename costs O(1).
	refVersion  uint64
	refModified int64
	Members     []*User
	MemberPos   map[*User]int32
}

// Has reports whether u is a member of g.
func (g *Group) Has(u *User) bool {
	_, ok := g.MemberPos[u]
	return ok
}

// SCIMVisible reports whether SCIM shows g.
func (g *Group) SCIMVisible() bool { return g.Pos >= 0 }
