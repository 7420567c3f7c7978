package reftest

import (
	"net/http"
	"testing"
)

func TestStart(t *testing.T) {
	for _, admin := range []bool{false, true} {
		ts := Start(t, Config(admin, "filter-miss-404"))
		for path, want := range map[string]int{
			"/scim/v2/Users?filter=userName%20eq%20%22nobody%40example.com%22": http.StatusNotFound, // the fault
			"/admin/orgs/default": map[bool]int{false: http.StatusNotFound, true: http.StatusOK}[admin],
		} {
			token := Token
			if path[1] == 'a' {
				token = AdminToken
			}
			req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("admin %v: GET %s: %d, want %d", admin, path, resp.StatusCode, want)
			}
		}
	}
}
