Feature: When the app loses what Okta links
  Okta keeps the SCIM id of every user and group it provisioned and builds every later request
  from it (docs/okta-protocol.md §12.1): "the unique ID for an object on the SCIM server is linked
  to an Okta profile and that is how Okta tracks any updates". When the app loses a user or a
  group (a database restored from a backup made before it existed, a record deleted in the app),
  Okta still sends the old id. The app must answer so that Okta shows the admin a task; an answer
  that hides the loss lets the two diverge silently. The harness plays the loss with a DELETE over
  the app's own SCIM API, so these scenarios run against any target.

  For a lost group, Okta's help says what to do when "A group has been deleted directly from the
  target app": delete the pushed group, leave the group in the target app, and push it again
  (docs/okta-protocol.md §12.3). The Group Push mapping shows the failure in ERROR until then.

  A push that names a member the app lost is OK-34's (docs/okta-protocol.md §7.8).

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app

  @OK-40 @okta-doc @create-users @update-user-attributes
  Scenario: Okta's profile push of a user the app lost becomes a task with the app's 404
    When the app loses Alice
    And Okta changes Alice's first name to "Alicia"
    Then Okta has a failed task saying "Error while updating user Alicia Smith: Not Found"
    And Okta's failed task shows the app's error detail
    And Okta's requests began with:
      | GET | /Users/{Alice.id} |

  @OK-40 @okta-doc @create-users @import-users
  Scenario: Okta's user import counts a user the app lost as removed
    When the app loses Alice
    And Okta imports the users
    Then Okta's user import reports 1 user removed
    And Okta's user import finds Bob
    And Okta's user import does not find Alice

  @OK-41 @okta-doc @create-users @push-groups
  Scenario: A membership push to a group the app lost puts the push in ERROR, and pushing it again recovers
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When the app loses the group "Engineering"
    And Okta adds Bob to the group "Engineering"
    Then Okta's push of the group "Engineering" is in ERROR, saying "Unable to update Group Push mapping target App group {Engineering.displayName}: Error while updating group {Engineering.displayName}: Not Found"
    When Okta unlinks the pushed group "Engineering" and leaves it in the app
    And Okta pushes the group "Engineering"
    Then Okta's push of the group "Engineering" is active
    And the app group "Engineering" has exactly the members Alice and Bob

  @OK-41 @okta-doc @create-users @push-groups
  Scenario: Retrying a push in ERROR without fixing its cause fails again
    Given Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    When the app loses the group "Engineering"
    And Okta adds Bob to the group "Engineering"
    And Okta retries the push of the group "Engineering"
    Then Okta's push of the group "Engineering" is in ERROR, saying "Not Found"
    And Okta has a failed task saying "Error while updating group {Engineering.displayName}: Not Found"
