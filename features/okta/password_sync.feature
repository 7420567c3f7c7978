Feature: Okta's password sync
  With Sync Password on, Okta pushes a user's new password: an OIN app gets a PATCH that
  replaces the password, an AIW app a GET then a PUT carrying it (docs/okta-protocol.md §6,
  §11.6). The app must take the password and change nothing else: the user stays active, in
  its groups, under the same id, and the password is never returned.

  "Ensures that a user's app password is always the same as their Okta password" (Add a
  private SCIM integration, Sync Password); OIN test plan C9301 "Verify Sync Password
  Functionality" and C9302 "Verify Sync Password Update" (docs/okta-protocol.md §6, §11.6).

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app
    And Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"

  @OK-35 @okta-doc @oin @create-users @push-groups @sync-password
  Scenario: An OIN app takes Okta's password PATCH and keeps the user
    When Okta changes Alice's password
    Then Okta has no failed tasks
    And Okta sent these requests:
      | PATCH | /Users/{Alice.id} |
    And Okta's last request's Operations.0.op is "replace"
    And Okta's last request's Operations.0.path is absent
    And Alice is active in the app
    And Alice keeps the same app id
    And Alice's name.familyName in the app is "Smith"
    And the app group "Engineering" has exactly the members Alice and Bob
    When I send GET /Users/{Alice.id}
    Then the response's password is absent

  @OK-35 @okta-doc @aiw @create-users @push-groups @sync-password
  Scenario: An AIW app takes Okta's password PUT and keeps the user
    When Okta changes Alice's password
    Then Okta has no failed tasks
    And Okta sent these requests:
      | GET | /Users/{Alice.id} |
      | PUT | /Users/{Alice.id} |
    And Okta's last request's active is true
    And Alice is active in the app
    And Alice keeps the same app id
    And Alice's name.familyName in the app is "Smith"
    And the app group "Engineering" has exactly the members Alice and Bob
    When I send GET /Users/{Alice.id}
    Then the response's password is absent
