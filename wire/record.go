package wire

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/scimharness/scimharness/reports"
)

// recordLine is one line of a recording: the JSON of reports.Exchange with
// the scenario it belonged to as session.
type recordLine struct {
	Session string `json:"session"`
	reports.Exchange
}

// Record writes the exchanges of a run's scenarios as JSON lines (the
// format Read takes back), one exchange a line in the order each scenario
// made them, each with its scenario ("features/okta/user_create.feature:24")
// as the session. Every exchange is redacted as the reports are
// (reports.RedactExchange with secrets): a recording holds no token or
// password. It returns how many exchanges it wrote.
func Record(w io.Writer, scenarios []reports.Scenario, secrets ...string) (int, error) {
	bw := bufio.NewWriter(w)
	n := 0
	for _, sc := range scenarios {
		session := fmt.Sprintf("%s:%d", sc.URI, sc.Line)
		for _, st := range sc.Steps {
			for _, x := range st.Exchanges {
				b, err := json.Marshal(recordLine{Session: session, Exchange: reports.RedactExchange(x, secrets...)})
				if err != nil {
					return n, fmt.Errorf("recording %s %s: %w", x.Method, x.URL, err)
				}
				bw.Write(b)
				bw.WriteByte('\n')
				n++
			}
		}
	}
	return n, bw.Flush()
}
