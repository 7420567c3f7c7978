@oin-test-plan
Feature: Okta's OIN test plan: import counts
  The import cases of Okta's OIN manual test plan count what Okta scanned, so they run
  in an organization of their own, where nothing but what they make is found.

  "C9304 … 1 users scanned! 1 new user imported" "C9338 … 1 groups scanned, 1 new"
  (OIN manual test plan; docs/okta-protocol.md §9.4)

  @ZN-20 @okta-doc @admin-api
  Scenario: C9338 Okta counts the groups its import scanned
    Given a fresh Zinc organization
    And Zinc has a group "Lunch"
    And the Zinc admin creates the group "Dinner" in the console
    When Okta imports the groups
    Then Okta has no failed tasks
    And Okta's import scanned 1 group
    And Okta's group import finds "Lunch"
