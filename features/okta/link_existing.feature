@create-users
Feature: Linking users that are already in the app
  When the lookup finds the user, Okta links it instead of creating a duplicate: it
  reads the user and writes its own profile over it.

  "Okta automatically matches the result with the user in Okta and sends the user's
  application profile" (Okta and SCIM Version 2.0, Create Users; OIN test plan C9335;
  docs/okta-protocol.md §2.1, §2.5)

  The app holds another user first, so that a lookup that ignored its filter would
  hand Okta the wrong user.

  Background:
    Given the app has a user Bob Jonas
    And the app has a user Alice Smyth
    And Okta has a user Alice Smith

  @OK-13 @okta-doc
  Scenario Outline: A user already in the app is linked, not duplicated (<profile>)
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Okta sent these requests:
      | GET | /Users?filter=userName eq "{Alice.userName}"&startIndex=1&count=100 |
      | GET | /Users/{Alice.id}                                                   |
      | PUT | /Users/{Alice.id}                                                   |
    And the app has exactly one user for Alice
    And Alice keeps the same app id
    And Alice's name.familyName in the app is "Smith"
    And Bob's name.familyName in the app is "Jonas"

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |
