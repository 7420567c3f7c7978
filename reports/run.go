package reports

import (
	"net/http"
	"time"
)

// Media types of the attachments that scenarios make with godog.Attach and
// that FromCucumber decodes.
const (
	// MediaTypeExchange marks the JSON of one Exchange.
	MediaTypeExchange = "application/vnd.scimharness.exchange+json"
	// MediaTypeSkipReason marks the one-sentence reason why a scenario was
	// skipped (a capability the target lacks).
	MediaTypeSkipReason = "text/vnd.scimharness.skip-reason"
	// MediaTypeWarning marks one sentence worth knowing that does not
	// decide the scenario's verdict, such as what its clean-up could not
	// remove.
	MediaTypeWarning = "text/vnd.scimharness.warning"
)

// NotRunPrefix starts the skip reason of a scenario that did not run
// although it should have (the target stopped answering): FromCucumber gives
// it the status NotRun.
const NotRunPrefix = "not run: "

// Status is the harness's own verdict on a scenario, a behaviour or a run.
type Status string

// The statuses. NotCovered is for a behaviour that no scenario ran.
const (
	Passed     Status = "passed"
	Failed     Status = "failed"
	Skipped    Status = "skipped"
	NotCovered Status = "not covered"
	// Interrupted is the verdict of a run stopped before it completed
	// (Run.Interrupted): its scenarios are the partial results.
	Interrupted Status = "interrupted"
	// NotRun is the status of a scenario that did not run, or not to its
	// end, although it should have (its reason starts with NotRunPrefix),
	// and of a behaviour one of whose scenarios did not run.
	NotRun Status = "not run"
	// Incomplete is the verdict of a run (or a part) in which no scenario
	// failed but one did not run, or the target stopped answering: never
	// passed.
	Incomplete Status = "incomplete"
)

// Run is everything one run of the suite reports. The runner fills it: the
// scenarios from FromCucumber, the behaviours from the catalogue.
type Run struct {
	Harness string // harness version, e.g. "v0.3.0" or "devel"
	// HarnessRevision is the VCS revision the harness was built from,
	// "+dirty" appended if the tree had uncommitted changes; "" if the
	// build carries none (go run, go install of a module version).
	HarnessRevision string
	Target          string // the SCIM base URL, without credentials; "" if never known
	// TargetDescription says what the target is when the URL alone does
	// not: "the embedded reference server", "the image app:1.2".
	TargetDescription string
	Profile           string        // the client profile, e.g. "oin" or "aiw"
	Started           time.Time     // when the suite started
	Duration          time.Duration // how long the suite ran

	// Behaviours is the catalogue, in the order the reports list it.
	// Every one appears in every report, covered or not.
	Behaviours []Behaviour
	Scenarios  []Scenario
	// Interrupted is set when the run was stopped (Ctrl-C) before every
	// scenario ran: the verdict is Interrupted whatever the scenarios say.
	Interrupted bool
	// TargetStopped, when set, says that the target stopped answering and
	// at which request ("the target stopped answering after PATCH
	// /Groups/{id}: …"): the scenarios after it were not run. Every report
	// says it once, at its top.
	TargetStopped string
	// Features are Okta's provisioning features, each with whether the app
	// declares it (docs/app-features.md), in Okta's order; FeaturesFrom
	// says who declared them ("--supports", "the Zinc pack"), "" for the
	// default (every feature). Every report names the features a green
	// verdict covers (FeaturesLine). Empty: the run names none.
	Features     []Feature
	FeaturesFrom string
	// Gate names the part whose verdict decides the exit status (GateVerdict),
	// such as "Okta core" for `run --gate core`; "" for the whole run.
	Gate string
	// Logs are extra texts, such as the log of a container the run
	// started: shown at the end of report.html, in junit.xml's
	// system-out, and named in summary.md.
	Logs []Log
	// Secrets are redacted from every report wherever they occur: the
	// tokens given on the command line or in the environment.
	Secrets []string
}

// Behaviour is one entry of the behaviour catalogue.
type Behaviour struct {
	ID         string // e.g. "ZN-17"; scenarios carry it as the tag "@ZN-17"
	Title      string // e.g. "userName is immutable"
	Provenance string // "documented", "okta-doc" or "inferred" (without "@")
	Sentence   string // the documented behaviour, one or a few sentences
	// Part names the part of the suite whose catalogue holds it: "Okta
	// core", or the app pack's name ("Zinc"); "" for a run of one part.
	Part string
}

// Scenario is one scenario as it ran.
type Scenario struct {
	Feature string   // the feature's name
	Name    string   // the scenario's name
	URI     string   // the feature file, e.g. "features/users.feature"
	Line    int      // the scenario's line in URI
	Tags    []string // with the "@", the feature's tags first
	Status  Status   // Passed, Failed, Skipped or NotRun
	Reason  string   // why it was skipped or not run, from a MediaTypeSkipReason attachment
	// Warnings are what is worth knowing but does not decide the verdict
	// (MediaTypeWarning attachments), such as resources its clean-up left.
	Warnings []string
	// Part names the part of the suite the feature file belongs to ("Okta
	// core", "Zinc"); "" for a team's own feature files (--features).
	Part     string
	Duration time.Duration
	Steps    []Step
}

// Step is one step of a scenario as it ran.
type Step struct {
	Keyword string // "Given ", "When ", ... as written, with its trailing space
	Text    string
	// Status is godog's step status: passed, failed, skipped, undefined,
	// pending or ambiguous.
	Status      string
	Error       string // the step's error; for a failed check, expected and actual
	Duration    time.Duration
	Exchanges   []Exchange   // the HTTP exchanges the step made, in order
	Attachments []Attachment // any other attachments
}

// Exchange is one HTTP request and its response, as a step attaches it (the
// JSON of this type, media type MediaTypeExchange).
type Exchange struct {
	Action          string        `json:"action,omitempty"` // the Okta action it belonged to, e.g. "Push new user"
	Kind            string        `json:"kind,omitempty"`   // which API: "scim" or "admin"
	Method          string        `json:"method"`
	URL             string        `json:"url"`
	RequestHeaders  http.Header   `json:"requestHeaders,omitempty"`
	RequestBody     string        `json:"requestBody,omitempty"`
	Status          int           `json:"status,omitempty"` // 0 when no response came
	ResponseHeaders http.Header   `json:"responseHeaders,omitempty"`
	ResponseBody    string        `json:"responseBody,omitempty"`
	Duration        time.Duration `json:"duration,omitempty"` // nanoseconds in JSON
	Error           string        `json:"error,omitempty"`    // the transport error, if any
	// Folded is how many exchanges alike this entry stands for: a step
	// that passed folds a run of them into one (steps' digest, under
	// --reports-detail failed), whose URL is the first's followed by the
	// last's query and whose response body says what it stands for. 0 for
	// one exchange.
	Folded int `json:"folded,omitempty"`
}

// Attachment is an attachment other than an exchange or a skip reason.
type Attachment struct {
	Name      string
	MediaType string
	Data      []byte
}

// Log is a named text shown at the end of report.html.
type Log struct {
	Name string
	Text string
}
