# Written by scimharness explore --seed 7 --app zinc: the shrunk scenario (7 actions, 13 before shrinking).
# What broke: Bob, reactivated, is in 1 groups
Feature: explore found: a reactivated user is in no group

  @explore @aiw
  Scenario: a reactivated user is in no group
    Given the token is sent as the Basic auth password
    And Okta has a user Bob Jones
    And Okta has a group "Engineering"
    When Okta assigns Bob to the app
    And Okta adds Bob to the group "Engineering"
    And Okta pushes the group "Engineering"
    And Okta deactivates Bob
    And Okta reactivates Bob
    And I send POST /Users with:
      """
      {
        "active": true,
        "name": {
          "familyName": "Jones",
          "givenName": "Bob"
        },
        "schemas": [
          "urn:ietf:params:scim:schemas:core:2.0:User"
        ],
        "userName": "{Bob.userName}"
      }
      """
    And Okta renames the group "Engineering" to "Engineering Growth"
    Then Bob is in no Zinc group
