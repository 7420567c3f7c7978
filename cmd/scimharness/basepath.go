package main

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/scimharness/scimharness/reports"
)

// checkSCIMBase reads the preflight's answer to GET {base}/Users: a 404, a
// redirect, or a 200 that is not a SCIM ListResponse means base is not the
// SCIM base URL, and running the suite would only fail every scenario. The
// error is one line: what came, and the base URL to try. Other answers (a
// 500, say) are the target's to explain in the scenarios.
func checkSCIMBase(base string, x reports.Exchange) error {
	got := ""
	switch {
	case x.Status == http.StatusNotFound:
		got = "404 Not Found"
	case x.Status >= 300 && x.Status < 400:
		got = fmt.Sprintf("%d, a redirect to %s", x.Status, orNoLocation(x.ResponseHeaders.Get("Location")))
	case x.Status == http.StatusOK:
		what, ok := listShape(x)
		if ok {
			return nil
		}
		got = "200 with " + what
	default:
		return nil
	}
	return fmt.Errorf("%s is not a SCIM base URL: GET /Users answered %s, not a SCIM ListResponse; %s", redactURL(base), got, suggestBase(base))
}

func orNoLocation(l string) string {
	if l == "" {
		return "nowhere (no Location)"
	}
	return l
}

// listShape says whether a 200's body can be a ListResponse: a JSON object
// with Resources or totalResults (in any case: Okta read lowercase ones
// once, docs/okta-protocol.md §3.1). The rest of a ListResponse's rules are
// the scenarios' to check. Else it says what came instead.
func listShape(x reports.Exchange) (string, bool) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(x.ResponseBody), &doc); err != nil {
		// The preflight keeps the start of a long body only.
		body := strings.ToLower(strings.TrimSpace(x.ResponseBody))
		if len(body) >= preflightBody && strings.HasPrefix(body, "{") && (strings.Contains(body, `"resources"`) || strings.Contains(body, `"totalresults"`)) {
			return "", true
		}
		ct := x.ResponseHeaders.Get("Content-Type")
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			ct = mt
		}
		switch {
		case strings.TrimSpace(x.ResponseBody) == "":
			return "an empty body", false
		case ct != "":
			return "a " + ct + " body that is not a JSON object", false
		}
		return "a body that is not a JSON object", false
	}
	for k := range doc {
		if strings.EqualFold(k, "Resources") || strings.EqualFold(k, "totalResults") {
			return "", true
		}
	}
	return "a JSON object without Resources or totalResults", false
}

// suggestBase names the base URL to try instead of base: the path before
// /Users, which is /scim/v2 on most servers.
func suggestBase(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return "check the base URL"
	}
	p := strings.TrimRight(u.Path, "/")
	// Lowered byte for byte, so that its indexes are p's (strings.ToLower
	// changes the length of an invalid byte and of some letters).
	lower := []byte(p)
	for i, c := range lower {
		if 'A' <= c && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	switch lower := string(lower); {
	case strings.HasSuffix(lower, "/users") || strings.HasSuffix(lower, "/groups"):
		p = p[:strings.LastIndex(p, "/")]
	case strings.Contains(lower, "/scim/v2/"):
		p = p[:strings.Index(lower, "/scim/v2/")+len("/scim/v2")]
	case strings.HasSuffix(lower, "/scim/v2"), strings.HasSuffix(lower, "/v2"):
		return "check the base URL: it is the path before /Users in the app's SCIM documentation"
	case strings.HasSuffix(lower, "/scim"):
		p += "/v2"
	default:
		p += "/scim/v2"
	}
	u.Path, u.RawPath, u.User = p, "", nil
	return fmt.Sprintf("try --target %s (base path %q)", u.String(), p)
}
