Feature: Chirp's members as Okta provisions them
  Chirp takes the names Okta sends as they are.

  "Usernames in Chirp are free-form: any name that no other member of the workspace has
  is accepted." "A username changed in your identity provider is changed in Chirp too;
  the member keeps its history." (Chirp Admin Guide, Provisioning with Okta, Usernames)

  "Chirp shows the display name your identity provider sends, exactly as it is sent."
  (Chirp Admin Guide, Provisioning with Okta, Profiles)

  @CH-01 @documented
  Scenario: Chirp takes a username that is not an email address
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Carol.userName}-handle", "name": {"givenName": "Carol", "familyName": "Jones"},
       "emails": [{"primary": true, "value": "{Carol.userName}", "type": "work"}], "active": true}
      """
    Then the response status is 201
    And the response's userName is "{Carol.userName}-handle"

  @CH-02 @documented
  Scenario: Chirp keeps the display name as sent
    When I send POST /Users with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{Carol.userName}", "displayName": "CJ", "name": {"givenName": "Carol", "familyName": "Jones"},
       "emails": [{"primary": true, "value": "{Carol.userName}", "type": "work"}], "active": true}
      """
    Then the response status is 201
    And the response's displayName is "CJ"

  @CH-04 @documented
  Scenario: A username changed in Okta is changed in Chirp
    Given Okta has a user Alice Smith
    And Okta assigns Alice to the app
    When Okta changes Alice's username to "{Alicia.userName}"
    Then Okta has no failed tasks
    When I send GET /Users/{Alice.id}
    Then the response status is 200
    And the response's userName is "{Alicia.userName}"
