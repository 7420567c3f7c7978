package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// zincHasGroups is "the app has 120 groups": groups made over SCIM with POST
// /Groups, a few at a time, for the group import's paging (OK-37).
func (st *scenario) zincHasGroups(ctx context.Context, n int) error {
	if n < 1 || n > maxBulk {
		return fmt.Errorf("%d groups: expected 1 to %d", n, maxBulk)
	}
	if err := st.target(ctx); err != nil {
		return err
	}
	from := len(st.bulkGroups)
	gs := make([]*groupRef, n)
	for i := range gs {
		gs[i] = st.group(fmt.Sprintf("Group G%03d", from+i+1))
	}
	err := inBulk(n, func(i int) error { return st.createEmptyGroup(ctx, gs[i]) })
	st.bulkGroups = append(st.bulkGroups, gs...)
	return err
}

// createEmptyGroup is POST /Groups of g with no members.
func (st *scenario) createEmptyGroup(ctx context.Context, g *groupRef) error {
	body, _ := json.Marshal(map[string]any{"schemas": []string{schemaGroup}, "displayName": g.displayName, "members": []any{}})
	x := st.send(ctx, "scim", http.MethodPost, st.base().Join("/Groups", ""), body, st.writeHeader())
	if x.status != http.StatusCreated {
		return st.failOn(x, "POST /Groups for %q: expected 201, got %s", g.label, statusText(x))
	}
	doc, err := x.json()
	if err != nil || doc.Get("id").String() == "" {
		return st.failOn(x, "POST /Groups for %q: expected a group with an id in the answer", g.label)
	}
	st.mu.Lock()
	st.noteCreated(st.base().Join("/Groups", ""), x.respBody)
	g.bind(doc.Get("id").String())
	st.mu.Unlock()
	return nil
}

// importFindsBulkGroups is "Okta's group import finds each of the 120
// groups, once" (OK-37): Okta pages /Groups as it pages /Users and must see
// every group, none twice.
func (st *scenario) importFindsBulkGroups(ctx context.Context, n int) error {
	if st.groupImport == nil || st.groupImportErr != nil {
		return st.noImport("groups", st.groupImportErr)
	}
	if n != len(st.bulkGroups) {
		return fmt.Errorf("the scenario made %d groups, not %d", len(st.bulkGroups), n)
	}
	seen := map[string]int{}
	for _, r := range st.groupImport.Resources {
		seen[strings.ToLower(r.Name)]++
	}
	var missing, twice []string
	for _, g := range st.bulkGroups {
		switch seen[strings.ToLower(g.displayName)] {
		case 0:
			missing = append(missing, g.displayName)
		case 1:
		default:
			twice = append(twice, g.displayName)
		}
	}
	if len(missing) == 0 && len(twice) == 0 {
		return nil
	}
	msg := fmt.Sprintf("expected Okta's group import to find each of the %d groups the scenario made once; it found %d of them", n, n-len(missing))
	if len(missing) > 0 {
		msg += fmt.Sprintf("; missing %d, the first %q", len(missing), missing[0])
	}
	if len(twice) > 0 {
		msg += fmt.Sprintf("; %d more than once, the first %q", len(twice), twice[0])
	}
	return st.failure(st.blockExchanges(), "%s", msg)
}
