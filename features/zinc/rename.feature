Feature: Renaming groups
  A group renamed in Okta is renamed in Zinc: OIN apps PATCH {"id", "displayName"}
  without a path, AIW apps PUT the group (docs/okta-protocol.md §7.5).

  "Update Groups in Zinc" (Configuring Provisioning for Zinc, Features)

  Background:
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"

  @ZN-08 @documented
  Scenario Outline: A group renamed in Okta is renamed in Zinc and keeps its members (<profile>)
    When Okta renames the group "Engineering" to "Platform"
    Then Okta has no failed tasks
    And the Zinc group "Engineering" is named "Platform"
    And the Zinc group "Engineering" has exactly the members Alice

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |
