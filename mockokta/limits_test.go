package mockokta_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/mockokta"
)

// A target that meets a bound fails the operation with a task that names
// the bound; a secret it echoes, in any encoding, is in no exchange and no
// task, even where a cut would have halved it.
func TestLimitsAndSecrets(t *testing.T) {
	const token = "tok/9F+c-DISTINCTIVE-secret"
	list := func(w http.ResponseWriter, n, total int) {
		w.Header().Set("Content-Type", "application/scim+json")
		var b strings.Builder
		fmt.Fprintf(&b, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":%d,"startIndex":1,"itemsPerPage":%d,"Resources":[`, total, n)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id":"u%d","userName":"u%d@example.com","active":true}`, i, i)
		}
		b.WriteString("]}")
		_, _ = w.Write([]byte(b.String()))
	}
	escaped, _ := json.Marshal(token)
	phpToken := strings.ReplaceAll(strings.Trim(string(escaped), `"`), "/", `\/`)
	limits := mockokta.Limits{BodyBytes: 2 << 20, DetailBytes: 512, PageResources: 150, ImportPages: 3}
	tests := map[string]struct {
		handler http.HandlerFunc
		op      func(context.Context, *mockokta.Org) error
		want    string // in the error and the task
	}{
		"an echoed token straddling the cut": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/scim+json")
				w.Header().Set("X-Echo", token)
				w.WriteHeader(http.StatusBadRequest)
				// 64 KiB is where the exchange's body is cut.
				fmt.Fprintf(w, `{"detail":"%s%s %s"}`, strings.Repeat("x", 64<<10-13), phpToken, phpToken)
			},
			op:   func(ctx context.Context, o *mockokta.Org) error { return o.Assign(ctx, "ada@example.com") },
			want: "bound DetailBytes",
		},
		"a detail of a megabyte": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusBadRequest)
				fmt.Fprintf(w, `{"detail":"%s"}`, strings.Repeat("y", 1<<20))
			},
			op:   func(ctx context.Context, o *mockokta.Org) error { return o.Assign(ctx, "ada@example.com") },
			want: "bound DetailBytes",
		},
		"a body over BodyBytes": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write(bytes.Repeat([]byte(" "), 3<<20))
			},
			op:   func(ctx context.Context, o *mockokta.Org) error { return o.Assign(ctx, "ada@example.com") },
			want: "bound BodyBytes",
		},
		"a gzip bomb": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "gzip")
				zw := gzip.NewWriter(w)
				_, _ = zw.Write(bytes.Repeat([]byte(" "), 16<<20))
				_ = zw.Close()
			},
			op:   func(ctx context.Context, o *mockokta.Org) error { return o.Assign(ctx, "ada@example.com") },
			want: "larger than 2 MiB once decompressed (bound BodyBytes",
		},
		"headers over HeaderBytes": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Big", strings.Repeat("h", 128<<10))
				w.WriteHeader(http.StatusOK)
			},
			op:   func(ctx context.Context, o *mockokta.Org) error { return o.Assign(ctx, "ada@example.com") },
			want: "bound HeaderBytes",
		},
		"a page over PageResources": {
			handler: func(w http.ResponseWriter, r *http.Request) { list(w, 151, 151) },
			op: func(ctx context.Context, o *mockokta.Org) error {
				_, err := o.ImportUsers(ctx)
				return err
			},
			want: "bound PageResources",
		},
		"paging forever": {
			handler: func(w http.ResponseWriter, r *http.Request) { list(w, 100, 1<<31-1) },
			op: func(ctx context.Context, o *mockokta.Org) error {
				_, err := o.ImportUsers(ctx)
				return err
			},
			want: "the import read 3 pages (300 resources) and totalResults 2147483647 says there are more (bound ImportPages",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			tr := srv.Client().Transport.(*http.Transport).Clone()
			limits.ApplyTo(tr)
			o, err := mockokta.NewOrg(mockokta.Config{BaseURL: srv.URL + "/scim/v2", Client: &http.Client{Transport: tr},
				Auth: mockokta.Bearer(token), Limits: limits, Secrets: []string{token}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := o.AddUser(mockokta.User{Login: "ada@example.com", FirstName: "Ada", LastName: "Lovelace"}); err != nil {
				t.Fatal(err)
			}
			err = tt.op(context.Background(), o)
			var te *mockokta.TaskError
			if !errors.As(err, &te) {
				t.Fatalf("error %v, want a task", err)
			}
			if !strings.Contains(te.Task.Message, tt.want) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("task %q\nerror %q\nwant both to say %q", te.Task.Message, err, tt.want)
			}
			if n := len(te.Task.Message); n > 2*limits.DetailBytes {
				t.Errorf("the task message is %d bytes, over the bound", n)
			}
			all, _ := json.Marshal(struct {
				X []mockokta.Exchange
				T []mockokta.Task
				E string
			}{o.Transcript(), o.Tasks(), err.Error()})
			for _, form := range []string{token, phpToken, "tok/9F", "tok\\/9F", "DISTINCTIVE"} {
				if bytes.Contains(all, []byte(form)) {
					t.Errorf("the transcript or a task holds %q", form)
				}
			}
		})
	}
}
