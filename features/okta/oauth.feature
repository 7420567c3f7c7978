@oauth
Feature: OAuth 2.0 authorization code with refresh, as Okta runs it for SCIM apps
  An OIN SCIM app may ask Okta for OAuth 2: "Uses OAuth 2.0 authorization code grant flow",
  with an authorize endpoint, a token endpoint, a client id, a client secret and optional
  scopes. The Okta admin clicks Authenticate with <app>, signs in to the app and consents; then
  "after you successfully authorize Okta to use your SCIM API, your app's authorization server
  redirects you back to Okta, with either an authorization code or an access token", and
  Okta sends the access token as a Bearer token. Okta's manual test plan, case C21902:
  "OAuth2 with non-allow-listed redirect URI must fail".

  Refresh tokens: "It's up to your SCIM API authorization server (AS) to support and send a
  refresh token along with the access token"; Okta asks for one with the offline_access scope,
  and "Tokens will be refreshed only if a SCIM operation is performed. If the refresh token
  expires, a new bearer token must be supplied."
  (docs/okta-oauth.md §1, from Okta's developer docs and knowledge base)

  Okta does not document state, PKCE, how it authenticates at the token endpoint, whether a
  refresh follows the token's expiry or a 401, nor its task wording when a refresh fails
  (docs/okta-oauth.md §2). The harness sends state, no PKCE, client_secret_basic (which every
  authorization server must support) and refreshes when an operation finds the token expired;
  scenarios whose outcome depends on the refresh trigger or the task wording are @inferred.
  Moving time: Okta's clock moves in the harness and, with the Admin Console API, the
  organization's clock at the app too, so that tokens expire on both sides without waiting.

  @okta-doc @OK-19 @create-users
  Scenario: Okta authenticates by the authorization code grant and provisions with the access token
    Given Okta's OAuth 2.0 settings are:
      | scopes | offline_access |
    And Okta has a user Alice Smith
    When the admin clicks "Authenticate with the app"
    Then Okta's authentication with the app succeeds
    When Okta tests the API credentials
    Then Okta reports the API credentials as verified
    When Okta assigns Alice to the app
    Then Alice is active in the app
    And Okta has no failed tasks
    And Okta sent its SCIM requests with its first access token

  @okta-doc @OK-19
  Scenario: Okta with a wrong client secret gets no access token
    Given Okta's OAuth 2.0 settings are:
      | client secret | wrong |
    When the admin clicks "Authenticate with the app"
    Then Okta's authentication with the app fails

  @inferred @OK-20 @create-users
  Scenario: The next SCIM operation after the access token expired refreshes it and succeeds
    Given Okta's OAuth 2.0 settings are:
      | scopes | offline_access |
    And Okta has a user Alice Smith
    And the admin clicks "Authenticate with the app"
    When 2 hours pass
    And Okta assigns Alice to the app
    Then Alice is active in the app
    And Okta has no failed tasks
    And Okta sent its SCIM requests with a refreshed access token

  @okta-doc @OK-20 @admin-api @create-users
  Scenario Outline: Okta refreshing <refresh> gets a new access token at the next operation, and the expired one is refused
    Given Okta's OAuth 2.0 settings are:
      | scopes  | offline_access |
      | refresh | <refresh>      |
    And Okta has a user Alice Smith
    And the admin clicks "Authenticate with the app"
    When 2 hours pass
    Then Okta's first access token no longer opens the SCIM API
    When Okta assigns Alice to the app
    Then Alice is active in the app
    And Okta has no failed tasks
    And Okta sent its SCIM requests with a refreshed access token

    Examples:
      | refresh                       |
      | when the access token expires |
      | when the SCIM API answers 401 |

  @inferred @OK-21 @create-users
  Scenario: A revoked refresh token fails Okta's next operation with Okta's task message
    Given Okta's OAuth 2.0 settings are:
      | scopes | offline_access |
    And Okta has a user Alice Smith
    And the admin clicks "Authenticate with the app"
    And the app revokes Okta's refresh token
    When 2 hours pass
    And Okta assigns Alice to the app
    Then Okta has a failed task saying "Unable to refresh the OAuth 2.0 access token: Bad Request. Errors reported by remote server: invalid_grant"
    And Okta has a failed task saying "A new bearer token must be supplied: authenticate with"
    And Alice is not in the app

  @okta-doc @OK-21 @create-users
  Scenario: After its refresh token is revoked, Okta provisions again once the admin authenticates again
    Given Okta's OAuth 2.0 settings are:
      | scopes | offline_access |
    And Okta has a user Alice Smith
    And the admin clicks "Authenticate with the app"
    And the app revokes Okta's refresh token
    When 2 hours pass
    And Okta assigns Alice to the app
    Then Alice is not in the app
    When the admin clicks "Authenticate with the app"
    And Okta assigns Alice to the app
    Then Okta's authentication with the app succeeds
    And Alice is active in the app

  @okta-doc @OK-22
  Scenario Outline: The app accepts Okta's callback URI of <cell>
    Given Okta's OAuth 2.0 settings are:
      | redirect URI | <redirect URI> |
    When the admin clicks "Authenticate with the app"
    Then Okta's authentication with the app succeeds

    Examples:
      | cell           | redirect URI                                                               |
      | okta.com       | https://system-admin.okta.com/admin/app/cpc/{appName}/oauth/callback       |
      | okta-emea.com  | https://system-admin.okta-emea.com/admin/app/cpc/{appName}/oauth/callback  |
      | oktapreview.com | https://system-admin.oktapreview.com/admin/app/cpc/{appName}/oauth/callback |
      | trexcloud.com  | https://system-admin.trexcloud.com/admin/app/cpc/{appName}/oauth/callback  |
      | okta1.com      | http://system-admin.okta1.com:1802/admin/app/cpc/{appName}/oauth/callback  |

  @okta-doc @OK-22
  Scenario: A redirect URI that is not allow-listed gets no code (test plan C21902)
    Given Okta's OAuth 2.0 settings are:
      | redirect URI | https://system-admin.attacker.example/admin/app/cpc/{appName}/oauth/callback |
    When the admin clicks "Authenticate with the app"
    Then Okta's authentication with the app fails
