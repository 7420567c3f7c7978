package mockokta

// Profile is the kind of app integration, which decides how Okta writes
// (docs/okta-protocol.md §0).
type Profile int

const (
	// OIN is an Okta Integration Network or template app (such as "SCIM 2.0
	// Test App"): profile updates by GET then PUT; activation, deactivation and
	// password by PATCH; group rename and membership by PATCH.
	OIN Profile = iota
	// AIW is a custom app made with the App Integration Wizard: every user
	// write is a GET then PUT, and groups are written by PUT with the full
	// members list.
	AIW
)

// String returns "OIN" or "AIW".
func (p Profile) String() string {
	if p == AIW {
		return "AIW"
	}
	return "OIN"
}

// Settings are the app's provisioning settings: the "To App", "Push Groups"
// and API integration options an Okta admin sets.
type Settings struct {
	CreateUsers          bool // assigning the app creates (or links) the user
	UpdateUserAttributes bool // profile changes are pushed
	DeactivateUsers      bool // unassignment and deactivation deactivate the user
	SyncPassword         bool // password changes are pushed
	PushGroups           bool // groups can be pushed
	// ImportGroups is "Import Groups" of the API integration (checked by
	// default): Test API Credentials reads /Groups too
	// (docs/okta-protocol.md §1.1).
	ImportGroups bool
	// RenameGroups is "Rename app groups to match group name in Okta": renames
	// are pushed and every membership update carries the rename operation.
	RenameGroups bool
	// PushMembershipsImmediately is "Push group memberships immediately":
	// membership follows a group push and every membership change.
	PushMembershipsImmediately bool
	// MembershipBatchSize is the most membership changes one group PATCH
	// carries; zero means 100, Okta's default (docs/okta-protocol.md §7.6).
	MembershipBatchSize int

	// IntegrationDisabled is "Enable API integration" unticked (test plan
	// C9339): Okta sends the app nothing, whatever the other settings say;
	// assignments, profile and membership changes stay in Okta, and an
	// assignment made meanwhile waits for "Provision User"
	// (docs/okta-protocol.md §12.7).
	IntegrationDisabled bool
	// ProfileSourcing is "Allow <app> to source Okta users" with "When a
	// user is deactivated in the app: Deactivate" (C9359–C9361): the app is
	// the source of truth, a user import also reads inactive users, and an
	// imported user inactive in the app is deactivated in Okta
	// (docs/okta-protocol.md §12.8).
	ProfileSourcing bool
}

// effective is what the provisioning engine acts on: with the API
// integration disabled, no "To App" or push option is in force.
func (s Settings) effective() Settings {
	if s.IntegrationDisabled {
		s.CreateUsers, s.UpdateUserAttributes, s.DeactivateUsers, s.SyncPassword = false, false, false, false
		s.PushGroups, s.RenameGroups, s.PushMembershipsImmediately = false, false, false
	}
	return s
}

// DefaultSettings returns every option on and batches of 100 membership
// changes.
func DefaultSettings() Settings {
	return Settings{
		CreateUsers:                true,
		UpdateUserAttributes:       true,
		DeactivateUsers:            true,
		SyncPassword:               true,
		PushGroups:                 true,
		ImportGroups:               true,
		RenameGroups:               true,
		PushMembershipsImmediately: true,
		MembershipBatchSize:        defaultBatchSize,
	}
}

const defaultBatchSize = 100

func (s Settings) batchSize() int {
	if s.MembershipBatchSize <= 0 {
		return defaultBatchSize
	}
	return s.MembershipBatchSize
}
