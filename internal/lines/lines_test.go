package lines

import "testing"

func TestFirst(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"  \n\t ":              "",
		"one":                  "one",
		"\n  one line\nmore\n": "one line",
		"a\r\nb":               "a\r",
	} {
		if got := First(in); got != want {
			t.Errorf("First(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSummary(t *testing.T) {
	if got := Summary("  \n"); got != "see its message above" {
		t.Errorf("Summary of blank text = %q", got)
	}
	if got := Summary("boom\nstack"); got != "boom" {
		t.Errorf("Summary = %q, want boom", got)
	}
}
