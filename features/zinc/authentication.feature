Feature: The API token on every request
  Every SCIM request carries the organization's API token. Okta sends it as a Bearer
  token, as the raw Authorization header, or (AIW apps) as the Basic auth password.

  "You must be in contact with the Zinc team to obtain your auth credentials you can
  use when you configure your API integration."
  (Configuring Provisioning for Zinc, Prerequisites)

  "Header = Authorization: {API token}; Bearer = Authorization: Bearer {API token}"
  (docs/okta-protocol.md §1.2; private and AIW apps also offer Basic auth.)

  @ZN-12 @documented
  Scenario Outline: A request with <token> token is refused with a SCIM error that says why
    Given the API token in use is <token>
    When I send GET /Users?startIndex=1&count=2
    Then the response is a SCIM error 401
    And the response's detail is not empty

    Examples:
      | token   |
      | missing |
      | wrong   |

  @ZN-12 @documented
  Scenario: A wrong token creates nothing
    Given the API token in use is wrong
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Carol.userName}", "name": {"givenName": "Carol", "familyName": "Jones"},
       "emails": [{"primary": true, "value": "{Carol.userName}", "type": "work"}], "active": true}
      """
    Then the response is a SCIM error 401
    And Carol is not in Zinc
