package mockokta

import (
	"reflect"
	"strings"
	"testing"
)

// TestVariants: every variant has a name, a line of what it shows and a
// dated source in docs/okta-protocol.md; the defaults make the zero
// Variants; each field's variants are told apart by Names.
func TestVariants(t *testing.T) {
	seen := map[string]bool{}
	var defaults Variants
	for _, v := range AllVariants() {
		if v.Name == "" || v.Shows == "" || !strings.HasPrefix(v.Source, "docs/okta-protocol.md §") {
			t.Errorf("variant %+v: want a name, what it shows and its section", v)
		}
		if seen[v.Name] {
			t.Errorf("variant %s listed twice", v.Name)
		}
		seen[v.Name] = true
		if v.Default {
			v.Apply(&defaults)
		}
		var vs Variants
		v.Apply(&vs)
		if !reflect.DeepEqual(vs.Names(), []string{v.Name}) && !v.Default {
			// A non-default variant names itself and the other fields' defaults.
			found := false
			for _, n := range vs.Names() {
				found = found || n == v.Name
			}
			if !found || len(vs.Names()) != 3 {
				t.Errorf("Variants with %s: Names() = %v", v.Name, vs.Names())
			}
		}
		got, err := LookupVariant(strings.ToUpper(v.Name))
		if err != nil || got.Name != v.Name {
			t.Errorf("LookupVariant(%s) = %v, %v", v.Name, got.Name, err)
		}
	}
	if defaults != (Variants{}) {
		t.Errorf("the default variants make %+v, want the zero Variants", defaults)
	}
	if got := (Variants{}).Names(); !reflect.DeepEqual(got, []string{"full-push-path", "locale-en-US", "query-percent20"}) {
		t.Errorf("zero Variants names %v", got)
	}
	if _, err := LookupVariant("rename-bundled"); err == nil || !strings.Contains(err.Error(), "full-push-value") {
		t.Errorf("an unknown variant: %v, want an error listing the known ones", err)
	}
	if _, err := NewOrg(Config{BaseURL: testBase, Variants: Variants{Locale: 7}}); err == nil {
		t.Error("NewOrg with an undefined locale variant: want an error")
	}
}
