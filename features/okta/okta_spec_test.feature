@spec
Feature: Okta's SCIM 2.0 SPEC test
  The twelve steps of "Okta SCIM 2.0 SPEC Test" (Okta-SCIM-20-SPEC-Test.json, 2024),
  which Okta asks every OIN SCIM app to pass, with the requests and assertions of each
  step. The test needs one user on the server before it starts. Its older optional
  discovery steps are in discovery.feature, tagged @spec-legacy.

  "Basic tests to see if your SCIM server will work with Okta"
  (Okta SCIM 2.0 SPEC Test, description; docs/okta-protocol.md §9.1). Its step 11,
  "Required Test: Check status 401", sends a credential that is none.

  The requests carry the test's own headers (docs/okta-protocol.md §9.1, §11.9): every GET
  "Content-Type: application/scim+json; charset=utf-8" beside its Accept, Accept-Charset and
  User-Agent; each POST "Content-Type: application/json" and "Accept:
  application/scim+json; charset=utf-8", and no Accept-Charset.

  Background:
    Given the app has a user Ursula Ulrich
    And requests carry the header "User-Agent: OKTA SCIM Integration"
    And requests carry the header "Accept-Charset: utf-8"
    And requests carry the header "Accept: application/scim+json"
    And requests carry the header "Content-Type: application/scim+json; charset=utf-8"

  @OK-08 @okta-doc @users
  Scenario: SPEC 1 Required Test: Test Users endpoint
    When I send GET /Users?count=1&startIndex=1
    Then the response status is 200
    And the response's Resources is not empty
    And the response's schemas contains "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    And the response's itemsPerPage is a number
    And the response's startIndex is a number
    And the response's totalResults is a number
    And the response's Resources.0.id is not empty
    And the response's Resources.0.name.familyName is not empty
    And the response's Resources.0.name.givenName is not empty
    And the response's Resources.0.userName is not empty
    And the response's Resources.0.active is not empty
    And the response's Resources.0.emails.0.value is not empty

  @OK-04 @okta-doc @users
  Scenario: SPEC 2 Required Test: Get Users/{{id}}
    Okta's test reads the first user that step 1 listed; the harness reads the user it
    made, which is the same in an organization of its own and stays put in a shared one.

    When I send GET /Users/{Ursula.id}
    Then the response status is 200
    And the response's id is "{Ursula.id}"
    And the response's name.familyName is not empty
    And the response's name.givenName is not empty
    And the response's userName is not empty
    And the response's active is not empty
    And the response's emails.0.value is not empty

  @OK-03 @okta-doc @users
  Scenario: SPEC 3 Required Test: Test invalid User by username
    When I send GET /Users?filter=userName eq "abcdefgh@atko.com"
    Then the response status is 200
    And the response's schemas contains "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    And the response's totalResults is 0

  @OK-07 @okta-doc @users
  Scenario: SPEC 4 Required Test: Test invalid User by ID
    When I send GET /Users/010101001010101011001010101011
    Then the response status is 404
    And the response's detail is not empty
    And the response's schemas contains "urn:ietf:params:scim:api:messages:2.0:Error"

  @OK-03 @okta-doc @users
  Scenario: SPEC 5 Required Test: Make sure random user doesn't exist
    When I send GET /Users?filter=userName eq "{Rita.userName}"
    Then the response status is 200
    And the response's totalResults is 0
    And the response's schemas contains "urn:ietf:params:scim:api:messages:2.0:ListResponse"

  @OK-04 @OK-01 @okta-doc @create-users
  Scenario: SPEC 6 Required Test: Create Okta user with realistic values
    Given requests carry the header "Content-Type: application/json"
    And requests carry the header "Accept: application/scim+json; charset=utf-8"
    And requests carry no "Accept-Charset" header
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Rita.userName}",
       "name": {"givenName": "Rita", "familyName": "Runscope"},
       "emails": [{"primary": true, "value": "{Rita.userName}", "type": "work"}],
       "displayName": "Rita Runscope", "active": true}
      """
    Then the response status is 201
    And the response's active is true
    And the response's id is not empty
    And the response's name.familyName is "Runscope"
    And the response's name.givenName is "Rita"
    And the response's userName is "{Rita.userName}"
    And the response's schemas contains "urn:ietf:params:scim:schemas:core:2.0:User"

  @OK-04 @okta-doc @create-users
  Scenario: SPEC 7 Required Test: Verify that user was created
    Given the app has a user Rita Runscope
    When I send GET /Users/{Rita.id}
    Then the response status is 200
    And the response's userName is "{Rita.userName}"
    And the response's name.familyName is "Runscope"
    And the response's name.givenName is "Rita"

  @OK-05 @okta-doc @create-users
  Scenario: SPEC 8 Required Test: Expect failure when recreating user with same values
    Given the app has a user Rita Runscope
    And requests carry the header "Content-Type: application/json"
    And requests carry the header "Accept: application/scim+json; charset=utf-8"
    And requests carry no "Accept-Charset" header
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Rita.userName}",
       "name": {"givenName": "Rita", "familyName": "Runscope"},
       "emails": [{"primary": true, "value": "{Rita.userName}", "type": "work"}],
       "displayName": "Rita Runscope", "active": true}
      """
    Then the response status is 409

  @OK-06 @okta-doc @users
  Scenario: SPEC 9 Required Test: Username Case Sensitivity Check
    Given the app has a user Rita Runscope
    When I send GET /Users?filter=userName eq "{Rita.userName|upper}"
    Then the response status is 200

  @OK-08 @okta-doc @import-groups
  Scenario: SPEC 10 Optional Test: Verify Groups endpoint
    When I send GET /Groups
    Then the response status is 200
    And the response is a ListResponse

  @OK-33 @okta-doc @users
  Scenario: SPEC 11 Required Test: Check status 401
    Given requests carry the header "Authorization: non-token"
    When I send GET /Users?filter=userName eq "{Rita.userName|upper}"
    Then the response status is 401
    And the response's detail is not empty
    And the response's status is 401 as text or number
    And the response's schemas contains "urn:ietf:params:scim:api:messages:2.0:Error"

  @OK-07 @okta-doc @users
  Scenario: SPEC 12 Required Test: Check status 404
    When I send GET /Users/00919288221112222
    Then the response status is 404
    And the response's detail is not empty
    And the response's status is 404 as text or number
    And the response's schemas contains "urn:ietf:params:scim:api:messages:2.0:Error"
