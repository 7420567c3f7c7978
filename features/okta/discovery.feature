@spec-legacy @users
Feature: Discovery endpoints
  Okta's provisioning does not read /ServiceProviderConfig, /Schemas or /ResourceTypes,
  but its SPEC tests of 2016 to 2019 began with six optional discovery tests. Where a
  server has these endpoints, they are well formed and refuse POST with 405
  (docs/okta-protocol.md §9.2, §10.2).

  "Optional discovery tests: GET /ServiceProviderConfig (200; schemas has
  urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig …); POST
  /ServiceProviderConfig body "test" → 405; GET /ResourceTypes; POST /ResourceTypes →
  405; GET /Schemas; POST /Schemas → 405." (Okta SCIM 2.0 SPEC Test, 2016 to 2019)

  @OK-17 @okta-doc
  Scenario: ServiceProviderConfig describes what the server supports
    Given the target serves /ServiceProviderConfig
    When I send GET /ServiceProviderConfig
    Then the response status is 200
    And the response's schemas contains "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    And the response's patch.supported is a boolean
    And the response's bulk.supported is a boolean
    And the response's bulk.maxOperations is a number
    And the response's bulk.maxPayloadSize is a number
    And the response's filter.supported is a boolean
    And the response's filter.maxResults is a number
    And the response's changePassword.supported is a boolean
    And the response's sort.supported is a boolean
    And the response's etag.supported is a boolean
    And the response's authenticationSchemes.0.type is not empty
    And the response's authenticationSchemes.0.description is not empty

  @OK-17 @okta-doc
  Scenario: ResourceTypes lists the resource types
    Given the target serves /ResourceTypes
    When I send GET /ResourceTypes
    Then the response is a ListResponse
    And the response's Resources.0.name is not empty
    And the response's Resources.0.endpoint is not empty
    And the response's Resources.0.schema is not empty

  @OK-17 @okta-doc
  Scenario: Schemas lists the schemas
    Given the target serves /Schemas
    When I send GET /Schemas
    Then the response is a ListResponse
    And the response's Resources.0.id is not empty
    And the response's Resources.0.attributes is not empty

  @OK-17 @okta-doc
  Scenario Outline: A discovery endpoint refuses POST with 405 (<endpoint>)
    Given the target serves /<endpoint>
    When I send POST /<endpoint> with:
      """
      test
      """
    Then the response status is 405

    Examples:
      | endpoint              |
      | ServiceProviderConfig |
      | ResourceTypes         |
      | Schemas               |
