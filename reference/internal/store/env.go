package store

import "sync"

// Environment is one of an organization's two Zinc instances.
type Environment uint8

// The two environments, and their number.
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

// Org is a Zinc organization: two fully separate environments and the flags that
// Zinc's staff set (provisioning enabled, allowed to sync users and groups).
// Orgs.Add creates its Envs; the other fields do not change once it is added.
type Org struct {
	ID, Name     string
	Provisioning bool
	SyncUsers    bool
	SyncGroups   bool
	Tokens       [NumEnvs]string // the SCIM tokens; "" for none
	Envs         [NumEnvs]*Env
}

// Folder names of the Official Groups panel.
const (
	DefaultFolder = "External Directory Groups"
	RootFolder    = "Root Level Folder"
)

// Settings are an environment's Admin Console settings.
type Settings struct {
	RetainDeletedGroups bool
	DestinationFolder   string
}

// Env holds one environment's users and groups with their indexes. Every
// field is guarded by its lock: a caller holds it for the whole request
// (RLock to read, Lock to write), which makes each request atomic, and
// changes users and groups through Env's methods, which keep the indexes,
// versions and memberships in step, rather than by writing the fields.
type Env struct {
	mu sync.RWMutex

	Users        map[string]*User // by id
	ByUserName   map[string]*User // by FoldKey(userName)
	ByExternalID map[string]*User // by externalId; see DupUserExternalIDs
	UserOrder    []*User          // creation order: the stable list order
	// DupUserExternalIDs is set once two users have shared an externalId; the
	// index then no longer answers alone and externalId filters scan.
	DupUserExternalIDs bool

	Groups map[string]*Group // by id, every group (console, unlinked, retained)
	// Gone are the users and groups deleted over SCIM, by id: their
	// userName or displayName, for the stale answers of a server whose
	// DeletedGone rules are broken (reference/stale.go).
	Gone map[string]string
	// Moved are the ids the app moved a user away from (MoveUser): the
	// user's userName, for the stale answers of a server whose MovedIDGone
	// rule is broken.
	Moved         map[string]string
	GroupByName   map[string]*Group // SCIM-visible groups by FoldKey(displayName)
	groupByExtID  map[string]*Group // SCIM-visible groups by externalId
	GroupOrder    []*Group          // SCIM-visible groups in creation order
	dupGroupExtID bool

	Settings Settings
	Folders  []string // besides the Root Level Folder, in creation order

	Grants [NumKinds]grantables // the entitlements and roles users can be granted

	version uint64 // last version handed out; resources' ETags
	stamp   int64  // the time of the write in progress (see Begin)
}

// Lock, Unlock, RLock and RUnlock lock the environment: a request holds
// the lock while it reads or writes.
func (e *Env) Lock()    { e.mu.Lock() }
func (e *Env) Unlock()  { e.mu.Unlock() }
func (e *Env) RLock()   { e.mu.RLock() }
func (e *Env) RUnlock() { e.mu.RUnlock() }

// Begin starts a write at time now (Unix nanoseconds): what changes is stamped
// with it.
func (e *Env) Begin(now int64) { e.stamp = now }

// touchUser marks u as changed by the write in progress.
func (e *Env) touchUser(u *User) {
	u.Version = e.NextVersion()
	u.Modified = e.stamp
}

// TouchGroup marks g as changed by the write in progress.
func (e *Env) TouchGroup(g *Group) {
	g.Version = e.NextVersion()
	g.Modified = e.stamp
}

// NewEnv is an empty environment with Zinc's default settings and folder.
func NewEnv() *Env {
	return &Env{
		Users:        map[string]*User{},
		ByUserName:   map[string]*User{},
		ByExternalID: map[string]*User{},
		Groups:       map[string]*Group{},
		GroupByName:  map[string]*Group{},
		groupByExtID: map[string]*Group{},
		Gone:         map[string]string{},
		Moved:        map[string]string{},
		Settings:     Settings{RetainDeletedGroups: true, DestinationFolder: DefaultFolder},
		Folders:      []string{DefaultFolder},
	}
}

// NextVersion hands out the next resource version (the ETag's number).
func (e *Env) NextVersion() uint64 {
	e.version++
	return e.version
}

// FolderExists reports whether the console has the folder name.
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
