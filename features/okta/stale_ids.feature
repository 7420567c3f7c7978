@create-users @push-groups
Feature: Okta's stale ids
  Okta keeps the SCIM ids the app gave it. When the app loses a user behind Okta's back (a
  database restored from a backup), Okta still sends that user's id, and a membership push then
  names one member the app knows and one it does not, in one PATCH (docs/okta-protocol.md §7.8).

  "Okta (holding stale SCIM user IDs from the previous database) pushed a group whose member IDs
  no longer existed" … "Okta does not retry" (GitHub issues fleetdm/fleet#52593 and #52600, 2026-09;
  docs/okta-protocol.md §7.8, S42).

  Either answer is consistent, and each has its consequence in Okta. The app adds the known member
  and skips the unknown id: Okta's push succeeds, and Okta believes the lost user is a member. Or
  the app refuses the whole PATCH (RFC 7644 makes it atomic): the push becomes a failed task, which
  Okta does not retry (docs/okta-protocol.md §8.2), so the known member reaches the app only when the
  admin pushes again. A success that adds nobody loses the known member without a word, and a
  refusal that adds someone leaves Okta and the app disagreeing: both fail.

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta has a user Carol Brown
    And Okta assigns Alice, Bob and Carol to the app
    And Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"

  @OK-34 @inferred @oin
  Scenario: A membership push naming a user the app lost reaches the app whole or fails whole
    Given the app has lost Bob
    When Okta adds Bob and Carol to the group "Engineering"
    Then Okta's first request's Operations contains {"op": "add", "path": "members"}
    And either the app group "Engineering" has exactly the members Alice and Carol and Okta has no failed tasks, or it has exactly the members Alice and Okta has a failed task
