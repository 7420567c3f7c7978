Feature: displayName comes from the first and last name
  Zinc forms displayName itself, "first last"; it keeps no displayName of its own.

  "Zinc does not store usernames, but forms a displayName property based on user first
  and last names. To update user displayName properties in Zinc, update user first or
  last names." (Troubleshooting Okta Active Directory Sync)

  @ZN-19 @documented
  Scenario: A displayName sent on create does not override the names
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Carol.userName}", "name": {"givenName": "Carol", "familyName": "Jones"},
       "emails": [{"primary": true, "value": "{Carol.userName}", "type": "work"}],
       "displayName": "CJ the Great", "active": true}
      """
    Then the response status is 201
    And the response's displayName is "Carol Jones"
    And Carol's displayName in Zinc is "Carol Jones"

  @ZN-19 @documented
  Scenario Outline: A new last name in Okta changes the displayName (<profile>)
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    When Okta changes Alice's last name to "Jones"
    Then Okta has no failed tasks
    And Alice's displayName in Zinc is "Alice Jones"

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @ZN-19 @documented
  Scenario: A PUT with a displayName of its own does not override the names
    Given Zinc has a user Alice Smith
    When I PUT Alice back to Zinc with displayName set to "Queen Alice"
    Then the response status is 200
    And the response's displayName is "Alice Smith"
