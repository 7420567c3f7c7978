package mockokta

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/scimharness/scimharness/internal/headers"
	"github.com/scimharness/scimharness/internal/redact"
)

// Exchange is one HTTP request the org sent and the answer it got, as kept in
// the transcript and handed to Config.Observe. Secrets are already redacted:
// the Authorization header and the value of every key ending in "password"
// in a body read "[redacted]" (internal/redact). An Exchange is not modified after it is handed out; treat its
// headers and bodies as read-only.
type Exchange struct {
	// Action is the Org method the request belonged to, such as "assign" or
	// "push-group"; Target is the user login or group name it acted on.
	Action string `json:"action"`
	Target string `json:"target"`
	// Kind is the kind of Okta request: lookup-user, create-user, get-user,
	// put-user, patch-user, lookup-group, create-group, get-group,
	// patch-group, put-group, delete-group, list-users or list-groups.
	Kind string `json:"kind"`
	// Attempt counts from 1; a 429 answer is followed by another attempt.
	Attempt int `json:"attempt"`

	Method        string      `json:"method"`
	URL           string      `json:"url"`
	RequestHeader http.Header `json:"requestHeader"`
	RequestBody   []byte      `json:"requestBody,omitempty"`

	// Status is 0 when no answer came (see Err).
	Status         int         `json:"status"`
	ResponseHeader http.Header `json:"responseHeader,omitempty"`
	// ResponseBody is the body as received (decompressed), at most
	// Config.MaxBodyBytes of it; ResponseSize is the full size and
	// Truncated reports the cut.
	ResponseBody []byte `json:"responseBody,omitempty"`
	ResponseSize int    `json:"responseSize"`
	Truncated    bool   `json:"truncated,omitempty"`
	// Brief reports a page of an import kept without its response body:
	// one past Config.WholeImportPages that the import read without fault.
	Brief bool `json:"brief,omitempty"`

	Start    time.Time     `json:"start"`
	Duration time.Duration `json:"duration"`
	// Err is why no answer came: "timeout after 1m0s" or the transport's
	// error.
	Err string `json:"error,omitempty"`
	// Credential names the OAuth access token a SCIM request carried,
	// "access token 2" for the second Okta received, without its value;
	// "" without OAuth and for the OAuth flow's own requests.
	Credential string `json:"credential,omitempty"`
}

// String renders the exchange as HTTP/1.1 text, request then response, for
// failure messages and logs.
func (e *Exchange) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s %s, %s, attempt %d)\n", e.Method, e.URL, e.Action, e.Target, e.Kind, e.Attempt)
	headers.Write(&b, e.RequestHeader)
	if len(e.RequestBody) > 0 {
		b.WriteString("\n")
		b.Write(e.RequestBody)
		b.WriteString("\n")
	}
	b.WriteString("\n")
	if e.Status == 0 {
		fmt.Fprintf(&b, "no answer after %s: %s\n", e.Duration, e.Err)
		return b.String()
	}
	fmt.Fprintf(&b, "HTTP/1.1 %d %s (%s)\n", e.Status, http.StatusText(e.Status), e.Duration)
	headers.Write(&b, e.ResponseHeader)
	if len(e.ResponseBody) > 0 {
		b.WriteString("\n")
		b.Write(e.ResponseBody)
		b.WriteString("\n")
	}
	if e.Truncated {
		fmt.Fprintf(&b, "[%d of %d bytes shown]\n", len(e.ResponseBody), e.ResponseSize)
	}
	if e.Brief {
		fmt.Fprintf(&b, "\n[%d bytes, not kept: a page the import read without fault]\n", e.ResponseSize)
	}
	return b.String()
}

// capture records one attempt in the transcript and hands it to the
// observer. It does nothing when neither wants it, and makes a brief exchange
// (no headers, no bodies) for an observer without a transcript, so that a load
// run pays nothing for copying and redacting them.
func (o *Org) capture(c *call, attempt int, url string, reqHeader http.Header, r *reply, start time.Time, d time.Duration, noAnswer string) *Exchange {
	if !o.keep {
		if o.observe == nil {
			return nil
		}
		e := &Exchange{Action: c.action, Target: c.target, Kind: c.kind, Attempt: attempt, Method: c.method,
			URL: o.secrets.String(url), Start: start, Duration: d, Err: o.secrets.String(noAnswer)}
		if r != nil {
			e.Status, e.ResponseSize = r.status, len(r.body)
		}
		return e
	}
	e := &Exchange{
		Action:        c.action,
		Target:        c.target,
		Kind:          c.kind,
		Attempt:       attempt,
		Method:        c.method,
		URL:           o.secrets.String(url),
		RequestHeader: o.redactHeader(reqHeader),
		// Every body is redacted, not only those Okta fills with a
		// password: a PUT body merges what the server answered, and a
		// server may wrongly answer a password.
		RequestBody: redact.Passwords(o.secrets.Bytes(c.body)),
		Start:       start,
		Duration:    d,
	}
	e.Err = o.secrets.String(noAnswer)
	if r != nil {
		e.Status = r.status
		e.ResponseHeader = o.redactHeader(r.header)
		e.ResponseSize = len(r.body)
		if c.brief {
			e.Brief = true
			return e
		}
		// The secrets are hidden before the cut, so that none straddles
		// it half-shown.
		body := o.secrets.Bytes(r.body)
		if len(body) > o.maxBody {
			// Copy the kept part so that the full body can be collected.
			body = append([]byte(nil), body[:o.maxBody]...)
			e.Truncated = true
		}
		e.ResponseBody = redact.Passwords(body)
	}
	return e
}

// redactHeader copies h with the Authorization value replaced and the
// secrets hidden from every other value.
func (o *Org) redactHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		if k == "Authorization" {
			v = redactedValue
		} else if o.secrets != nil {
			nv := make([]string, len(v))
			for i, s := range v {
				nv[i] = o.secrets.String(s)
			}
			v = nv
		}
		out[k] = v
	}
	return out
}

// redacted replaces a secret wherever the transcript shows one: the marker of
// internal/redact, which the reports and the steps use too.
const redacted = redact.Marker

var redactedValue = []string{redacted}

// MarshalJSON encodes the exchange with its bodies as text rather than
// base64.
func (e *Exchange) MarshalJSON() ([]byte, error) {
	type plain Exchange
	return json.Marshal(struct {
		*plain
		RequestBody  string `json:"requestBody,omitempty"`
		ResponseBody string `json:"responseBody,omitempty"`
	}{(*plain)(e), string(e.RequestBody), string(e.ResponseBody)})
}
