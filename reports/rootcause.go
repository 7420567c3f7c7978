package reports

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/scimharness/scimharness/internal/lines"
)

// One defect fans out: an ignored filter, a missing 401 or a crash fails
// many scenarios, each with its own symptom. The reports lead with the root
// causes: the failed scenarios grouped by their first failing request (one
// without an answer, or with a 5xx) or else by their failing assertion, with
// the ids, users and run prefixes in it made generic so that the same defect
// groups; each group with the behaviour that explains it and how many
// failures it explains, largest first.

// RootCause is one group of failed scenarios that fail the same way.
type RootCause struct {
	// Cause is the first failing request ("PATCH /Groups/{id} → 500
	// Internal Server Error", "POST /Users → no answer") or the failing
	// assertion, made generic.
	Cause string
	// Behaviour is the behaviour that explains the group: of the behaviour
	// IDs its scenarios carry, the one most of them carry, the first in the
	// catalogue on a tie; Title is its title in the catalogue.
	Behaviour, Title string
	// Scenarios are indexes into Run.Scenarios, in the order they ran.
	Scenarios []int
}

// RootCauses groups run's failed scenarios by their root cause, the group
// explaining the most failures first.
func RootCauses(run Run) []RootCause {
	order := map[string]int{}
	titles := map[string]string{}
	for i, b := range run.Behaviours {
		if _, ok := order[b.ID]; !ok {
			order[b.ID], titles[b.ID] = i, b.Title
		}
	}
	index := map[string]int{}
	var out []RootCause
	for i, s := range run.Scenarios {
		if s.Status != Failed {
			continue
		}
		cause := causeOf(s, run.Target)
		g, ok := index[cause]
		if !ok {
			g = len(out)
			index[cause] = g
			out = append(out, RootCause{Cause: cause})
		}
		out[g].Scenarios = append(out[g].Scenarios, i)
	}
	for g := range out {
		n := map[string]int{}
		best := ""
		for _, i := range out[g].Scenarios {
			for _, t := range run.Scenarios[i].Tags {
				m := idTag.FindStringSubmatch(t)
				if m == nil {
					continue
				}
				id := m[1]
				n[id]++
				if best == "" || n[id] > n[best] || n[id] == n[best] && rankOf(order, id) < rankOf(order, best) {
					best = id
				}
			}
		}
		out[g].Behaviour, out[g].Title = best, titles[best]
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a].Scenarios) > len(out[b].Scenarios) })
	return out
}

func rankOf(order map[string]int, id string) int {
	if r, ok := order[id]; ok {
		return r
	}
	return len(order)
}

// causeOf is a failed scenario's root cause: its first exchange, up to the
// failing step, that got no answer or a 5xx; else the failing step's error.
func causeOf(s Scenario, target string) string {
	st, failed := s.failure()
	for i := 0; i <= failed && i < len(s.Steps); i++ {
		for _, x := range s.Steps[i].Exchanges {
			if x.Status == 0 || x.Status >= 500 {
				what := "no answer"
				if x.Status != 0 {
					what = fmt.Sprintf("%d %s", x.Status, http.StatusText(x.Status))
				}
				return x.Method + " " + genericPath(x.URL, target) + " → " + what
			}
		}
	}
	return genericText(lines.First(failureMessage(st)), target)
}

var (
	uuidRE   = regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
	emailRE  = regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`)
	prefixRE = regexp.MustCompile(`\bsh[a-z0-9]{4}(-[a-z0-9]{4})?\b`)
	urlRE    = regexp.MustCompile(`https?://[^\s"'()<>]+`)
	idSegRE  = regexp.MustCompile(`^([0-9]+|[0-9A-Za-z_-]{8,}|\{id\})$`)
	// resRE is a SCIM resource's path in a message: "/Users/2819c223".
	resRE = regexp.MustCompile(`/(Users|Groups)/[^\s/?:"',)]+`)
)

// genericPath is the path of a request URL after the target's base URL,
// without its query's values, ids made "{id}": "/Users/{id}",
// "/Users?filter".
func genericPath(raw, target string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	p := u.Path
	if t, err := url.Parse(target); err == nil && t.Path != "" && strings.HasPrefix(p, strings.TrimRight(t.Path, "/")+"/") {
		p = strings.TrimPrefix(p, strings.TrimRight(t.Path, "/"))
	}
	p = uuidRE.ReplaceAllString(p, "{id}")
	segs := strings.Split(p, "/")
	for i := 2; i < len(segs); i++ {
		if idSegRE.MatchString(segs[i]) && hasDigit(segs[i]) || segs[i] == "{id}" {
			segs[i] = "{id}"
		}
	}
	p = strings.Join(segs, "/")
	if u.RawQuery != "" {
		var keys []string
		for k := range u.Query() {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		p += "?" + strings.Join(keys, "&")
	}
	return p
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// genericText makes an error message generic: its URLs generic paths, its
// ids "{id}", its users' addresses "{user}", the run prefix "{prefix}".
func genericText(s, target string) string {
	s = urlRE.ReplaceAllStringFunc(s, func(u string) string { return genericPath(u, target) })
	s = uuidRE.ReplaceAllString(s, "{id}")
	s = emailRE.ReplaceAllString(s, "{user}")
	s = prefixRE.ReplaceAllString(s, "{prefix}")
	s = resRE.ReplaceAllString(s, "/$1/{id}")
	return s
}
