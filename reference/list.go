package reference

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/scimharness/scimharness/reference/internal/scimfilter"
	"github.com/scimharness/scimharness/reference/internal/store"
)

// page is a list request's window: 1-based start and the count asked for.
type page struct {
	start, count int
}

// parsePage reads startIndex and count (RFC 7644 section 3.4.2.4): startIndex
// below 1 counts as 1, a negative count as 0, and count is capped at maxResults
// (also its default). Integers beyond int's range count as its bounds.
func parsePage(q url.Values, maxResults int) (page, *scimError) {
	p := page{start: 1, count: maxResults}
	if v := q.Get("startIndex"); v != "" {
		n, err := atoiClamped(v)
		if err != nil {
			return p, errorf(http.StatusBadRequest, typeInvalidValue, "startIndex %q is not an integer", v)
		}
		p.start = max(n, 1)
	}
	if v := q.Get("count"); v != "" {
		n, err := atoiClamped(v)
		if err != nil {
			return p, errorf(http.StatusBadRequest, typeInvalidValue, "count %q is not an integer", v)
		}
		p.count = min(max(n, 0), maxResults)
	}
	return p, nil
}

// atoiClamped is strconv.Atoi, with out-of-range integers read as the nearest
// int rather than refused: a huge startIndex is past the end, a huge count the cap.
func atoiClamped(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if errors.Is(err, strconv.ErrRange) {
		return n, nil // Atoi returns the bound on overflow
	}
	return n, err
}

// window returns the part of a collection of size n the page selects.
func (p page) window(n int) (from, to int) {
	from = min(p.start-1, n)
	to = min(from+p.count, n)
	return from, to
}

// buildList builds a ListResponse holding items, which are the page of a result
// of total resources; app appends one resource.
func buildList[T any](c *call, total int, p page, items []T, app func([]byte, T) []byte) *buf {
	rule := &c.s.rules
	b := getBuf()
	b.b = append(b.b, '{')
	if rule.Lists.Schemas {
		b.b = append(b.b, `"schemas":["`+listSchema+`"],`...)
	}
	perPage := len(items)
	if !rule.Lists.ItemsPerPageReturned {
		perPage = p.count
	}
	num := func(name string, n int) {
		b.b = append(b.b, '"')
		b.b = append(b.b, name...)
		b.b = append(b.b, '"', ':')
		if !rule.Lists.Numbers {
			b.b = append(b.b, '"')
			b.b = strconv.AppendInt(b.b, int64(n), 10)
			b.b = append(b.b, '"', ',')
			return
		}
		b.b = strconv.AppendInt(b.b, int64(n), 10)
		b.b = append(b.b, ',')
	}
	if !rule.Lists.TotalIsAllMatches {
		total = len(items)
	}
	num("totalResults", total)
	num("itemsPerPage", perPage)
	num("startIndex", p.start)
	b.b = append(b.b, `"Resources":[`...)
	for i, it := range items {
		if i > 0 {
			b.b = append(b.b, ',')
		}
		b.b = app(b.b, it)
	}
	b.b = append(b.b, "]}"...)
	return b
}

// listRequest is what a list request asks for (RFC 7644 section 3.4.2): a
// page, a filter compiled into Q, and the attributes to return.
type listRequest[Q any] struct {
	pg     page
	filter string // as sent; "" for none
	q      Q      // the compiled filter; its zero value selects everything
	proj   projection
}

// readList reads a list request's startIndex and count, filter and
// attributes, in that order. compile turns the filter into Q; with obey false
// (a resource type whose Filter rule is off) the filter is still checked, then
// ignored.
func readList[Q any](c *call, compile func(filter string) (Q, *scimError), obey bool) (listRequest[Q], *scimError) {
	var r listRequest[Q]
	var err *scimError
	if r.pg, err = parsePage(c.q, c.s.cfg.MaxResults); err != nil {
		return r, err
	}
	if r.filter = c.q.Get("filter"); r.filter != "" {
		q, err := compile(r.filter)
		if err != nil {
			return r, err
		}
		if obey {
			r.q = q
		}
	}
	r.proj = parseProjection(c.q)
	return r, nil
}

// filterQuery compiles a filter of resources T, with the attributes keys
// answered by an index when the filter pins one (indexable).
func filterQuery[T any](filter string, s *schemaSpec[T], o matchOpts, keys ...string) (store.Query[T], *scimError) {
	expr, err := scimfilter.Parse(filter)
	if err != nil {
		return store.Query[T]{}, invalidFilter("%s", err)
	}
	pred, serr := compile(s, expr, o)
	if serr != nil {
		return store.Query[T]{}, serr
	}
	k, v, _ := indexable(expr, s.coreURN, keys...)
	return store.Query[T]{Pred: pred, Key: k, Val: v}, nil
}

// listAnswer answers r with matched, the resources its filter selected: 404
// when a filter selected none and rules.Lists.EmptyWhenNoMatch is off (noun
// names the resource type in the message), otherwise the page of them, whose
// totalResults counts them all, or with totalAll false only the page. app
// appends one resource. The env's lock is held.
func listAnswer[Q, T any](c *call, r *listRequest[Q], noun string, matched []T, totalAll bool, app func([]byte, T) []byte) result {
	if r.filter != "" && len(matched) == 0 && !c.s.rules.Lists.EmptyWhenNoMatch {
		return failed(errorf(http.StatusNotFound, "", "no %s matches the filter %s", noun, r.filter))
	}
	from, to := r.pg.window(len(matched))
	total := len(matched)
	if !totalAll {
		total = to - from
	}
	return result{status: http.StatusOK, body: buildList(c, total, r.pg, matched[from:to], app)}
}
