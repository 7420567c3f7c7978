package faults

import (
	"reflect"
	"testing"

	"github.com/scimharness/scimharness/reference/internal/rules"
)

// TestEachFaultBreaksARule: every fault changes Zinc's rules, no two faults
// make the same change, and every seam has a fault (so the self-check proves
// that every rule of the server is tested).
func TestEachFaultBreaksARule(t *testing.T) {
	zinc := rules.Zinc()
	seen := map[string]string{}
	touched := map[string]bool{}
	for _, f := range All() {
		r := zinc
		f.Break(&r)
		if reflect.DeepEqual(r, zinc) {
			t.Errorf("fault %s changes none of Zinc's rules", f.Name)
		}
		for _, d := range diff(reflect.ValueOf(zinc), reflect.ValueOf(r), "") {
			touched[d] = true
			if other, dup := seen[d]; dup {
				t.Errorf("faults %s and %s both change %s", other, f.Name, d)
			}
			seen[d] = f.Name
		}
	}
	for _, field := range fields(reflect.TypeOf(zinc), "") {
		if !touched[field] && modeOnly[field] == "" {
			t.Errorf("no fault changes the seam %s: nothing proves the suite tests it", field)
		}
	}
}

// modeOnly are the seams no fault changes, each with why: rules that tell
// the modes apart where no behaviour of the suite is concerned.
var modeOnly = map[string]string{
	"Lists.PostSearch": "Okta never sends POST .search; plain mode answers it as RFC 7644 section 3.4.3 has it",
}

func TestModeOnlySeams(t *testing.T) {
	zinc, plain := reflect.ValueOf(rules.Zinc()), reflect.ValueOf(rules.Plain())
	differ := map[string]bool{}
	for _, d := range diff(zinc, plain, "") {
		differ[d] = true
	}
	for field := range modeOnly {
		if !differ[field] {
			t.Errorf("the mode-only seam %s is the same in both modes", field)
		}
	}
}

func TestApply(t *testing.T) {
	r := rules.Zinc()
	if err := Apply(&r, []string{"Mutable-UserName"}); err != nil || r.Users.UserNameImmutable {
		t.Fatalf("Apply mutable-username: err %v, UserNameImmutable %v", err, r.Users.UserNameImmutable)
	}
	if err := Apply(&r, []string{"no-such-fault"}); err == nil {
		t.Fatal("Apply of an unknown fault: no error")
	}
}

func TestNamesUnique(t *testing.T) {
	names := map[string]bool{}
	for _, f := range All() {
		if names[f.Name] || f.Name == "" || f.Behaviour == "" || f.Description == "" {
			t.Errorf("fault %q: duplicate or incomplete entry", f.Name)
		}
		names[f.Name] = true
	}
}

func diff(a, b reflect.Value, prefix string) []string {
	var out []string
	for i := range a.NumField() {
		name := prefix + a.Type().Field(i).Name
		if a.Field(i).Kind() == reflect.Struct {
			out = append(out, diff(a.Field(i), b.Field(i), name+".")...)
		} else if a.Field(i).Interface() != b.Field(i).Interface() {
			out = append(out, name)
		}
	}
	return out
}

func fields(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		name := prefix + t.Field(i).Name
		if t.Field(i).Type.Kind() == reflect.Struct {
			out = append(out, fields(t.Field(i).Type, name+".")...)
		} else {
			out = append(out, name)
		}
	}
	return out
}
