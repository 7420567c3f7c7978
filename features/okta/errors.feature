Feature: Errors Okta can show
  The app answers errors with the SCIM Error schema. Okta puts the detail in front of
  the admin: "<reason>. Errors reported by remote server: <detail>"; an error body that
  is not JSON becomes a parse error instead.

  "Automatic provisioning of user <u> to app <a> failed: Error while creating user <u>:
  Conflict. Errors reported by remote server: <detail>"
  (Okta KB on provisioning errors; Okta and SCIM Version 2.0; docs/okta-protocol.md §8.1,
  §8.2)

  Okta's SPEC test: "Required Test: Test invalid User by ID: 404; detail not empty"
  (docs/okta-protocol.md §9.1 step 4).

  @OK-07 @okta-doc
  Scenario Outline: An unknown <resource> id is a 404 SCIM error
    When I send GET /<resource>/010101001010101011001010101011
    Then the response is a SCIM error 404
    And the response's detail is not empty

    @users
    Examples:
      | resource |
      | Users    |

    @push-groups
    Examples:
      | resource |
      | Groups   |

  @OK-15 @okta-doc @create-users
  Scenario: The app's error detail reaches the Okta admin
    Another system (a SAML just-in-time login, say) creates Alice between Okta's lookup,
    which misses her, and Okta's create: every SCIM server must refuse that create with 409
    (RFC 7644 §3.3), and Okta shows the error to its admin.

    Given Okta has a user Alice Smith
    And Alice is created over SCIM between Okta's lookup and its create
    When Okta assigns Alice to the app
    Then Okta has a failed task saying "Errors reported by remote server"
    And Okta's failed task shows the app's error detail
    And the app has exactly one user for Alice
