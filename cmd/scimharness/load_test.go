package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadCommand(t *testing.T) {
	jsonFile := filepath.Join(t.TempDir(), "load.json")
	tests := map[string]struct {
		args     []string
		code     int
		contains string
	}{
		"small wave passes":   {args: []string{"--users", "60", "--groups", "2", "--members", "30", "--json", jsonFile}, code: exitOK, contains: "audit: nothing lost or duplicated"},
		"aiw profile":         {args: []string{"--users", "30", "--groups", "1", "--members", "30", "--profile", "aiw"}, code: exitOK, contains: "profile AIW"},
		"bad profile":         {args: []string{"--profile", "saml"}, code: exitUsage, contains: `--profile "saml"`},
		"more members":        {args: []string{"--users", "5", "--members", "6"}, code: exitUsage, contains: "more members than"},
		"target without auth": {args: []string{"--target", "http://127.0.0.1:1/scim/v2", "--token", ""}, code: exitUsage, contains: "needs --token"},
		"unreachable target":  {args: []string{"--target", "http://127.0.0.1:1/scim/v2", "--token", "t"}, code: exitUsage, contains: "test API credentials"},
		// Two config errors at once: one line, one prefix.
		"two bad values": {args: []string{"--users", "0", "--concurrency", "0"}, code: exitUsage,
			contains: "scimharness load: users 0: want at least 1; "},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := dispatch(context.Background(), append([]string{"load"}, tc.args...), &out, &errOut, func(string) string { return "" })
			all := out.String() + errOut.String()
			if code != tc.code || !strings.Contains(all, tc.contains) {
				t.Fatalf("exit %d, want %d; output should contain %q:\n%s", code, tc.code, tc.contains, all)
			}
		})
	}
	b, err := os.ReadFile(jsonFile)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		OK    bool `json:"ok"`
		Audit struct {
			UsersFound int `json:"usersFound"`
		} `json:"audit"`
	}
	if err := json.Unmarshal(b, &res); err != nil || !res.OK || res.Audit.UsersFound != 54 {
		t.Fatalf("--json file: %v, %+v\n%s", err, res, b)
	}
}
