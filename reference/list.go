package reference

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
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
