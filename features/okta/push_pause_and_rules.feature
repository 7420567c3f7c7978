Feature: Pausing a Group Push, and pushing by rule
  An admin can deactivate the push of a group: it "pauses the synchronization of groups,
  retaining their appearance in the app", and changes made meanwhile "won't appear in the target
  app" (test plan C9319). When the push is activated again, "The membership immediately pushed to
  the group in the target app" (C9320), all of it at once (docs/okta-protocol.md §12.4).

  A push rule finds groups by name and pushes them (C9323). Deleting the rule can "Permanently
  remove the rule and optionally remove pushed groups from a downstream application found by the
  rule" (C9325, C9326); "User accounts will not be deleted" (docs/okta-protocol.md §12.5). A rule
  stays at work after it is made: "When the rule is active, it will continue to create new group
  push mappings that match the rule criteria" (S55). That a group renamed to match is pushed too is
  an inference from the same sentence. Deactivating the rule stops it pushing new groups, and
  "Groups previously matched by this rule are unaffected" (C9324).

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app

  @OK-43 @okta-doc @create-users @deactivate-users @push-groups
  Scenario: Changes made while the push is paused reach the app at once when it is activated
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When Okta deactivates the push of the group "Engineering"
    And Okta adds Bob to the group "Engineering"
    And Okta removes Alice from the group "Engineering"
    Then Okta sent no requests
    And Okta's push of the group "Engineering" is inactive
    And the app group "Engineering" has exactly the members Alice
    When Okta activates the push of the group "Engineering"
    Then Okta's push of the group "Engineering" is active
    And the app group "Engineering" has exactly the members Bob

  @OK-44 @okta-doc @create-users @push-groups
  Scenario: A push rule pushes every matching group once, with its members
    Given Okta has a group "Eng Platform" with Alice
    And Okta has a group "Eng Web" with Alice and Bob
    And Okta has a group "Sales" with Bob
    And Okta pushes the group "Eng Web"
    When Okta pushes the groups whose names start with "Eng" by the rule "Engineering teams"
    Then the app group "Eng Platform" has exactly the members Alice
    And the app group "Eng Web" has exactly the members Alice and Bob
    And Okta sent no POST request to /Users

  @OK-44 @okta-doc @create-users @push-groups @import-groups
  Scenario: An active push rule pushes a group made later that matches it, and no other
    Given Okta has a group "Eng Platform" with Alice
    And Okta pushes the groups whose names start with "Eng" by the rule "Engineering teams"
    When Okta has a group "Eng Data" with Alice and Bob
    And Okta has a group "Sales" with Bob
    And Okta imports the groups
    Then Okta's push of the group "Eng Data" is active
    And the app group "Eng Data" has exactly the members Alice and Bob
    And the app group "Eng Platform" has exactly the members Alice
    And Okta's group import does not find "Sales"

  @OK-44 @inferred @create-users @push-groups
  Scenario: An active push rule pushes a group renamed later to match it
    Given Okta has a group "Web" with Bob
    And Okta pushes the groups whose names start with "Eng" by the rule "Engineering teams"
    When Okta renames the group "Web" to "Eng Web"
    Then Okta's push of the group "Web" is active
    And the app group "Web" has exactly the members Bob
    And the app group "Web" is named "Eng Web"

  @OK-44 @okta-doc @create-users @push-groups @import-groups
  Scenario: A deactivated push rule pushes no group made later, and the groups it pushed stay pushed
    Given Okta has a group "Eng Platform" with Alice
    And Okta pushes the groups whose names start with "Eng" by the rule "Engineering teams"
    When Okta deactivates the push rule "Engineering teams"
    And Okta has a group "Eng Data" with Bob
    And Okta adds Bob to the group "Eng Platform"
    And Okta imports the groups
    Then Okta's group import does not find "Eng Data"
    And Okta's push of the group "Eng Platform" is active
    And the app group "Eng Platform" has exactly the members Alice and Bob

  @OK-44 @okta-doc @create-users @push-groups
  Scenario: Deleting a push rule with its groups deletes them in the app, and only them
    Given Okta has a group "Eng Platform" with Alice
    And Okta has a group "Eng Web" with Bob
    And Okta has a group "Sales" with Bob
    And Okta pushes the group "Sales"
    And Okta pushes the groups whose names start with "Eng" by the rule "Engineering teams"
    When Okta deletes the push rule "Engineering teams" and deletes its groups in the app
    Then the app group "Eng Platform" is gone from SCIM
    And the app group "Eng Web" is gone from SCIM
    And the app group "Sales" is visible over SCIM
    And Alice is active in the app
    And Bob is active in the app

  @OK-44 @okta-doc @create-users @push-groups
  Scenario: Deleting a push rule and leaving its groups keeps them in the app
    Given Okta has a group "Eng Platform" with Alice
    And Okta pushes the groups whose names start with "Eng" by the rule "Engineering teams"
    When Okta deletes the push rule "Engineering teams" and leaves its groups in the app
    Then Okta sent no requests
    And the app group "Eng Platform" has exactly the members Alice
