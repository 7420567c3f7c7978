@oin-test-plan
Feature: Okta's OIN test plan: users
  The user cases of Okta's OIN manual test plan (okta-scim-test-plan-v2.xlsx) that a
  machine can run: each "must pass" before an OIN SCIM app is submitted.

  "C9335 Verify App Assignment For User Already Created In App: the user must be linked
  and its profile updated from Okta, not duplicated." (OIN manual test plan;
  docs/okta-protocol.md §2.1, §9.4)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones

  @ZN-01 @okta-doc
  Scenario: C9290 Assigning the app creates the user
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice is active in Zinc
    And Alice's name.givenName in Zinc is "Alice"
    And Alice's name.familyName in Zinc is "Smith"
    And Alice's userName in Zinc is "{Alice.userName}"

  @OK-13 @okta-doc
  Scenario: C9335 A user already in the app is linked and updated
    Given Zinc has a user Bob Jonas
    When Okta assigns Bob to the app
    Then Okta has no failed tasks
    And Zinc has exactly one user for Bob
    And Bob keeps the same Zinc id
    And Bob's name.familyName in Zinc is "Jones"

  @ZN-02 @okta-doc
  Scenario: C9310 A profile edited in Okta is updated in the app
    Given Okta assigns Alice to the app
    When Okta changes Alice's last name to "Smithson"
    Then Okta has no failed tasks
    And Alice's name.familyName in Zinc is "Smithson"

  @ZN-03 @okta-doc
  Scenario: C9292 A user deactivated in Okta is deactivated in the app
    Given Okta assigns Alice to the app
    When Okta deactivates Alice
    Then Okta has no failed tasks
    And Alice is inactive in Zinc

  @ZN-05 @okta-doc
  Scenario: C9293 A reactivated user is active again in the app with the same id
    Given Okta assigns Alice to the app
    And Okta deactivates Alice
    When Okta reactivates Alice
    And Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice is active in Zinc
    And Alice keeps the same Zinc id

  @ZN-03 @okta-doc
  Scenario: C9294 Removing the assignment deactivates the user in the app
    Given Okta assigns Alice to the app
    When Okta unassigns Alice from the app
    Then Okta has no failed tasks
    And Alice is inactive in Zinc

  @ZN-04 @okta-doc
  Scenario: C9303 Okta imports only active users
    Given Okta assigns Alice and Bob to the app
    And Okta deactivates Bob
    When Okta imports the users
    Then Okta's user import finds Alice
    And Okta's user import does not find Bob
