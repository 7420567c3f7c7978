package steps

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tidwall/gjson"

	"github.com/scimharness/scimharness/mockokta"
)

// Okta's paging (OK-08, docs/okta-protocol.md §3.1) over more than one of
// Okta's pages of 100, without the Admin Console API: the scenario makes
// the users itself (with the run prefix in a shared organization; the
// clean-up removes them) and checks what the server says of them.

// oktaPage is the count Okta pages with.
const oktaPage = 100

// maxBulk bounds "Zinc has N users".
const maxBulk = 1000

// zincHasUsers is "Zinc has 120 users": made over SCIM, as zincHasUser
// makes one, named user001, user002, ….
func (st *scenario) zincHasUsers(ctx context.Context, n int) error {
	if n < 1 || n > maxBulk {
		return fmt.Errorf("%d users: expected 1 to %d", n, maxBulk)
	}
	if err := st.target(ctx); err != nil {
		return err
	}
	from := len(st.bulk)
	ps := make([]*person, n)
	for i := range ps {
		label := fmt.Sprintf("user%03d", from+i+1)
		ps[i] = &person{label: label, given: "User", family: fmt.Sprintf("N%03d", from+i+1), userName: st.userNameFor(label)}
	}
	// A few at a time, as several provisioning sources would: the
	// scenarios stay quick.
	err := inBulk(n, func(i int) error { return st.createUser(ctx, ps[i]) })
	st.bulk = append(st.bulk, ps...)
	return err
}

// inBulk runs do(i) for i in [0, n), bulkWorkers at a time, and returns
// the first error in index order (the others are most likely alike).
func inBulk(n int, do func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range bulkWorkers {
		wg.Go(func() {
			for i := range next {
				errs[i] = do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// bulkWorkers is how many of zincHasUsers' creates are in flight at once.
const bulkWorkers = 4

// bulkIDs are the ids of the users zincHasUsers made, and their userNames.
func (st *scenario) bulkIDs() (map[string]bool, map[string]bool) {
	ids, names := map[string]bool{}, map[string]bool{}
	for _, p := range st.bulk {
		if len(p.ids) > 0 {
			ids[p.ids[len(p.ids)-1]] = true
		}
		names[strings.ToLower(p.userName)] = true
	}
	return ids, names
}

// importFindsBulk is "Okta's user import finds each of the 120 users, once".
// In a shared organization other scenarios remove users while Okta pages,
// which moves a user across a page boundary unseen now and then: there a
// miss is checked against a second import, and only a user missed (or
// found twice) by both fails the step.
func (st *scenario) importFindsBulk(ctx context.Context, n int) error {
	if st.userImport == nil || st.userImportErr != nil {
		return st.noImport("users", st.userImportErr)
	}
	if n != len(st.bulk) {
		return fmt.Errorf("the scenario made %d users, not %d", len(st.bulk), n)
	}
	missing, twice := st.bulkFound(st.userImport)
	if (len(missing) > 0 || len(twice) > 0) && !st.ownOrg {
		again, err := st.okta.ImportUsers(ctx)
		if err != nil {
			return st.failure(st.blockExchanges(), "Okta's second import of the users failed: %v", err)
		}
		m2, t2 := st.bulkFound(again)
		missing = slices.DeleteFunc(missing, func(u string) bool { return !slices.Contains(m2, u) })
		twice = slices.DeleteFunc(twice, func(u string) bool { return !slices.Contains(t2, u) })
	}
	if len(missing) == 0 && len(twice) == 0 {
		return nil
	}
	msg := fmt.Sprintf("expected Okta's user import to find each of the %d users the scenario made once; it found %d of them", n, n-len(missing))
	if len(missing) > 0 {
		msg += fmt.Sprintf("; missing %d, the first %s", len(missing), missing[0])
	}
	if len(twice) > 0 {
		msg += fmt.Sprintf("; %d more than once, the first %s (the order changed between pages)", len(twice), twice[0])
	}
	return st.failure(st.blockExchanges(), "%s", msg)
}

// bulkFound lists the scenario's bulk users an import missed and those it
// found more than once.
func (st *scenario) bulkFound(imp *mockokta.Import) (missing, twice []string) {
	_, names := st.bulkIDs()
	seen := map[string]int{}
	for _, r := range imp.Resources {
		if k := strings.ToLower(r.Name); names[k] {
			seen[k]++
		}
	}
	for _, p := range st.bulk {
		switch seen[strings.ToLower(p.userName)] {
		case 0:
			missing = append(missing, p.userName)
		case 1:
		default:
			twice = append(twice, p.userName)
		}
	}
	return missing, twice
}

// totalCounts is "totalResults of /Users counts the 120 users": the first
// of Okta's pages says how many users there are, which Okta's import reads
// up to. In an organization of the scenario's own that is exactly the users
// it made; in a shared one, at least those.
func (st *scenario) totalCounts(ctx context.Context, n int) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	x := st.get(ctx, fmt.Sprintf("/Users?startIndex=1&count=%d", oktaPage))
	if err := st.checkPaging(x); err != nil {
		return err
	}
	doc, _ := x.json()
	total := int(doc.Get("totalResults").Int())
	hint := ""
	if total == len(doc.Get("Resources").Array()) && total < n {
		hint = ": that is the page's size, so Okta's import stops after this page"
	}
	st.mu.Lock()
	made := len(st.createdUsers)
	st.mu.Unlock()
	switch {
	case st.ownOrg && total != made:
		return st.failOn(x, "totalResults: expected %d, the users of the scenario's organization, got %d%s", made, total, hint)
	case total < n:
		return st.failOn(x, "totalResults: expected at least %d, the users the scenario made, got %d%s", n, total, hint)
	}
	return nil
}

// pastLastEmpty is "the page of /Users past the last is empty": the page
// that starts after totalResults holds no resource, says so in Okta's paging
// numbers and echoes the startIndex asked for. The index past the end comes
// from what the target said (its totalResults plus one), never from a fixed
// number that a big target would reach (issue 25). In a shared organization
// other scenarios add users between the two reads: a page the target's
// second totalResults no longer puts past the end may hold the users added
// since, and no more; then the pair is read again, further past the end
// each time (100, then 400, then 900 past it), and the step fails if no
// read gets past the end.
func (st *scenario) pastLastEmpty(ctx context.Context) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	var first, x *exchange
	for try := range 4 {
		first = st.get(ctx, fmt.Sprintf("/Users?startIndex=1&count=%d", oktaPage))
		if err := st.checkPaging(first); err != nil {
			return err
		}
		d, _ := first.json()
		start := int(d.Get("totalResults").Int()) + 1 + try*try*oktaPage
		x = st.get(ctx, fmt.Sprintf("/Users?startIndex=%d&count=%d", start, oktaPage))
		if err := st.checkPaging(x); err != nil {
			return err
		}
		doc, _ := x.json()
		total := int(doc.Get("totalResults").Int())
		n := len(doc.Get("Resources").Array())
		switch most := max(0, total-start+1); {
		case n > 0 && most == 0:
			return st.failure([]*exchange{first, x}, "the page at startIndex %d is past the last of totalResults %d, so it must be empty; it holds %d resources", start, total, n)
		case n > most:
			return st.failure([]*exchange{first, x}, "the page at startIndex %d holds %d resources, more than the %d from there to the last of totalResults %d", start, n, most, total)
		}
		if total >= start {
			continue // the target grew between the two reads
		}
		if got := doc.Get("startIndex").Int(); got != int64(start) {
			return st.failure([]*exchange{first, x}, "%s %s: startIndex: expected %d, the index asked for, got %d", x.rec.Method, x.rec.URL, start, got)
		}
		return nil
	}
	return st.failure([]*exchange{first, x}, "four times in a row the users' totalResults grew past the index read between two reads, so no page past the last could be read")
}

// sameOrderTwice is "reading /Users twice in pages of 100 gives the same
// order": Okta pages on the assumption that the order holds between its
// requests (docs/okta-protocol.md §3.1); both reads must give the
// scenario's users in one order, each once. In a shared organization other
// scenarios remove users between two pages, which can move one of ours
// across a page boundary: there the two orders are compared over the users
// both reads saw, and the step fails only if three tries in a row fail.
func (st *scenario) sameOrderTwice(ctx context.Context) error {
	if err := st.target(ctx); err != nil {
		return err
	}
	tries := 1
	if !st.ownOrg {
		tries = 3
	}
	var err error
	for range tries {
		if err = st.readTwiceInOrder(ctx); err == nil {
			return nil
		}
	}
	return err
}

// readTwiceInOrder is one try of sameOrderTwice. Each read is one or two
// runs of pages of 100, each from its start to the last page or for
// maxBulk*10 users. In a shared organization, where only the scenario's
// users are compared, the runs are ownPagesFrom's: where they lie at the
// end of a big target, a big target's first pages would be read for
// nothing.
func (st *scenario) readTwiceInOrder(ctx context.Context) error {
	ids, _ := st.bulkIDs()
	froms := []int{1}
	if !st.ownOrg {
		var err error
		if froms, err = st.ownPagesFrom(ctx, ids); err != nil {
			return err
		}
	}
	read := func() ([]string, []*exchange, error) {
		var out []string
		var xs []*exchange
		for _, from := range froms {
			for start := from; start < from+maxBulk*10; start += oktaPage {
				x := st.get(ctx, fmt.Sprintf("/Users?startIndex=%d&count=%d", start, oktaPage))
				xs = append(xs, x)
				if err := st.checkPaging(x); err != nil {
					return nil, xs, err
				}
				doc, _ := x.json()
				page := doc.Get("Resources.#.id").Array()
				for _, id := range page {
					if st.ownOrg || ids[id.String()] {
						out = append(out, id.String())
					}
				}
				if len(page) == 0 || start+len(page)-1 >= int(doc.Get("totalResults").Int()) {
					break
				}
			}
		}
		return out, xs, nil
	}
	a, xa, err := read()
	if err != nil {
		return err
	}
	b, xb, err := read()
	if err != nil {
		return err
	}
	xs := append(xa, xb...)
	for _, seq := range [][]string{a, b} {
		if dup := firstDuplicate(seq); dup != "" {
			return st.failure(xs, "reading /Users in pages of %d gave the user %s twice: the order changed between pages", oktaPage, dup)
		}
	}
	if !st.ownOrg {
		// Another scenario's user removed between two pages moves one of
		// ours across the boundary, so either read may miss some: compare
		// the order of the users both reads saw. The count is Okta's
		// import's to check (it imports again on a miss).
		a, b = common(a, b), common(b, a)
	}
	if !slices.Equal(a, b) {
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		return st.failure(xs, "reading /Users twice in pages of %d gave two orders: they part at position %d (%s, then %s); %d and %d ids", oktaPage, i+1, at(a, i), at(b, i), len(a), len(b))
	}
	if st.ownOrg && len(a) < len(ids) {
		return st.failure(xs, "reading /Users in pages of %d gave %d of the %d users the scenario made", oktaPage, len(a), len(ids))
	}
	return nil
}

// ownPagesFrom is where sameOrderTwice's runs of pages begin in a shared
// organization. It reads Okta's first page (for totalResults), then Okta's
// pages from the last one backward until it has seen every one of ids, or
// read ownSearchSlack pages more than ids fill: a target that keeps its
// users in the order they were made holds the scenario's users in its last
// pages. Where it saw them all, one run begins at the page before the first
// that held one (a user removed between two reads moves ours earlier).
// Otherwise the run from 1 that the reads always made comes first (a
// target that spreads the scenario's users over its order, or none seen),
// and, where it saw some in pages past that run, a second run begins at
// the page before the first of those.
func (st *scenario) ownPagesFrom(ctx context.Context, ids map[string]bool) ([]int, error) {
	x := st.get(ctx, fmt.Sprintf("/Users?startIndex=1&count=%d", oktaPage))
	if err := st.checkPaging(x); err != nil {
		return nil, err
	}
	doc, _ := x.json()
	total := int(doc.Get("totalResults").Int())
	seen := map[string]bool{}
	past := 1 + maxBulk*10   // the first page the run from 1 does not read
	first, firstPast := 0, 0 // the starts of the first pages that held one of ids, of all and past the run from 1
	look := func(doc gjson.Result, start int) {
		for _, id := range doc.Get("Resources.#.id").Array() {
			if ids[id.String()] {
				seen[id.String()] = true
				if first == 0 || start < first {
					first = start
				}
				if start >= past && (firstPast == 0 || start < firstPast) {
					firstPast = start
				}
			}
		}
	}
	look(doc, 1)
	last := 1 + max(0, total-1)/oktaPage*oktaPage
	for start, n := last, 0; start > 1 && n < (len(ids)+oktaPage-1)/oktaPage+ownSearchSlack && len(seen) < len(ids); start, n = start-oktaPage, n+1 {
		x := st.get(ctx, fmt.Sprintf("/Users?startIndex=%d&count=%d", start, oktaPage))
		if err := st.checkPaging(x); err != nil {
			return nil, err
		}
		doc, _ := x.json()
		look(doc, start)
	}
	switch {
	case first != 0 && len(seen) == len(ids):
		return []int{max(1, first-oktaPage)}, nil
	case firstPast != 0:
		return []int{1, max(past, firstPast-oktaPage)}, nil
	}
	return []int{1}, nil
}

// ownSearchSlack bounds ownPagesFrom's pages past those the scenario's users
// fill: room for the users other scenarios made among and after them.
const ownSearchSlack = 8

// common is a without the values b lacks, in a's order.
func common(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, v := range b {
		in[v] = true
	}
	return slices.DeleteFunc(slices.Clone(a), func(v string) bool { return !in[v] })
}

func firstDuplicate(s []string) string {
	seen := map[string]bool{}
	for _, v := range s {
		if seen[v] {
			return v
		}
		seen[v] = true
	}
	return ""
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(the end)"
}
