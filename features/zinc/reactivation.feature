Feature: Reactivating users
  A reactivated user is back, active, under the same id, and in no group. Reactivating
  a user in Okta does not give the app back: the admin assigns it again, and Okta
  finds the user by userName and activates it (docs/okta-protocol.md §5.4).

  "Note: Reactivating a user in Zinc restores access to the application, but does not
  add them back to groups they were previously a part of."
  (Configuring Provisioning for Zinc, Reactivate Users)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app
    And Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"

  @ZN-05 @documented
  Scenario Outline: A user reactivated in Okta is back with the same id (<profile>)
    Given Okta deactivates Alice
    When Okta reactivates Alice
    And Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice is active in Zinc
    And Alice keeps the same Zinc id

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @ZN-05 @documented
  Scenario: A reactivated user is in none of its former groups
    Given Okta deactivates Alice
    When I send PATCH /Users/{Alice.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"active": true}}]}
      """
    Then the response status is 200 or 204
    And Alice is active in Zinc
    And Alice is in no Zinc group
    And the Zinc group "Engineering" has exactly the members Bob

  @ZN-05 @ZN-26 @documented @admin-api
  Scenario: A reactivated user is back in the console's Users section
    Given Okta deactivates Alice
    When Okta reactivates Alice
    And Okta assigns Alice to the app
    Then the Zinc console lists Alice in Users
