@crud @create-users @update-user-attributes @deactivate-users
Feature: Okta's SCIM 2.0 CRUD test
  The thirteen steps of "Okta SCIM 2.0 CRUD Test" (Okta-SCIM-20-CRUD-Test.json): Okta's
  management API creates, updates, deactivates, reactivates and unassigns a user, and
  after each step the test reads the user straight from the SCIM server. Here the mock
  Okta org plays Okta's part; its waits of 20 to 40 seconds are not needed.

  "Verify if user is deactivated in SCIM App: GET /Users/{scim_id}: 200; active equal
  false" (Okta SCIM 2.0 CRUD Test, steps 8 and 13; docs/okta-protocol.md §9.3)

  @OK-31 @okta-doc
  Scenario: Okta's CRUD test: create, update, deactivate, reactivate and unassign a user
    # Steps 1 and 2: the app instance exists; a new user is added to Okta.
    Given Okta has a user Rita Runscope
    # Step 3: Assign user to SCIM App
    When Okta assigns Rita to the app
    # Step 4: Verify if user is created in SCIM App
    And I send GET /Users?filter=userName eq "{Rita.userName}"
    Then the response status is 200
    And the response's Resources.0.userName is "{Rita.userName}"
    And the response's Resources.0.emails.0.value is "{Rita.userName}"
    And the response's Resources.0.name.familyName is "Runscope"
    And the response's Resources.0.name.givenName is "Rita"
    # Step 5: Update user firstname
    When Okta changes Rita's first name to "Ritaupdate"
    # Step 6: Verify firstname update in SCIM App
    And I send GET /Users/{Rita.id}
    Then the response status is 200
    And the response's name.givenName is "Ritaupdate"
    # Step 7: Deactivate user in Okta
    When Okta deactivates Rita
    # Step 8: Verify if user is deactivated in SCIM App
    And I send GET /Users/{Rita.id}
    Then the response status is 200
    And the response's active is false
    # Steps 9 and 10: Reactivate user in Okta; assign user to SCIM App
    When Okta reactivates Rita
    And Okta assigns Rita to the app
    # Step 11: Verify if user is reactivated in SCIM App
    And I send GET /Users/{Rita.id}
    Then the response status is 200
    And the response's active is true
    # Step 12: Removes an assignment for a user in Okta
    When Okta unassigns Rita from the app
    # Step 13: Verify if user is deactivated in SCIM App
    And I send GET /Users/{Rita.id}
    Then the response status is 200
    And the response's active is false
    And Okta has no failed tasks
