package store

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var foldPairs = []struct{ a, b string }{
	{"sam@example.com", "ſam@example.com"}, // ſ (U+017F) folds to s
	{"Kelvin", "\u212Aelvin"},              // the Kelvin sign folds to k
	{"SAM@EXAMPLE.COM", "sam@example.com"}, // ASCII
	{"Σίσυφος", "ΣΊΣΥΦΟΣ"},                 // σ, ς and Σ share an orbit
	{"straße", "STRASSE"},                  // not equal: ß has no simple fold to ss
	{"\xff", "\xfe"},                       // invalid bytes both read as U+FFFD
	{"\xff", "\uFFFD"},                     // and equal U+FFFD itself
	{"a", "a\x00"},                         // lengths differ
	{"İstanbul", "istanbul"},               // İ (U+0130) has no simple fold to i
	{"ǅ", "ǆ"},                             // a title-case orbit of three
	{"\u00b5", "\u039c"},                   // micro sign, Greek mu
	{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"},
}

func TestFoldKeyAgreesWithEqualFold(t *testing.T) {
	for _, p := range foldPairs {
		if got, want := FoldKey(p.a) == FoldKey(p.b), strings.EqualFold(p.a, p.b); got != want {
			t.Errorf("%q, %q: same key %v (%q, %q), EqualFold %v", p.a, p.b, got, FoldKey(p.a), FoldKey(p.b), want)
		}
	}
	// Every rune maps into its own orbit, and the whole orbit to one rune.
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		c := foldRune(r)
		if !strings.EqualFold(string(r), string(c)) {
			t.Fatalf("foldRune(%U) = %U, outside its orbit", r, c)
		}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if foldRune(f) != c {
				t.Fatalf("%U and %U share an orbit but fold to %U and %U", r, f, c, foldRune(f))
			}
		}
	}
	if s := "plain@example.com"; FoldKey(s) != s || testing.AllocsPerRun(10, func() { FoldKey(s) }) != 0 {
		t.Error("a lower-case ASCII key allocates")
	}
}

func FuzzFoldKey(f *testing.F) {
	for _, p := range foldPairs {
		f.Add(p.a, p.b)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := FoldKey(a) == FoldKey(b), strings.EqualFold(a, b); got != want {
			t.Fatalf("%q, %q: same key %v (%q, %q), EqualFold %v", a, b, got, FoldKey(a), FoldKey(b), want)
		}
		if k := FoldKey(a); !strings.EqualFold(k, a) && utf8.ValidString(a) {
			t.Fatalf("foldKey(%q) = %q, which EqualFold says differs", a, k)
		}
	})
}
