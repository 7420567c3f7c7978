package mockokta

import (
	"slices"
	"testing"
)

// TestMemberList: members stay in the order they joined through removals,
// rejoins and compaction.
func TestMemberList(t *testing.T) {
	tests := map[string]struct {
		ops  []string // "+id" adds, "-id" removes
		want []string
	}{
		"joins in order":      {ops: []string{"+a", "+b", "+c"}, want: []string{"a", "b", "c"}},
		"a second add":        {ops: []string{"+a", "+b", "+a"}, want: []string{"a", "b"}},
		"leave":               {ops: []string{"+a", "+b", "+c", "-b"}, want: []string{"a", "c"}},
		"leave and rejoin":    {ops: []string{"+a", "+b", "+c", "-a", "+a"}, want: []string{"b", "c", "a"}},
		"remove a stranger":   {ops: []string{"+a", "-x"}, want: []string{"a"}},
		"compaction":          {ops: []string{"+a", "+b", "+c", "+d", "-a", "-b", "-c", "+e", "-d", "+a"}, want: []string{"e", "a"}},
		"everybody leaves":    {ops: []string{"+a", "+b", "-a", "-b"}, want: nil},
		"all leave, one back": {ops: []string{"+a", "+b", "-b", "-a", "+b"}, want: []string{"b"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			var l memberList
			for _, op := range tt.ops {
				id := op[1:]
				before := l.has(id)
				var changed bool
				if op[0] == '+' {
					changed = l.add(id)
				} else {
					changed = l.remove(id)
				}
				if changed == (before == (op[0] == '+')) {
					t.Fatalf("%s: reported change %v with membership %v before", op, changed, before)
				}
			}
			got := slices.Collect(l.all)
			if !slices.Equal(got, tt.want) {
				t.Errorf("members %q, want %q", got, tt.want)
			}
			for _, id := range tt.want {
				if !l.has(id) {
					t.Errorf("has(%q) = false", id)
				}
			}
			if l.holes > len(l.ids)/2 {
				t.Errorf("%d empty slots of %d left uncompacted", l.holes, len(l.ids))
			}
		})
	}
}
