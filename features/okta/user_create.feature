@create-users
Feature: Okta's create
  When a user is assigned to the app, Okta looks it up by userName and, when the
  lookup finds nobody, creates it with POST /Users (docs/okta-protocol.md §2.1).

  Okta's requests carry "Accept: application/scim+json / Accept-Charset: utf-8 /
  Content-Type: application/scim+json; charset=utf-8 / User-Agent: Okta SCIM Client 1.0.0"
  (docs/okta-protocol.md §1.3). A lookup that finds nobody answers
  {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}
  (docs/okta-protocol.md §2.2). The password is always sent, "even if password sync isn't
  enabled … a placeholder for legacy provisioning platforms and its value isn't relevant
  or sensitive" (§2.3). A second create of the same user is a 409: "Required Test:
  Expect failure when recreating user with same values" (§2.4, the SPEC test).

  Background:
    Given Okta has a user Alice Smith

  @OK-03 @okta-doc
  Scenario: A userName filter that matches nobody is an empty ListResponse
    When I send GET /Users?filter=userName eq "{Nobody.userName}"&startIndex=1&count=100
    Then the response is a ListResponse of 0 resources
    And the response's totalResults is 0

  @OK-04 @okta-doc
  Scenario: The app answers Okta's create with the whole user
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Carol.userName}",
       "name": {"givenName": "Carol", "familyName": "Jones"},
       "emails": [{"primary": true, "value": "{Carol.userName}", "type": "work"}],
       "displayName": "Carol Jones", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
       "groups": [], "password": "1mz050nq", "active": true}
      """
    Then the response status is 201
    And the response's id is not empty
    And the response's active is true
    And the response's schemas contains "urn:ietf:params:scim:schemas:core:2.0:User"
    And the response's userName is "{Carol.userName}"
    And the response's name.givenName is "Carol"
    And the response's name.familyName is "Jones"
    And the response's password is absent
    And the response header Content-Type contains "application/scim+json"

  @OK-04 @okta-doc
  Scenario: The app never returns the password Okta sent
    Okta sends its own user id as externalId, and needs it neither echoed nor kept
    (docs/okta-protocol.md §10.3): the scenario does not ask for it.

    Given Okta assigns Alice to the app
    When I send GET /Users/{Alice.id}
    Then the response status is 200
    And the response's password is absent

  @OK-05 @okta-doc
  Scenario: A second create with the same userName is a conflict
    Given the app has a user Carol Jones
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Carol.userName}", "name": {"givenName": "Carol", "familyName": "Jones"},
       "emails": [{"primary": true, "value": "{Carol.userName}", "type": "work"}], "active": true}
      """
    Then the response is a SCIM error 409 with scimType "uniqueness"
    And the app has exactly one user for Carol

  @OK-01 @okta-doc
  Scenario: The app takes a body labelled application/json and answers application/scim+json
    Given requests carry the header "Content-Type: application/json"
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Carol.userName}", "name": {"givenName": "Carol", "familyName": "Jones"},
       "emails": [{"primary": true, "value": "{Carol.userName}", "type": "work"}], "active": true}
      """
    Then the response status is 201
    And the response header Content-Type contains "application/scim+json"

  @OK-01 @okta-doc
  Scenario: Okta's requests carry Okta's headers
    When Okta assigns Alice to the app
    Then every request Okta sent carried the header "User-Agent: Okta SCIM Client 1.0.0"
    And every request Okta sent carried the header "Accept: application/scim+json"
    And every request with a body Okta sent carried the header "Content-Type: application/scim+json; charset=utf-8"
