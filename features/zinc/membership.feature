Feature: Group membership
  Okta pushes membership changes of a pushed group: OIN apps PATCH the group (add
  "members" with value and display, remove members[value eq "…"]), AIW apps PUT the
  group with its full members list. Every OIN membership PATCH also carries the
  group's id and displayName (docs/okta-protocol.md §7.5, §7.6).

  "Add users to groups" "Update Groups in Zinc"
  (Configuring Provisioning for Zinc, Features)

  "Before moving users in and out of groups in OKTA, ensure that all provisioning rules
  are disabled to avoid deactivating a user from Zinc."
  (Configuring Provisioning for Zinc, Push Groups)

  "The group name update operation is triggered each time there's a group membership
  update operation" (docs/okta-protocol.md §7.5)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta has a user Carol Brown
    And Okta assigns Alice, Bob and Carol to the app
    And Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"

  @ZN-10 @ZN-08 @documented
  Scenario Outline: Members added and removed in Okta are added and removed in Zinc (<profile>)
    When Okta adds Carol to the group "Engineering"
    And Okta removes Bob from the group "Engineering"
    Then Okta has no failed tasks
    And the Zinc group "Engineering" has exactly the members Alice and Carol

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @ZN-10 @okta-doc
  Scenario: Removing one member by value filter keeps the others
    When I send PATCH /Groups/{Engineering.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{Bob.id}\"]"}]}
      """
    Then the response status is 200 or 204
    And the Zinc group "Engineering" has exactly the members Alice

  @ZN-11 @documented
  Scenario: Taking a user out of the group that assigns the app deactivates it in Zinc
    Given Okta has a user Dave Green
    And Okta has a group "Everyone" with Dave
    And Okta assigns the app to the group "Everyone"
    And Dave is active in Zinc
    When Okta removes Dave from the group "Everyone"
    Then Dave is inactive in Zinc
