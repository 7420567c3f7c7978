@create-users @push-groups
Feature: Okta's membership PATCH
  An OIN membership PATCH carries member operations alone; the rename, a replace
  without a path of the group's id and displayName, follows as a PATCH of its own
  (docs/okta-protocol.md §7.5, §7.6, §11.1).

  "The group name update operation is triggered each time there's a group membership
  update operation" (docs/okta-protocol.md §7.5)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta has a user Carol Brown
    And Okta assigns Alice, Bob and Carol to the app
    And Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"

  @OK-11 @okta-doc @oin
  Scenario: Okta's membership PATCH is followed by a rename PATCH of its own
    When Okta removes Bob from the group "Engineering"
    Then Okta has no failed tasks
    And Okta sent these requests:
      | PATCH | /Groups/{Engineering.id} |
      | PATCH | /Groups/{Engineering.id} |
    And Okta's first request's Operations is [{"op": "remove", "path": "members[value eq \"{Bob.id}\"]"}]
    And Okta's last request's Operations is [{"op": "replace", "value": {"id": "{Engineering.id}", "displayName": "{Engineering.displayName}"}}]
    And the app group "Engineering" has exactly the members Alice
    And the app group "Engineering" is named "Engineering"

  @OK-11 @okta-doc
  Scenario: A PATCH that carries the group's own id with a new name is accepted
    When I send PATCH /Groups/{Engineering.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"id": "{Engineering.id}", "displayName": "{Platform.displayName}"}}]}
      """
    Then the response status is 200 or 204
    And the app group "Engineering" is named "Platform"
