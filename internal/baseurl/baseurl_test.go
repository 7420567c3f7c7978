package baseurl

import (
	"strings"
	"testing"
)

func TestJoin(t *testing.T) {
	tests := map[string]struct {
		base, target, want string
	}{
		"plain":               {"https://app.example.com/scim/v2", "/Users", "https://app.example.com/scim/v2/Users"},
		"trailing slash":      {"https://app.example.com/scim/v2/", "/Users/42", "https://app.example.com/scim/v2/Users/42"},
		"target query":        {"https://app.example.com/scim/v2", "/Users?startIndex=1&count=2", "https://app.example.com/scim/v2/Users?startIndex=1&count=2"},
		"base query":          {"https://fruits.example.com/scim2/myapp?connection=42", "/Users/42", "https://fruits.example.com/scim2/myapp/Users/42?connection=42"},
		"both, base first":    {"https://fruits.example.com/scim2/myapp?connection=42&x=%20y", "/Users?filter=userName%20eq%20%22a%22", "https://fruits.example.com/scim2/myapp/Users?connection=42&x=%20y&filter=userName%20eq%20%22a%22"},
		"slash before query":  {"https://fruits.example.com/scim2/?connection=42", "/Groups", "https://fruits.example.com/scim2/Groups?connection=42"},
		"empty query":         {"https://app.example.com/scim/v2?", "/Users", "https://app.example.com/scim/v2/Users"},
		"host only":           {"http://127.0.0.1:8080", "/Users", "http://127.0.0.1:8080/Users"},
		"bytes kept as given": {"https://a.example/s?t=%zz", "/Users?q=a+b", "https://a.example/s/Users?t=%zz&q=a+b"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			b, err := Parse(tc.base)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.URL(tc.target); got != tc.want {
				t.Errorf("URL(%q) = %q, want %q", tc.target, got, tc.want)
			}
			path, query, _ := strings.Cut(tc.target, "?")
			if got := b.Join(path, query); got != tc.want {
				t.Errorf("Join(%q, %q) = %q, want %q", path, query, got, tc.want)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	for _, raw := range []string{"", "app.example.com/scim", "ftp://app.example.com/scim", "https:///scim", "https://app.example.com/scim#x", "https://app.example.com/scim?a=1#x", "https://a b/"} {
		if b, err := Parse(raw); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", raw, b)
		}
	}
}

func TestString(t *testing.T) {
	b, err := Parse("https://fruits.example.com/scim2/myapp/?connection=42")
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != "https://fruits.example.com/scim2/myapp?connection=42" || b.Prefix() != "https://fruits.example.com/scim2/myapp" || b.Query() != "connection=42" {
		t.Errorf("String %q Prefix %q Query %q", b.String(), b.Prefix(), b.Query())
	}
}

// FuzzParse: Parse never panics, and a base it accepts joins to a URL that
// starts with its prefix and keeps its query.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"https://a.example/scim/v2", "https://a.example/x?c=1", "http://h:1/?", "https://a.example/%zz"} {
		f.Add(s, "/Users?count=2")
	}
	f.Fuzz(func(t *testing.T, raw, target string) {
		b, err := Parse(raw)
		if err != nil {
			return
		}
		u := b.URL(target)
		if !strings.HasPrefix(u, b.Prefix()) || b.Query() != "" && !strings.Contains(u, "?"+b.Query()) {
			t.Fatalf("Parse(%q).URL(%q) = %q", raw, target, u)
		}
	})
}
