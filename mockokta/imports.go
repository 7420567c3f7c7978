package mockokta

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// pageSize is the count Okta asks for when it reads lists (docs/okta-protocol.md
// §3.1).
const pageSize = 100

// Import is the outcome of an import, with the counts Okta reports ("1 users
// scanned, 1 new", docs/okta-protocol.md §3.1, §9.4 C9304, C9338).
type Import struct {
	// Scanned counts the resources read, less the inactive users, which
	// Okta skips (S25: 9 users, one inactive, "8 scanned").
	Scanned int
	// Skipped counts the inactive users.
	Skipped int
	// New counts scanned resources that match no Okta user (userName =
	// login, case-insensitively) or group (displayName = name).
	New int
	// Updated counts matches whose app profile differs from Okta's (names
	// or primary email); Unchanged the other matches. Groups that match
	// count as unchanged.
	Updated   int
	Unchanged int
	// Resources are the scanned resources, in the order read.
	Resources []Imported
	// Removed counts the app users Okta holds a link to that the import
	// did not find: "0 users removed" in Okta's statistics (C9304). A
	// non-zero count is how an admin learns that the app lost users Okta
	// still links (docs/okta-protocol.md §12.1; which users Okta counts is
	// an inference). Users imports only.
	Removed int
	// Deactivated are the logins of the Okta users the import deactivated
	// because the app, their source, holds them inactive (with
	// Settings.ProfileSourcing only: docs/okta-protocol.md §12.8).
	Deactivated []string
}

// Imported is one resource an import read.
type Imported struct {
	ID string
	// Name is the userName of a user, the displayName of a group.
	Name       string
	GivenName  string   // users
	FamilyName string   // users
	Email      string   // users: the primary email, else the first
	Members    []string // groups: the members' values (SCIM user ids)
}

// TestCredentials is "Test API Credentials" (docs/okta-protocol.md §1.1): GET
// /Users?startIndex=1&count=2 and, when Import Groups is on, GET
// /Groups?startIndex=1&count=100 (an app without groups gets no group read:
// seen S25, where Import Groups was off and Push Groups alone did not read
// /Groups). Each must answer 200 with a ListResponse
// whose counts are integers; an empty list passes (an inference: a new
// tenant must be able to connect). A failure is returned, not made a task:
// Okta shows it in the settings page. A 429 is such a failure, not retried:
// Okta's 429 policy lists provisioning, Group Push and import, not this test
// (§8.3; that it is not retried is an inference).
func (o *Org) TestCredentials(ctx context.Context) error {
	const action = "test-credentials"
	if err := o.testList(ctx, action, "list-users", "/Users", "startIndex=1&count=2"); err != nil {
		return err
	}
	if !o.Settings().ImportGroups {
		return nil
	}
	return o.testList(ctx, action, "list-groups", "/Groups", "startIndex=1&count=100")
}

func (o *Org) testList(ctx context.Context, action, kind, path, query string) error {
	c := &call{action: action, target: o.app, kind: kind, method: http.MethodGet, path: path, query: query, once: true}
	url := o.base.Join(path, query)
	r, err := o.send(ctx, c)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	if r.status != http.StatusOK {
		return fmt.Errorf("%s: GET %s: expected 200 with a ListResponse, got %d %s", action, url, r.status, o.remoteProblem(r.status, r.body))
	}
	if _, err := parseList(r.body, o.limits.PageResources); err != nil {
		return fmt.Errorf("%s: GET %s: expected 200 with a ListResponse, got 200 with %s", action, o.secrets.String(url), o.clip(o.secrets.String(lowerFirst(bodyProblem(r.body, err)))))
	}
	return nil
}

// ImportUsers is an import of users (docs/okta-protocol.md §3.1): GET
// /Users?startIndex=1&count=100, then startIndex advanced by 100 (the count
// asked for, not the items returned) while it does not pass totalResults.
// An empty page ends the import early (an inference, so that a server that
// misreports totalResults cannot keep the import going). Inactive users are
// skipped, unless Settings.ProfileSourcing is on: then they are scanned
// too, and each Okta user linked to (or, unlinked, with the login of) an
// inactive app user is deactivated in Okta, which sends the app nothing
// (§12.8). Otherwise nothing in the org changes: confirming matches is left
// to the caller.
func (o *Org) ImportUsers(ctx context.Context) (*Import, error) {
	set := o.Settings()
	if set.IntegrationDisabled {
		return nil, fmt.Errorf("import-users: the API integration is disabled")
	}
	o.mu.Lock()
	known := make(map[string]*profile, len(o.users))
	linked := map[string]string{} // SCIM id → Okta id
	for uid, u := range o.users {
		known[strings.ToLower(u.p.Login)] = u.p
		if u.scimID != "" {
			linked[u.scimID] = uid
		}
	}
	o.mu.Unlock()
	im := &Import{}
	seen := map[string]bool{}
	var inactive []string // Okta ids of users the app holds inactive
	err := o.readAll(ctx, "import-users", "list-users", "/Users", "users", im.sized, func(r resource, _ json.RawMessage) {
		if linked[r.ID] != "" { // only the linked count for Removed: an import of a big target is mostly others
			seen[r.ID] = true
		}
		off := r.Active != nil && !*r.Active
		if off && !set.ProfileSourcing {
			im.Skipped++
			return
		}
		res := Imported{ID: r.ID, Name: r.UserName, GivenName: r.Name.GivenName, FamilyName: r.Name.FamilyName}
		for i, e := range r.Emails {
			if i == 0 || e.Primary {
				res.Email = e.Value
			}
			if e.Primary {
				break
			}
		}
		im.add(res)
		p := known[strings.ToLower(r.UserName)]
		if uid, ok := linked[r.ID]; ok {
			p = nil
			o.mu.Lock()
			if u := o.users[uid]; u != nil {
				p = u.p
			}
			o.mu.Unlock()
		}
		if off && p != nil {
			inactive = append(inactive, p.ID)
		}
		switch {
		case p == nil:
			im.New++
		case p.FirstName != res.GivenName || p.LastName != res.FamilyName || !strings.EqualFold(p.Email, res.Email):
			im.Updated++
		default:
			im.Unchanged++
		}
	})
	if err != nil {
		return im, err
	}
	for id := range linked {
		if !seen[id] {
			im.Removed++
		}
	}
	if set.ProfileSourcing {
		im.Deactivated = o.deactivateSourced(inactive)
	}
	return im, nil
}

// deactivateSourced deactivates in Okta the users whose source, the app,
// holds them inactive: their assignments go, nothing is sent (C9361:
// "Deactivating end user revokes their app assignments"). It returns their
// logins, sorted.
func (o *Org) deactivateSourced(uids []string) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var logins []string
	for _, uid := range uids {
		u := o.users[uid]
		if u == nil || u.p.Status == StatusDeprovisioned {
			continue
		}
		p := *u.p
		p.Status = StatusDeprovisioned
		u.p = &p
		u.direct, u.active = false, false
		logins = append(logins, p.Login)
	}
	sort.Strings(logins)
	return logins
}

// ImportGroups is an import of groups, paged as ImportUsers (docs/okta-protocol.md
// §7.4; reading members is an inference). Nothing in the org changes.
func (o *Org) ImportGroups(ctx context.Context) (*Import, error) {
	if o.Settings().IntegrationDisabled {
		return nil, fmt.Errorf("import-groups: the API integration is disabled")
	}
	o.mu.Lock()
	known := make(map[string]bool, len(o.names))
	for name := range o.names {
		known[name] = true
	}
	o.mu.Unlock()
	im := &Import{}
	err := o.readAll(ctx, "import-groups", "list-groups", "/Groups", "groups", im.sized, func(r resource, _ json.RawMessage) {
		im.add(importedGroup(r))
		if known[r.DisplayName] {
			im.Unchanged++
		} else {
			im.New++
		}
	})
	return im, err
}

// importedGroup is a group as its import keeps it: the members' values, in a
// slice of their number (a group of 50,000 members grew one from nothing).
func importedGroup(r resource) Imported {
	members := make([]string, len(r.Members))
	for i, m := range r.Members {
		members[i] = m.Value
	}
	return Imported{ID: r.ID, Name: r.DisplayName, Members: members}
}

// sized makes room for the resources an import will read: totalResults,
// bounded by what the import reads at most (Limits.ImportPages), so that a
// target that overstates it costs no more than one that has that many.
func (im *Import) sized(n int) {
	if n > 0 {
		im.Resources = make([]Imported, 0, n)
	}
}

func (im *Import) add(r Imported) {
	im.Scanned++
	im.Resources = append(im.Resources, r)
}

// readAll pages through a list as Okta does, handing each resource to fn.
// sized, if not nil, learns the first page's totalResults, at most the
// resources Limits.ImportPages lets the import read. The task wording is an
// inference. fn must not keep the raw resource: a page settled brief lends
// its body to the next page's read.
func (o *Org) readAll(ctx context.Context, action, kind, path, what string, sized func(int), fn func(resource, json.RawMessage)) error {
	const expected = "200 with a ListResponse"
	f := o.importFlow(action)
	while := "Error while importing " + what
	var room listPage // its slices are reused page after page (fn gets copies)
	var spare []byte  // the body of the page before, settled brief: nothing holds it
	for start, pages := 1, 1; ; start, pages = start+pageSize, pages+1 {
		c := &call{action: action, target: o.app, kind: kind, method: http.MethodGet, path: path,
			query: "startIndex=" + strconv.Itoa(start) + "&count=" + strconv.Itoa(pageSize), page: true, room: spare}
		spare = nil
		r, err := o.send(ctx, c)
		if err != nil {
			return o.sendFailed(f, c, err, expected, while)
		}
		if r.status != http.StatusOK {
			return o.failStatus(f, c, r, expected, while)
		}
		page, err := parseListCached(r.body, o.limits.PageResources, &room, o.pages)
		if err != nil {
			o.settle(ctx, r, true)
			return o.failBody(f, c, r, expected, bodyProblem(r.body, err), while)
		}
		last := len(page.resources) == 0 || start+pageSize > page.total
		whole := last || pages >= o.limits.ImportPages || o.wholePages <= 0 || pages <= o.wholePages
		o.settle(ctx, r, whole)
		if pages == 1 && sized != nil {
			// A page of room more, and a thirty-second: in a shared
			// organization users are added while the import reads (other
			// scenarios added 104 and 108 during two of the imports of
			// issue 25's run at 100,000 users), and a full slice grown at
			// 100,000 resources copies them all.
			most := o.limits.ImportPages * pageSize
			n := min(page.total, most) // a count near MaxInt must not wrap
			sized(min(n+pageSize+n/32, most))
		}
		for i, res := range page.resources {
			fn(res, page.raw[i])
		}
		room.raw = page.raw
		if !page.shared {
			room.resources = page.resources
		}
		if !whole {
			spare = r.body
		}
		if last {
			return nil
		}
		if pages >= o.limits.ImportPages {
			le := &LimitError{Bound: "ImportPages", What: fmt.Sprintf("the import read %d pages (%d resources) and totalResults %d says there are more", pages, start+pageSize-1, page.total)}
			return o.fail(f, c, r, expected, le.Error(), while+": "+le.Error())
		}
	}
}
