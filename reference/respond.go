package reference

// result is a handler's answer, built while the store is locked and sent after
// it is released, so that no client's network speed holds a lock.
type result struct {
	status   int
	body     *buf
	version  uint64 // for the ETag header; 0 for none
	location string
	err      *scimError
}

func (c *call) send(r result) {
	if r.err != nil {
		if r.body != nil {
			putBuf(r.body)
		}
		c.fail(r.err)
		return
	}
	h := c.w.Header()
	if r.version != 0 {
		h.Set("ETag", etag(r.version))
	}
	if r.location != "" {
		h.Set("Location", r.location)
	}
	if r.body == nil {
		c.w.WriteHeader(r.status)
		return
	}
	writeBody(c.w, r.status, r.body, c.s.mediaType())
}

func failed(e *scimError) result { return result{err: e} }

// now is the request's time in Unix nanoseconds, truncated to milliseconds (the
// precision of meta timestamps, so that a filter on a written time matches).
func (c *call) now() int64 { return c.s.cfg.Now().UnixMilli() * 1e6 }

// write answers a request that changes the store: decode reads its body;
// if it is well-formed, apply answers it with the env's write lock held, at
// the request's time and with the attributes it asks for.
func write[In any](c *call, decode func() (In, *scimError), apply func(in In, now int64, proj projection) result) {
	in, err := decode()
	if err != nil {
		c.fail(err)
		return
	}
	proj := parseProjection(c.q)
	now := c.now()
	e := c.env
	e.Lock()
	res := apply(in, now, proj)
	e.Unlock()
	c.send(res)
}
