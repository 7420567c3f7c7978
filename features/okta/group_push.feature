@create-users @push-groups
Feature: How Okta finds groups
  Before it creates a group, Okta looks it up by displayName (docs/okta-protocol.md §7.3).

  The group lookup: "GET /scim/v2/Groups?filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100,
  used when you want to update a group, but the external group ID isn't known"
  (docs/okta-protocol.md §7.3).

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app
    And Okta has a group "Engineering" with Alice and Bob

  @OK-12 @okta-doc
  Scenario: Okta looks the group up by name before it creates it
    When Okta pushes the group "Engineering"
    Then Okta's requests began with:
      | GET  | /Groups?filter=displayName eq "{Engineering.displayName}"&startIndex=1&count=100 |
      | POST | /Groups                                                                          |

  @OK-12 @okta-doc
  Scenario: A displayName filter finds exactly the group named
    Given the app has a group "Lunch"
    And the app has a group "Dinner"
    When I send GET /Groups?filter=displayName eq "{Lunch.displayName}"&startIndex=1&count=100
    Then the response is a ListResponse of 1 resource
    And the response's Resources.0.id is "{Lunch.id}"
