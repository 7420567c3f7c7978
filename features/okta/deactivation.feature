@create-users @deactivate-users
Feature: How Okta deactivates users
  OIN apps deactivate with PATCH {"active": false} and no path; AIW apps send the whole
  user back with PUT. Okta never deletes a user (docs/okta-protocol.md §5.1, §5.2, §5.6).

  OIN's deactivation: "No path; the value is an object of attributes to replace"
  (docs/okta-protocol.md §5.1). "Okta doesn't perform DELETE operations on User
  objects" (docs/okta-protocol.md §5.6). The two profiles: "OIN templates default
  to PATCH and can be switched to PUT by Okta on request; AIW apps use PUT and cannot
  be switched" (docs/okta-protocol.md §0). Either way the app must take the request: the
  user is inactive in the app afterwards, and Okta has no failed task.

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app

  @OK-10 @OK-18 @okta-doc @oin
  Scenario: An OIN app deactivates with one PATCH without a path
    When Okta deactivates Alice
    Then Okta sent these requests:
      | PATCH | /Users/{Alice.id} |
    And Okta's last request's Operations.0.op is "replace"
    And Okta's last request's Operations.0.path is absent
    And Okta's last request's Operations.0.value is {"active": false}
    And Okta has no failed tasks
    And Alice is inactive in the app
    And Bob is active in the app

  @OK-18 @okta-doc @aiw
  Scenario: An AIW app deactivates by reading the user and putting it back inactive
    When Okta deactivates Alice
    Then Okta sent these requests:
      | GET | /Users/{Alice.id} |
      | PUT | /Users/{Alice.id} |
    And Okta's last request's active is false
    And Okta has no failed tasks
    And Alice is inactive in the app
    And Bob is active in the app

  @OK-10 @okta-doc
  Scenario: A PATCH without a path replaces the attributes in its value
    When I send PATCH /Users/{Alice.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"active": false}}]}
      """
    Then the response status is 200 or 204
    And Alice is inactive in the app

  @OK-16 @okta-doc
  Scenario: Okta never deletes a user; it deactivates
    When Okta unassigns Alice from the app
    And Okta deactivates Bob
    Then Okta sent no DELETE request to /Users
