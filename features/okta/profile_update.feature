@create-users @update-user-attributes
Feature: Okta's profile update
  Okta reads the user (GET /Users/{id}), writes its profile over what it read and
  sends the whole user back with PUT /Users/{id}, the app's own id and meta included.

  "PUT /scim/v2/Users/{id} with the retrieved object, changed attributes modified"
  (docs/okta-protocol.md §4.1).

  Background:
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app

  @OK-09 @okta-doc
  Scenario: The app takes back its own id and meta in a PUT
    When I PUT Alice back to the app with name.givenName set to "Alicia"
    Then the response status is 200
    And the response's id is "{Alice.id}"
    And the response's name.givenName is "Alicia"

  @OK-31 @okta-doc @oin-test-plan
  Scenario: C9337 Okta pushes an empty value without an error
    When Okta changes Alice's title to ""
    Then Okta has no failed tasks
    And Alice is active in the app
