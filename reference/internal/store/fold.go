package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldKey is the case-insensitive index key of s: two strings have the same key
// exactly when strings.EqualFold reports them equal, so that the indexes, the
// uniqueness checks and the filters (which use EqualFold) agree. Each rune
// becomes the canonical member of its unicode.SimpleFold orbit (see foldRune);
// an invalid byte becomes U+FFFD, as EqualFold reads it. An all-ASCII s is
// lower-cased without decoding, and returned as is (no allocation) when it has
// no upper-case letter.
func FoldKey(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return foldUnicode(s)
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func foldUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // an invalid byte reads as utf8.RuneError, as in EqualFold
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune is the canonical member of r's SimpleFold orbit: the lower-case ASCII
// letter when the orbit holds one (k for K, k and the Kelvin sign; s for S, s
// and ſ), otherwise the smallest rune of the orbit. Every member of an orbit maps
// to the same rune, and runes of different orbits to different runes.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return foldRune(f)
		}
		least = min(least, f)
	}
	return least
}
