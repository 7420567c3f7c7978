Feature: A create whose answer Okta never got
  When a provisioning step fails, Okta keeps no link to the app user (docs/okta-protocol.md
  §12.2): "If a user provisioning to an app fails", Okta does not link it, and a later
  unassignment sends no deactivation request (Okta devforum, "Removing user from app"; an Okta KB
  article says the same of Office 365). If the app made the user all the same (its answer was
  lost, or it answered 500 after the insert), the user stays active in the app while Okta shows
  only the failed create. What the app can do is be found: when the admin retries, Okta's lookup
  by userName must find that user, so that Okta links it instead of creating a second one.

  @OK-42 @inferred @create-users @deactivate-users
  Scenario: A create refused as a duplicate leaves Okta without a link, and the retry links the user the app has
    Given Okta has a user Alice Smith
    And Alice is created over SCIM between Okta's lookup and its create
    When Okta assigns Alice to the app
    Then Okta has a failed task saying "Error while creating user Alice Smith: Conflict"
    And Okta holds no link for Alice
    When Okta unassigns Alice from the app
    Then Okta sent no requests
    When Okta assigns Alice to the app
    Then Okta links Alice to her app user
    And the app has exactly one user for Alice
