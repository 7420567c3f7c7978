// Package redact hides passwords in JSON text: the one rule, and the one
// marker, that mockokta's transcript, the reports and the steps' failure
// messages share, so that a password Okta sends reaches none of them.
package redact

// Marker replaces every hidden value.
const Marker = "[redacted]"

// Passwords returns body with the string value of every member whose key
// IsPasswordKey (password, newPassword, any letter case) replaced by Marker.
// It reads any bytes, JSON or not, never fails, and returns body itself when
// there is nothing to redact. A value cut off by the end of body (a capped
// transcript body) is redacted to the end.
func Passwords(body []byte) []byte {
	var out []byte // nil until the first redaction
	last := 0      // body[last:] is not yet copied to out
	for i := 0; i < len(body); i++ {
		if body[i] != '"' {
			continue
		}
		end, closed := stringEnd(body, i)
		if !closed {
			break
		}
		if !isPasswordKey(body[i+1 : end-1]) {
			i = end - 1
			continue
		}
		j := skipSpace(body, end)
		if j >= len(body) || body[j] != ':' {
			i = end - 1
			continue
		}
		j = skipSpace(body, j+1)
		if j >= len(body) || body[j] != '"' {
			i = j - 1
			continue
		}
		vend, vclosed := stringEnd(body, j)
		if out == nil {
			out = make([]byte, 0, len(body)+len(Marker))
		}
		out = append(out, body[last:j+1]...)
		out = append(out, Marker...)
		if vclosed {
			out = append(out, '"')
		}
		last = vend
		i = vend - 1
	}
	if out == nil {
		return body
	}
	return append(out, body[last:]...)
}

// stringEnd returns the index just past the string that starts with the quote
// at body[i] and true, or len(body) and false if the string is not closed.
func stringEnd(body []byte, i int) (int, bool) {
	for j := i + 1; j < len(body); j++ {
		switch body[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}
	return len(body), false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// IsPasswordKey reports whether k, a JSON key or the last segment of a
// path, names a password: it ends in "password" in any letter case
// (password, newPassword, PASSWORD).
func IsPasswordKey(k string) bool { return isPasswordKey(k) }

func isPasswordKey[T string | []byte](k T) bool {
	const p = "password"
	if len(k) < len(p) {
		return false
	}
	k = k[len(k)-len(p):]
	for i := range len(p) {
		if k[i]|0x20 != p[i] {
			return false
		}
	}
	return true
}
