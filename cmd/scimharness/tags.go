package main

import (
	"fmt"
	"slices"
	"strings"
)

// tagExpr is a godog tag expression: groups joined by "&&", each a list of
// tags joined by ",", any of which may be negated with "~":
// "@ZN-04,@ZN-05 && ~@admin-api". It matches as godog v0.16.0 does.
type tagExpr [][]string

// parseTags checks expr; godog itself would panic on an empty tag.
func parseTags(expr string) (tagExpr, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, nil
	}
	var out tagExpr
	for _, and := range strings.Split(expr, "&&") {
		var or []string
		for _, t := range strings.Split(and, ",") {
			t = strings.ReplaceAll(strings.TrimSpace(t), "@", "")
			if strings.TrimPrefix(t, "~") == "" || strings.ContainsAny(t, " \t()!|") {
				return nil, fmt.Errorf("--tags %q: expected tags joined by ',' (or) and '&&' (and), each maybe negated with '~', such as \"@ZN-04,@ZN-05 && ~@admin-api\"", expr)
			}
			or = append(or, t)
		}
		out = append(out, or)
	}
	return out, nil
}

// match reports whether a scenario with tags (each with its "@") matches.
func (e tagExpr) match(tags []string) bool {
	has := func(t string) bool { return slices.Contains(tags, "@"+t) }
	for _, or := range e {
		ok := false
		for _, t := range or {
			if neg, isNeg := strings.CutPrefix(t, "~"); isNeg {
				ok = ok || !has(neg)
			} else {
				ok = ok || has(t)
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
