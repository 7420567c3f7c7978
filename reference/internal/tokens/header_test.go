package tokens

import (
	"encoding/base64"
	"net/http"
	"testing"
)

func TestCredential(t *testing.T) {
	basic := func(s string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		header    string
		token     string
		wantBasic bool
	}{
		{"Bearer T0K", "T0K", false},
		{"bearer  T0K ", "T0K", false},
		{"T0K", "T0K", false}, // the raw token
		{"Bearer", "", false}, // a scheme without its token
		{"Basic", "", true},
		{basic("okta:T0K"), "T0K", true}, // the token is the password
		{basic(":T0K"), "T0K", true},
		{basic("okta"), "", true}, // no password
		{"Basic !!!", "", true},   // not base64
		{"Token T0K", "Token T0K", false},
	}
	for _, tc := range tests {
		token, isBasic := Credential(tc.header)
		if token != tc.token || isBasic != tc.wantBasic {
			t.Errorf("Credential(%q) = %q, %v; want %q, %v", tc.header, token, isBasic, tc.token, tc.wantBasic)
		}
	}
}

func TestAuthorization(t *testing.T) {
	tests := []struct {
		values []string
		h      string
		n      int
	}{
		{nil, "", 0},
		{[]string{"Bearer A"}, "Bearer A", 1},
		{[]string{"Bearer A", "Bearer B"}, "Bearer A", 2},
	}
	for _, tc := range tests {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		for _, v := range tc.values {
			r.Header.Add("Authorization", v)
		}
		if h, n := Authorization(r); h != tc.h || n != tc.n {
			t.Errorf("Authorization(%q) = %q, %d; want %q, %d", tc.values, h, n, tc.h, tc.n)
		}
	}
}
