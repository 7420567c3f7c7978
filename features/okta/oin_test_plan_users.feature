@oin-test-plan @create-users
Feature: Okta's OIN test plan: users
  The user cases of Okta's OIN manual test plan (okta-scim-test-plan-v2.xlsx) that a
  machine can run: each "must pass" before an OIN SCIM app is submitted.

  "C9335 Verify App Assignment For User Already Created In App: the user must be linked
  and its profile updated from Okta, not duplicated." (OIN manual test plan;
  docs/okta-protocol.md §2.1, §9.4)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones

  @OK-31 @okta-doc
  Scenario: C9290 Assigning the app creates the user
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice is active in the app
    And Alice's name.givenName in the app is "Alice"
    And Alice's name.familyName in the app is "Smith"
    And Alice's userName in the app is "{Alice.userName}"

  @OK-13 @okta-doc @update-user-attributes
  Scenario: C9335 A user already in the app is linked and updated
    Given the app has a user Bob Jonas
    When Okta assigns Bob to the app
    Then Okta has no failed tasks
    And the app has exactly one user for Bob
    And Bob keeps the same app id
    And Bob's name.familyName in the app is "Jones"

  @OK-31 @okta-doc @update-user-attributes
  Scenario: C9310 A profile edited in Okta is updated in the app
    Given Okta assigns Alice to the app
    When Okta changes Alice's last name to "Smithson"
    Then Okta has no failed tasks
    And Alice's name.familyName in the app is "Smithson"

  @OK-31 @OK-18 @okta-doc @deactivate-users
  Scenario Outline: C9292 A user deactivated in Okta is deactivated in the app (<profile>)
    Given Okta assigns Alice to the app
    When Okta deactivates Alice
    Then Okta has no failed tasks
    And Alice is inactive in the app

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @OK-31 @okta-doc @deactivate-users
  Scenario: C9293 A reactivated user is active again in the app with the same id
    Given Okta assigns Alice to the app
    And Okta deactivates Alice
    When Okta reactivates Alice
    And Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice is active in the app
    And Alice keeps the same app id

  @OK-31 @okta-doc @deactivate-users
  Scenario: C9294 Removing the assignment deactivates the user in the app
    Given Okta assigns Alice to the app
    When Okta unassigns Alice from the app
    Then Okta has no failed tasks
    And Alice is inactive in the app

  @OK-31 @okta-doc @import-users @deactivate-users
  Scenario: C9303 Okta imports only active users
    Given Okta assigns Alice and Bob to the app
    And Okta deactivates Bob
    When Okta imports the users
    Then Okta's user import finds Alice
    And Okta's user import does not find Bob
