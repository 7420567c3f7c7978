@import-users
Feature: Importing users
  Okta imports users with GET /Users?startIndex=1&count=100 and moves on by 100 until
  it has read totalResults of them. It counts with integers and trusts itemsPerPage.

  "If the value of totalResults is higher than 100 … the startIndex becomes
  startIndex+100." "itemsPerPage, startIndex, totalResults must be JSON integers, not
  strings." "Ordering must be stable regardless of startIndex/count."
  (Okta and SCIM Version 2.0, Retrieve Users; docs/okta-protocol.md §3.1)

  @OK-08 @okta-doc
  Scenario: Okta's import finds every user
    Given the app has a user Alice Smith
    And the app has a user Bob Jones
    And the app has a user Carol Brown
    When Okta imports the users
    Then Okta has no failed tasks
    And Okta's user import finds Alice, Bob and Carol

  @OK-37 @okta-doc @import-groups
  Scenario: Okta's group import reads every page of more than 100 groups
    Given the app has 120 groups
    When Okta imports the groups
    Then Okta has no failed tasks
    And Okta's group import finds each of the 120 groups, once

  @OK-08 @okta-doc
  Scenario: Okta's import reads every page of more than 100 users
    More than one of Okta's pages of 100: a totalResults that says only the page's size makes
    Okta stop after the first page.

    Given the app has 120 users
    When Okta imports the users
    Then Okta has no failed tasks
    And Okta's user import finds each of the 120 users, once
    And totalResults of /Users counts the 120 users

  @OK-08 @okta-doc
  Scenario: Past the last of more than 100 users is an empty page, and the order holds
    Given the app has 120 users
    Then the page of /Users past the last is empty
    And reading /Users twice in pages of 100 gives the same order

  @OK-08 @okta-doc
  Scenario: A page holds the resources it says it holds, counted in integers
    Given the app has a user Alice Smith
    And the app has a user Bob Jones
    When I send GET /Users?startIndex=1&count=2
    Then the response is a ListResponse of 2 resources
    And the response's paging numbers are JSON integers, with itemsPerPage counting its Resources
    And the response's startIndex is 1

  @OK-08 @okta-doc
  Scenario: A page past the end is empty
    The index past the end is the target's totalResults plus one: a fixed index
    (such as 100000) is not past the end of a target that big.

    Given the app has a user Alice Smith
    Then the page of /Users past the last is empty

  @OK-08 @okta-doc @admin-api
  Scenario: Pages give the same users in the same order as one page
    Paging is compared in an organization of the scenario's own: in a shared one, other
    scenarios add and remove users between two pages.

    Given a fresh app organization
    And the app has a user Alice Smith
    And the app has a user Bob Jones
    And the app has a user Carol Brown
    And the app has a user Dave Green
    And the app has a user Erin White
    Then reading /Users in pages of 2 gives the same resources in the same order as one page
