Feature: Linking users that are already in Zinc
  When the lookup finds the user, Okta links it instead of creating a duplicate: it
  reads the user and writes its own profile over it.

  "Okta automatically matches the result with the user in Okta and sends the user's
  application profile" (Okta and SCIM Version 2.0, Create Users; OIN test plan C9335;
  docs/okta-protocol.md §2.1, §2.5)

  Zinc holds another user first, so that a lookup that ignored its filter would
  hand Okta the wrong user.

  Background:
    Given Zinc has a user Bob Jonas
    And Zinc has a user Alice Smyth
    And Okta has a user Alice Smith

  @OK-13 @okta-doc
  Scenario Outline: A user already in Zinc is linked, not duplicated (<profile>)
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Okta sent these requests:
      | GET | /Users?filter=userName eq "{Alice.userName}"&startIndex=1&count=100 |
      | GET | /Users/{Alice.id}                                                   |
      | PUT | /Users/{Alice.id}                                                   |
    And Zinc has exactly one user for Alice
    And Alice keeps the same Zinc id
    And Alice's name.familyName in Zinc is "Smith"
    And Bob's name.familyName in Zinc is "Jonas"

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |
