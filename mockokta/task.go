package mockokta

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Task is a failed provisioning operation, as an Okta admin sees it under
// Dashboard → Tasks (docs/okta-protocol.md §8.2). Okta does not retry it: only 429
// answers are retried.
type Task struct {
	Time   time.Time `json:"time"`
	Action string    `json:"action"` // the Org method, as in Exchange.Action
	Target string    `json:"target"` // the user login or group name
	// Kind, Method and URL are those of the request that failed.
	Kind   string `json:"kind"`
	Method string `json:"method"`
	URL    string `json:"url"`
	// Status is the HTTP status of the last answer, 0 when none came.
	Status   int `json:"status"`
	Attempts int `json:"attempts"`
	// Message is Okta's wording, such as "Automatic provisioning of user
	// alice@example.com to app Zinc failed: Error while creating user Alice
	// Smith: Conflict. Errors reported by remote server: User already
	// exists".
	Message string `json:"message"`
}

// TaskError is the error an Org method returns when an operation failed and
// became a Task.
type TaskError struct {
	Task     Task
	Expected string // what Okta expected, such as "201 with an id"
	Got      string // what came, such as "409 Conflict: User already exists"
	// detail is the message after the task's prefix: "Error while creating
	// user group Eng: Conflict. Errors reported by remote server: …".
	detail string
}

// Error names the action, the request, what was expected and what came.
func (e *TaskError) Error() string {
	return fmt.Sprintf("%s %s: %s %s: expected %s, got %s", e.Task.Action, e.Task.Target,
		e.Task.Method, e.Task.URL, e.Expected, e.Got)
}

// flow is the context of one operation on one user or group: what goes into
// the transcript and into task messages.
type flow struct {
	action string
	target string // user login or group name
	// prefix opens Okta's task message, a format with the target and the app
	// as arguments: "Automatic provisioning of user %s to app %s failed".
	// It is formatted only when a task is made.
	prefix string
}

// Okta's task message prefixes. The provisioning one is Okta's (protocol
// notes §2.4, §8.2, S1, S21); the others are inferences in the same form.
const (
	provisioningPrefix = "Automatic provisioning of user %s to app %s failed"
	profilePrefix      = "Automatic profile push of user %s to app %s failed"
	deactivationPrefix = "Automatic deactivation of user %s in app %s failed"
	passwordPrefix     = "Automatic password push of user %s to app %s failed"
	groupPrefix        = "Push of group %s to app %s failed"
	importPrefix       = "Import from app %[2]s failed"
)

func (o *Org) provisioningFlow(action, login string) flow {
	return flow{action, login, provisioningPrefix}
}
func (o *Org) profileFlow(action, login string) flow { return flow{action, login, profilePrefix} }
func (o *Org) deactivationFlow(action, login string) flow {
	return flow{action, login, deactivationPrefix}
}
func (o *Org) passwordFlow(action, login string) flow { return flow{action, login, passwordPrefix} }
func (o *Org) groupFlow(action, name string) flow     { return flow{action, name, groupPrefix} }
func (o *Org) importFlow(action string) flow          { return flow{action, o.app, importPrefix} }

// failStatus records the task for an answer with an unexpected status and
// returns its error. while is Okta's "Error while creating user X".
func (o *Org) failStatus(f flow, c *call, r *reply, expected, while string) error {
	problem := o.remoteProblem(r.status, r.body)
	return o.fail(f, c, r, expected, fmt.Sprintf("%d %s", r.status, problem), while+": "+problem)
}

// failBody records the task for an answer with the expected status whose
// body Okta cannot use, such as an empty create answer.
func (o *Org) failBody(f flow, c *call, r *reply, expected, problem, while string) error {
	return o.fail(f, c, r, expected, fmt.Sprintf("%d with %s", r.status, strings.TrimSuffix(lowerFirst(problem), ".")), while+": "+problem)
}

// failNoAnswer records the task for a request that got no answer.
func (o *Org) failNoAnswer(f flow, c *call, na *noAnswerError, expected, while string) error {
	return o.fail(f, c, &reply{attempts: na.attempt}, expected, "no answer: "+na.short(), while+": "+na.oktaText())
}

func (o *Org) fail(f flow, c *call, r *reply, expected, got, message string) error {
	// The target's text is hidden and bounded here too: a body problem
	// (failBody) quotes the body.
	got, message = o.clip(o.secrets.String(got)), o.clip(o.secrets.String(message))
	t := Task{
		Time:    o.now(),
		Action:  f.action,
		Target:  f.target,
		Kind:    c.kind,
		Method:  c.method,
		URL:     o.secrets.String(o.base.Join(c.path, c.query)),
		Message: fmt.Sprintf(f.prefix, f.target, o.app) + ": " + message,
	}
	if c.url != "" {
		t.URL = o.secrets.String(c.url)
	}
	if r != nil {
		t.Status, t.Attempts = r.status, r.attempts
	}
	o.tmu.Lock()
	o.tasks = append(o.tasks, t)
	o.tmu.Unlock()
	return &TaskError{Task: t, Expected: expected, Got: got, detail: message}
}

// remoteProblem is how Okta words an error answer (docs/okta-protocol.md §8.1,
// §8.2): the reason phrase, then "Errors reported by remote server:" and the
// body's detail. A body that is not JSON becomes Okta's parse error (S25:
// "Bad Gateway. Errors reported by remote server: Invalid JSON:
// Unrecognized token 'error' …"). Two inferences: a JSON body without
// detail is quoted whole, and an empty body leaves only the reason phrase.
//
// The org hides its secrets from the body first, then bounds the detail to
// Limits.DetailBytes, saying so.
func (o *Org) remoteProblem(status int, body []byte) string {
	return o.clip(remoteProblem(status, o.secrets.Bytes(body)))
}

// clip bounds a target's text kept in a task or an error to
// Limits.DetailBytes, saying how much was cut and by which bound.
func (o *Org) clip(p string) string {
	max := o.limits.DetailBytes
	if len(p) <= max {
		return p
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… [%d more bytes not kept: bound DetailBytes, docs/reliability.md]", p[:cut], len(p)-cut)
}

func remoteProblem(status int, body []byte) string {
	reason := http.StatusText(status)
	if reason == "" {
		reason = fmt.Sprintf("HTTP %d", status)
	}
	trimmed := strings.TrimSpace(string(body))
	if trimmed == "" {
		return reason
	}
	return reason + ". Errors reported by remote server: " + remoteDetail(body)
}

// remoteDetail is the error detail Okta shows for an error body.
func remoteDetail(body []byte) string {
	if !json.Valid(body) {
		return "Invalid JSON: " + parseError(body)
	}
	var e struct {
		Detail json.RawMessage `json:"detail"`
	}
	if json.Unmarshal(body, &e) == nil && len(e.Detail) > 0 && string(e.Detail) != "null" {
		var s string
		if json.Unmarshal(e.Detail, &s) == nil {
			return s
		}
		return string(e.Detail)
	}
	return truncate(string(compactJSON(body)), 1000)
}

func compactJSON(body []byte) []byte {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return body
	}
	return encodeJSON(v)
}

// parseError words a body that is not JSON as Okta's JSON parser (Jackson)
// does: "Unrecognized token 'word': was expecting …" for a leading word,
// "Unexpected character ('<' (code 60)): …" for other characters. The
// wording after the token is Jackson's, an inference: the notes quote only
// its start.
func parseError(body []byte) string {
	const expecting = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
	s := strings.TrimLeft(string(body), " \t\r\n\ufeff")
	if s == "" {
		return "No content to map due to end-of-input"
	}
	if c := s[0]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '$' || c >= 0x80 {
		end := 0
		for end < len(s) && isTokenByte(s[end]) {
			end++
		}
		return fmt.Sprintf("Unrecognized token '%s': was expecting %s", truncate(s[:end], 256), expecting)
	}
	switch c := s[0]; {
	case c < 0x20:
		return fmt.Sprintf("Illegal character ((CTRL-CHAR, code %d)): only regular white space (\\r, \\n, \\t) is allowed between tokens", c)
	case strings.IndexByte(`{["-0123456789`, c) >= 0:
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return "malformed JSON: " + err.Error()
		}
		return "Unexpected character ('\\ufeff' (code 65279)): byte order mark"
	default:
		return fmt.Sprintf("Unexpected character ('%c' (code %d)): expected a valid value %s", c, c, expecting)
	}
}

func isTokenByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '$' || c >= 0x80 ||
		('0' <= c && c <= '9')
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
