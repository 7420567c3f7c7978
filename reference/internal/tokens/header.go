package tokens

import (
	"encoding/base64"
	"net/http"
	"strings"
)

// Credential extracts the token from an Authorization header: "Bearer T", Basic
// with T as the password (any user name), or the raw token T. basic reports the
// Basic form.
func Credential(h string) (token string, basic bool) {
	h = strings.TrimSpace(h)
	scheme, rest, ok := strings.Cut(h, " ")
	if !ok {
		if strings.EqualFold(h, "Bearer") || strings.EqualFold(h, "Basic") {
			return "", strings.EqualFold(h, "Basic") // a scheme without its token
		}
		return h, false
	}
	rest = strings.TrimSpace(rest)
	switch {
	case strings.EqualFold(scheme, "Bearer"):
		return rest, false
	case strings.EqualFold(scheme, "Basic"):
		raw, err := base64.StdEncoding.DecodeString(rest)
		if err != nil {
			return "", true
		}
		_, pass, _ := strings.Cut(string(raw), ":")
		return pass, true
	}
	return h, false
}

// Authorization is the request's first Authorization header and the number
// of them: the caller must refuse n > 1 rather than pick one.
func Authorization(r *http.Request) (h string, n int) {
	v := r.Header.Values("Authorization")
	if len(v) == 0 {
		return "", 0
	}
	return v[0], len(v)
}
