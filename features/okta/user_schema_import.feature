@import-user-schema
Feature: Import User Schema
  Since 2026 the OIN Wizard's "Import User Schema" reads the app's user attributes from
  /Schemas and /ResourceTypes instead of having them typed into the Profile Editor
  (docs/okta-entitlements-and-schema.md §7). The mock Okta client reads /ResourceTypes,
  then /Schemas, and lists the attributes it found, by the path Okta would map. An app
  chooses which attributes of the enterprise extension it keeps: the scenario asks for
  the ones its /Schemas describes, not for department or manager.

  "every extension that /ResourceTypes lists for User must be described in /Schemas, with
  each attribute's name and type, or Okta cannot import it."

  @OK-30 @okta-doc
  Scenario: Okta's schema import finds the core User attributes
    When Okta imports the user schema
    Then Okta has no failed tasks
    And Okta's schema import finds "userName"
    And Okta's schema import finds "name.givenName"
    And Okta's schema import finds "name.familyName"
    And Okta's requests began with:
      | GET | /ResourceTypes |
      | GET | /Schemas       |

  @OK-30 @okta-doc @enterprise-attributes
  Scenario: Okta's schema import finds the enterprise extension's attributes
    Given the target's User resource type lists the extension "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    When Okta imports the user schema
    Then Okta has no failed tasks
    And Okta's schema import finds the attributes of "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

  @OK-30 @okta-doc @custom-attributes
  Scenario: Okta's schema import finds the custom extension's attributes
    Given the target's User resource type lists the extension "urn:scimharness:schemas:extension:zinc:1.0:User"
    When Okta imports the user schema
    Then Okta has no failed tasks
    And Okta's schema import finds "urn:scimharness:schemas:extension:zinc:1.0:User:officeLocation"
    And Okta's schema import finds "urn:scimharness:schemas:extension:zinc:1.0:User:badgeNumber"

  @OK-30 @okta-doc @custom-attributes
  Scenario: The Schemas endpoint describes each custom attribute with its type
    Given the target's User resource type lists the extension "urn:scimharness:schemas:extension:zinc:1.0:User"
    When I send GET /Schemas/urn:scimharness:schemas:extension:zinc:1.0:User
    Then the response status is 200
    And the response's attributes.#(name=="officeLocation").type is "string"
