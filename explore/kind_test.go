package explore

import "testing"

// TestKindTable holds the families to the enum: every kind is defined
// once, whole, under a name of its own.
func TestKindTable(t *testing.T) {
	defined := map[Kind]int{}
	for _, f := range [][]kindInfo{userKinds, groupKinds, probeKinds, consoleKinds, memoryKinds, appEventKinds} {
		for _, k := range f {
			defined[k.kind]++
		}
	}
	names := map[string]Kind{}
	for k := Kind(0); k < numKinds; k++ {
		info := kinds[k]
		switch {
		case defined[k] != 1:
			t.Errorf("kind %d (%s) is defined %d times, expected once", k, info.name, defined[k])
		case info.name == "" || info.weight <= 0 || info.apply == nil || info.steps == nil:
			t.Errorf("kind %d (%q): missing its name, weight, apply or steps", k, info.name)
		}
		if other, dup := names[info.name]; dup {
			t.Errorf("kinds %d and %d are both named %q", other, k, info.name)
		}
		names[info.name] = k
	}
}
