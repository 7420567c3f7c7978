package reports

import (
	"slices"
	"strings"
)

// Feature is one of Okta's provisioning features (Create Users, Push
// Groups; docs/app-features.md) as the run declared it: the scenarios
// tagged with a feature the app does not support were skipped.
type Feature struct {
	Name     string // Okta's name: "Push Groups"
	Tag      string // the scenarios' tag: "@push-groups"
	Declared bool   // the app supports it
}

// The statuses of a feature in a run (FeatureResult.Status).
const (
	// FeatureNotTested is a declared feature none of whose scenarios ran
	// (none exists, or each was skipped for another reason).
	FeatureNotTested Status = "not tested"
	// FeatureUnsupported is a feature the app does not declare: its
	// scenarios were skipped.
	FeatureUnsupported Status = "not supported"
)

// FeatureResult is what a run says of one feature.
type FeatureResult struct {
	Feature
	Counts counts
	// Status is Failed if a scenario tagged with it failed, else Passed if
	// one passed; FeatureNotTested for a declared feature none of whose
	// scenarios ran, FeatureUnsupported for one the app does not declare.
	Status Status
}

// FeatureResults gives each feature of the run its status, in the run's
// order; nil when the run names no features.
func FeatureResults(run Run) []FeatureResult {
	var out []FeatureResult
	for _, f := range run.Features {
		r := FeatureResult{Feature: f}
		for _, sc := range run.Scenarios {
			if !slices.Contains(sc.Tags, f.Tag) {
				continue
			}
			r.Counts.Total++
			switch sc.Status {
			case Passed:
				r.Counts.Passed++
			case Failed:
				r.Counts.Failed++
			case Skipped:
				r.Counts.Skipped++
			}
		}
		switch {
		case !f.Declared:
			r.Status = FeatureUnsupported
		case r.Counts.Failed > 0:
			r.Status = Failed
		case r.Counts.Passed > 0:
			r.Status = Passed
		default:
			r.Status = FeatureNotTested
		}
		out = append(out, r)
	}
	return out
}

// featuresOf names the features of rs whose status is st.
func featuresOf(rs []FeatureResult, st Status) []string {
	var out []string
	for _, r := range rs {
		if r.Status == st {
			out = append(out, r.Name)
		}
	}
	return out
}

// FeaturesLine says in one line which of Okta's features the verdict
// covers: "covers Users, Create Users; not tested: Sync Password; not
// supported (skipped): Push Groups". "" when the run names no features.
func FeaturesLine(run Run) string {
	rs := FeatureResults(run)
	if len(rs) == 0 {
		return ""
	}
	var parts []string
	if v := featuresOf(rs, Passed); len(v) > 0 {
		parts = append(parts, "covers "+strings.Join(v, ", "))
	} else {
		parts = append(parts, "covers no feature")
	}
	if v := featuresOf(rs, Failed); len(v) > 0 {
		parts = append(parts, "failed: "+strings.Join(v, ", "))
	}
	if v := featuresOf(rs, FeatureNotTested); len(v) > 0 {
		parts = append(parts, "not tested: "+strings.Join(v, ", "))
	}
	if v := featuresOf(rs, FeatureUnsupported); len(v) > 0 {
		parts = append(parts, "not supported, so skipped: "+strings.Join(v, ", "))
	}
	return strings.Join(parts, "; ")
}

// DeclaredLine names the declared features and who declared them: "Create
// Users, Push Groups (declared by --supports)"; "" when the run names no
// features.
func DeclaredLine(run Run) string {
	if len(run.Features) == 0 {
		return ""
	}
	var names []string
	for _, f := range run.Features {
		if f.Declared {
			names = append(names, f.Name)
		}
	}
	from := run.FeaturesFrom
	if from == "" {
		return "every feature of Okta's (none declared: the default)"
	}
	return strings.Join(names, ", ") + " (declared by " + from + ")"
}
