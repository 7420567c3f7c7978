package reports

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Cucumber JSON as godog's "cucumber" formatter writes it: FromCucumber
// reads it and WriteCucumber writes it.
type (
	cukeFeature struct {
		URI         string        `json:"uri"`
		ID          string        `json:"id"`
		Keyword     string        `json:"keyword"`
		Name        string        `json:"name"`
		Description string        `json:"description"`
		Line        int           `json:"line"`
		Elements    []cukeElement `json:"elements"`
	}
	cukeElement struct {
		ID          string     `json:"id"`
		Keyword     string     `json:"keyword"`
		Name        string     `json:"name"`
		Description string     `json:"description"`
		Line        int        `json:"line"`
		Type        string     `json:"type"`
		Tags        []cukeTag  `json:"tags"`
		Steps       []cukeStep `json:"steps"`
	}
	cukeTag struct {
		Name string `json:"name"`
		Line int    `json:"line"`
	}
	cukeStep struct {
		Keyword    string          `json:"keyword"`
		Name       string          `json:"name"`
		Line       int             `json:"line"`
		Result     cukeResult      `json:"result"`
		Embeddings []cukeEmbedding `json:"embeddings,omitempty"`
	}
	cukeResult struct {
		Status   string `json:"status"`
		Error    string `json:"error_message,omitempty"`
		Duration int64  `json:"duration,omitempty"` // nanoseconds
	}
	cukeEmbedding struct {
		Name     string `json:"name"`
		MimeType string `json:"mime_type"`
		Data     string `json:"data"` // base64
	}
)

// FromCucumber reads the cucumber JSON that godog's "cucumber" formatter
// writes and returns its scenarios in file order, each with the harness's own
// status: Failed if any step failed or was undefined, pending or ambiguous;
// else Skipped if any step was skipped; else Passed. Attachments of media
// type MediaTypeExchange become Step.Exchanges, one of MediaTypeSkipReason
// becomes Scenario.Reason (a skipped scenario whose reason starts with
// NotRunPrefix is NotRun), one of MediaTypeWarning a Scenario.Warnings entry,
// and any other becomes a Step.Attachment.
//
// An exchange attachment that is not valid JSON is kept as an Attachment, so
// nothing is lost. Input that is not cucumber JSON gets an error.
func FromCucumber(r io.Reader) ([]Scenario, error) {
	var features []cukeFeature
	dec := json.NewDecoder(r)
	if err := dec.Decode(&features); err != nil {
		return nil, fmt.Errorf("read cucumber json: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("read cucumber json: unexpected data after the list of features")
	}
	var out []Scenario
	for fi, f := range features {
		for ei, e := range f.Elements {
			if e.Type != "" && e.Type != "scenario" {
				continue // backgrounds are folded into scenarios by godog
			}
			s, err := fromElement(f, e)
			if err != nil {
				return nil, fmt.Errorf("read cucumber json: feature %d (%s), scenario %d (%s): %w", fi, f.URI, ei, e.Name, err)
			}
			out = append(out, s)
		}
	}
	return out, nil
}

func fromElement(f cukeFeature, e cukeElement) (Scenario, error) {
	s := Scenario{Feature: f.Name, Name: e.Name, URI: f.URI, Line: e.Line}
	seen := map[string]bool{}
	for _, t := range e.Tags {
		// godog lists the feature's tags before the scenario's; a tag on both appears once.
		if !seen[t.Name] {
			seen[t.Name] = true
			s.Tags = append(s.Tags, t.Name)
		}
	}
	for si, cs := range e.Steps {
		st := Step{Keyword: cs.Keyword, Text: cs.Name, Status: cs.Result.Status, Error: cs.Result.Error}
		if cs.Result.Duration > 0 {
			st.Duration = time.Duration(cs.Result.Duration)
		}
		for ai, em := range cs.Embeddings {
			data, err := base64.StdEncoding.DecodeString(em.Data)
			if err != nil {
				return Scenario{}, fmt.Errorf("step %d, embedding %d (%s): data is not base64: %w", si, ai, em.MimeType, err)
			}
			switch mediaType(em.MimeType) {
			case MediaTypeExchange:
				var x Exchange
				if err := json.Unmarshal(data, &x); err != nil {
					st.Attachments = append(st.Attachments, Attachment{Name: em.Name, MediaType: em.MimeType, Data: data})
					continue
				}
				st.Exchanges = append(st.Exchanges, x)
			case MediaTypeSkipReason:
				s.Reason = joinReason(s.Reason, strings.TrimSpace(string(data)))
			case MediaTypeWarning:
				s.Warnings = append(s.Warnings, strings.TrimSpace(string(data)))
			default:
				st.Attachments = append(st.Attachments, Attachment{Name: em.Name, MediaType: em.MimeType, Data: data})
			}
		}
		s.Duration += st.Duration
		s.Steps = append(s.Steps, st)
	}
	s.Status = scenarioStatus(s.Steps)
	if s.Status == Skipped && strings.HasPrefix(s.Reason, NotRunPrefix) {
		s.Status = NotRun
	}
	return s, nil
}

// mediaType is m without parameters, lower case.
func mediaType(m string) string {
	if i := strings.IndexByte(m, ';'); i >= 0 {
		m = m[:i]
	}
	return strings.ToLower(strings.TrimSpace(m))
}

func joinReason(a, b string) string {
	switch {
	case b == "" || a == b:
		return a
	case a == "":
		return b
	}
	return a + " " + b
}

// scenarioStatus derives the harness's status from godog's step statuses.
func scenarioStatus(steps []Step) Status {
	skipped := false
	for _, st := range steps {
		switch st.Status {
		case "passed":
		case "skipped":
			skipped = true
		default: // failed, undefined, pending, ambiguous, or anything unknown
			return Failed
		}
	}
	if len(steps) == 0 {
		return Failed // godog fails a scenario without steps
	}
	if skipped {
		return Skipped
	}
	return Passed
}

// WriteCucumber writes run's scenarios as cucumber JSON, in the shape
// godog's "cucumber" formatter writes and FromCucumber reads back: a feature
// per feature file, a scenario element per scenario, its steps with their
// results, exchanges and other attachments as base64 embeddings, and a
// skipped scenario's reason as a MediaTypeSkipReason embedding. Secrets are
// redacted before anything is encoded, so none hides inside base64.
func WriteCucumber(w io.Writer, run Run) error {
	return render(w, run, writeCucumber)
}

func writeCucumber(buf *bytes.Buffer, run Run) error {
	features := []cukeFeature{}
	index := map[string]int{}
	for _, s := range run.Scenarios {
		key := s.URI + "\x00" + s.Feature
		i, ok := index[key]
		if !ok {
			i = len(features)
			index[key] = i
			features = append(features, cukeFeature{URI: s.URI, ID: cukeID(s.Feature), Keyword: "Feature", Name: s.Feature, Line: 1, Elements: []cukeElement{}})
		}
		e := cukeElement{ID: cukeID(s.Feature) + ";" + cukeID(s.Name), Keyword: "Scenario", Name: s.Name, Line: s.Line, Type: "scenario", Tags: []cukeTag{}, Steps: []cukeStep{}}
		for _, t := range s.Tags {
			e.Tags = append(e.Tags, cukeTag{Name: t, Line: max(s.Line-1, 0)})
		}
		for j, st := range s.Steps {
			cs := cukeStep{Keyword: st.Keyword, Name: st.Text, Line: s.Line + j + 1,
				Result: cukeResult{Status: st.Status, Error: st.Error, Duration: int64(st.Duration)}}
			if j == 0 && s.Reason != "" {
				cs.Embeddings = append(cs.Embeddings, embedding("skip reason", MediaTypeSkipReason, []byte(s.Reason)))
			}
			for _, x := range st.Exchanges {
				b, err := json.Marshal(x)
				if err != nil {
					return err
				}
				cs.Embeddings = append(cs.Embeddings, embedding(x.Method+" "+x.URL, MediaTypeExchange, b))
			}
			for _, a := range st.Attachments {
				cs.Embeddings = append(cs.Embeddings, embedding(a.Name, a.MediaType, a.Data))
			}
			if j == len(s.Steps)-1 {
				for _, w := range s.Warnings {
					cs.Embeddings = append(cs.Embeddings, embedding("warning", MediaTypeWarning, []byte(w)))
				}
			}
			e.Steps = append(e.Steps, cs)
		}
		features[i].Elements = append(features[i].Elements, e)
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	return enc.Encode(features)
}

func embedding(name, mediaType string, data []byte) cukeEmbedding {
	return cukeEmbedding{Name: name, MimeType: mediaType, Data: base64.StdEncoding.EncodeToString(data)}
}

// cukeID is godog's id of a name: lower case, spaces as dashes.
func cukeID(name string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), " ", "-")
}
