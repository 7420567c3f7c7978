Feature: userName is unique without regard to case
  RFC 7643 defines userName with "caseExact": false and "uniqueness": "server": two
  userNames that differ only in case name the same user. Okta's SPEC test looks the user it
  made up again in capitals, "Required Test: Username Case Sensitivity Check"
  (docs/okta-protocol.md §9.1 step 9, §11.7), and Okta's lookup finds a user whatever the
  case; a create in other capitals must therefore be the 409 of a duplicate, not a second
  user that Okta's lookups then cannot tell apart.

  @OK-36 @okta-doc @users
  Scenario: A create whose userName differs from an existing one only in case is a conflict
    Given the app has a user Rita Moreno
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Rita.userName|upper}",
       "name": {"givenName": "Rita", "familyName": "Moreno"},
       "emails": [{"primary": true, "value": "{Rita.userName|upper}", "type": "work"}],
       "active": true}
      """
    Then the response is a SCIM error 409 with scimType "uniqueness"
    And the app has exactly one user for Rita
