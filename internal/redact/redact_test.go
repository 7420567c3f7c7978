package redact

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestPasswords(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"password":"x"}`, `{"password":"[redacted]"}`},
		{`{"Password" : "a\"b\\"}`, `{"Password" : "[redacted]"}`},
		{`{"PASSWORD":"x","password":"y"}`, `{"PASSWORD":"[redacted]","password":"[redacted]"}`},
		{`{"Operations":[{"op":"replace","value":{"password":"n3w"}}]}`, `{"Operations":[{"op":"replace","value":{"password":"[redacted]"}}]}`},
		{`{"password":""}`, `{"password":"[redacted]"}`},
		{`{"password":null,"x":"password"}`, `{"password":null,"x":"password"}`},
		{`{"x":"password","y":"z"}`, `{"x":"password","y":"z"}`},
		{`{"newPassword":"y","old_password":"z"}`, `{"newPassword":"[redacted]","old_password":"[redacted]"}`},
		{`{"passwords":"x","passwordPolicy":"y"}`, `{"passwords":"x","passwordPolicy":"y"}`},
		{`{"password":"abc`, `{"password":"[redacted]`},
		{`{"password":`, `{"password":`},
		{`{"pass\"word":"x"}`, `{"pass\"word":"x"}`},
		{`not json "password": "x"`, `not json "password": "[redacted]"`},
		{`"`, `"`},
		{``, ``},
	}
	for _, tt := range tests {
		if got := string(Passwords([]byte(tt.in))); got != tt.want {
			t.Errorf("Passwords(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
	in := []byte(`{"userName":"a"}`)
	if out := Passwords(in); &out[0] != &in[0] {
		t.Error("nothing to redact, yet the body was copied")
	}
}

func TestIsPasswordKey(t *testing.T) {
	for k, want := range map[string]bool{"password": true, "PassWord": true, "newPassword": true, "x_password": true,
		"passwords": false, "pass": false, "": false, "passwordPolicy": false, "PASSWORD\x00": false} {
		if got := IsPasswordKey(k); got != want {
			t.Errorf("IsPasswordKey(%q) = %v, want %v", k, got, want)
		}
	}
}

// FuzzPasswords: any bytes, never a panic; valid JSON stays valid; bodies
// without "password" come back untouched; a password value never survives.
// Seeds: testdata/fuzz/FuzzPasswords.
func FuzzPasswords(f *testing.F) {
	f.Add([]byte(`{"userName":"a","password":"s3cret"}`), "s3cret")
	f.Add([]byte(`{"Operations":[{"op":"replace","value":{"password":"x\"y"}}]}`), `x"y`)
	f.Add([]byte(`{"password":"abc`), "abc")
	f.Fuzz(func(t *testing.T, body []byte, secret string) {
		out := Passwords(body)
		if json.Valid(body) && !json.Valid(out) {
			t.Fatalf("valid %q became invalid %q", body, out)
		}
		if !bytes.Contains(bytes.ToLower(body), []byte("password")) && !bytes.Equal(out, body) {
			t.Fatalf("%q changed to %q without a password", body, out)
		}
		if !utf8.ValidString(secret) {
			return
		}
		s, _ := json.Marshal(secret)
		doc := []byte(`{"a":` + string(s) + `,"newPassword": ` + string(s) + `}`)
		var back struct{ A, NewPassword string }
		if err := json.Unmarshal(Passwords(doc), &back); err != nil || back.NewPassword != Marker || back.A != secret {
			t.Fatalf("%s redacted to %+v (%v)", doc, back, err)
		}
	})
}
