Feature: One identifier, which never changes
  In Zinc the userName is the email address and the primary email, all one value, and
  it cannot be changed once the user exists.

  "No, you cannot update this attribute after users are created in Zinc. The userName
  attribute, which maps to user email addresses, is the unique identifier for Zinc
  users." (Troubleshooting Okta Active Directory Sync)

  "SCIM usernames must be in an email format, and this single value is used as
  username, email, and primary email in Zinc." (Troubleshooting Okta Active Directory Sync)

  The documents do not say how a refusal looks on the wire. The reference answers with
  RFC 7644's own words: 400 with scimType "mutability" for a change of userName, 400 with
  scimType "invalidValue" for a userName that is not an email address.

  Okta's SPEC test: "Required Test: Username Case Sensitivity Check"
  (docs/okta-protocol.md §9.1 step 9).

  @ZN-17 @documented
  Scenario: Okta cannot change a user's userName in Zinc
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    When Okta changes Alice's username to "{Alicia.userName}"
    Then Okta has a failed task saying "Errors reported by remote server"
    And Alice's userName in Zinc is "{Alice.userName}"
    And Alicia is not in Zinc

  @ZN-17 @inferred
  Scenario: A PUT that changes userName is refused and changes nothing
    Given Zinc has a user Alice Smith
    When I PUT Alice back to Zinc with userName set to "{Alicia.userName}"
    Then the response is a SCIM error 400 with scimType "mutability"
    And Alice's userName in Zinc is "{Alice.userName}"
    And Alice's emails.0.value in Zinc is "{Alice.userName}"

  @ZN-17 @inferred
  Scenario: A PATCH that changes userName is refused and changes nothing
    Given Zinc has a user Alice Smith
    When I send PATCH /Users/{Alice.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"userName": "{Alicia.userName}"}}]}
      """
    Then the response is a SCIM error 400 with scimType "mutability"
    And Alice's userName in Zinc is "{Alice.userName}"

  @ZN-17 @inferred
  Scenario: A PUT that changes the email is refused and changes nothing
    Given Zinc has a user Alice Smith
    When I PUT Alice back to Zinc with emails set to [{"value": "{Alicia.userName}", "type": "work", "primary": true}]
    Then the response is a SCIM error 400 with scimType "mutability"
    And Alice's userName in Zinc is "{Alice.userName}"
    And Alice's emails in Zinc has 1 item
    And Alice's emails.0.value in Zinc is "{Alice.userName}"

  @ZN-17 @inferred
  Scenario: A PATCH that changes the email is refused and changes nothing
    Given Zinc has a user Alice Smith
    When I send PATCH /Users/{Alice.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "emails",
                       "value": [{"value": "{Alicia.userName}", "type": "work", "primary": true}]}]}
      """
    Then the response is a SCIM error 400 with scimType "mutability"
    And Alice's userName in Zinc is "{Alice.userName}"
    And Alice's emails in Zinc has 1 item
    And Alice's emails.0.value in Zinc is "{Alice.userName}"

  @ZN-17 @inferred
  Scenario: A PATCH without a path that changes the email is refused and changes nothing
    Given Zinc has a user Alice Smith
    When I send PATCH /Users/{Alice.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"emails": [{"value": "{Alicia.userName}", "type": "work", "primary": true}]}}]}
      """
    Then the response is a SCIM error 400 with scimType "mutability"
    And Alice's userName in Zinc is "{Alice.userName}"
    And Alice's emails in Zinc has 1 item
    And Alice's emails.0.value in Zinc is "{Alice.userName}"

  @ZN-18 @documented
  Scenario: A userName that is not an email address is refused
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "carol.jones", "name": {"givenName": "Carol", "familyName": "Jones"}, "active": true}
      """
    Then the response is a SCIM error 400 with scimType "invalidValue"

  @ZN-18 @documented
  Scenario: Okta's admin sees why a userName that is not an email address was refused
    Given Okta has a user Alice Smith with the username "alice.smith"
    When Okta assigns Alice to the app
    Then Okta has a failed task saying "Errors reported by remote server"
    And Okta's failed task shows Zinc's error detail
    And Alice is not in Zinc

  @ZN-18 @inferred
  Scenario: A userName longer than an email address can be is refused, and nothing is stored
    An address is at most 254 octets (RFC 5321 section 4.5.3.1.3); this one is 255, with a
    64-octet local part and labels of 63 octets, so only its length is wrong.
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com",
       "name": {"givenName": "Carol", "familyName": "Jones"}, "active": true}
      """
    Then the response is a SCIM error 400 with scimType "invalidValue"
    When I send GET /Users?filter=userName eq "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com"
    Then the response is a ListResponse of 0 resources

  @ZN-18 @documented
  Scenario: The userName is the only email, and it is primary
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Carol.userName}", "name": {"givenName": "Carol", "familyName": "Jones"},
       "emails": [{"value": "carol.at.home@example.net", "type": "home", "primary": true},
                  {"value": "{Carol.userName}", "type": "work"}],
       "active": true}
      """
    Then the response status is 201
    And the response's emails has 1 item
    And the response's emails.0.value is "{Carol.userName}"
    And the response's emails.0.primary is true
    And Carol's emails in Zinc has 1 item

  @ZN-17 @inferred
  Scenario: The User schema says that userName and the email cannot change
    When I send GET /Schemas/urn:ietf:params:scim:schemas:core:2.0:User
    Then the response status is 200
    And the response's attributes contains {"name": "userName", "mutability": "immutable"}
    And the response's attributes contains {"name": "emails", "mutability": "readOnly"}
