@create-users
Feature: Enterprise and custom extension attributes
  An Okta admin maps profile attributes to the enterprise extension and, in apps that
  take them, to custom extension schemas; Okta sends them nested under their URN, which
  it lists in schemas, and the app keeps and returns them the same way
  (docs/okta-entitlements-and-schema.md §5, §6).

  "the OIN SCIM template accepts the namespaces urn:ietf:params:scim:schemas:core:2.0:User
  and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

  Custom extensions are those of the User resource type: "Okta takes the core user
  attributes from the urn:ietf:params:scim:schemas:core:2.0:User schema of /Schemas, and
  the extension attributes from the schemas listed under the User resource type in
  /ResourceTypes". The scenarios use the reference server's custom extension, and the
  enterprise extension, and skip on a target whose /ResourceTypes does not list the one
  they need (or does not serve /ResourceTypes).

  Emptying a value: "the manual test plan's case C9337, "Verify Update To Push Empty
  Values": an update that pushes empty values must cause no errors." How Okta sends an
  emptied attribute is not documented: an empty string by default; null, or leaving it out
  of the PUT, are @inferred variants. The app may then leave the attribute out of the user
  or return it empty: "a later GET does not return the attribute (or returns it empty)".

  @OK-27 @okta-doc @enterprise-attributes
  Scenario: Enterprise attributes Okta maps are kept under their URN
    Given the target's User resource type lists the extension "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    And Okta has a user Alice Smith
    And Okta changes Alice's urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department to "R&D"
    And Okta changes Alice's urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber to "4242"
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice's urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.department in the app is "R&D"
    And Alice's urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.employeeNumber in the app is "4242"
    And Alice's schemas in the app contains "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

  @OK-27 @okta-doc @enterprise-attributes @update-user-attributes
  Scenario: An enterprise attribute changed in Okta reaches the app
    Given the target's User resource type lists the extension "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    And Okta has a user Alice Smith
    And Okta changes Alice's urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department to "R&D"
    And Okta assigns Alice to the app
    When Okta changes Alice's urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department to "Sales"
    Then Okta has no failed tasks
    And Alice's urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.department in the app is "Sales"

  @OK-28 @okta-doc @custom-attributes
  Scenario: Custom extension attributes are kept under their URN
    Given the target's User resource type lists the extension "urn:scimharness:schemas:extension:zinc:1.0:User"
    And Okta has a user Alice Smith
    And Okta changes Alice's urn:scimharness:schemas:extension:zinc:1.0:User:officeLocation to "Paris"
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice's urn:scimharness:schemas:extension:zinc:1\.0:User.officeLocation in the app is "Paris"
    And Alice's schemas in the app contains "urn:scimharness:schemas:extension:zinc:1.0:User"

  @OK-28 @okta-doc @custom-attributes @update-user-attributes
  Scenario: A custom attribute changed in Okta reaches the app
    Given the target's User resource type lists the extension "urn:scimharness:schemas:extension:zinc:1.0:User"
    And Okta has a user Alice Smith
    And Okta changes Alice's urn:scimharness:schemas:extension:zinc:1.0:User:badgeNumber to "B-7"
    And Okta assigns Alice to the app
    When Okta changes Alice's urn:scimharness:schemas:extension:zinc:1.0:User:badgeNumber to "B-8"
    Then Okta has no failed tasks
    And Alice's urn:scimharness:schemas:extension:zinc:1\.0:User.badgeNumber in the app is "B-8"

  @OK-29 @okta-doc @enterprise-attributes @update-user-attributes
  Scenario: An emptied value is accepted and clears the attribute
    Given the target's User resource type lists the extension "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    And Okta has a user Alice Smith
    And Okta changes Alice's urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department to "R&D"
    And Okta assigns Alice to the app
    When Okta changes Alice's urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department to ""
    Then Okta has no failed tasks
    And Okta's last request's urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.department is ""
    And Alice's urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.department in the app is absent or empty

  @OK-29 @inferred @custom-attributes @update-user-attributes
  Scenario Outline: An emptied value sent as <form> clears the attribute
    Given Okta sends emptied values as <form>
    And the target's User resource type lists the extension "urn:scimharness:schemas:extension:zinc:1.0:User"
    And Okta has a user Alice Smith
    And Okta changes Alice's urn:scimharness:schemas:extension:zinc:1.0:User:officeLocation to "Paris"
    And Okta assigns Alice to the app
    When Okta changes Alice's urn:scimharness:schemas:extension:zinc:1.0:User:officeLocation to ""
    Then Okta has no failed tasks
    And Alice's urn:scimharness:schemas:extension:zinc:1\.0:User.officeLocation in the app is absent or empty

    Examples:
      | form              |
      | null              |
      | absent attributes |
