package reference

import "sync"

// environment is one of an organization's two Zinc instances.
type environment uint8

const (
	production environment = iota
	sandbox
	numEnvs
)

func (e environment) String() string {
	if e == sandbox {
		return "Sandbox"
	}
	return "Production"
}

// basePath is the environment's SCIM base path.
func (e environment) basePath() string {
	if e == sandbox {
		return "/sandbox/scim/v2"
	}
	return "/scim/v2"
}

// org is a Zinc organization: two fully separate environments and the flags that
// Zinc's staff set (provisioning enabled, allowed to sync users and groups).
type org struct {
	id, name     string
	provisioning bool
	syncUsers    bool
	syncGroups   bool
	tokens       [numEnvs]string
	envs         [numEnvs]*envStore
}

// Folder names of the Official Groups panel.
const (
	defaultFolder = "External Directory Groups"
	rootFolder    = "Root Level Folder"
)

// settings are an environment's Admin Console settings.
type settings struct {
	retainDeletedGroups bool
	destinationFolder   string
}

// envStore holds one environment's users and groups with their indexes. Every
// field is guarded by mu; handlers hold it for the whole request (RLock to read,
// Lock to write), which makes each SCIM request atomic.
type envStore struct {
	mu sync.RWMutex

	users        map[string]*user // by id
	byUserName   map[string]*user // by foldKey(userName)
	byExternalID map[string]*user // by externalId; see dupUserExternalIDs
	userOrder    []*user          // creation order: the stable list order
	// dupUserExternalIDs is set once two users have shared an externalId; the
	// index then no longer answers alone and externalId filters scan.
	dupUserExternalIDs bool

	groups map[string]*group // by id, every group (console, unlinked, retained)
	// gone are the users and groups deleted over SCIM, by id: their
	// userName or displayName, for the stale answers of a server whose
	// DeletedGone rules are broken (stale.go).
	gone          map[string]string
	groupByName   map[string]*group // SCIM-visible groups by foldKey(displayName)
	groupByExtID  map[string]*group // SCIM-visible groups by externalId
	groupOrder    []*group          // SCIM-visible groups in creation order
	dupGroupExtID bool

	settings settings
	folders  []string // besides the Root Level Folder, in creation order

	grants [numKinds]grantables // the entitlements and roles users can be granted

	version uint64 // last version handed out; resources' ETags
	stamp   int64  // the time of the write in progress (see begin)
}

// begin starts a write at time now (Unix nanoseconds): what changes is stamped
// with it.
func (e *envStore) begin(now int64) { e.stamp = now }

// touchUser and touchGroup mark a resource as changed by the write in progress.
func (e *envStore) touchUser(u *user) {
	u.version = e.nextVersion()
	u.modified = e.stamp
}

func (e *envStore) touchGroup(g *group) {
	g.version = e.nextVersion()
	g.modified = e.stamp
}

func newEnvStore() *envStore {
	return &envStore{
		users:        map[string]*user{},
		byUserName:   map[string]*user{},
		byExternalID: map[string]*user{},
		groups:       map[string]*group{},
		groupByName:  map[string]*group{},
		groupByExtID: map[string]*group{},
		gone:         map[string]string{},
		settings:     settings{retainDeletedGroups: true, destinationFolder: defaultFolder},
		folders:      []string{defaultFolder},
	}
}

func (e *envStore) nextVersion() uint64 {
	e.version++
	return e.version
}

func (e *envStore) folderExists(name string) bool {
	if name == rootFolder {
		return true
	}
	for _, f := range e.folders {
		if f == name {
			return true
		}
	}
	return false
}
