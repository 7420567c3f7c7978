package steps

import (
	"context"
	"testing"

	"github.com/cucumber/godog"
)

// BenchmarkAttachImportStep is the end of a step that passed after an Okta
// import of 100,000 users (1,001 pages, as observeOkta keeps them under
// DetailFailed): its exchanges digested, encoded and attached. KiB-attached
// is what goes on to godog and every report.
func BenchmarkAttachImportStep(b *testing.B) {
	s, err := New(Config{BaseURL: "https://app.example.com/scim/v2", Token: "s3cret-token-value"})
	if err != nil {
		b.Fatal(err)
	}
	pages := importPages(1001, nil)
	b.ReportAllocs()
	var size, n int
	for b.Loop() {
		st := &scenario{suite: s, pending: append([]pendingExchange(nil), pages...)}
		atts := godog.Attachments(st.attachPending(context.Background(), false))
		size, n = 0, len(atts)
		for _, a := range atts {
			size += len(a.Body) + len(a.FileName)
		}
	}
	b.ReportMetric(float64(size)/1024, "KiB-attached")
	b.ReportMetric(float64(n), "attachments")
}
