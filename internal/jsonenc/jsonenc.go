// Package jsonenc appends JSON strings to byte slices without reflection, for
// the hot paths that build SCIM bodies by hand (the reference server's answers
// and mockokta's requests).
package jsonenc

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// jsonSafe marks the bytes a JSON string holds as they are: printable
// ASCII but the quote and the backslash.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// PlainByte reports whether a JSON string holds c as it is, as PlainWord
// does for 8 bytes: none past ASCII, none below 0x20, no quote and no
// backslash.
func PlainByte(c byte) bool { return jsonSafe[c] }

// PlainWord reports whether each of the 8 bytes of w (read little-endian,
// encoding/binary) is one a JSON string holds as it is: none past ASCII,
// none below 0x20, no quote and no backslash. With no byte past ASCII,
// (x - 0x20 in each byte) &^ x has a byte's high bit set exactly when some
// byte of x is below 0x20 (the lowest such byte, which no borrow reaches),
// and (x - 0x01 in each) &^ x exactly when some byte is zero: x is w itself,
// then w with a quote, then with a backslash, XORed out.
func PlainWord(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, bs := w^(ones*'"'), w^(ones*'\\')
	return (w|(w-ones*0x20)&^w|(q-ones)&^q|(bs-ones)&^bs)&highs == 0
}

// AppendString appends s to b as a JSON string, without HTML escaping, as
// encoding/json would read it back: invalid UTF-8 becomes U+FFFD, and U+2028
// and U+2029 are escaped.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && PlainWord(load8(s, i)) { // most of a SCIM body
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// load8 reads s[i:i+8] as binary.LittleEndian.Uint64 reads a slice (the
// compiler makes it one load).
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
