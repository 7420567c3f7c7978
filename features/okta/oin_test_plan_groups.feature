@oin-test-plan @create-users
Feature: Okta's OIN test plan: Group Push
  The Group Push and group import cases of Okta's OIN manual test plan
  (okta-scim-test-plan-v2.xlsx) that a machine can run.

  "C9316 Push Now … performs a full overwrite of the overall membership", also for an
  empty group. (OIN manual test plan; docs/okta-protocol.md §7.6, §9.4)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app

  @OK-32 @okta-doc @push-groups
  Scenario: C9312 A pushed group is created in the app with its members
    Given Okta has a group "Engineering" with Alice and Bob
    When Okta pushes the group "Engineering"
    Then Okta has no failed tasks
    And the app group "Engineering" has exactly the members Alice and Bob

  @OK-32 @OK-18 @okta-doc @push-groups
  Scenario Outline: C9316 Push Now overwrites the membership in the app (<profile>)
    Members removed and added on the app's side are put back as Okta has them: a server
    that treats a replace of members as an add keeps the extra member. The change on the
    app's side is sent as Okta sends a membership change, each member with its display.

    Given Okta has a user Carol White
    And Okta assigns Carol to the app
    And Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"
    When I send PATCH /Groups/{Engineering.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{Bob.id}\"]"},
                      {"op": "add", "path": "members", "value": [{"value": "{Carol.id}", "display": "{Carol.userName}"}]}]}
      """
    Then the response status is 200 or 204
    And the app group "Engineering" has exactly the members Alice and Carol
    When Okta pushes the group "Engineering" now
    Then Okta has no failed tasks
    And the app group "Engineering" has exactly the members Alice and Bob

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @OK-32 @OK-18 @okta-doc @push-groups
  Scenario Outline: C9316 Push Now of an empty group empties the group in the app (<profile>)
    Given Okta has a group "Engineering"
    And Okta pushes the group "Engineering"
    When I send PATCH /Groups/{Engineering.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{Alice.id}", "display": "{Alice.userName}"}]}]}
      """
    Then the response status is 200 or 204
    And the app group "Engineering" has exactly the members Alice
    When Okta pushes the group "Engineering" now
    Then Okta has no failed tasks
    And the app group "Engineering" has exactly the members nobody

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @OK-32 @okta-doc @push-groups
  Scenario: C9317 An empty group is pushed empty
    Given Okta has a group "Engineering"
    When Okta pushes the group "Engineering"
    Then Okta has no failed tasks
    And the app group "Engineering" has exactly the members nobody

  @OK-32 @okta-doc @push-groups
  Scenario: C9318 Unlinking a pushed group and deleting it removes it from the app
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When Okta unlinks the pushed group "Engineering" and deletes it in the app
    Then Okta has no failed tasks
    And the app group "Engineering" is gone from SCIM

  @OK-32 @okta-doc @push-groups
  Scenario: C9321 Unlinking a pushed group and leaving it keeps it in the app
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When Okta unlinks the pushed group "Engineering" and leaves it in the app
    Then Okta sent no request
    And the app group "Engineering" is visible over SCIM
    And the app group "Engineering" has exactly the members Alice

  @OK-12 @okta-doc @push-groups
  Scenario: Pushing a group named like an app group links it without a new group
    Given the app has a group "Engineering" with Bob
    And Okta has a group "Engineering" with Alice
    When Okta pushes the group "Engineering"
    Then Okta has no failed tasks
    And Okta sent no POST request to /Groups
    And the app group "Engineering" keeps the same id
    And the app group "Engineering" has exactly the members Alice

  @OK-11 @OK-32 @okta-doc @oin @push-groups
  Scenario: C9330 A group linked to an app group of another name keeps the app group's name
    The admin links the Okta group "Engineering" to the existing app group "Lunch"
    (Push Groups, Link Group). With "Rename app groups to match group name in Okta" off,
    membership pushes carry no rename, so "Lunch" keeps its name; with it on, every
    membership update would rename it "Engineering".

    Given the app has a group "Lunch" with Bob
    And Okta's app setting "Rename app groups to match group name in Okta" is off
    And Okta has a group "Engineering" with Alice
    When Okta pushes the group "Engineering" linked to the app group "Lunch"
    Then Okta has no failed tasks
    And Okta sent no POST request to /Groups
    And the app group "Lunch" keeps the same id
    And the app group "Lunch" has exactly the members Alice
    And the app group "Lunch" is named "Lunch"
    When Okta adds Bob to the group "Engineering"
    Then Okta has no failed tasks
    And the app group "Lunch" has exactly the members Alice and Bob
    And the app group "Lunch" is named "Lunch"

  @OK-32 @okta-doc @push-groups
  Scenario: C9332 Members added in Okta are added in the app
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When Okta adds Bob to the group "Engineering"
    Then Okta has no failed tasks
    And the app group "Engineering" has exactly the members Alice and Bob

  @OK-32 @okta-doc @push-groups
  Scenario: C9333 Members removed in Okta are removed in the app
    Given Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"
    When Okta removes Alice from the group "Engineering"
    Then Okta has no failed tasks
    And the app group "Engineering" has exactly the members Bob

  @OK-08 @okta-doc @import-groups
  Scenario: C9338 Okta imports the groups of the app
    Given the app has a group "Lunch"
    When Okta imports the groups
    Then Okta has no failed tasks
    And Okta's group import finds "Lunch"
