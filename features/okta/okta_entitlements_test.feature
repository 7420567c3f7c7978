@entitlements-test @entitlements
Feature: Okta's SCIM 2.0 Entitlements test
  The one request of "Okta SCIM 2.0 Entitlements Test" (Okta-SCIM-20-Entitlements-Test.json,
  2025-11), which Okta asks of apps that submit entitlement management, run once per
  entitlement endpoint ("Duplicate the request for multiple Entitlement Endpoints"), with
  its headers and assertions (docs/okta-entitlements-and-schema.md §3), on the endpoints
  /ResourceTypes names for Okta's Entitlement and Role schemas; a last scenario
  runs it on two values, so that a server that ignores count shows. Its SPEC and CRUD
  siblings are okta_spec_test.feature and okta_crud_test.feature.

  The test "asserts: status 200; Resources not empty; schemas has
  urn:ietf:params:scim:api:messages:2.0:ListResponse; startIndex is a number; itemsPerPage
  equals 1; totalResults is a number."

  Background:
    Given requests carry the header "User-Agent: OKTA SCIM Integration"
    And requests carry the header "Accept-Charset: utf-8"
    And requests carry the header "Accept: application/scim+json"
    And requests carry the header "Content-Type: application/scim+json; charset=utf-8"

  @OK-25 @okta-doc
  Scenario Outline: Entitlements test: GET the <kind> endpoint?count=1&startIndex=1
    Given the target lists at least 1 value at the <kind> endpoint
    When I send GET {<kind>.endpoint}?count=1&startIndex=1
    Then the response status is 200
    And the response's Resources is not empty
    And the response's schemas contains "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    And the response's startIndex is a number
    And the response's itemsPerPage is 1
    And the response's totalResults is a number

    Examples:
      | kind        |
      | Entitlement |
      | Role        |

  @OK-25 @okta-doc
  Scenario Outline: Entitlements test on two values: GET the <kind> endpoint?count=1&startIndex=1 answers one
    Given the target lists at least 2 values at the <kind> endpoint
    When I send GET {<kind>.endpoint}?count=1&startIndex=1
    Then the response status is 200
    And the response's itemsPerPage is 1
    And the response's Resources has 1 item

    Examples:
      | kind        |
      | Entitlement |
      | Role        |
