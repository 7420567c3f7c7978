@entitlements
Feature: Entitlement management
  Okta's entitlement management reads an app's entitlements and roles over SCIM: it
  discovers their resource types in /ResourceTypes and reads every value from their
  endpoints, in Okta's own Entitlement and Role schemas; an Okta admin then grants them
  to users (docs/okta-entitlements-and-schema.md §1, §2, §4).

  "When provisioning is turned on, Okta calls /ResourceTypes, then /Schemas (only for
  extension schemas it does not already know), then the endpoint of each resource type it
  found, such as /Entitlements, /Roles or /Licenses, retrieving all values."

  "urn:okta:scim:schemas:core:1.0:Entitlement has id, displayName and type (all required)
  and an optional description of at most 1000 characters.
  urn:okta:scim:schemas:core:1.0:Role has id, displayName and an optional description."

  Users carry their grants: "a user carries its grants as entitlements ([{value, display,
  type}]) and roles ([{value, display}]), value being the id the endpoint listed."
  No source shows the request that grants them, so those scenarios are @inferred: the
  mock Okta client pushes a user's grants as it pushes a profile (GET, then PUT with both
  lists replaced), or by PATCH.

  The endpoints are the ones /ResourceTypes names for Okta's Entitlement and Role schemas,
  whatever their paths (/Entitlements, /Roles, /Licenses, /Profiles;
  docs/okta-entitlements-and-schema.md §1): a target that lists no resource type in one of those schemas skips the
  scenarios that read it. The scenarios that read the endpoints need values there: with the Admin Console API an
  app admin makes them; without it the target's own are used, and the scenarios that name
  values skip on a target that does not list them.

  @OK-23 @okta-doc
  Scenario: ResourceTypes advertises the Entitlement and Role resource types
    Given the target lists at least 1 value at the Entitlement endpoint
    When I send GET /ResourceTypes
    Then the response is a ListResponse
    And the response's Resources.#(schema=="urn:okta:scim:schemas:core:1.0:Entitlement").endpoint is not empty
    And the response's Resources.#(schema=="urn:okta:scim:schemas:core:1.0:Role").endpoint is not empty

  @OK-23 @okta-doc
  Scenario: Okta's entitlement import discovers the resource types and reads their values
    Given the app has the entitlement "Pro license" of type "License"
    And the app has the entitlement "Basic license" of type "License"
    And the app has the role "Billing admin"
    When Okta imports the entitlements
    Then Okta has no failed tasks
    And Okta's entitlement import finds "Pro license"
    And Okta's entitlement import finds "Basic license"
    And Okta's entitlement import finds "Billing admin"
    And Okta's requests began with:
      | GET | /ResourceTypes |

  @OK-24 @okta-doc
  Scenario: Entitlements are listed in Okta's Entitlement schema
    Given the target lists at least 1 value at the Entitlement endpoint
    When I send GET {Entitlement.endpoint}
    Then the response is a ListResponse
    And the response's Resources is not empty
    And the response's Resources.0.schemas contains "urn:okta:scim:schemas:core:1.0:Entitlement"
    And the response's Resources.0.id is not empty
    And the response's Resources.0.displayName is not empty
    And the response's Resources.0.type is not empty

  @OK-24 @okta-doc
  Scenario: Roles are listed in Okta's Role schema
    Given the target lists at least 1 value at the Role endpoint
    When I send GET {Role.endpoint}
    Then the response is a ListResponse
    And the response's Resources is not empty
    And the response's Resources.0.schemas contains "urn:okta:scim:schemas:core:1.0:Role"
    And the response's Resources.0.id is not empty
    And the response's Resources.0.displayName is not empty

  @OK-24 @okta-doc
  Scenario: An entitlement reads back by its id
    Given the target lists at least 1 value at the Entitlement endpoint
    And I send GET {Entitlement.endpoint}
    When I send GET {Entitlement.endpoint}/{response:Resources.0.id}
    Then the response status is 200
    And the response's schemas contains "urn:okta:scim:schemas:core:1.0:Entitlement"
    And the response's displayName is not empty
    And the response's type is not empty

  @OK-26 @inferred @create-users @update-user-attributes
  Scenario: A provisioned user keeps the entitlements and roles Okta grants
    Given the app has the entitlement "Pro license" of type "License"
    And the app has the entitlement "Basic license" of type "License"
    And the app has the role "Billing admin"
    And Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta imports the entitlements
    When Okta grants Alice the entitlement "Pro license"
    And Okta grants Alice the role "Billing admin"
    Then Okta has no failed tasks
    And Alice's entitlements in the app has 1 item
    And Alice's entitlements.0.display in the app is "Pro license"
    And Alice's entitlements.0.type in the app is "License"
    And Alice's roles in the app has 1 item
    And Alice's roles.0.display in the app is "Billing admin"
    And Okta's last request's roles.0.display is "Billing admin"

  @OK-26 @inferred @create-users @update-user-attributes
  Scenario: Revoking an entitlement takes it away from the user
    Given the app has the entitlement "Pro license" of type "License"
    And the app has the entitlement "Basic license" of type "License"
    And the app has the role "Billing admin"
    And Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta imports the entitlements
    And Okta grants Alice the entitlement "Pro license"
    And Okta grants Alice the entitlement "Basic license"
    When Okta revokes Alice the entitlement "Pro license"
    Then Okta has no failed tasks
    And Alice's entitlements in the app has 1 item
    And Alice's entitlements.0.display in the app is "Basic license"

  @OK-26 @inferred @create-users @update-user-attributes
  Scenario: Grants pushed by PATCH are kept
    Given Okta pushes grants by PATCH
    And the app has the role "Billing admin"
    And Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta imports the entitlements
    When Okta grants Alice the role "Billing admin"
    Then Okta has no failed tasks
    And Alice's roles.0.display in the app is "Billing admin"
    And Okta's last request's Operations.0.path is "entitlements"

  @OK-26 @inferred @create-users
  Scenario: A user granted an entitlement before assignment is created with it
    Given the app has the entitlement "Pro license" of type "License"
    And the app has the entitlement "Basic license" of type "License"
    And the app has the role "Billing admin"
    And Okta has a user Alice Smith
    And Okta imports the entitlements
    And Okta grants Alice the entitlement "Basic license"
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice's entitlements.0.display in the app is "Basic license"
