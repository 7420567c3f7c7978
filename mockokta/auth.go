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

// HeaderToken sends the token as the raw header value, "Authorization: T"
// (the OIN Wizard's "Header" mode).
func HeaderToken(token string) Auth { return staticAuth(token) }

// Bearer sends "Authorization: Bearer T".
func Bearer(token string) Auth { return staticAuth("Bearer " + token) }

// Basic sends "Authorization: Basic base64(user:password)" (AIW and template
// apps only; the OIN Wizard does not offer it).
func Basic(user, password string) Auth {
	return staticAuth("Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password)))
}

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
	return "Bearer " + tok, nil
}
