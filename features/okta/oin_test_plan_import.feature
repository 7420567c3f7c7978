@oin-test-plan @import-users
Feature: Okta's OIN test plan: import counts
  The import cases of Okta's OIN manual test plan count what Okta scanned, so they run
  in an organization of their own, where nothing but what they make is found.

  "C9304 … 1 users scanned! 1 new user imported" "C9338 … 1 groups scanned, 1 new"
  (OIN manual test plan; docs/okta-protocol.md §9.4)

  @OK-08 @okta-doc @admin-api
  Scenario: C9304 Okta counts the users its import scanned
    Given a fresh app organization
    And the app has a user Carol Brown
    When Okta imports the users
    Then Okta has no failed tasks
    And Okta's import scanned 1 user
    And Okta's user import finds Carol
