package mockokta

import (
	"encoding/json"
	"hash/maphash"
	"sync"
	"unsafe"
)

// PageCache lets the orgs of one run share what decoding the resources of a
// list page found. Each import reads every page of the target's users, and
// in a run against a big target several scenarios import the same pages:
// decoding them again was most of the run's CPU (issue 25). With a cache, a
// page whose Resources array, and all that follows it in the body, is byte
// for byte one decoded before (by any org sharing the cache, at the same
// Limits.PageResources) is not decoded again; the members before it
// (totalResults, which changes as users are added) are read as ever. Every
// request is still sent and every body read, so what an import finds, counts
// and reports is what it would find without the cache. Only a page that
// decoded without fault, its Resources array last, is kept. Bytes are told
// apart by a 128-bit hash keyed afresh for each cache, which a target cannot
// aim at (it does not know the key) and chance does not collide.
//
// The cache holds what its pages decoded to up to the bound given to
// NewPageCache, and keeps it until it is dropped; a page past the bound is
// decoded as if there were no cache. Use one cache for the orgs of one run.
// It is safe for concurrent use: orgs that read the same page at once decode
// it once.
type PageCache struct {
	seed0, seed1 maphash.Seed
	bound        int64

	mu    sync.Mutex
	held  int64 // bytes the kept pages take, as estimated by keptBytes
	pages map[pageKey]*cachedPage
}

// NewPageCache returns a cache that holds up to maxBytes of decoded pages: the
// strings and structures Okta reads of them, a third to a half of the bytes
// of their bodies. maxBytes <= 0 means 128 MiB.
func NewPageCache(maxBytes int64) *PageCache {
	if maxBytes <= 0 {
		maxBytes = 128 << 20
	}
	return &PageCache{seed0: maphash.MakeSeed(), seed1: maphash.MakeSeed(), bound: maxBytes, pages: map[pageKey]*cachedPage{}}
}

type pageKey struct {
	h0, h1 uint64
	n, max int
}

// cachedPage is a Resources array decoded once. done is closed when ok
// says whether it is kept, and, if it is, read is set for good (read-only).
type cachedPage struct {
	done chan struct{}
	ok   bool
	read resourcesRead // raw: nil (at holds it)
	at   []int         // each resource's [start, end), from the array's '['
	end  int           // the array's length in bytes
}

// resources reads the Resources array at d.i through c (a nil c reads it
// alone), leaving d.i after it. It reports whether the resources read are
// shared, read by other orgs too, which must not be changed or reused; room,
// which the caller no longer reads, is filled otherwise, and its raw slice
// in either case.
func (c *PageCache) resources(d *listDecoder, max int, room resourcesRead) (resourcesRead, bool, error) {
	if c == nil {
		r, err := d.resources(max, room)
		return r, false, err
	}
	from := d.i
	rest := d.b[from:]
	k := pageKey{h0: maphash.Bytes(c.seed0, rest), h1: maphash.Bytes(c.seed1, rest), n: len(rest), max: max}
	c.mu.Lock()
	e := c.pages[k]
	switch {
	case e != nil:
		c.mu.Unlock()
		<-e.done // a decode under way: bounded by the body's size, with no I/O
		if !e.ok {
			r, err := d.resources(max, room)
			return r, false, err
		}
		raw := room.raw[:0]
		for i := 0; i < len(e.at); i += 2 {
			raw = append(raw, json.RawMessage(rest[e.at[i]:e.at[i+1]]))
		}
		r := e.read
		r.raw = raw
		d.i = from + e.end
		return r, true, nil
	case c.held >= c.bound:
		c.mu.Unlock()
		r, err := d.resources(max, room)
		return r, false, err
	}
	e = &cachedPage{done: make(chan struct{})}
	c.pages[k] = e
	c.mu.Unlock()
	defer close(e.done)

	r, err := d.resources(max, resourcesRead{}) // slices of its own: they may be kept
	if err != nil || r.err != nil || r.n > max || !onlyClose(d.b[d.i:]) {
		c.mu.Lock()
		delete(c.pages, k)
		c.mu.Unlock()
		return r, false, err
	}
	e.read = resourcesRead{resources: r.resources, n: r.n}
	e.end = d.i - from
	e.at = make([]int, 0, 2*len(r.raw))
	for _, raw := range r.raw { // a slice of rest: where it starts, cap says
		start := cap(rest) - cap(raw)
		e.at = append(e.at, start, start+len(raw))
	}
	size := keptBytes(e)
	c.mu.Lock()
	if c.held+size <= c.bound {
		c.held += size
	} else { // too much to keep: those waiting still get it
		delete(c.pages, k)
	}
	c.mu.Unlock()
	e.ok = true
	return r, true, nil // kept or not, those waiting read r
}

// onlyClose reports whether b is the end of a body whose last member has
// just been read: the object's '}', and white space.
func onlyClose(b []byte) bool {
	d := &listDecoder{b: b}
	d.ws()
	if d.peek() != '}' {
		return false
	}
	d.i++
	d.ws()
	return d.i == len(b)
}

// keptBytes estimates what a decoded page holds on to: its structures and
// the bytes of its strings.
func keptBytes(e *cachedPage) int64 {
	n := int64(cap(e.read.resources))*int64(unsafe.Sizeof(resource{})) + int64(cap(e.at))*8
	for i := range e.read.resources {
		r := &e.read.resources[i]
		n += int64(len(r.ID) + len(r.UserName) + len(r.DisplayName) + len(r.Name.GivenName) + len(r.Name.FamilyName))
		if r.Active != nil {
			n += 8
		}
		n += int64(cap(r.Emails)) * int64(unsafe.Sizeof(listEmail{}))
		for _, m := range r.Emails {
			n += int64(len(m.Value))
		}
		n += int64(cap(r.Members)) * int64(unsafe.Sizeof(listMember{}))
		for _, m := range r.Members {
			n += int64(len(m.Value) + len(m.Display))
		}
	}
	return n
}
