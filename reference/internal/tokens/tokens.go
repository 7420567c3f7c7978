// Package tokens reads the reference server's tokens from the
// Authorization header (Authorization, Credential) and keeps its secrets
// comparable in constant time: SCIM tokens, OAuth codes and tokens are looked up and
// compared through their SHA-256 hashes only, which all have the same
// length, so that the time a lookup or a comparison takes tells an attacker
// nothing about a token's bytes or length.
package tokens

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
)

// Key is the SHA-256 of a token: the key of every map of tokens.
type Key [sha256.Size]byte

// KeyOf is token's Key.
func KeyOf(token string) Key { return sha256.Sum256([]byte(token)) }

// Same reports whether a and b are equal, in time independent of their
// contents and lengths.
func Same(a, b string) bool {
	ka, kb := KeyOf(a), KeyOf(b)
	return subtle.ConstantTimeCompare(ka[:], kb[:]) == 1
}

// New returns an unguessable token or code.
func New() string { return rand.Text() }
