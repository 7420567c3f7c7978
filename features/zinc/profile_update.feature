Feature: Pushing profile updates
  Okta reads the user (GET /Users/{id}), writes its profile over what it read and
  sends the whole user back with PUT /Users/{id}, Zinc's own id and meta included.

  "Updates made to the user's profile through OKTA will be pushed to the third party
  application." (Configuring Provisioning for Zinc, Push Profile Updates)

  "PUT /scim/v2/Users/{id} with the retrieved object, changed attributes modified"
  (docs/okta-protocol.md §4.1).

  Background:
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app

  @ZN-02 @documented
  Scenario Outline: A new first name in Okta reaches Zinc (<profile>)
    When Okta changes Alice's first name to "Alicia"
    Then Okta has no failed tasks
    And Okta sent these requests:
      | GET | /Users/{Alice.id} |
      | PUT | /Users/{Alice.id} |
    And Alice's name.givenName in Zinc is "Alicia"
    And Alice's name.familyName in Zinc is "Smith"

    @oin
    Examples:
      | profile |
      | OIN     |

    @aiw
    Examples:
      | profile |
      | AIW     |

  @ZN-02 @documented
  Scenario: A new last name in Okta reaches Zinc
    When Okta changes Alice's last name to "Jones"
    Then Okta has no failed tasks
    And Alice's name.familyName in Zinc is "Jones"
