package steps_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/reftest"
	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/reports"
	"github.com/scimharness/scimharness/steps"
)

// Servers that Okta provisions without a failed task, each unlike the
// reference server in one way that Okta's documents allow: the scenarios of
// the behaviour must not fail against them (issue 18, item 3). And servers
// that break a behaviour the way the reference server's faults do not: its
// scenarios must fail.

const (
	enterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	customURN     = "urn:scimharness:schemas:extension:zinc:1.0:User"
)

// quirk changes one exchange with the reference server: it may answer the
// request itself (handled true), or rewrite the reference server's answer.
type quirk struct {
	// request, if set, sees each request first, its body read into body.
	request func(w http.ResponseWriter, r *http.Request, body []byte) (handled bool)
	// response, if set, rewrites the status and JSON body of an answer.
	response func(r *http.Request, status int, body []byte) []byte
}

// quirkyServer serves the reference server (with its Admin Console API)
// through q, and returns a Config for it.
func quirkyServer(t *testing.T, q quirk, faults ...string) steps.Config {
	t.Helper()
	srv, err := reference.New(reftest.Config(true, faults...))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if q.request != nil && q.request(w, r, body) {
			return
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		out := rec.Body.Bytes()
		if q.response != nil && strings.Contains(r.URL.Path, "/scim/v2/") {
			out = q.response(r, rec.Code, out)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(out)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(out)
	}))
	t.Cleanup(ts.Close)
	return steps.Config{AppName: "Zinc", BaseURL: ts.URL + "/scim/v2", AdminURL: ts.URL + "/admin", AdminToken: reftest.AdminToken, HTTPClient: ts.Client()}
}

// scimError answers a SCIM error.
func scimError(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/scim+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"schemas": []string{"urn:ietf:params:scim:api:messages:2.0:Error"}, "status": strconv.Itoa(status), "detail": detail})
}

// editJSON decodes body, lets edit change it, and encodes it again; a body
// that is not a JSON object is returned as it is.
func editJSON(body []byte, edit func(doc map[string]any)) []byte {
	var doc map[string]any
	if json.Unmarshal(body, &doc) != nil {
		return body
	}
	edit(doc)
	out, _ := json.Marshal(doc)
	return out
}

// eachResource calls fn with the document, or with each of its Resources.
func eachResource(doc map[string]any, fn func(map[string]any)) {
	rs, ok := doc["Resources"].([]any)
	if !ok {
		fn(doc)
		return
	}
	for _, r := range rs {
		if m, ok := r.(map[string]any); ok {
			fn(m)
		}
	}
}

// uses reports whether one of the scenario's steps contains text.
func uses(sc reports.Scenario, text string) bool {
	for _, st := range sc.Steps {
		if strings.Contains(st.Text, text) {
			return true
		}
	}
	return false
}

func TestNoFalseAlarm(t *testing.T) {
	if testing.Short() {
		t.Skip("runs scenarios against several servers")
	}
	tests := map[string]struct {
		q    quirk
		tags string
		// mustSkip, if set, picks scenarios that must be skipped; every
		// other scenario of tags must pass.
		mustSkip func(reports.Scenario) bool
	}{
		// docs/okta-entitlements-and-schema.md §6: a later GET does not
		// return a cleared attribute, or returns it empty.
		"a cleared attribute returned empty": {
			q: quirk{response: func(r *http.Request, status int, body []byte) []byte {
				if r.Method != http.MethodGet || !strings.Contains(r.URL.Path, "/Users") {
					return body
				}
				return editJSON(body, func(doc map[string]any) {
					eachResource(doc, func(u map[string]any) {
						for urn, attr := range map[string]string{enterpriseURN: "department", customURN: "officeLocation"} {
							ext, _ := u[urn].(map[string]any)
							if ext == nil {
								ext = map[string]any{}
								u[urn] = ext
							}
							if _, ok := ext[attr]; !ok {
								ext[attr] = ""
							}
						}
					})
				})
			}},
			tags: "@OK-29",
		},
		// Okta neither needs externalId echoed nor kept
		// (docs/okta-protocol.md §10.3).
		"externalId never returned": {
			q: quirk{response: func(r *http.Request, status int, body []byte) []byte {
				if !strings.Contains(r.URL.Path, "/Users") {
					return body
				}
				return editJSON(body, func(doc map[string]any) {
					eachResource(doc, func(u map[string]any) { delete(u, "externalId") })
				})
			}},
			tags: "@OK-04",
		},
		// Okta sends each member it adds with its display
		// (docs/okta-protocol.md §7.6); a server may require it.
		"members added without display refused": {
			q: quirk{request: func(w http.ResponseWriter, r *http.Request, body []byte) bool {
				if r.Method != http.MethodPatch || !strings.Contains(r.URL.Path, "/Groups/") {
					return false
				}
				var p struct {
					Operations []struct {
						Op    string
						Path  string
						Value json.RawMessage
					}
				}
				_ = json.Unmarshal(body, &p)
				for _, op := range p.Operations {
					var ms []map[string]any
					if strings.EqualFold(op.Op, "add") && op.Path == "members" && json.Unmarshal(op.Value, &ms) == nil {
						for _, m := range ms {
							if _, ok := m["display"]; !ok {
								scimError(w, http.StatusBadRequest, "members need a display")
								return true
							}
						}
					}
				}
				return false
			}},
			tags: "@OK-32",
		},
		// An app that does not serve /ResourceTypes lists no extension:
		// the scenarios that need one skip.
		"no /ResourceTypes": {
			q: quirk{request: func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
				if strings.HasSuffix(r.URL.Path, "/ResourceTypes") {
					scimError(w, http.StatusNotFound, "no such endpoint")
					return true
				}
				return false
			}},
			tags:     "@OK-27,@OK-28,@OK-29",
			mustSkip: func(sc reports.Scenario) bool { return uses(sc, "lists the extension") },
		},
		// An app without the enterprise extension: /ResourceTypes lists
		// none, and the app keeps no enterprise attribute.
		"no enterprise extension": {
			q: quirk{response: func(r *http.Request, status int, body []byte) []byte {
				return editJSON(body, func(doc map[string]any) {
					eachResource(doc, func(res map[string]any) {
						delete(res, enterpriseURN)
						if exts, ok := res["schemaExtensions"].([]any); ok {
							var keep []any
							for _, e := range exts {
								if m, _ := e.(map[string]any); m["schema"] != enterpriseURN {
									keep = append(keep, e)
								}
							}
							res["schemaExtensions"] = keep
						}
					})
				})
			}},
			tags: "@OK-27,@OK-29",
			mustSkip: func(sc reports.Scenario) bool {
				return uses(sc, `lists the extension "`+enterpriseURN)
			},
		},
		// Okta calls the endpoint /ResourceTypes names for a resource
		// type, whatever its path (docs/okta-entitlements-and-schema.md §1):
		// here /Licenses and /Profiles, and no /Entitlements or /Roles.
		"entitlement endpoints of other names": {
			q: quirk{
				request: func(w http.ResponseWriter, r *http.Request, _ []byte) bool {
					p := r.URL.Path
					if strings.HasPrefix(p, "/scim/v2/Entitlements") || strings.HasPrefix(p, "/scim/v2/Roles") {
						scimError(w, http.StatusNotFound, "no such endpoint")
						return true
					}
					for from, to := range map[string]string{"/scim/v2/Licenses": "/scim/v2/Entitlements", "/scim/v2/Profiles": "/scim/v2/Roles"} {
						if rest, ok := strings.CutPrefix(p, from); ok {
							r.URL.Path, r.URL.RawPath = to+rest, ""
						}
					}
					return false
				},
				response: func(r *http.Request, status int, body []byte) []byte {
					if !strings.HasSuffix(r.URL.Path, "/ResourceTypes") {
						return body
					}
					body = bytes.ReplaceAll(body, []byte(`"/Entitlements"`), []byte(`"/Licenses"`))
					return bytes.ReplaceAll(body, []byte(`"/Roles"`), []byte(`"/Profiles"`))
				},
			},
			tags: "@OK-23,@OK-24,@OK-25,@OK-26",
		},
		// An app's enterprise extension with only the attributes it keeps
		// (here employeeNumber): Import User Schema imports those.
		"an enterprise schema without department and manager": {
			q: quirk{response: func(r *http.Request, status int, body []byte) []byte {
				if !strings.Contains(r.URL.Path, "/Schemas") {
					return body
				}
				return editJSON(body, func(doc map[string]any) {
					eachResource(doc, func(s map[string]any) {
						if s["id"] != enterpriseURN {
							return
						}
						var keep []any
						for _, a := range s["attributes"].([]any) {
							if m, _ := a.(map[string]any); m["name"] == "employeeNumber" {
								keep = append(keep, a)
							}
						}
						s["attributes"] = keep
					})
				})
			}},
			tags: "@OK-30",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			scs := run(t, quirkyServer(t, tc.q), tc.tags)
			if len(scs) == 0 {
				t.Fatalf("no scenario is tagged %s", tc.tags)
			}
			skipped := 0
			for _, sc := range scs {
				want := reports.Passed
				if tc.mustSkip != nil && tc.mustSkip(sc) {
					want = reports.Skipped
					skipped++
				}
				if sc.Status != want {
					t.Errorf("%s: %s, want %s%s", sc.Name, sc.Status, want, failedStep(sc))
				}
			}
			if tc.mustSkip != nil && skipped == 0 {
				t.Error("no scenario needs what this server lacks: the test tests nothing")
			}
		})
	}
}

// The scenarios of deactivation.feature fail when the app refuses or ignores
// Okta's deactivation, not only when Okta sends something else.
func TestDeactivationScenariosCheckTheApp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs scenarios against several servers")
	}
	refuse := quirk{request: func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if (r.Method == http.MethodPatch || r.Method == http.MethodPut) && strings.Contains(r.URL.Path, "/scim/v2/Users/") &&
			bytes.Contains(bytes.ReplaceAll(body, []byte(" "), nil), []byte(`"active":false`)) {
			scimError(w, http.StatusBadRequest, "users cannot be deactivated")
			return true
		}
		return false
	}}
	for name, cfg := range map[string]steps.Config{
		"refused":                      quirkyServer(t, refuse),
		"PATCH ignored (fault)":        quirkyServer(t, quirk{}, "patch-deactivate-ignored"),
		"PUT ignored (fault)":          quirkyServer(t, quirk{}, "put-deactivate-ignored"),
		"PATCH and PUT ignored (both)": quirkyServer(t, quirk{}, "patch-deactivate-ignored", "put-deactivate-ignored"),
	} {
		t.Run(name, func(t *testing.T) {
			failed := map[string]bool{}
			for _, sc := range run(t, cfg, "@OK-18") {
				if strings.HasSuffix(sc.URI, "/deactivation.feature") && sc.Status == reports.Failed {
					failed[sc.Name] = true
				}
			}
			for _, want := range []struct{ scenario, request string }{
				{"An OIN app deactivates with one PATCH without a path", "PATCH"},
				{"An AIW app deactivates by reading the user and putting it back inactive", "PUT"},
			} {
				if name != "refused" && !strings.Contains(name, want.request) {
					continue
				}
				if !failed[want.scenario] {
					t.Errorf("%q passed against a server whose deactivation is %s", want.scenario, name)
				}
			}
		})
	}
}
