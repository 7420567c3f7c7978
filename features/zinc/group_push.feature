Feature: Pushing groups
  Okta looks a group up by displayName, creates it with POST /Groups and then pushes
  its members: OIN apps with PATCH, AIW apps with PUT and the full members list
  (docs/okta-protocol.md §7.2, §7.3, §7.6).

  "Groups and their members can be pushed to Zinc."
  (Configuring Provisioning for Zinc, Push Groups)

  "Create Groups in Zinc" (Configuring Provisioning for Zinc, Features)

  The group lookup: "GET /scim/v2/Groups?filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100,
  used when you want to update a group, but the external group ID isn't known"
  (docs/okta-protocol.md §7.3). The two profiles: "OIN templates default to PATCH
  and can be switched to PUT by Okta on request; AIW apps use PUT and cannot be
  switched" (docs/okta-protocol.md §0).

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app
    And Okta has a group "Engineering" with Alice and Bob

  @ZN-06 @ZN-07 @documented
  Scenario Outline: A pushed group appears in Zinc with its members (<profile>)
    When Okta pushes the group "Engineering"
    Then Okta has no failed tasks
    And the Zinc group "Engineering" is named "Engineering"
    And the Zinc group "Engineering" has exactly the members Alice and Bob

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @ZN-07 @documented
  Scenario: Creating a group answers 201 with the group
    When I send POST /Groups with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
       "displayName": "{Lunch.displayName}", "members": []}
      """
    Then the response status is 201
    And the response's id is not empty
    And the response's displayName is "{Lunch.displayName}"
    And the response's schemas contains "urn:ietf:params:scim:schemas:core:2.0:Group"

  @ZN-06 @documented
  Scenario: A group created with its members keeps them
    When I send POST /Groups with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
       "displayName": "{Lunch.displayName}",
       "members": [{"value": "{Alice.id}", "display": "{Alice.userName}"}]}
      """
    Then the response status is 201
    And the Zinc group "Lunch" has exactly the members Alice
