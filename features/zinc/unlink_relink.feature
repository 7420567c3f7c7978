Feature: Unlinking a synced group in the Zinc console
  A Zinc admin can unlink a synced group: it stays in Zinc with its members, becomes
  editable in the console and stops following Okta. Over SCIM it is gone. Pushing the
  same group again creates a new Zinc group.

  "Unlinked Groups remain intact in Zinc with their current members and admins, but do
  not reflect any updates to the external directory from which they were originally
  created. After you unlink a Group, if you want to link it again, a new Zinc Group is
  created." (Troubleshooting Okta Active Directory Sync)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app
    And Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"

  @ZN-22 @documented @admin-api
  Scenario: An unlinked group stays in Zinc with its members and becomes editable
    When the Zinc admin unlinks the group "Engineering"
    Then the response status is 200
    And the console group "Engineering" shows synced false
    And the console group "Engineering" has exactly the members Alice
    And the Zinc group "Engineering" is gone from SCIM
    When the Zinc admin renames the group "Engineering" to "Eng Social" in the console
    Then the response status is 200

  @ZN-22 @documented @admin-api
  Scenario: An unlinked group no longer follows Okta
    When the Zinc admin unlinks the group "Engineering"
    And Okta adds Bob to the group "Engineering"
    Then the console group "Engineering" has exactly the members Alice

  @ZN-22 @inferred @admin-api
  Scenario: Only a synced group can be unlinked
    The documents only describe unlinking synced groups; answering 409 for a group made
    in the console is the reference's choice.

    Given the Zinc admin creates the group "Lunch" in the console
    When the Zinc admin unlinks the group "Lunch"
    Then the response status is 409

  @ZN-23 @documented @admin-api
  Scenario: Pushing an unlinked group again creates a new Zinc group
    Given the Zinc admin unlinks the group "Engineering"
    And Okta unlinks the pushed group "Engineering" and leaves it in Zinc
    When Okta pushes the group "Engineering"
    Then Okta has no failed tasks
    And the Zinc group "Engineering" has a new id
    And the Zinc group "Engineering" has exactly the members Alice
    And the earlier Zinc group "Engineering" is unchanged in the console
