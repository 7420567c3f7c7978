// Package lines cuts text to what one line of a console, a report or an
// error shows.
package lines

import "strings"

// First is the first line of s, without the blank space around s: "" for
// text that is blank.
func First(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// Summary is First, or "see its message above" when s is blank: the one
// line of an error shown beside its full text.
func Summary(s string) string {
	if line := First(s); line != "" {
		return line
	}
	return "see its message above"
}
