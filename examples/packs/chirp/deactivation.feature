Feature: Deactivation in Chirp
  Chirp deactivates a member Okta deactivates, and keeps its channels (groups).

  "Deactivated members keep their channel memberships, so that a reactivated member
  finds every channel as it left it." (Chirp Admin Guide, Provisioning with Okta,
  Deactivation)

  Background:
    Given Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta assigns Alice and Bob to the app
    And Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"

  @CH-03 @documented
  Scenario: A deactivated member keeps its channels
    When Okta deactivates Alice
    Then Okta has no failed tasks
    And Alice is inactive in Chirp
    And the Chirp group "Engineering" has exactly the members Alice and Bob

  @CH-03 @documented
  Scenario: A reactivated member is back in its channels
    Given Okta deactivates Alice
    When Okta reactivates Alice
    And Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Alice is active in Chirp
    And the Chirp group "Engineering" has exactly the members Alice and Bob
