Feature: The app as profile source
  With profile sourcing, the app is the source of truth for its users: "When a user is
  deactivated in the app, then after an import, the user is deactivated in Okta" (test plan
  C9359), and "Deactivating end user revokes their app assignments" (C9361). For that import to
  see the user, the app's GET /Users must list users it holds inactive, with active false; an app
  that leaves them out keeps them active in Okta, silently (docs/okta-protocol.md §12.8).

  @OK-45 @okta-doc @create-users @import-users
  Scenario: A user the app deactivated itself is deactivated in Okta by the next import
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app
    And Okta's app setting "Allow the app to source Okta users" is on
    When the app deactivates Alice itself
    And Okta imports the users
    Then Okta's user import deactivated Alice in Okta
    And Alice is deactivated in Okta
    And Bob is active in Okta
    And Okta sent no PATCH requests
    And Okta sent no PUT requests
