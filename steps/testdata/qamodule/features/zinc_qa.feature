Feature: Zinc QA's own checks, written in scimharness's steps

  Scenario: Okta creates a user, whose userName cannot change afterwards
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    When I send PATCH /Users/{Alice.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"userName": "{Alicia.userName}"}}]}
      """
    Then the response is a SCIM error 400 with scimType "mutability"
    And Alice's userName in Zinc is "{Alice.userName}"
