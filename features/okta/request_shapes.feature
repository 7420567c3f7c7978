Feature: Every shape of Okta's requests
  What Okta sends differs by era and app setting (docs/okta-protocol.md §11): a full
  membership push replaces members by path or inside a path-less value with the group's
  id and name; creates carry locale as en-US, as en_US or not at all; lookups encode
  spaces as %20 or as +. Each outline runs once per variant, from the variant's source;
  an app must survive every one of them, since it cannot choose which Okta it meets.

  "Using scimgateway 4.4.5 with the Okta replace request with empty members"
  (jelhub/scimgateway#113, 2024-02; docs/okta-protocol.md §11.2)

  @OK-04 @okta-doc @variants @create-users
  Scenario Outline: Okta's create reaches the app in the <variant> shape
    Given Okta sends the "<variant>" request shape
    And Okta has a user Alice Smith
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And Okta's last request's <check>
    And the app has exactly one user for Alice
    And Alice is active in the app
    And Alice's name.familyName in the app is "Smith"

    Examples:
      | variant         | check                       |
      | locale-en-US    | locale is "en-US"           |
      | locale-en_US    | locale is "en_US"           |
      | locale-unmapped | locale is absent            |
      | query-percent20 | userName is "{Alice.userName}" |
      | query-plus      | userName is "{Alice.userName}" |

  @OK-13 @okta-doc @variants @create-users
  Scenario Outline: Okta's lookup finds a user the app already has, in the <variant> shape
    Given Okta sends the "<variant>" request shape
    And the app has a user Bob Jonas
    And the app has a user Alice Smyth
    And Okta has a user Alice Smith
    When Okta assigns Alice to the app
    Then Okta has no failed tasks
    And the app has exactly one user for Alice
    And Alice keeps the same app id
    And Alice's name.familyName in the app is "Smith"

    Examples:
      | variant         |
      | query-percent20 |
      | query-plus      |

  @OK-32 @okta-doc @oin @variants @create-users @push-groups
  Scenario Outline: Push Now replaces the app group's members in the <variant> shape
    Given Okta sends the "<variant>" request shape
    And Okta has a user Alice Smith
    And Okta has a user Bob Jones
    And Okta has a user Carol Brown
    And Okta assigns Alice, Bob and Carol to the app
    And Okta has a group "Engineering" with Alice and Bob
    And Okta pushes the group "Engineering"
    And Okta's app setting "Push group memberships immediately" is off
    And Okta adds Carol to the group "Engineering"
    And Okta removes Alice from the group "Engineering"
    When Okta pushes the group "Engineering" now
    Then Okta has no failed tasks
    And Okta's first request's Operations.0.<member path>
    And the app group "Engineering" has exactly the members Bob and Carol
    And the app group "Engineering" is named "Engineering"

    Examples:
      | variant         | member path                        |
      | full-push-path  | path is "members"                  |
      | full-push-value | value.displayName is "{Engineering.displayName}" |

  @OK-32 @okta-doc @oin @variants @create-users @push-groups
  Scenario Outline: Push Now of an emptied group empties the app group in the <variant> shape
    Given Okta sends the "<variant>" request shape
    And Okta has a user Alice Smith
    And Okta assigns Alice to the app
    And Okta has a group "Engineering" with Alice
    And Okta pushes the group "Engineering"
    And Okta's app setting "Push group memberships immediately" is off
    And Okta removes Alice from the group "Engineering"
    When Okta pushes the group "Engineering" now
    Then Okta has no failed tasks
    And the app group "Engineering" has exactly the members nobody
    And the app group "Engineering" is named "Engineering"

    Examples:
      | variant         |
      | full-push-path  |
      | full-push-value |
