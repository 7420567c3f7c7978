package mockokta

import (
	"context"
	"encoding/base64"
)

// Auth supplies the Authorization header of every request (docs/okta-protocol.md
// §1.2). Authorization may be called concurrently and once per attempt, so a
// token source can refresh between attempts.
type Auth interface {
	Authorization(ctx context.Context) (string, error)
}

// AuthStyle is how Okta sends an app's SCIM token (docs/okta-protocol.md
// §1.2); Okta configures one per app. "" is AuthBearer, Okta's default.
type AuthStyle string

// The auth styles Okta offers.
const (
	AuthBearer AuthStyle = "bearer" // "Authorization: Bearer T"
	AuthHeader AuthStyle = "header" // "Authorization: T", the OIN Wizard's "Header" mode
	AuthBasic  AuthStyle = "basic"  // "Authorization: Basic base64(user:T)", AIW and template apps only
)

// Authorization is the Authorization header value that sends secret in
// style: the token itself for AuthBearer and AuthHeader, the password, with
// user, for AuthBasic. It is the one place the harness encodes a credential.
func Authorization(style AuthStyle, user, secret string) string {
	switch style {
	case AuthHeader:
		return secret
	case AuthBasic:
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+secret))
	}
	return "Bearer " + secret
}

// Token sends secret in style, as Authorization encodes it (user only for
// AuthBasic).
func Token(style AuthStyle, user, secret string) Auth {
	return staticAuth(Authorization(style, user, secret))
}

// HeaderToken sends the token as the raw header value, "Authorization: T"
// (the OIN Wizard's "Header" mode).
func HeaderToken(token string) Auth { return Token(AuthHeader, "", token) }

// Bearer sends "Authorization: Bearer T".
func Bearer(token string) Auth { return Token(AuthBearer, "", token) }

// Basic sends "Authorization: Basic base64(user:password)" (AIW and template
// apps only; the OIN Wizard does not offer it).
func Basic(user, password string) Auth { return Token(AuthBasic, user, password) }

// TokenSource supplies OAuth 2.0 access tokens, for instance from an
// authorization-code grant and its refresh token. Token may be called
// concurrently.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// OAuth2 sends "Authorization: Bearer <access token>" with a token from src,
// asked for before every attempt.
func OAuth2(src TokenSource) Auth { return oauth2Auth{src} }

type staticAuth string

func (a staticAuth) Authorization(context.Context) (string, error) { return string(a), nil }

type oauth2Auth struct{ src TokenSource }

func (a oauth2Auth) Authorization(ctx context.Context) (string, error) {
	tok, err := a.src.Token(ctx)
	if err != nil {
		return "", err
	}
	return Authorization(AuthBearer, "", tok), nil
}
