package refserver

import (
	"net/http"
	"testing"

	"github.com/scimharness/scimharness/reference"
	"github.com/scimharness/scimharness/steps"
)

func TestConfig(t *testing.T) {
	oauth := &reference.OAuthConfig{ClientID: "okta-client", ClientSecret: "SECRET"}
	full := Config("http://h", reference.Config{Token: "T", SandboxToken: "S", AdminToken: "A", OAuth: oauth}, nil)
	if full.BaseURL != "http://h/scim/v2" || full.SandboxURL != "http://h/sandbox/scim/v2" || full.AdminURL != "http://h/admin" ||
		full.Token != "T" || full.SandboxToken != "S" || full.AdminToken != "A" {
		t.Errorf("full config: %+v", full)
	}
	o := full.OAuth
	if o == nil || o.TokenURL != "http://h/oauth/token" || o.AuthorizeURL != "http://h/oauth/authorize" || o.RevokeURL != "http://h/oauth/revoke" ||
		o.ClientSecret != "SECRET" || o.AppInstance != reference.DefaultOAuthApp || o.SignIn["token"] != steps.OrgToken {
		t.Errorf("OAuth: %+v", o)
	}
	bare := Config("http://h", reference.Config{Token: "T"}, nil)
	if bare.SandboxURL != "" || bare.AdminURL != "" || bare.OAuth != nil {
		t.Errorf("a server without Sandbox, admin and OAuth: %+v", bare)
	}
}

func TestStart(t *testing.T) {
	s, err := Start(reference.Config{Token: "T", AdminToken: "A"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := s.Config(http.DefaultClient)
	req, _ := http.NewRequest(http.MethodGet, c.BaseURL+"/Users", nil)
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /Users: %d", resp.StatusCode)
	}
	if _, err := Start(reference.Config{Token: "T", Faults: []string{"no-such-fault"}}); err == nil {
		t.Error("Start with an unknown fault: no error")
	}
}
