Feature: What the Zinc console and the SCIM API show of each other
  Groups made in the console stay out of SCIM, synced groups cannot be changed in the
  console, and synced users are listed in its Users section.

  "The Zinc API does not provide import support for Zinc Groups which were not
  originally created by Okta or other external directory integrations."
  "Your Okta directory acts as the single source of truth for synced Groups in Zinc."
  (Troubleshooting Okta Active Directory Sync)

  "You can find them in the Users section of the Admin Console."
  (Configuring Provisioning for Zinc)

  @ZN-20 @documented @admin-api
  Scenario: A group made in the console cannot be listed, found or read over SCIM
    Given the Zinc admin creates the group "Lunch" in the console
    When I send GET /Groups?startIndex=1&count=100
    Then the response's Resources does not contain {"displayName": "{Lunch.displayName}"}
    When I send GET /Groups?filter=displayName eq "{Lunch.displayName}"&startIndex=1&count=100
    Then the response is a ListResponse of 0 resources
    When I send GET /Groups/{Lunch.id}
    Then the response is a SCIM error 404

  @ZN-20 @documented @admin-api
  Scenario: Okta's Refresh App Groups finds only groups from the directory
    Given Okta has a group "Engineering"
    And Okta pushes the group "Engineering"
    And the Zinc admin creates the group "Lunch" in the console
    When Okta imports the groups
    Then Okta's group import finds "Engineering"
    And Okta's group import does not find "Lunch"

  @ZN-21 @documented @admin-api
  Scenario: The console refuses to rename a synced group
    Given Okta has a group "Engineering"
    And Okta pushes the group "Engineering"
    When the Zinc admin renames the group "Engineering" to "Eng Social" in the console
    Then the response status is 403
    And the response's error contains "source of truth"
    And the console group "Engineering" shows displayName "{Engineering.displayName}"

  @ZN-21 @documented @admin-api
  Scenario: The console refuses to delete a synced group
    Given Okta has a group "Engineering"
    And Okta pushes the group "Engineering"
    When the Zinc admin deletes the group "Engineering" in the console
    Then the response status is 403
    And the response's error contains "source of truth"
    And the Zinc group "Engineering" is visible over SCIM

  @ZN-21 @documented @admin-api
  Scenario: The console refuses to change the members of a synced group
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When the Zinc admin sets the members of the group "Engineering" to nobody in the console
    Then the response status is 403
    And the response's error contains "source of truth"
    And the Zinc group "Engineering" has exactly the members Alice

  @ZN-26 @documented @admin-api
  Scenario: Users synced from Okta are listed in the Users section
    Given Okta has a user Alice Smith
    When Okta assigns Alice to the app
    Then the Zinc console lists Alice in Users

  @ZN-24 @documented @admin-api
  Scenario: The Users section lists no inactive user
    Given Zinc has a user Alice Smith
    And Zinc has a user Bob Jones
    When I send PATCH /Users/{Bob.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"active": false}}]}
      """
    Then the Zinc console lists Alice in Users
    And the Zinc console does not list Bob in Users
