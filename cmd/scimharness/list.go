package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/scimharness/scimharness/suite"
)

// listedScenario is one scenario as `scimharness list` shows it.
type listedScenario struct {
	Location   string   `json:"location"` // features/okta/user_create.feature:12
	Part       string   `json:"part"`     // "Okta core", "Zinc"; "" for --features files
	Feature    string   `json:"feature"`
	Name       string   `json:"name"`
	Behaviours []string `json:"behaviours"` // ZN-01, OK-04
	Tags       []string `json:"tags"`       // every tag, with its "@"
}

func runList(e env) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var (
		dirs     dirFlags
		only     bool
		tags     string
		asJSON   bool
		app      string
		appDir   string
		supports string
	)
	fs.Var(&dirs, "features", "directory of your own .feature files to list too (repeatable)")
	fs.BoolVar(&only, "only", false, "list only the --features directories, not the embedded suite")
	fs.StringVar(&tags, "tags", "", `list only the scenarios these tags select, as run --tags: "@ZN-04 && ~@admin-api"`)
	fs.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	registerAppFlags(fs, &app, &appDir)
	registerSupportsFlag(fs, &supports)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: scimharness list [--app zinc|none | --app-dir DIR] [--supports FEATURES] [--tags EXPR] [--features DIR]... [--only] [--json]")
		fmt.Fprintln(e.stderr, "Lists the suite's scenarios with their location, tags and behaviour IDs.")
		fs.PrintDefaults()
	}
	if code, ok := parseArgs(fs, e); !ok {
		return code
	}
	expr, err := parseTags(tags)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness list: %v\n", err)
		return exitUsage
	}
	parts, err := suite.Load(app, appDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness list: %v\n", err)
		return exitUsage
	}
	src, err := suite.NewSources(parts, dirs, only)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness list: %v\n", err)
		return exitUsage
	}
	// Only --supports narrows the list: without it, list shows the whole
	// suite, whatever a pack declares.
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "supports" })
	var decl declaration
	if given {
		if decl, err = resolveSupports(supports, true, parts); err != nil {
			fmt.Fprintf(e.stderr, "scimharness list: %v\n", err)
			return exitUsage
		}
	}
	all, err := listScenarios(src)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness list: %v\n", oneLine(err))
		return exitUsage
	}
	var out []listedScenario
	for _, s := range all {
		if expr.match(s.Tags) && decl.allows(s.Tags) {
			out = append(out, s)
		}
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return exitFailed
		}
		return exitOK
	}
	return printList(e.stdout, out)
}

func printList(w io.Writer, out []listedScenario) int {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LOCATION\tPART\tSCENARIO\tBEHAVIOURS\tOTHER TAGS")
	for _, s := range out {
		var other []string
		for _, t := range s.Tags {
			if !strings.HasPrefix(t, "@ZN-") && !strings.HasPrefix(t, "@OK-") {
				other = append(other, t)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Location, orDash(s.Part), s.Name, strings.Join(s.Behaviours, " "), strings.Join(other, " "))
	}
	if err := tw.Flush(); err != nil {
		return exitFailed
	}
	fmt.Fprintf(w, "%d scenarios\n", len(out))
	return exitOK
}

// listScenarios parses every feature file into its scenarios, one per
// Examples row of an outline, as godog runs them.
func listScenarios(src *suite.Sources) ([]listedScenario, error) {
	files, err := src.Files()
	if err != nil {
		return nil, err
	}
	var out []listedScenario
	for _, f := range files {
		ids := &messages.Incrementing{}
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(f.Contents), ids.NewId)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		if doc.Feature == nil {
			continue
		}
		lines := map[string]int64{}
		for _, c := range doc.Feature.Children {
			collectLines(c.Scenario, lines)
			if c.Rule != nil {
				for _, rc := range c.Rule.Children {
					collectLines(rc.Scenario, lines)
				}
			}
		}
		for _, p := range gherkin.Pickles(*doc, f.Name, ids.NewId) {
			s := listedScenario{Feature: doc.Feature.Name, Part: src.Part(f.Name), Name: p.Name, Behaviours: []string{}}
			line := int64(0)
			for _, id := range p.AstNodeIds {
				if l, ok := lines[id]; ok {
					line = l // the Examples row wins over the outline
				}
			}
			s.Location = fmt.Sprintf("%s:%d", f.Name, line)
			for _, t := range p.Tags {
				s.Tags = append(s.Tags, t.Name)
			}
			s.Behaviours = append(s.Behaviours, suite.BehaviourIDs(s.Tags)...)
			out = append(out, s)
		}
	}
	return out, nil
}

func collectLines(s *messages.Scenario, lines map[string]int64) {
	if s == nil {
		return
	}
	lines[s.Id] = s.Location.Line
	for _, ex := range s.Examples {
		for _, row := range ex.TableBody {
			lines[row.Id] = row.Location.Line
		}
	}
}

// orDash is s, or "-" for "".
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
