@oin-test-plan
Feature: Okta's OIN test plan: Group Push
  The Group Push and group import cases of Okta's OIN manual test plan
  (okta-scim-test-plan-v2.xlsx) that a machine can run.

  "C9316 Push Now … performs a full overwrite of the overall membership", also for an
  empty group. (OIN manual test plan)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app

  @ZN-06 @okta-doc
  Scenario: C9312 A pushed group is created in the app with its members
    Given Okta has a group "Engineering" with Alice and Bob
    When Okta pushes the group "Engineering"
    Then Okta has no failed tasks
    And the Zinc group "Engineering" has exactly the members Alice and Bob

  @ZN-10 @okta-doc
  Scenario: C9316 Push Now overwrites the membership in the app
    Given Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"
    And I send PATCH /Groups/{Engineering.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{Bob.id}\"]"}]}
      """
    When Okta pushes the group "Engineering" now
    Then Okta has no failed tasks
    And the Zinc group "Engineering" has exactly the members Alice and Bob

  @ZN-06 @okta-doc
  Scenario: C9317 An empty group is pushed empty
    Given Okta has a group "Engineering"
    When Okta pushes the group "Engineering"
    Then Okta has no failed tasks
    And the Zinc group "Engineering" has no members

  @ZN-09 @okta-doc
  Scenario: C9318 Unlinking a pushed group and deleting it removes it from the app
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When Okta unlinks the pushed group "Engineering" and deletes it in Zinc
    Then Okta has no failed tasks
    And the Zinc group "Engineering" is gone from SCIM

  @ZN-09 @okta-doc
  Scenario: C9321 Unlinking a pushed group and leaving it keeps it in the app
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When Okta unlinks the pushed group "Engineering" and leaves it in Zinc
    Then Okta sent no request
    And the Zinc group "Engineering" is visible over SCIM
    And the Zinc group "Engineering" has exactly the members Alice

  @OK-12 @okta-doc
  Scenario: C9330 Pushing a group that exists in the app links it without a new group
    Given Zinc has a group "Engineering" with Bob
    And Okta has a group "Engineering" with Alice
    When Okta pushes the group "Engineering"
    Then Okta has no failed tasks
    And Okta sent no POST request to /Groups
    And the Zinc group "Engineering" keeps the same id
    And the Zinc group "Engineering" has exactly the members Alice

  @ZN-10 @okta-doc
  Scenario: C9332 Members added in Okta are added in the app
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When Okta adds Bob to the group "Engineering"
    Then Okta has no failed tasks
    And the Zinc group "Engineering" has exactly the members Alice and Bob

  @ZN-10 @okta-doc
  Scenario: C9333 Members removed in Okta are removed in the app
    Given Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"
    When Okta removes Alice from the group "Engineering"
    Then Okta has no failed tasks
    And the Zinc group "Engineering" has exactly the members Bob

  @OK-08 @okta-doc
  Scenario: C9338 Okta imports the groups of the app
    Given Zinc has a group "Lunch"
    When Okta imports the groups
    Then Okta has no failed tasks
    And Okta's group import finds "Lunch"
