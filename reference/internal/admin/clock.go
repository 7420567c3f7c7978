package admin

import (
	"net/http"
	"time"
)

// clockRequest is the body of POST /admin/orgs/{org}/clock.
type clockRequest struct {
	// Seconds moves the organization's clock forward, for the expiry of
	// its OAuth codes and tokens only.
	Seconds int64 `json:"seconds"`
}

// maxClockStep bounds one move of the clock (ten years), so that sums never
// overflow.
const maxClockStep = 10 * 365 * 24 * time.Hour

// advanceClock is POST /admin/orgs/{org}/clock {"seconds": N}: the
// organization's OAuth clock moves N seconds forward, so that a suite can
// let tokens expire without waiting (docs/design.md). It answers 200
// {"seconds": <the clock's total lead>}.
func (a *call) advanceClock() *apiError {
	if a.api.cfg.Clock == nil {
		return errorf(http.StatusNotFound, "the OAuth authorization server is not enabled on this server: start it with OAuth client credentials")
	}
	var in clockRequest
	if e := a.decode(&in); e != nil {
		return e
	}
	if in.Seconds <= 0 || in.Seconds > int64(maxClockStep/time.Second) {
		return errorf(http.StatusBadRequest, "seconds %d: want a number of seconds from 1 to %d", in.Seconds, int64(maxClockStep/time.Second))
	}
	total := a.api.cfg.Clock.Advance(a.org, time.Duration(in.Seconds)*time.Second)
	a.reply(http.StatusOK, map[string]any{"seconds": int64(total / time.Second)})
	return nil
}
