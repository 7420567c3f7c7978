Feature: When Okta sends nothing
  Some of Okta's actions send the app nothing, and the app must not depend on a request that
  never comes (docs/okta-protocol.md §12.6, §12.7). Suspending a user keeps its memberships:
  "App and group memberships are maintained for suspended users" (test plan C9295); unsuspending
  restores them (C9300). With "Enable API integration" unticked, "As provisioning is disabled
  nothing should be updated in the application" (C9339), and turning it on again is not
  retroactive.

  Background:
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"

  @OK-46 @okta-doc @create-users @push-groups
  Scenario: Suspending and unsuspending a user send nothing, and the app keeps the user in its groups
    When Okta suspends Alice
    Then Alice is suspended in Okta
    When Okta unsuspends Alice
    Then Okta sent no requests
    And Alice is active in the app
    And the app group "Engineering" has exactly the members Alice

  @OK-46 @okta-doc @create-users @deactivate-users @push-groups @update-user-attributes
  Scenario: With the API integration disabled, Okta sends nothing, also after it is enabled again
    Given Okta has a user Bob Jones
    And Okta's app setting "Enable API integration" is off
    When Okta changes Alice's first name to "Alicia"
    And Okta assigns Bob to the app
    And Okta unassigns Alice from the app
    And Okta's app setting "Enable API integration" is on
    Then Okta sent no requests
    And Okta's assignment of Bob shows the error "Click Provision User"
    And Alice is active in the app
    And Alice's name.givenName in the app is "Alice"
    And Bob is not in the app
