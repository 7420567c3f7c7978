@users
Feature: The API token on every request
  Every SCIM request carries the app's API token. Okta sends it as a Bearer token, as
  the raw Authorization header, or (AIW apps) as the Basic auth password.

  "Header = Authorization: {API token}; Bearer = Authorization: Bearer {API token}"
  (docs/okta-protocol.md §1.2; private and AIW apps also offer Basic auth.)

  Okta's SPEC test: "Required Test: Check status 401" (docs/okta-protocol.md §9.1
  step 11).

  @OK-33 @okta-doc
  Scenario Outline: A request with <token> credential is a 401 SCIM error
    Given the API token in use is <token>
    When I send GET /Users?startIndex=1&count=2
    Then the response is a SCIM error 401
    And the response's detail is not empty

    Examples:
      | token   |
      | missing |
      | wrong   |

  @OK-02 @okta-doc
  Scenario Outline: The app takes the token the way Okta sends it: <style>
    Okta configures one auth style per app: the run tests the style it was given (--auth,
    bearer by default), and the other rows are skipped, "the app is configured for bearer".

    Given the token is sent as <style>
    When Okta tests the API credentials
    Then Okta reports the API credentials as verified

    Examples:
      | style                        |
      | a bearer token               |
      | the raw Authorization header |
      | the Basic auth password      |
