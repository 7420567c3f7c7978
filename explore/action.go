package explore

import (
	"fmt"
	"math/rand/v2"

	"github.com/scimharness/scimharness/mockokta"
)

// Kind is what an Action does.
type Kind uint8

// The actions. The Okta ones go through mockokta; the probes are requests
// the harness sends itself, as a SCIM client other than Okta would; the
// console ones go through the Admin Console API.
const (
	Assign Kind = iota
	Unassign
	ChangeFirstName
	ChangeLastName
	Deactivate
	Reactivate
	PushGroup
	AddMember
	RemoveMember
	RenameGroup
	PushNow
	UnlinkDelete
	UnlinkLeave
	ImportUsers
	ImportGroups
	LinkExisting
	// Probes of the Okta core.
	ProbeNoToken
	ProbeSandboxToken
	ProbeDiscoveryPost
	ProbeDuplicateCreate
	ProbeGroupWithMembers
	ProbeApplicationJSON
	ToggleSetting
	ProbeBulkUsers
	ChangeEnterprise
	GrantEntitlement
	// Zinc pack: Okta actions Zinc refuses, console actions, probes.
	ChangeUsername
	ConsoleCreateGroup
	ConsoleRenameSynced
	ConsoleUnlink
	ConsoleDropDeleted
	ConsoleRootFolder
	ProbeForeignCreate
	ProbeRemoveActive
	ChangeCustom
	ProbeUserSchema
	// Okta's memory (docs/okta-memory.md): the app loses what Okta links;
	// Okta pauses, resumes and retries a push, suspends and unsuspends.
	AppLosesUser
	AppLosesGroup
	PausePush
	ActivatePush
	RetryPush
	Suspend
	Unsuspend
	AppDeactivates
	PausedRemove
	// Okta's memory through the Admin Console API: a restore that swaps two
	// users' ids, an id the app changes.
	AppSwapsIDs
	AppMovesUser
	numKinds
)

func (k Kind) String() string {
	if k < numKinds {
		return kinds[k].name
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Action is one step of a scenario. User, Group and Value index the fixed
// cast (People, Groups) and the values of the kind; unused ones are 0.
type Action struct {
	Kind  Kind
	User  int
	Group int
	Value int
}

func (a Action) String() string {
	return fmt.Sprintf("%s(u%d,g%d,v%d)", a.Kind, a.User, a.Group, a.Value)
}

// Setup is how a scenario begins: the client profile, how the token is
// sent, and (with the Zinc pack and an Admin Console API) the kind of
// organization.
type Setup struct {
	Profile mockokta.Profile
	Auth    AuthStyle
	Org     OrgKind
	// NonEmail makes the last person's username one that is not an email
	// address (Zinc refuses it).
	NonEmail bool
}

// AuthStyle is how the SCIM token is sent (mockokta's; "" is Bearer). A
// feature that explore writes says so with "the token is sent as …", which
// the suite runs only when the run is configured for that style
// (steps.Config.Auth): replay it so.
type AuthStyle = mockokta.AuthStyle

// The auth styles, as Okta offers them.
const (
	AuthBearer = mockokta.AuthBearer
	AuthHeader = mockokta.AuthHeader
	AuthBasic  = mockokta.AuthBasic
)

// OrgKind is the kind of Zinc organization a scenario runs in.
type OrgKind uint8

// The organization kinds (ZN-15, ZN-16).
const (
	OrgNormal OrgKind = iota
	OrgNoProvisioning
	OrgNoGroupSync
	OrgNoUserSync
)

// Scenario is a setup and a sequence of actions: what explore runs, shrinks
// and writes as a feature.
type Scenario struct {
	Setup   Setup
	Actions []Action
}

// Person is one of the fixed cast of Okta users a scenario uses.
type Person struct{ First, Last string }

// People and Groups are the cast (read-only). Few people and groups make
// collisions, the source of sequence bugs, frequent.
var (
	People = []Person{{"Alice", "Smith"}, {"Bob", "Jones"}, {"Carol", "White"}}
	Groups = []string{"Engineering", "Sales"}
)

// values are the values an action may set (read-only).
var (
	firstNames = []string{"Alicia", "Bea", "Cleo"}
	lastNames  = []string{"Baker", "King", "Lee"}
	renames    = []string{"Platform", "Growth"}
	// extValues are the values of an extension attribute; the last, "",
	// clears it.
	extValues = []string{"R&D", "Sales", ""}
)

// The extension attributes explore changes, as Okta keys them (mockokta's
// User.Attributes) and as a SCIM path in a step (the schema's dots escaped
// for gjson).
const (
	enterpriseAttr     = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"
	enterprisePath     = `urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.department`
	customAttr         = "urn:scimharness:schemas:extension:zinc:1.0:User:officeLocation"
	customPath         = `urn:scimharness:schemas:extension:zinc:1\.0:User.officeLocation`
	entitlementDisplay = "Pro license"
	entitlementType    = "License"
)

// capabilities says which actions a run may generate.
type capabilities struct {
	pack    Pack
	admin   bool
	sandbox bool
}

func (c capabilities) allows(k Kind) bool {
	info := kinds[k]
	if info.pack != PackCore && info.pack != c.pack {
		return false
	}
	if info.admin && !c.admin {
		return false
	}
	if k == ProbeSandboxToken && !c.sandbox {
		return false
	}
	return true
}

// generator draws scenarios from a seeded source: the same seed gives the
// same scenarios, action for action.
type generator struct {
	rng   *rand.Rand
	caps  capabilities
	table []Kind // each allowed kind repeated by its weight
}

func newGenerator(seed uint64, caps capabilities) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), caps: caps}
	for k := Kind(0); k < numKinds; k++ {
		if caps.allows(k) {
			for range kinds[k].weight {
				g.table = append(g.table, k)
			}
		}
	}
	return g
}

// setup draws a scenario's setup.
func (g *generator) setup() Setup {
	s := Setup{Profile: mockokta.OIN}
	if g.rng.IntN(2) == 1 {
		s.Profile = mockokta.AIW
	}
	switch n := g.rng.IntN(10); {
	case n == 8:
		s.Auth = AuthHeader
	case n == 9:
		s.Auth = AuthBasic
	}
	if g.caps.pack == PackZinc {
		if g.caps.admin && g.rng.IntN(12) == 0 {
			s.Org = OrgKind(1 + g.rng.IntN(3))
		}
		s.NonEmail = g.rng.IntN(12) == 0
	}
	return s
}

// action draws one action. Half the time it keeps the user and group of
// the action before: sequence bugs need several actions on one user and
// one group, and this makes such chains far more likely than uniform draws.
func (g *generator) action(prev *Action) Action {
	a := Action{
		Kind:  g.table[g.rng.IntN(len(g.table))],
		User:  g.rng.IntN(len(People)),
		Group: g.rng.IntN(len(Groups)),
		Value: g.rng.IntN(3),
	}
	if prev != nil && g.rng.IntN(2) == 0 {
		a.User, a.Group = prev.User, prev.Group
	}
	return a
}

// scenario draws a scenario of n actions.
func (g *generator) scenario(n int) Scenario {
	sc := Scenario{Setup: g.setup(), Actions: make([]Action, n)}
	for i := range sc.Actions {
		var prev *Action
		if i > 0 {
			prev = &sc.Actions[i-1]
		}
		sc.Actions[i] = g.action(prev)
	}
	return sc
}
