package reference

import "sync"

// environment is one of an organization's two Zinc instances.
type Environment uint8

const (
	Production Environment = iota
	Sandbox
	NumEnvs
)

func (e Environment) String() string {
	if e == Sandbox {
		return "Sandbox"
	}
	return "Production"
}

// org is a Zinc organization: two fully separate environments and the flags that
// Zinc's staff set (provisioning enabled, allowed to sync users and groups).
type Org struct {
	ID, Name     string
	Provisioning bool
	SyncUsers    bool
	SyncGroups   bool
	Tokens       [NumEnvs]string
	Envs         [NumEnvs]*Env
}

// Folder names of the Official Groups panel.
const (
	DefaultFolder = "External Directory Groups"
	RootFolder    = "Root Level Folder"
)

// settings are an environment's Admin Console settings.
type Settings struct {
	RetainDeletedGroups bool
	DestinationFolder   string
}

// envStore holds one environment's users and groups with their indexes. Every
// field is guarded by mu; handlers hold it for the whole request (RLock to read,
// Lock to write), which makes each SCIM request atomic.
type Env struct {
	Mu sync.RWMutex

	Users        map[string]*User // by id
	ByUserName   map[string]*User // by foldKey(userName)
	ByExternalID map[string]*User // by externalId; see dupUserExternalIDs
	UserOrder    []*User          // creation order: the stable list order
	// dupUserExternalIDs is set once two users have shared an externalId; the
	// index then no longer answers alone and externalId filters scan.
	DupUserExternalIDs bool

	Groups map[string]*Group // by id, every group (console, unlinked, retained)
	// gone are the users and groups deleted over SCIM, by id: their
	// userName or displayName, for the stale answers of a server whose
	// DeletedGone rules are broken (stale.go).
	Gone          map[string]string
	GroupByName   map[string]*Group // SCIM-visible groups by foldKey(displayName)
	groupByExtID  map[string]*Group // SCIM-visible groups by externalId
	GroupOrder    []*Group          // SCIM-visible groups in creation order
	dupGroupExtID bool

	Settings Settings
	Folders  []string // besides the Root Level Folder, in creation order

	Grants [NumKinds]grantables // the entitlements and roles users can be granted

	version uint64 // last version handed out; resources' ETags
	Stamp   int64  // the time of the write in progress (see begin)
}

// begin starts a write at time now (Unix nanoseconds): what changes is stamped
// with it.
func (e *Env) Begin(now int64) { e.Stamp = now }

// touchUser and touchGroup mark a resource as changed by the write in progress.
func (e *Env) touchUser(u *User) {
	u.Version = e.NextVersion()
	u.Modified = e.Stamp
}

func (e *Env) TouchGroup(g *Group) {
	g.Version = e.NextVersion()
	g.Modified = e.Stamp
}

func NewEnv() *Env {
	return &Env{
		Users:        map[string]*User{},
		ByUserName:   map[string]*User{},
		ByExternalID: map[string]*User{},
		Groups:       map[string]*Group{},
		GroupByName:  map[string]*Group{},
		groupByExtID: map[string]*Group{},
		Gone:         map[string]string{},
		Settings:     Settings{RetainDeletedGroups: true, DestinationFolder: DefaultFolder},
		Folders:      []string{DefaultFolder},
	}
}

func (e *Env) NextVersion() uint64 {
	e.version++
	return e.version
}

func (e *Env) FolderExists(name string) bool {
	if name == RootFolder {
		return true
	}
	for _, f := range e.Folders {
		if f == name {
			return true
		}
	}
	return false
}
