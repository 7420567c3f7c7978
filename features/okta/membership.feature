@create-users @push-groups
Feature: Okta's membership PATCH
  Every OIN membership PATCH also carries the group's id and displayName, as a
  replace without a path (docs/okta-protocol.md §7.5, §7.6).

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
  Scenario: Okta's membership PATCH renames the group too
    When Okta removes Bob from the group "Engineering"
    Then Okta has no failed tasks
    And Okta's last request's Operations contains {"op": "replace", "value": {"id": "{Engineering.id}", "displayName": "{Engineering.displayName}"}}
    And Okta's last request's Operations contains {"op": "remove", "path": "members[value eq \"{Bob.id}\"]"}
    And the app group "Engineering" has exactly the members Alice

  @OK-11 @okta-doc
  Scenario: A PATCH that carries the group's own id with a new name is accepted
    When I send PATCH /Groups/{Engineering.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"id": "{Engineering.id}", "displayName": "{Platform.displayName}"}}]}
      """
    Then the response status is 200 or 204
    And the app group "Engineering" is named "Platform"
