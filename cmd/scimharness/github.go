package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/scimharness/scimharness/features"
	"github.com/scimharness/scimharness/reports"
)

// runGitHub is the entry point of the GitHub Action (action.yml): it runs
// the suite as `run` does, with the Action's inputs turned into run's flags,
// and then publishes the result to the job: summary.md appended to
// $GITHUB_STEP_SUMMARY, an error annotation per failed scenario at its
// feature file and line (with --gate core, a warning for a failed scenario
// outside the Okta core, which does not fail the job), and the verdict, counts, exit code and reports
// directory in $GITHUB_OUTPUT. Its exit code is run's, so the step gates.
//
// The inputs come as environment variables that action.yml sets from its
// inputs (a composite action gets none by itself): INPUT_TARGET,
// INPUT_APP, INPUT_APP_DIR, INPUT_SUPPORTS, INPUT_GATE, INPUT_REPORTS and
// INPUT_ARGS (more of run's flags, split as a shell would split them);
// the token comes as $SCIMHARNESS_TOKEN, which run reads itself, so it is
// never on a command line. Arguments after `github` are run's flags too.
func runGitHub(e env) int {
	args, err := githubArgs(e.getenv)
	if err != nil {
		fmt.Fprintf(e.stderr, "scimharness github: %v\n", err)
		fmt.Fprintf(e.stdout, "::error title=scimharness::%s\n", escapeData(err.Error()))
		return exitUsage
	}
	args = append(args, e.args...)
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return runRun(env{ctx: e.ctx, args: args, stdout: e.stdout, stderr: e.stderr, getenv: e.getenv})
		}
	}
	dir := flagValue(args, "reports", "scim-reports")

	// Nothing the run prints (a target's answers among it) may be read by
	// the runner as a workflow command: commands stop until the token.
	token := stopToken()
	fmt.Fprintf(e.stdout, "::stop-commands::%s\n", token)
	code := runRun(env{ctx: e.ctx, args: args, stdout: e.stdout, stderr: e.stderr, getenv: e.getenv})
	fmt.Fprintf(e.stdout, "\n::%s::\n", token)

	p := publisher{
		out:       e.stdout,
		summary:   e.getenv("GITHUB_STEP_SUMMARY"),
		output:    e.getenv("GITHUB_OUTPUT"),
		workspace: e.getenv("GITHUB_WORKSPACE"),
		mounts:    featureMounts(args),
	}
	if flagValue(args, "gate", "") == "core" {
		// Only the Okta core's failures fail the job: the others warn.
		core, err := features.Core()
		if err != nil {
			fmt.Fprintf(e.stderr, "scimharness github: %v\n", err)
			return exitUsage
		}
		p.gatedPart = core.Name
	}
	if err := p.publish(dir, code); err != nil {
		fmt.Fprintf(e.stderr, "scimharness github: %v\n", err)
		fmt.Fprintf(e.stdout, "::error title=scimharness::%s\n", escapeData(err.Error()))
		if code == exitOK {
			code = exitUsage
		}
	}
	return code
}

// githubArgs turns the Action's inputs into run's flags.
func githubArgs(getenv func(string) string) ([]string, error) {
	var args []string
	for _, in := range []struct{ env, flag string }{
		{"INPUT_TARGET", "target"},
		{"INPUT_APP", "app"},
		{"INPUT_APP_DIR", "app-dir"},
		{"INPUT_SUPPORTS", "supports"},
		{"INPUT_GATE", "gate"},
		{"INPUT_REPORTS", "reports"},
	} {
		if v := strings.TrimSpace(getenv(in.env)); v != "" {
			args = append(args, "--"+in.flag, v)
		}
	}
	extra, err := shellWords(getenv("INPUT_ARGS"))
	if err != nil {
		return nil, fmt.Errorf("input args: %w", err)
	}
	return append(args, extra...), nil
}

// shellWords splits s into words as a POSIX shell would, without
// expansions: blanks separate words; single quotes keep everything; double
// quotes keep everything but a backslash before " or \; a backslash outside
// quotes keeps the next character.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("unterminated ' in %q", s)
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated \" in %q", s)
			}
			inWord = true
		case c == '\\':
			if i+1 < len(s) {
				i++
				cur.WriteByte(s[i])
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// flagValue is the last value given to the flag name in args (as -name V,
// --name V, -name=V or --name=V), or def.
func flagValue(args []string, name, def string) string {
	return lastOr(flagValues(args, name), def)
}

func flagValues(args []string, name string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		for _, p := range []string{"-" + name, "--" + name} {
			if a == p && i+1 < len(args) {
				out = append(out, args[i+1])
				i++
			} else if v, ok := strings.CutPrefix(a, p+"="); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

func lastOr(vs []string, def string) string {
	if len(vs) == 0 {
		return def
	}
	return vs[len(vs)-1]
}

// featureMounts maps the names under which a run mounts the directories of
// --app-dir and --features (suite.NewSources: the base name, "local" for
// "features", made unique in that order) back to the directories given, so
// that an annotation points at the file in the repository.
func featureMounts(args []string) map[string]string {
	var dirs []string
	if !hasFlag(args, "only") {
		if d := flagValue(args, "app-dir", ""); d != "" {
			dirs = append(dirs, d)
		}
	}
	dirs = append(dirs, flagValues(args, "features")...)
	used := map[string]bool{}
	out := map[string]string{}
	for _, d := range dirs {
		name := filepath.Base(filepath.Clean(d))
		if name == "." || name == "/" || name == "" || name == "features" {
			name = "local"
		}
		for base, n := name, 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		used[name] = true
		out[name] = d
	}
	return out
}

// hasFlag reports whether the boolean flag name is given bare (-name or --name).
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "-"+name || a == "--"+name || a == "-"+name+"=true" || a == "--"+name+"=true" {
			return true
		}
	}
	return false
}

// publisher writes a run's result where GitHub Actions shows it.
type publisher struct {
	out       io.Writer         // the step's log: workflow commands
	summary   string            // $GITHUB_STEP_SUMMARY; "" outside Actions
	output    string            // $GITHUB_OUTPUT; "" outside Actions
	workspace string            // $GITHUB_WORKSPACE, to make paths relative to the repository
	mounts    map[string]string // mount name -> directory given (featureMounts)
	// gatedPart, when set (--gate core), is the one part whose failed
	// scenarios are errors; the others' are warnings.
	gatedPart string
}

// ghSummary is what publish reads of summary.json (schema version 1).
type ghSummary struct {
	SchemaVersion int    `json:"schemaVersion"`
	Verdict       string `json:"verdict"`
	TargetStopped string `json:"targetStopped"`
	Counts        struct {
		Passed, Failed, Skipped, Total int
		NotRun                         int `json:"notRun"`
	} `json:"counts"`
	Scenarios []struct {
		Feature  string   `json:"feature"`
		Name     string   `json:"name"`
		Location string   `json:"location"`
		Tags     []string `json:"tags"`
		Part     string   `json:"part"`
		Status   string   `json:"status"`
		Error    string   `json:"error"`
		Reason   string   `json:"reason"`
	} `json:"scenarios"`
}

// maxAnnotationMessage caps an annotation's message (the failing step's
// error, with the request and response it shows): the rest is in the reports.
const maxAnnotationMessage = 4 << 10

// publish reads the reports in dir and publishes them; code is run's exit code.
func (p publisher) publish(dir string, code int) error {
	outputs := [][2]string{{"exit-code", strconv.Itoa(code)}, {"reports", dir}}
	b, err := os.ReadFile(filepath.Join(dir, reports.SummaryFile))
	if errors.Is(err, fs.ErrNotExist) {
		// A usage error: run said why on stderr and wrote nothing.
		fmt.Fprintf(p.out, "::error title=scimharness::%s\n", escapeData(fmt.Sprintf("scimharness run exited %d without writing its reports to %s: see the log above", code, dir)))
		return p.writeOutputs(append(outputs, [2]string{"verdict", "error"}))
	}
	if err != nil {
		return fmt.Errorf("read the run's summary: %w", err)
	}
	var s ghSummary
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("read %s: %w", filepath.Join(dir, reports.SummaryFile), err)
	}
	if s.SchemaVersion != reports.SummarySchemaVersion {
		return fmt.Errorf("%s: schemaVersion %d, want %d", filepath.Join(dir, reports.SummaryFile), s.SchemaVersion, reports.SummarySchemaVersion)
	}

	if p.summary != "" {
		md, err := os.ReadFile(filepath.Join(dir, reports.MarkdownFile))
		if err != nil {
			return fmt.Errorf("read the run's summary.md: %w", err)
		}
		if err := appendFile(p.summary, md); err != nil {
			return fmt.Errorf("write the job summary ($GITHUB_STEP_SUMMARY): %w", err)
		}
	}

	if s.TargetStopped != "" {
		fmt.Fprintf(p.out, "::error title=The target stopped answering::%s\n", escapeData(s.TargetStopped))
	}
	for _, sc := range s.Scenarios {
		// A scenario that did not run is annotated as a failed one is: a
		// run with one is never a pass (docs/verdicts.md).
		var msg string
		switch sc.Status {
		case string(reports.Failed):
			msg = sc.Error
			if msg == "" {
				msg = "the scenario failed"
			}
		case string(reports.NotRun):
			msg = sc.Reason
			if msg == "" {
				msg = "not run"
			}
		default:
			continue
		}
		file, line := p.fileLine(sc.Location)
		title := sc.Name
		if ids := behaviourIDs(sc.Tags); ids != "" {
			title = ids + ": " + sc.Name
		}
		if sc.Status == string(reports.NotRun) {
			title += " (not run)"
		}
		if len(msg) > maxAnnotationMessage {
			msg = msg[:maxAnnotationMessage] + "\n… (cut; the whole error and every exchange are in the reports)"
		}
		level := "error"
		if p.gatedPart != "" && sc.Part != p.gatedPart {
			level = "warning"
			title += " (not gated: --gate core)"
		}
		props := "title=" + escapeProperty(title)
		if file != "" {
			props = "file=" + escapeProperty(file) + ",line=" + strconv.Itoa(line) + "," + props
		}
		fmt.Fprintf(p.out, "::%s %s::%s\n", level, props, escapeData(sc.Feature+": "+msg))
	}
	return p.writeOutputs(append(outputs,
		[2]string{"verdict", s.Verdict},
		[2]string{"passed", strconv.Itoa(s.Counts.Passed)},
		[2]string{"failed", strconv.Itoa(s.Counts.Failed)},
		[2]string{"skipped", strconv.Itoa(s.Counts.Skipped)},
		[2]string{"not-run", strconv.Itoa(s.Counts.NotRun)},
		[2]string{"total", strconv.Itoa(s.Counts.Total)}))
}

// fileLine splits a scenario's location ("features/users.feature:12") and
// maps a mounted directory back to the one given, relative to the
// workspace when it lies in it.
func (p publisher) fileLine(loc string) (string, int) {
	i := strings.LastIndexByte(loc, ':')
	if i < 0 {
		return "", 0
	}
	line, err := strconv.Atoi(loc[i+1:])
	if err != nil || line < 1 {
		return "", 0
	}
	file := loc[:i]
	if mount, rest, ok := strings.Cut(file, "/"); ok {
		if dir, ok := p.mounts[mount]; ok {
			file = filepath.Join(dir, rest)
		}
	}
	if filepath.IsAbs(file) && p.workspace != "" {
		if rel, err := filepath.Rel(p.workspace, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = rel
		}
	}
	return filepath.ToSlash(file), line
}

// behaviourID is a behaviour tag, such as @ZN-17 or @OK-03.
var behaviourID = regexp.MustCompile(`^@([A-Z]+-[0-9]+)$`)

func behaviourIDs(tags []string) string {
	var ids []string
	for _, t := range tags {
		if m := behaviourID.FindStringSubmatch(t); m != nil {
			ids = append(ids, m[1])
		}
	}
	return strings.Join(ids, ", ")
}

// writeOutputs appends name=value lines to $GITHUB_OUTPUT.
func (p publisher) writeOutputs(kv [][2]string) error {
	if p.output == "" {
		return nil
	}
	var b strings.Builder
	for _, o := range kv {
		// Every value is one line; a newline would start another output.
		fmt.Fprintf(&b, "%s=%s\n", o[0], strings.NewReplacer("\r", " ", "\n", " ").Replace(o[1]))
	}
	if err := appendFile(p.output, []byte(b.String())); err != nil {
		return fmt.Errorf("write the step's outputs ($GITHUB_OUTPUT): %w", err)
	}
	return nil
}

func appendFile(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	return errors.Join(werr, f.Close())
}

// escapeData escapes a workflow command's message as the runner unescapes it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// stopToken is a fresh token for ::stop-commands::.
func stopToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "scimharness-" + hex.EncodeToString(b)
}
