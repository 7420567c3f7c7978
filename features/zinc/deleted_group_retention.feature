Feature: Groups deleted in Okta
  Okta deletes a pushed group with DELETE /Groups/{id} ("Unlink pushed group", then
  "Delete the group in the target app"; docs/okta-protocol.md §7.7). A console setting decides whether Zinc keeps
  the group, unlinked, or removes it; either way it is gone from SCIM.

  "Remove Groups in Zinc" (Configuring Provisioning for Zinc, Features)

  "You can manage this behavior in the Zinc Admin Console. In some cases, you might want
  to retain Group Conversations in Zinc after groups are deleted from your external
  directory. You can remove unnecessary Groups in the Zinc Admin Console."
  (Troubleshooting Okta Active Directory Sync)

  Background:
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"

  @ZN-09 @documented
  Scenario: A group Okta deletes is gone from SCIM
    When Okta unlinks the pushed group "Engineering" and deletes it in Zinc
    Then Okta has no failed tasks
    And Okta sent these requests:
      | DELETE | /Groups/{Engineering.id} |
    And the Zinc group "Engineering" is gone from SCIM

  @ZN-09 @okta-doc
  Scenario: DELETE answers 204 and the group cannot be read any more
    When I send DELETE /Groups/{Engineering.id}
    Then the response status is 204
    When I send GET /Groups/{Engineering.id}
    Then the response is a SCIM error 404

  @ZN-25 @documented @admin-api
  Scenario: With retention on, a group deleted in Okta stays in the console, unlinked
    Given the Zinc admin keeps groups deleted in the directory
    When Okta unlinks the pushed group "Engineering" and deletes it in Zinc
    Then the Zinc group "Engineering" is gone from SCIM
    And the console group "Engineering" shows synced false
    And the console group "Engineering" shows deletedInDirectory true
    And the console group "Engineering" has exactly the members Alice

  @ZN-25 @documented @admin-api
  Scenario: A retained group can be removed in the console
    Given the Zinc admin keeps groups deleted in the directory
    And Okta unlinks the pushed group "Engineering" and deletes it in Zinc
    When the Zinc admin deletes the group "Engineering" in the console
    Then the response status is 204
    And the Zinc console does not list the group "Engineering"

  @ZN-25 @documented @admin-api
  Scenario: With retention off, a group deleted in Okta is gone from the console too
    Given the Zinc admin removes groups deleted in the directory
    When Okta unlinks the pushed group "Engineering" and deletes it in Zinc
    Then the Zinc group "Engineering" is gone from SCIM
    And the Zinc console does not list the group "Engineering"
