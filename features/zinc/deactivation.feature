Feature: Pushing user deactivation
  Deactivating a user in Okta, or taking the app away from it, deactivates it in Zinc.
  OIN apps send PATCH with {"active": false} and no path; AIW apps send the whole user
  back with PUT. Okta never deletes a user (docs/okta-protocol.md §5.1, §5.2, §5.6).

  "Deactivating the user or disabling the user's access to the application through
  OKTA will deactivate the user in Zinc organization."

  "Note: For this application, deactivating a user means removing a user from the
  organization and all groups the user was a part of."
  (Configuring Provisioning for Zinc, Push User Deactivation)

  "In Zinc, users cannot be deactivated. This means that when you deactivate users in
  your directory, they are removed from your Zinc instance, and are recreated in Zinc
  when you reactivate them in your directory. Therefore, deactivated users in your Okta
  directory do not appear in the Zinc Admin Console."
  (Troubleshooting Okta Active Directory Sync, My deactivated users are not in the Zinc
  application directory.)

  OIN's deactivation: "No path; the value is an object of attributes to replace"
  (docs/okta-protocol.md §5.1). "Okta doesn't perform DELETE operations on User
  objects" (docs/okta-protocol.md §5.6).

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app

  @ZN-03 @documented
  Scenario Outline: Deactivating a user in Okta deactivates it in Zinc (<profile>)
    When Okta deactivates Alice
    Then Okta has no failed tasks
    And Alice is inactive in Zinc
    And Bob is active in Zinc

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @ZN-03 @documented
  Scenario Outline: Unassigning the app deactivates the user in Zinc (<profile>)
    When Okta unassigns Alice from the app
    Then Okta has no failed tasks
    And Alice is inactive in Zinc

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @ZN-03 @inferred
  Scenario: A PATCH that removes active deactivates the user
    Okta never sends it. RFC 7644 section 3.5.2.2 makes a removed attribute unassigned,
    and /Schemas lists active as optional and writable. Zinc has no third state: an
    unassigned active reads as false, so the user is deactivated, with all that follows.
    Given Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"
    When I send PATCH /Users/{Alice.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "active"}]}
      """
    Then the response status is 200
    And the response's active is false
    And Alice is inactive in Zinc
    And Bob is active in Zinc

  @ZN-04 @inferred
  Scenario: A PATCH that removes active takes the user out of every group
    The deactivation that a removed active is (above) removes the user from every group,
    as Okta's deactivation does.
    Given Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"
    When I send PATCH /Users/{Alice.id} with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "active"}]}
      """
    Then the response status is 200
    And Alice is in no Zinc group
    And the Zinc group "Engineering" has exactly the members Bob

  @ZN-04 @documented
  Scenario Outline: A deactivated user leaves every group (<profile>)
    Given Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"
    When Okta deactivates Alice
    Then Alice is in no Zinc group
    And the Zinc group "Engineering" has exactly the members Bob

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @ZN-04 @ZN-24 @documented @admin-api
  Scenario: A deactivated user leaves the console's Users section
    Given the Zinc console lists Alice in Users
    When Okta deactivates Alice
    Then the Zinc console does not list Alice in Users
    And the Zinc console lists Bob in Users

  @ZN-04 @inferred
  Scenario: A deactivated user can still be read by its id, inactive
    The documents say a deactivated user is removed from the organization. Okta's own
    CRUD test reads it back with GET /Users/{id} and expects 200 with "active": false,
    so the reference keeps it readable under the same id, outside every group and the
    Users section.

    When Okta deactivates Alice
    And I send GET /Users/{Alice.id}
    Then the response status is 200
    And the response's active is false
    And the response's id is "{Alice.id}"

  @ZN-04 @documented
  Scenario: Okta's import does not pick up a deactivated user
    Given Okta deactivates Alice
    When Okta imports the users
    Then Okta's user import finds Bob
    And Okta's user import does not find Alice
