package load

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// Audit is the consistency check after a wave: Okta's import reads every user
// and group back, and everything the wave pushed must be there exactly once.
type Audit struct {
	UsersExpected   int `json:"usersExpected"`
	UsersFound      int `json:"usersFound"`
	GroupsExpected  int `json:"groupsExpected"`
	GroupsFound     int `json:"groupsFound"`
	MembersExpected int `json:"membershipsExpected"`
	MembersFound    int `json:"membershipsFound"`
	// Import figures of the audit's own reads (its time is Okta's import).
	ImportUsersMs  Millis `json:"importUsersMs"`
	ImportGroupsMs Millis `json:"importGroupsMs"`
	// Problems lists the first findings; ProblemCount counts them all.
	Problems     []string `json:"problems,omitempty"`
	ProblemCount int      `json:"problemCount"`
	OK           bool     `json:"ok"`
}

const maxProblems = 20

func (a *Audit) problem(format string, args ...any) {
	a.ProblemCount++
	if len(a.Problems) < maxProblems {
		a.Problems = append(a.Problems, fmt.Sprintf(format, args...))
	}
}

// audit imports users and groups and compares them with what the wave did. It
// looks only at resources whose names carry the wave's prefix, so other data on
// a shared target does not count. Deactivated users must not be imported (Okta
// skips inactive users); whether a server keeps them in groups is its own
// business (Zinc removes them), so their memberships are not checked.
func (w *wave) audit(ctx context.Context) Audit {
	var a Audit
	w.live.setPhase("audit (import)")
	sh := w.rec.Shard()
	ctx = context.WithValue(ctx, shardKey{}, sh)

	start := w.cfg.Now()
	users, err := w.org.ImportUsers(ctx)
	a.ImportUsersMs = Millis(w.cfg.Now().Sub(start))
	if err != nil {
		a.problem("import users: %v", err)
		return a
	}
	prefix := strings.ToLower(w.cfg.Prefix)
	byName := map[string]int{} // lower-cased userName → times seen
	idOf := map[string]string{}
	for _, r := range users.Resources {
		name := strings.ToLower(r.Name)
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		byName[name]++
		idOf[name] = r.ID
		i, ok := w.index(name)
		if !ok {
			a.problem("user %s was imported but the wave never created it", r.Name)
			continue
		}
		if w.deactivated[i] {
			a.problem("user %s was deactivated but is imported as active", r.Name)
			continue
		}
		wantGiven := "Load"
		if w.updated[i] {
			wantGiven = "Updated"
		}
		if r.GivenName != wantGiven || r.FamilyName != fmt.Sprintf("User%06d", i) {
			a.problem("user %s: name %q %q, want %q %q", r.Name, r.GivenName, r.FamilyName, wantGiven, fmt.Sprintf("User%06d", i))
		}
		if !strings.EqualFold(r.Email, w.logins[i]) {
			a.problem("user %s: primary email %q, want %q", r.Name, r.Email, w.logins[i])
		}
	}
	for i, login := range w.logins {
		if !w.assigned[i] || w.deactivated[i] {
			continue
		}
		a.UsersExpected++
		switch n := byName[strings.ToLower(login)]; {
		case n == 0:
			a.problem("user %s was created but is missing", login)
		case n > 1:
			a.problem("user %s is there %d times", login, n)
		default:
			a.UsersFound++
		}
	}

	start = w.cfg.Now()
	groups, err := w.org.ImportGroups(ctx)
	a.ImportGroupsMs = Millis(w.cfg.Now().Sub(start))
	if err != nil {
		a.problem("import groups: %v", err)
		return a
	}
	seen := map[string]int{}
	for _, g := range groups.Resources {
		if strings.HasPrefix(strings.ToLower(g.Name), prefix) {
			seen[g.Name]++
		}
	}
	for gi, name := range w.groups {
		if !w.pushed[gi] {
			continue
		}
		a.GroupsExpected++
		if n := seen[name]; n != 1 {
			if n == 0 {
				a.problem("group %s was pushed but is missing", name)
			} else {
				a.problem("group %s is there %d times", name, n)
			}
			continue
		}
		a.GroupsFound++
		var got []string
		for _, g := range groups.Resources {
			if g.Name == name {
				got = g.Members
			}
		}
		count := map[string]int{}
		for _, v := range got {
			count[v]++
		}
		for _, i := range w.members[gi] {
			if w.deactivated[i] || !w.assigned[i] {
				continue
			}
			a.MembersExpected++
			id := idOf[strings.ToLower(w.logins[i])]
			switch n := count[id]; {
			case id == "" || n == 0:
				a.problem("group %s lacks member %s", name, w.logins[i])
			case n > 1:
				a.problem("group %s lists member %s %d times", name, w.logins[i], n)
			default:
				a.MembersFound++
			}
		}
	}
	a.OK = a.ProblemCount == 0
	return a
}

// index returns the wave's index of a lower-cased login.
func (w *wave) index(name string) (int, bool) {
	i, ok := w.byLogin[name]
	return i, ok
}

func (a *Audit) writeText(w io.Writer) {
	verdict := "nothing lost or duplicated"
	if !a.OK {
		verdict = fmt.Sprintf("%d problems", a.ProblemCount)
	}
	fmt.Fprintf(w, "audit: %s; users %d/%d, groups %d/%d, memberships %d/%d; import of users took %s, of groups %s\n",
		verdict, a.UsersFound, a.UsersExpected, a.GroupsFound, a.GroupsExpected, a.MembersFound, a.MembersExpected,
		time.Duration(a.ImportUsersMs).Round(time.Millisecond), time.Duration(a.ImportGroupsMs).Round(time.Millisecond))
	for _, p := range a.Problems {
		fmt.Fprintf(w, "  - %s\n", p)
	}
	if a.ProblemCount > len(a.Problems) {
		fmt.Fprintf(w, "  … and %d more\n", a.ProblemCount-len(a.Problems))
	}
}
