@create-users @push-groups
Feature: How Okta renames groups
  OIN apps rename a group with one PATCH replace of {"id", "displayName"} without a path (docs/okta-protocol.md §7.5).

  "The group name update operation is triggered each time there's a group membership
  update operation" (docs/okta-protocol.md §7.5)

  Background:
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"

  @OK-11 @okta-doc @oin
  Scenario: An OIN app renames with a PATCH carrying the id and the new name
    When Okta renames the group "Engineering" to "Platform"
    Then Okta's last request's Operations.0.op is "replace"
    And Okta's last request's Operations.0.path is absent
    And Okta's last request's Operations.0.value is {"id": "{Engineering.id}", "displayName": "{Platform.displayName}"}
