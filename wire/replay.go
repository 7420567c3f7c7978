package wire

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/scimharness/scimharness/internal/contentenc"
	"github.com/scimharness/scimharness/internal/redact"
	"github.com/scimharness/scimharness/reports"
)

// ReplayConfig says where a replay sends the captured requests.
type ReplayConfig struct {
	// Target is the SCIM base URL the captured SCIM requests go to, such
	// as "https://staging.example.com/scim/v2".
	Target string
	// SandboxTarget, if set, takes the captured requests whose base URL
	// names a sandbox ("/sandbox/scim/v2"); "" leaves them out, each named.
	SandboxTarget string
	// Token is the SCIM credential. It goes into each request in the style
	// the capture shows (Bearer, Basic, a raw header value), wherever the
	// capture's credential was redacted; a credential the capture shows is
	// sent as it is (a deliberately wrong token, say).
	Token string
	// AdminURL and AdminToken, if set, open a reference-compatible Admin
	// Console API (docs/design.md): the capture's admin requests are
	// replayed there, so each recorded scenario gets an organization of its
	// own and its SCIM requests use that organization's tokens. Without
	// them the admin requests are left out, each named.
	AdminURL, AdminToken string
	// Client sends every request; nil means a client with a 60-second
	// timeout that does not follow redirects.
	Client *http.Client
}

// ReplayResult is one captured exchange replayed.
type ReplayResult struct {
	X *Exchange
	// URL is where the replay sent it, ids mapped; "" when left out.
	URL    string
	Status int // the replay's answer; 0 when it got none or was left out
	// Mismatches are the differences between the captured answer and the
	// replay's: the status, then body fields (ids mapped, meta left out).
	Mismatches []Difference
	// Error is why the request got no answer; Skipped why it was left out.
	Error, Skipped string
	// Notes are differences that do not fail the replay: resources a list
	// shows on another page than the capture, when the recorded scenario
	// made them concurrently (the order of a list is not compared).
	Notes []string
}

// ReplayReport is a whole replay.
type ReplayReport struct {
	Results  []ReplayResult
	Problems []Problem // the capture's unusable entries, left out
	Duration time.Duration
}

// Failed counts the exchanges whose answers differ or got no answer.
func (r *ReplayReport) Failed() int {
	n := 0
	for _, res := range r.Results {
		if len(res.Mismatches) > 0 || res.Error != "" {
			n++
		}
	}
	return n
}

// Skipped counts the exchanges left out.
func (r *ReplayReport) Skipped() int {
	n := 0
	for _, res := range r.Results {
		if res.Skipped != "" {
			n++
		}
	}
	return n
}

// session is the state of one replayed session: the ids the server gave in
// place of the capture's, and the organization's tokens.
type session struct {
	ids          map[string]string // captured id → replayed id
	prod, sand   string            // the session's organization tokens, "" for the configured one
	orgCaptured  string
	orgReplayed  string
	adminAllowed bool
}

const maxReplayAnswer = 16 << 20

// answeredBy is steps.AnsweredByHeader: an answer the harness made itself.
const answeredBy = "X-Scimharness-Answered-By"

// Replay sends the captured requests of c to cfg.Target in capture order,
// each session (recorded scenario) afresh, ids the server returns mapped in
// place of the capture's, and compares each answer with the captured one.
func Replay(ctx context.Context, c *Capture, cfg ReplayConfig) (*ReplayReport, error) {
	if cfg.Target == "" {
		return nil, fmt.Errorf("replay: no target")
	}
	client := cfg.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	start := time.Now()
	rep := &ReplayReport{Problems: c.Problems}
	sessions := map[string]*session{}
	bases := scimBases(c)
	for i := range c.Exchanges {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		x := &c.Exchanges[i]
		s := sessions[x.Session]
		if s == nil {
			s = &session{ids: map[string]string{}}
			// The capture's base URLs become the target's, in URLs and
			// in answers ($ref, location).
			for _, b := range bases {
				if strings.Contains(b, "sandbox") {
					if cfg.SandboxTarget != "" {
						s.ids[b] = strings.TrimSuffix(cfg.SandboxTarget, "/")
					}
					continue
				}
				s.ids[b] = strings.TrimSuffix(cfg.Target, "/")
			}
			sessions[x.Session] = s
		}
		rep.Results = append(rep.Results, replayOne(ctx, client, cfg, s, x, bases))
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

func replayOne(ctx context.Context, client *http.Client, cfg ReplayConfig, s *session, x *Exchange, bases []string) ReplayResult {
	res := ReplayResult{X: x}
	if x.Folded > 0 {
		res.Skipped = "a digest of requests alike, not one request (a step that passed; record with --reports-detail full to replay each)"
		return res
	}
	u, err := url.Parse(x.URL)
	if err != nil {
		res.Skipped = "URL: " + err.Error()
		return res
	}
	if x.ResponseHeader.Get(answeredBy) != "" {
		res.Skipped = "answered by the harness itself (a rate-limit scenario's 429): the server never saw it"
		return res
	}
	path := u.EscapedPath()
	var target, auth string
	admin, substituted := false, false
	switch {
	case strings.Contains(path, "/oauth/") || strings.Contains(path, "/authorize") || strings.HasSuffix(path, "/token"):
		res.Skipped = "an OAuth 2.0 exchange: a replay uses the configured token"
		return res
	case strings.Contains(path, "/admin/"):
		if cfg.AdminURL == "" {
			res.Skipped = "an Admin Console API request, and no --admin-url"
			return res
		}
		_, rest, _ := strings.Cut(path, "/admin")
		target = strings.TrimSuffix(cfg.AdminURL, "/") + rest
		if u.RawQuery != "" {
			target += "?" + u.RawQuery
		}
		auth = "Bearer " + cfg.AdminToken
		admin = true
	default:
		base, rest := splitBase(x.URL, bases)
		target = strings.TrimSuffix(cfg.Target, "/") + rest
		tok := cfg.Token
		if s.prod != "" {
			tok = s.prod
		}
		if strings.Contains(base, "sandbox") {
			if cfg.SandboxTarget == "" {
				res.Skipped = "a Sandbox request, and no --sandbox-url"
				return res
			}
			target = strings.TrimSuffix(cfg.SandboxTarget, "/") + rest
			if s.sand != "" {
				tok = s.sand
			}
		}
		if x.Status == http.StatusUnauthorized && strings.Contains(x.Header.Get("Authorization"), redact.Marker) {
			substituted = true
			// Refused in the capture with a credential the capture
			// hides (a wrong, expired or revoked token): one the server
			// cannot know.
			tok = "scimharness-replay-not-a-credential"
		}
		auth = authLike(x.Header.Get("Authorization"), tok)
	}
	target = s.mapIDs(target)
	body := []byte(s.mapIDs(string(x.Body)))
	var rd io.Reader
	if len(x.Body) > 0 {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, x.Method, target, rd)
	if err != nil {
		res.Skipped = "the request: " + err.Error()
		return res
	}
	for k, vs := range x.Header {
		switch http.CanonicalHeaderKey(k) {
		case "Host", "Content-Length", "Authorization", "Connection", "Transfer-Encoding":
			continue
		}
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if x.Header.Get("Authorization") != "" {
		req.Header.Set("Authorization", auth)
	}
	res.URL = target
	resp, err := client.Do(req)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxReplayAnswer+1))
	resp.Body.Close()
	if err != nil {
		res.Error = "reading the answer: " + err.Error()
		return res
	}
	got, err := contentenc.Decode(resp.Header.Get("Content-Encoding"), raw, maxReplayAnswer)
	if err != nil {
		res.Error = "decoding the answer: " + err.Error()
		return res
	}
	res.Status = resp.StatusCode
	if x.Status == 0 {
		res.Skipped = "the capture has no answer to compare with"
		return res
	}
	if x.Status != resp.StatusCode {
		res.Mismatches = append(res.Mismatches, Difference{Field: "status", Capture: fmt.Sprint(x.Status), Mock: fmt.Sprint(resp.StatusCode)})
	}
	var want, have any
	if x.HasResponseBody && json.Unmarshal(x.ResponseBody, &want) == nil && json.Unmarshal(got, &have) == nil {
		s.learn(want, have, admin)
		known := func(id string) bool {
			for _, v := range s.ids {
				if v == id {
					return true
				}
			}
			return false
		}
		ds := compareAnswer(nil, &res.Notes, "body", s.mapValue(want), have, known)
		for _, d := range ds {
			if substituted && d.Field == "body.detail" {
				continue // another credential, another sentence
			}
			res.Mismatches = append(res.Mismatches, d)
		}
	} else if x.HasResponseBody && len(bytes.TrimSpace(x.ResponseBody)) > 0 && json.Valid(x.ResponseBody) && !json.Valid(got) {
		res.Mismatches = append(res.Mismatches, Difference{Field: "body", Capture: "JSON", Mock: bodyText(got)})
	}
	return res
}

// authLike returns the credential tok in the style of the captured header
// value v; a v that shows its credential is returned as it is.
func authLike(v, tok string) string {
	if v == "" || !strings.Contains(v, redact.Marker) {
		return v
	}
	scheme, _, found := strings.Cut(v, " ")
	switch {
	case !found:
		return tok
	case strings.EqualFold(scheme, "Basic"):
		return "Basic " + base64.StdEncoding.EncodeToString([]byte("scimharness:"+tok))
	}
	return scheme + " " + tok
}

// mapIDs replaces every captured id the session learnt with the server's.
func (s *session) mapIDs(t string) string {
	if len(s.ids) == 0 || t == "" {
		return t
	}
	keys := make([]string, 0, len(s.ids))
	for k := range s.ids {
		keys = append(keys, k)
	}
	// Longest first, so that an id containing another is replaced whole.
	sort.Slice(keys, func(i, j int) bool { return len(keys[i]) > len(keys[j]) })
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		pairs = append(pairs, k, s.ids[k])
	}
	return strings.NewReplacer(pairs...).Replace(t)
}

func (s *session) mapValue(v any) any {
	switch t := v.(type) {
	case string:
		return s.mapIDs(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = s.mapValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = s.mapValue(e)
		}
		return out
	}
	return v
}

// learn walks the captured and the replayed answers side by side and maps
// every "id" that differs; an organization's tokens become the session's.
func (s *session) learn(want, have any, admin bool) {
	w, ok1 := want.(map[string]any)
	h, ok2 := have.(map[string]any)
	if ok1 && ok2 {
		for k, wv := range w {
			hv := h[k]
			if k == "id" {
				ws, _ := wv.(string)
				hs, _ := hv.(string)
				if len(ws) >= 4 && hs != "" && ws != hs && !strings.Contains(ws, redact.Marker) {
					if _, known := s.ids[ws]; !known {
						s.ids[ws] = hs
					}
				}
				continue
			}
			if admin && k == "tokens" {
				if t, ok := hv.(map[string]any); ok {
					s.prod, _ = t["production"].(string)
					s.sand, _ = t["sandbox"].(string)
				}
				continue
			}
			s.learn(wv, hv, admin)
		}
		return
	}
	wa, ok1 := want.([]any)
	ha, ok2 := have.([]any)
	if ok1 && ok2 && len(wa) == len(ha) {
		for i := range wa {
			s.learn(wa[i], ha[i], admin)
		}
	}
}

// compareAnswer lists what the captured answer has and the replay's lacks
// or holds otherwise. Members the replay adds are fine (a server may
// return more); meta and redacted values are the server's own and are left
// out.
func compareAnswer(ds []Difference, notes *[]string, path string, want, have any, known func(string) bool) []Difference {
	switch w := want.(type) {
	case map[string]any:
		h, ok := have.(map[string]any)
		if !ok {
			return append(ds, Difference{path, jsonText("", want), jsonText("", have)})
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "meta" || k == "tokens" {
				continue
			}
			p := path + "." + k
			hv, ok := h[k]
			if !ok {
				ds = append(ds, Difference{p, jsonText(k, w[k]), absent})
				continue
			}
			ds = compareAnswer(ds, notes, p, w[k], hv, known)
		}
		return ds
	case []any:
		h, ok := have.([]any)
		if !ok || len(h) != len(w) {
			return append(ds, Difference{path, jsonText("", want), jsonText("", have)})
		}
		// Resources with ids are matched by id: a replay creates what
		// the capture's scenario made concurrently one after the other,
		// so a list's order may differ (the order is not compared).
		if byID := indexByID(h); byID != nil && len(byID) == len(h) {
			moved := 0
			for i, e := range w {
				id := idOf(e)
				he, found := byID[id]
				switch {
				case found:
					ds = compareAnswer(ds, notes, fmt.Sprintf("%s[id %s]", path, id), e, he, known)
				case id != "" && known(id):
					// Made in this replay, on another page: the
					// recorded scenario made it concurrently.
					moved++
				default:
					ds = append(ds, Difference{fmt.Sprintf("%s[%d]", path, i), jsonText("", e), "no resource with that id"})
				}
			}
			if moved > 0 {
				*notes = append(*notes, fmt.Sprintf("%s: %d resources on another page than in the capture (made concurrently; the order is not compared)", path, moved))
			}
			return ds
		}
		for i := range w {
			ds = compareAnswer(ds, notes, fmt.Sprintf("%s[%d]", path, i), w[i], h[i], known)
		}
		return ds
	case string:
		if strings.Contains(w, redact.Marker) {
			return ds
		}
	}
	if jsonText("", want) != jsonText("", have) {
		ds = append(ds, Difference{path, jsonText("", want), jsonText("", have)})
	}
	return ds
}

// scimBases are the SCIM base URLs of c's /Users and /Groups requests,
// longest first.
func scimBases(c *Capture) []string {
	seen := map[string]bool{}
	var out []string
	for i := range c.Exchanges {
		u, err := url.Parse(c.Exchanges[i].URL)
		if err != nil || lastResource(u.EscapedPath()) < 0 {
			continue
		}
		b, _ := splitURL(c.Exchanges[i].URL)
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// splitBase splits raw after the longest of bases that starts it (a
// request to /ServiceProviderConfig or /Entitlements has no /Users to cut
// at), or as splitURL does.
func splitBase(raw string, bases []string) (string, string) {
	for _, b := range bases {
		if strings.HasPrefix(raw, b) && (len(raw) == len(b) || raw[len(b)] == '/' || raw[len(b)] == '?') {
			return b, raw[len(b):]
		}
	}
	return splitURL(raw)
}

// WriteText writes the replay for a console: each exchange whose answer
// differs (every one with verbose), what was left out, and the totals.
func (r *ReplayReport) WriteText(w io.Writer, verbose bool, secrets ...string) error {
	bw := bufio.NewWriter(w)
	skipped := map[string]int{}
	for _, res := range r.Results {
		x := res.X
		_, rest := splitURL(x.URL)
		head := fmt.Sprintf("%s  %s %s", x.Entry, x.Method, reports.Redact(truncate(rest, 90), secrets...))
		if x.Session != "" {
			head += "  [" + x.Session + "]"
		}
		switch {
		case res.Skipped != "":
			skipped[res.Skipped]++
		case res.Error != "":
			fmt.Fprintf(bw, "%s: no answer: %s\n", head, reports.Redact(res.Error, secrets...))
		case len(res.Mismatches) > 0:
			fmt.Fprintf(bw, "%s: the answer differs from the capture's\n", head)
			for _, d := range res.Mismatches {
				fmt.Fprintf(bw, "  - %s: capture %s, replay %s\n", d.Field, reports.Redact(d.Capture, secrets...), reports.Redact(d.Mock, secrets...))
			}
		case verbose:
			fmt.Fprintf(bw, "%s: %d as captured\n", head, res.Status)
		}
		if verbose && res.Skipped == "" {
			for _, n := range res.Notes {
				fmt.Fprintf(bw, "  note: %s\n", n)
			}
		}
	}
	if len(skipped) > 0 {
		keys := make([]string, 0, len(skipped))
		for k := range skipped {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(bw, "\nleft out: %d exchanges\n", r.Skipped())
		for _, k := range keys {
			fmt.Fprintf(bw, "  %4d  %s\n", skipped[k], k)
		}
	}
	for _, p := range r.Problems {
		fmt.Fprintf(bw, "left out, unreadable: %s\n", reports.Redact(p.String(), secrets...))
	}
	replayed := len(r.Results) - r.Skipped()
	fmt.Fprintf(bw, "\n%d exchanges replayed in %s: %d answered as captured, %d differ; %d left out\n",
		replayed, r.Duration.Round(time.Millisecond), replayed-r.Failed(), r.Failed(), r.Skipped())
	return bw.Flush()
}

func idOf(v any) string {
	m, _ := v.(map[string]any)
	id, _ := m["id"].(string)
	return id
}

// indexByID indexes a list of resources by id; nil when one has none.
func indexByID(list []any) map[string]any {
	if len(list) == 0 {
		return nil
	}
	out := make(map[string]any, len(list))
	for _, e := range list {
		id := idOf(e)
		if id == "" {
			return nil
		}
		out[id] = e
	}
	return out
}
